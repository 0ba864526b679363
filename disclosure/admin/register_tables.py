"""统计表 page, issue 16: 从依申请公开登记生成 (tables 3 and 4 counted from the register) and the cases behind a
figure so filled. The counting, the origins and the typed-over warning are disclosure/applications/origins.py;
this module only puts them on the page.

Filling works on what is on screen: the figures typed in other tables are kept and saved with the counted ones,
through the page's own save (version check, history, sent back to draft), and the counts are recorded as the
origins of the cells in the same transaction. The list of cases behind a figure is for staff of the report's
body (the report's scoped queryset); applicants' names only for those who may see the case's personal data.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode

from disclosure.applications import events, origins, privacy
from disclosure.tables import form_layout, formats

ACTION = "count-"
NAMES = {"requests": "表三", "appeals": "表四"}


def buttons(report):
    """(action value, label) of the page's 从依申请公开登记生成 buttons for the report's format."""
    return [(ACTION + key, f"从依申请公开登记生成{NAMES[key]}") for key in origins.countable(report)]


def fill_entry(report, entry, action):
    """Put the counted table named by `action` into the on-screen entry; (key, counted) or None."""
    key = (action or "").removeprefix(ACTION)
    if not (action or "").startswith(ACTION) or key not in origins.countable(report):
        return None
    counted = origins.count(report, key)
    entry.tables = origins.filled(entry.tables, key, counted)
    table = next(t for t in formats.tables(report.format) if t.key == key)
    for row in table.rows:
        for column in row.columns:
            path = formats.path(table, row, column)
            entry.typed[path] = str(counted[row.key][column.key])
            entry.errors.pop(path, None)
            entry.out_of_range.discard(path)
    return key, counted


def filled_message(report, key, counted):
    cells = sum(len(cells) for cells in counted.values())
    return (
        f"已从依申请公开登记生成{NAMES[key]}（{report.year}年度，{report.body.name}，{cells}个数字）并保存。"
        "点击数字旁的“案件”可查看所依据的申请；此后改动的数字将作为提示交审核人确认。"
    )


def mark(layouts, report):
    """Give each data cell filled from the register its origin and the address of the cases behind it."""
    found = origins.of(report)
    base = reverse("admin:disclosure_report_tables_behind", args=[report.pk])
    for cell in form_layout.data_cells(layouts):
        if cell.path in found:
            cell.origin = found[cell.path]
            cell.behind_url = f"{base}?{urlencode({'cell': cell.path})}"
            cell.behind_label = f"{cell.row_label}·{cell.column_label}：登记的{cell.origin}件案件"
    return found


class RegisterTablesMixin:
    def get_urls(self):
        view = self.admin_site.admin_view(self.behind_view)
        return [
            path("<int:report_id>/tables/behind/", view, name="disclosure_report_tables_behind"),
            *super().get_urls(),
        ]

    def behind_view(self, request, report_id):
        # Scoped to the user's bodies: staff of another body get a 404 here, as for the report itself.
        report = get_object_or_404(self.get_queryset(request).select_related("body"), pk=report_id)
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        cell = request.GET.get("cell", "")
        found = origins.of(report)
        if cell not in found:
            raise Http404("这个数字不是从依申请公开登记生成的。")
        _, key, row_key, column_key = cell.split(".")
        table = next(t for t in formats.tables(report.format) if t.key == key)
        row = table.row(row_key)
        column = next(c for c in row.columns if c.key == column_key)
        cases = list(origins.behind(report, cell).prefetch_related("events", "appeals"))
        personal = bool(cases) and privacy.sees_personal_data(request.user, cases[0])
        current = (((report.tables or {}).get(key) or {}).get(row_key) or {}).get(column_key)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{NAMES[key]}“{row.group}{row.label}·{column.label}”所依据的申请",
            "report": report,
            "counted": found[cell],
            "current": current,
            "differs": current != found[cell],
            "appeals": key == "appeals",
            "personal": personal,
            "rows": [_row(case, report, key, row_key, personal) for case in cases],
            "tables_url": reverse("admin:disclosure_report_tables", args=[report.pk]),
            "change_url": reverse("admin:disclosure_report_change", args=[report.pk]),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/disclosure/report/behind.html", context)


def _row(case, report, key, row_key, personal):
    reply = next((s for s in case.events.all() if s.type == events.REPLIED), None)
    shown = {
        "ref": case.ref,
        "url": reverse("admin:disclosure_application_change", args=[case.pk]),
        "received_on": case.received_on,
        "replied_on": reply.on if reply else None,
        "outcome": events.OUTCOMES.get(reply.outcome, "") if reply else "",
        "applicant_type": case.get_applicant_type_display(),
        "name": case.name if personal else "",
    }
    if key == "appeals":
        end = _year_end(report.year)
        filed = [a for a in case.appeals.all() if a.kind == row_key and a.filed_on.year == report.year]
        shown["appeals"] = [
            (a.filed_on, a.decided_on if a.decided_on and a.decided_on <= end else None, _result(a, end)) for a in filed
        ]
    return shown


def _year_end(year):
    return datetime.date(year, 12, 31)


def _result(appeal, end):
    labels = {column.key: str(column.label) for column in formats.OUTCOMES}
    return labels[appeal.result_on(end)]
