"""统计表: a report's tables filled in on a page laid out like the official form.

The page declares and delegates: the layout is form_layout.py's, reading what was typed entry_form.py's, the
checks assessment.py's (rules.py), recording an edit workflow.py's. Who may save is who may save the
report's change form (body scoping and the change permission), and a save based on an older version of the
report is refused the same way.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from disclosure.admin import register_tables, rollup_tables
from disclosure.admin.busy import BUSY
from disclosure.admin.reviewing import stale_message
from disclosure.applications import origins
from disclosure.models import Report
from disclosure.outage import is_locked
from disclosure.publishing import diff, document, locks, workflow
from disclosure.tables import assessment, entry_form, formats


def _summary(found):
    errors = [f for f in found if f.blocking]
    return {
        "errors": len(errors),
        "blank": sum(1 for f in errors if f.check == "cell" and "未填写" in f.message),
        "warnings": len(found) - len(errors),
    }


class TablesMixin(register_tables.RegisterTablesMixin, rollup_tables.RollupTablesMixin):
    def get_urls(self):
        view = self.admin_site.admin_view(self.tables_view)
        return [path("<int:report_id>/tables/", view, name="disclosure_report_tables"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, object_id)
        extra = {}
        if report is not None and formats.tables(report.format):
            extra["table_summary"] = _summary(assessment.findings(report))
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def tables_view(self, request, report_id):
        report = get_object_or_404(self.get_queryset(request), pk=report_id)
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        editable = self.has_change_permission(request, report)
        if not formats.tables(report.format):
            self.message_user(
                request, f"《{report.title}》采用{report.get_format_display()}，没有统计表。", messages.INFO
            )
            return redirect("admin:disclosure_report_change", report.pk)
        version = report.version
        if request.method == "POST":
            if not editable:
                raise PermissionDenied
            entry = entry_form.read(report.format, request.POST, report.tables)
            version = _int(request.POST.get("edit_version"), None)  # missing: refused like an older one
            counted = register_tables.fill_entry(report, entry, request.POST.get("action"))
            if request.POST.get("action") == "totals":
                count = entry_form.with_totals(report.format, entry)
                self.message_user(
                    request,
                    f"已按各项之和计算{count}个总计，尚未保存：请核对后点击“保存统计表”。"
                    if count
                    else "没有可以计算的总计：总计所依据的各格都填写了数字后才能自动计算。",
                    messages.INFO,
                )
            elif entry.problems:
                self.message_user(request, "未保存：粘贴的内容无法对应到表格，请按提示修改。", messages.ERROR)
            elif entry.out_of_range:
                self.message_user(
                    request,
                    f"未保存：有{len(entry.out_of_range)}个单元格的内容超出统计表允许的范围，请按单元格旁的提示修改。",
                    messages.ERROR,
                )
            else:
                try:
                    saved = self._save(request, report, entry, version, counted)
                except OperationalError as error:  # SQLite still locked after the busy timeout: nothing saved
                    if not is_locked(error):
                        raise
                    report = get_object_or_404(self.get_queryset(request), pk=report_id)
                    saved = False
                    self.message_user(request, BUSY, messages.ERROR)
                if saved and counted:
                    self.message_user(request, register_tables.filled_message(report, *counted), messages.SUCCESS)
                if saved:
                    return redirect(request.path)
        else:
            entry = entry_form.initial(report.format, report.tables)
        found = assessment.findings(report, entry.tables)
        tables = entry_form.form_tables(report.format, entry, found)
        register_tables.mark(tables, report)
        rollup_tables.mark(tables, report)
        context = {
            **self.admin_site.each_context(request),
            "title": f"统计表：{report.title}",
            "report": report,
            "tables": tables,
            "register_buttons": register_tables.buttons(report) if editable else [],
            "rollup": rollup_tables.context(report, editable),
            "editable": editable,
            "edit_version": "" if version is None else version,
            "summary": _summary(found),
            # Sums first, then cells that hold something unreadable; blank cells are counted, not listed.
            "errors": [
                (f, entry_form.input_id(f.path))
                for f in found
                if f.blocking and (f.check != "cell" or f.path in entry.errors)
            ],
            "warnings": [f for f in found if not f.blocking],
            "change_url": reverse("admin:disclosure_report_change", args=[report.pk]),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/disclosure/report/tables.html", context)

    def _save(self, request, report, entry, version, counted=None):
        """Store the entry unless the report changed meanwhile; True when the page may be left. `counted`:
        (table key, figures) counted from the register into the entry, recorded as their origins."""
        with transaction.atomic():
            current = Report.objects.select_for_update().get(pk=report.pk)
            if current.version != version:
                self.message_user(request, stale_message(report.pk), messages.ERROR)
                return False
            held = locks.save_refusal(current, request.user)  # someone else's 锁定 (publishing/locks.py)
            if held:
                self.message_user(request, held, messages.ERROR)
                return False
            if counted:
                origins.record(current, *counted, request.user)
            before = document.build(current)
            current.tables = entry.tables
            after = {**before, "tables": document.tables(current.format, entry.tables)}
            changes = diff.compare(before, after)
            if not changes:
                self.message_user(request, "统计表没有改动。", messages.INFO)
                return True
            current.save()
            # One save of the form can change every cell of a table.
            old = workflow.edited(current, request.user, diff.summary(changes, limit=300))
        errors = [f for f in assessment.findings(current) if f.blocking]
        if errors:
            self.message_user(
                request,
                f"统计表已保存（草稿），但还有{len(errors)}处错误，改正前不能提交审核，详见下方标红的单元格。",
                messages.WARNING,
            )
        else:
            self.message_user(request, "统计表已保存，各项检查均已通过。", messages.SUCCESS)
        if workflow.sent_back(old):
            self.message_user(request, workflow.sent_back(old), messages.WARNING)
        return True


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
