from django.urls import path

from . import accessibility, deadline_views, downloads, feedback, opendata, preferences, views
from .tablecsv import download as tables_csv

app_name = "disclosure"

urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.column, name="column"),
    path("reports/<int:year>/<slug:body>/", views.report, name="report"),
    path("reports/preview/<int:report_id>/", views.preview, name="preview"),
    path("reports/<int:year>/<slug:body>/tables.csv", tables_csv, name="report_tables_csv"),
    path("sitemap/", views.site_map, name="site_map"),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("feedback/", feedback.feedback, name="feedback"),
    path("feedback/thanks/", feedback.thanks, name="feedback_thanks"),
    path("preferences/", preferences.set_preference, name="preference"),
    path("accessibility/", accessibility.statement, name="a11y_statement"),
    path("accessibility/help/", accessibility.help_page, name="a11y_help"),
    path("reports/deadlines/", deadline_views.latest, name="deadlines_latest"),
    path("reports/deadlines/<int:year>/", deadline_views.overview, name="deadlines"),
    path("reports/<int:year>/<slug:body>/download.<str:kind>", downloads.download, name="download"),
    path("opendata/", opendata.page, name="opendata"),
]
