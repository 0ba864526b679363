"""从Word导入 in the admin: a .docx drafted in Word or WPS becomes a report's draft (reports/word_import.py).

Offered on the report list (a body and year, for a report not yet started) and on a report's change page.
Only an editor (撰稿人) of the body may import, and only into a draft: a text under review or published is
not replaced behind the reviewer's back. Replacing a draft that has content needs a tick, after the page has
said what would be replaced. A file that cannot be read is refused with the reason, never a 500, and nothing
is written unless the whole file is read.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from disclosure.models import Report
from disclosure.outage import is_locked
from disclosure.publishing import locks, workflow
from disclosure.reports import word_import, word_reader
from disclosure.reports.legacy_import import ImportFailed, where
from disclosure.tables import formats

SHOWN_WARNINGS = 20


class WordFileForm(forms.Form):
    file = forms.FileField(
        label="Word文件",
        help_text=f"在Word或WPS中保存的.docx文件，最大{word_reader.MAX_BYTES // 1024 // 1024} MB。",
    )
    replace = forms.BooleanField(label="替换这份草稿现有的全部内容", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError(
                "只能导入Word文档（.docx）。旧版的.doc、.wps文件请在Word或WPS中“另存为”.docx后再导入。"
            )
        if upload.size > word_reader.MAX_BYTES:
            raise forms.ValidationError(
                f"文件过大（{upload.size / 1024 / 1024:.1f} MB），最大{word_reader.MAX_BYTES // 1024 // 1024} MB。"
                "请删除文档中的图片后重新保存再导入。"
            )
        return upload


class NewReportWordForm(WordFileForm):
    body = forms.ModelChoiceField(label="发布机构", queryset=None)
    year = forms.IntegerField(label="报告年度", min_value=2008, max_value=2100)
    field_order = ["body", "year", "file", "replace"]

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = workflow.bodies_of(user)


def refusal(user, report):
    """Why `user` may not replace `report`'s text from Word, or None. A report not yet made: report is None."""
    if not (user.is_active and user.is_staff):
        return "只有在职的工作人员才能导入年报。"
    if not workflow.has_role(user, (workflow.EDITOR,)):
        return f"从Word导入需要“{workflow.EDITOR}”角色。"
    if report is None:
        return None
    if not workflow.is_member(user, report.body):
        return f"您不是{report.body.name}的工作人员，不能导入该机构的年报。"
    state = workflow.editorial_state(report)
    if state != Report.Status.DRAFT:
        return (
            f"《{report.title}》当前状态为“{workflow.describe(report)}”，只有草稿才能从Word导入。"
            "如需修改，请先由审核人或发布人退回修改。"
        )
    held = locks.current(report)
    if held and held.user_id != user.pk:
        return f"这份年报已由{locks.describe(held)}，锁定期间不能从Word导入。"
    return None


def contents(report):
    """What an import would replace, in words; empty when the draft holds nothing yet."""
    if report is None:
        return ""
    parts = []
    sections = report.sections.count()
    if sections:
        parts.append(f"{sections}个章节")
    if (report.preamble_zh_hans or "").strip():
        parts.append("导语")
    for count, name in ((report.rectifications.count(), "项整改事项"), (report.plans.count(), "项工作计划")):
        if count:
            parts.append(f"{count}{name}")
    filled = sum(
        1
        for table, row, column in formats.cells(report.format)
        if (((report.tables or {}).get(table.key) or {}).get(row.key) or {}).get(column.key) is not None
    )
    if filled:
        parts.append(f"统计表中已填写的{filled}格（文件中有的表格）")
    return "、".join(parts)


class WordUploadMixin:
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("word/", wrap(self.word_new_view), name="disclosure_report_word"),
            path("<int:report_id>/word/", wrap(self.word_view), name="disclosure_report_word_replace"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, object_id)
        offer = report is not None and refusal(request.user, report) is None
        extra = {"word_import": offer and self.has_change_permission(request, report)}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def word_view(self, request, report_id):
        report = get_object_or_404(self.get_queryset(request), pk=report_id)
        # The refusal first: it says why (the role, the state), where a bare 403 would not.
        refused = refusal(request.user, report)
        form = WordFileForm(request.POST or None, request.FILES or None)
        if refused:
            self.message_user(request, refused, messages.ERROR)
            return redirect("admin:disclosure_report_change", report.pk)
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        if request.method == "POST" and form.is_valid():
            done = self._import(request, form, report.body, report.year, report)
            if done:
                return done
        return self._page(request, form, report)

    def word_new_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        refused = refusal(request.user, None)
        if refused:
            self.message_user(request, refused, messages.ERROR)
            return redirect("admin:disclosure_report_changelist")
        form = NewReportWordForm(request.user, request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            body, year = form.cleaned_data["body"], form.cleaned_data["year"]
            existing = Report.objects.filter(body=body, year=year).first()
            refused = refusal(request.user, existing) if existing else None
            if refused:
                form.add_error(None, refused)
            elif existing and not self.has_change_permission(request, existing):
                raise PermissionDenied
            else:
                done = self._import(request, form, body, year, existing)
                if done:
                    return done
        return self._page(request, form, None)

    def _import(self, request, form, body, year, report):
        """Read and store the file; the redirect when done, None when the form shows why not."""
        replaced = contents(report)
        if replaced and not form.cleaned_data["replace"]:
            form.add_error(
                "replace",
                f"《{report.title}》已有内容：{replaced}。导入将全部替换。"
                "请勾选“替换这份草稿现有的全部内容”后重新选择文件提交。",
            )
            return None
        data = form.cleaned_data["file"].read()
        try:
            report, draft = word_import.import_docx(data, body, year, request.user)
        except word_reader.WordFileError as error:
            form.add_error("file", str(error))
            return None
        except ImportFailed as failure:
            form.problems = [(where(place), message) for place, message in failure.errors]
            form.add_error(None, f"未导入，年报未作任何改动：文件中有{len(failure.errors)}处问题，请修改后重新导入。")
            return None
        except OperationalError as error:
            if not is_locked(error):
                raise
            form.add_error(None, "未导入：数据库正忙（其他工作人员正在保存），请稍等片刻后重新选择文件导入。")
            return None
        parsed = draft.parsed
        tables = "、".join(f"第{number}个表格" for number in draft.numbers.values())
        self.message_user(
            request,
            f"已从Word导入《{report.title}》（草稿）：{len(parsed.sections)}个章节，{len(parsed.rectifications)}项整改事项，"
            f"{len(parsed.plans)}项工作计划" + (f"；统计表读自{tables}。" if tables else "。"),
            messages.SUCCESS,
        )
        for place, message in draft.warnings[:SHOWN_WARNINGS]:
            self.message_user(request, f"{where(place)}：{message}", messages.WARNING)
        if len(draft.warnings) > SHOWN_WARNINGS:
            self.message_user(request, f"另有{len(draft.warnings) - SHOWN_WARNINGS}条提示未列出。", messages.WARNING)
        return redirect("admin:disclosure_report_change", report.pk)

    def _page(self, request, form, report):
        context = {
            **self.admin_site.each_context(request),
            "title": f"从Word导入：{report.title}" if report else "从Word导入年报",
            "report": report,
            "form": form,
            "problems": getattr(form, "problems", []),
            "replaced": contents(report),
            "list_url": reverse("admin:disclosure_report_changelist"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/disclosure/report/word_import.html", context)
