"""报告单位年报监督: the supervising office's view of its government's listed units, year by year.

Not a ModelAdmin (it lists units × years, not one model's rows); portal/urls.py mounts it before the admin's own
URLs, wrapped in admin.site.admin_view, like the deadline overview. For staff of a government body (superusers
see every government): whoever is not a member of one gets a page saying so. Everything shown is computed by
rollup/oversight.py; ?format=xlsx gives the same as a workbook (rollup/workbook.py).

Links: each unit's published report on the public site (any member of staff may read it there), and the unit's
统计表 page at the figure for staff who are members of that unit too (others would get the admin's 404); for them,
a signal about a figure points at its table on the public page.
"""

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from disclosure.models import Body
from disclosure.publishing import workflow
from disclosure.rollup import oversight, workbook
from disclosure.tables import entry_form


def _governments(user):
    return workflow.bodies_of(user).filter(kind=Body.Kind.GOVERNMENT).order_by("position", "name")


def _links(row, members):
    """(the public report's address, the 统计表 page's address or '') for one unit and year."""
    public = row.revision.get_absolute_url() if row.revision else ""
    tables = ""
    if row.report is not None and row.unit.pk in members:
        tables = reverse("admin:disclosure_report_tables", args=[row.report.pk])
    return public, tables


def _figure(public_url, tables_url, path):
    """(address, link text) of what a signal is about: the cell on the 统计表 page for members of the unit (a
    whole row points at its 总计, a whole table at the table), else the table on the public report's page."""
    if not path:
        return "", ""
    key = path.split(".")[1]
    if tables_url:
        if path.count(".") == 1:
            return f"{tables_url}#entry-{key}", "查看表格"
        cell = f"{path}.total" if path.count(".") == 2 else path
        return f"{tables_url}#{entry_form.input_id(cell)}", "查看数字"
    if public_url:
        return f"{public_url}#table-{key}", "查看表格"
    return "", ""


def _shown(year, members):
    rows = []
    for row in year.rows:
        public, tables = _links(row, members)
        signals = []
        for signal in row.signals:
            url, text = _figure(public, tables, signal.path)
            signals.append({"signal": signal, "figure_url": url, "figure_text": text})
        rows.append({"row": row, "public_url": public, "tables_url": tables, "signals": signals})
    kinds = {Body.Kind.DEPARTMENT: "政府部门", Body.Kind.GOVERNMENT: "人民政府"}
    percentiles = [(kinds.get(kind, kind), rank, values) for kind, rank, values in year.percentile_rows()]
    return {"year": year.year, "rows": rows, "figures": year.figure_rows(), "percentiles": percentiles}


def oversight_view(request):
    governments = list(_governments(request.user))
    chosen = request.GET.get("body") or (governments[0].slug if governments else "")
    government = next((g for g in governments if g.slug == chosen), None)
    if governments and government is None:
        raise Http404("您不属于这个人民政府，或者没有这个人民政府。")
    years = oversight.dashboard(government, timezone.localdate()) if government else []
    if government and request.GET.get("format") == "xlsx":
        response = HttpResponse(workbook.build(government, years), content_type=workbook.CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{workbook.filename(government)}"'
        return response
    members = set(workflow.bodies_of(request.user).values_list("pk", flat=True))
    context = {
        **admin.site.each_context(request),
        "title": "报告单位年报监督",
        "governments": governments,
        "government": government,
        "years": [_shown(year, members) for year in years],
        "key_labels": oversight.KEY_LABELS,
        "today": timezone.localdate(),
    }
    return TemplateResponse(request, "admin/disclosure/oversight.html", context)
