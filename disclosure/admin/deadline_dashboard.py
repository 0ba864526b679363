"""年报发布期限一览: which body has published its report for a year, on time or late, and which has not.

Not a ModelAdmin: it lists bodies, not one model's rows. portal/urls.py mounts it before the admin's own
URLs, wrapped in admin.site.admin_view (staff only, login redirect). The rules are deadlines.py's.
"""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils import timezone

from disclosure.models import Body, Report
from disclosure.publishing import deadlines, workflow

KIND_LABELS = {Body.Kind.DEPARTMENT: "政府部门", Body.Kind.GOVERNMENT: "人民政府"}


def _years(today):
    """Every year with a working copy, and at least last year and this year (reports in progress)."""
    first = Report.objects.order_by("year").values_list("year", flat=True).first()
    latest = deadlines.default_year(today)
    return list(range(today.year, min(first or latest, latest) - 1, -1))


def _chosen_year(value, years, today):
    """An unknown or missing year falls back to last year rather than failing: the picker offers the rest."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return deadlines.default_year(today)
    return year if year in years else deadlines.default_year(today)


def _situation(standing):
    """情况, in words: late and missing rows are read as such, not recognised by a colour alone."""
    if standing.state == deadlines.PUBLISHED_ON_TIME:
        return "已按时发布"
    if standing.state == deadlines.PUBLISHED_LATE:
        return f"逾期{standing.days_late}天发布"
    if standing.state == deadlines.DUE:
        return "今天截止，尚未发布" if standing.days_left == 0 else f"还剩{standing.days_left}天"
    return f"已逾期{standing.days_late}天，尚未发布"


def deadline_view(request):
    today = timezone.localdate()
    years = _years(today)
    year = _chosen_year(request.GET.get("year"), years, today)
    bodies = workflow.bodies_of(request.user)
    rows = [
        {
            "row": row,
            "kind": KIND_LABELS.get(row.body.kind, row.body.kind),
            "status": workflow.describe(row.report) if row.report else "未创建",
            "situation": _situation(row.standing),
        }
        for row in deadlines.overview(year, today, bodies)
    ]
    context = {
        **admin.site.each_context(request),
        "title": "年报发布期限一览",
        "years": years,
        "year": year,
        "rows": rows,
        "today": today,
        "scoped": not request.user.is_superuser,
    }
    return TemplateResponse(request, "admin/disclosure/deadlines.html", context)
