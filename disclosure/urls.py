from django.urls import path

from disclosure.accessibility import preferences, shortcuts
from disclosure.applications import public_views as applications
from disclosure.opendata import guide
from disclosure.public import downloads, feedback, feeds, overview, publication_status, site_map, views

app_name = "disclosure"

urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.column, name="column"),
    path("reports/<int:year>/<slug:body>/", views.report, name="report"),
    path("reports/preview/<int:report_id>/", views.preview, name="preview"),
    path("reports/<int:year>/<slug:body>/tables.csv", downloads.tables_csv, name="report_tables_csv"),
    path("sitemap/", site_map.index, name="site_map"),
    path("sitemap/<int:year>/", site_map.year, name="site_map_year"),
    path("sitemap/<int:year>/<slug:area>/", site_map.area, name="site_map_area"),
    path("search/", views.search, name="search"),
    path("feeds/reports.rss", feeds.rss, name="feed_rss"),
    path("feeds/reports.atom", feeds.atom, name="feed_atom"),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("feedback/", feedback.feedback, name="feedback"),
    path("feedback/thanks/", feedback.thanks, name="feedback_thanks"),
    path("preferences/", preferences.set_preference, name="preference"),
    path("accessibility/", shortcuts.statement, name="a11y_statement"),
    path("accessibility/help/", shortcuts.help_page, name="a11y_help"),
    path("reports/deadlines/", publication_status.latest, name="deadlines_latest"),
    path("reports/deadlines/<int:year>/", publication_status.overview, name="deadlines"),
    path("reports/overview/", overview.latest, name="overview_latest"),
    path("reports/overview/<int:year>/", overview.page, name="overview"),
    path("reports/overview/<int:year>/overview.csv", overview.csv_download, name="overview_csv"),
    path("reports/<int:year>/<slug:body>/download.<str:kind>", downloads.download, name="download"),
    path("opendata/", guide.page, name="opendata"),
    path("applications/", applications.guide, name="applications"),
    path("applications/apply/", applications.apply, name="applications_apply"),
    path("applications/apply/submitted/", applications.submitted, name="applications_submitted"),
    path("applications/status/", applications.status, name="applications_status"),
    path("applications/statistics/", applications.statistics_index, name="applications_statistics"),
    path(
        "applications/statistics/<slug:body>/<int:year>/",
        applications.statistics_page,
        name="applications_statistics_year",
    ),
]
