from django.urls import path

from . import feedback, preferences, views

app_name = "disclosure"

urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.column, name="column"),
    path("reports/<int:year>/<slug:body>/", views.report, name="report"),
    path("sitemap/", views.site_map, name="site_map"),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("feedback/", feedback.feedback, name="feedback"),
    path("feedback/thanks/", feedback.thanks, name="feedback_thanks"),
    path("preferences/", preferences.set_preference, name="preference"),
]
