"""The API's addresses (/api/v1/…): the reports (api.py), a body's application statistics and a year's overview."""

from django.urls import path

from disclosure.opendata import api, applications, overview

app_name = "api"
urlpatterns = [
    path("schema/disclosure-report-1.json", api.schema_document, name="schema"),
    path("reports/", api.reports, name="reports"),
    path("reports/<int:year>/<slug:body>/", api.report, name="report"),
    path("applications/<slug:body>/<int:year>/", applications.year_statistics, name="applications"),
    path("overview/<int:year>/", overview.year_overview, name="overview"),
]
