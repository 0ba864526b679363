"""统计表 page, issue 19: 从下级单位年报汇总 on a government's report, the coverage, and each summed figure's
contributions. The sums, their origins and the warnings are disclosure/rollup/; this module puts them on the page.

The button posts the page's form to a view of its own: the roll-up replaces all three tables, so nothing typed
on screen would survive it anyway, and the page's own save stays as issue 16 left it. Both views take the report
from the admin's scoped queryset: staff of another body get a 404, as for the report itself.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode

from disclosure.admin.busy import BUSY
from disclosure.models import Body, Revision
from disclosure.outage import is_locked
from disclosure.publishing import workflow
from disclosure.rollup import provenance, summing
from disclosure.tables import form_layout, formats


def offered(report):
    """Whether the report is one summed from units: a government's, in a format with tables."""
    return report.body.kind == Body.Kind.GOVERNMENT and bool(formats.tables(report.format))


def context(report, editable):
    """What the 统计表 page shows of the roll-up: the button's address and the last roll-up's coverage."""
    if not offered(report):
        return None
    rows = provenance.of(report)
    shown = provenance.coverage(report, rows)
    return {
        "url": reverse("admin:disclosure_report_tables_rollup", args=[report.pk]) if editable else "",
        "list_url": reverse("admin:disclosure_reportingunit_changelist")
        + "?"
        + urlencode({"body__id__exact": report.body_id, "year": report.year}),
        "coverage": summing.coverage_line(*shown[:2]) if shown else "",
        "missing": shown[2] if shown else [],
    }


def mark(layouts, report):
    """Give each data cell summed from the units the address of its contributions."""
    found = provenance.summed_cells(report)
    base = reverse("admin:disclosure_report_tables_summed", args=[report.pk])
    for cell in form_layout.data_cells(layouts):
        if cell.path in found:
            cell.behind_url = f"{base}?{urlencode({'cell': cell.path})}"
            cell.behind_text = "来源"
            cell.behind_label = f"{cell.row_label}·{cell.column_label}：各单位汇总数{found[cell.path]}的来源"


class RollupTablesMixin:
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:report_id>/tables/rollup/", wrap(self.rollup_view), name="disclosure_report_tables_rollup"),
            path("<int:report_id>/tables/summed/", wrap(self.summed_view), name="disclosure_report_tables_summed"),
            *super().get_urls(),
        ]

    def rollup_view(self, request, report_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        report = get_object_or_404(self.get_queryset(request).select_related("body"), pk=report_id)
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        tables_url = reverse("admin:disclosure_report_tables", args=[report.pk])
        if not offered(report):
            self.message_user(request, "只有人民政府本级年报才能从下级单位年报汇总。", messages.ERROR)
            return redirect(tables_url)
        try:
            result, changes = summing.fill(report, request.user)
        except OperationalError as error:  # SQLite still locked after the busy timeout: nothing saved
            if not is_locked(error):
                raise
            self.message_user(request, BUSY, messages.ERROR)
            return redirect(tables_url)
        if not result.listed:
            self.message_user(
                request,
                f"{report.year}年度的报告单位名单为空，统计表已按0汇总：请先在“报告单位”中列入本级应报送年报的单位。",
                messages.WARNING,
            )
        done = "并保存" if changes else "，与统计表现有数字一致"
        self.message_user(
            request,
            f"已从下级单位年报汇总表二、表三、表四{done}：{result.coverage}。"
            "点击数字旁的“来源”可查看各单位的数字；单位此后更正年报的，作为提示交审核人确认，重新汇总后消除。",
            messages.SUCCESS,
        )
        for missing in result.missing:
            self.message_user(request, f"未汇总：{missing.unit.name}，{missing.reason}。", messages.WARNING)
        if result.before and workflow.sent_back(result.before):
            self.message_user(request, workflow.sent_back(result.before), messages.WARNING)
        return redirect(tables_url)

    def summed_view(self, request, report_id):
        report = get_object_or_404(self.get_queryset(request).select_related("body"), pk=report_id)
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        cell = request.GET.get("cell", "")
        found = provenance.contributions(report, cell) if cell.count(".") == 3 else None
        place = provenance.cell_of(report.format, cell)
        if found is None or place is None:
            raise Http404("这个数字不是从下级单位年报汇总的。")
        summed, units = found
        _, key, row_key, column_key = cell.split(".")
        current = (((report.tables or {}).get(key) or {}).get(row_key) or {}).get(column_key)
        public = {
            r.body.slug: r
            for r in Revision.objects.public()
            .filter(year=report.year, body__slug__in=[u["slug"] for u in units])
            .select_related("body")
        }
        rows = []
        for unit in units:
            now = public.get(unit["slug"])
            rows.append(
                {
                    **unit,
                    "url": reverse("disclosure:report", args=[report.year, unit["slug"]]) if now else "",
                    "now": now.number if now else None,
                    "changed": now is None or now.pk != unit["revision"],
                }
            )
        listed, _, missing = provenance.coverage(report)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{provenance.place(*place)}的汇总来源",
            "report": report,
            "summed": summed,
            "current": current,
            "differs": str(current) != str(summed),
            "coverage": summing.coverage_line(listed, len(units)),
            "rows": rows,
            "missing": missing,
            "tables_url": reverse("admin:disclosure_report_tables", args=[report.pk]),
            "change_url": reverse("admin:disclosure_report_change", args=[report.pk]),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/disclosure/report/summed.html", context)
