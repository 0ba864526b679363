"""The editorial side of the report admin: body scoping, transitions, history and diff, preview, and the
refusal of lost updates. Every decision is workflow.py's; this module only offers it in the admin."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from disclosure.admin import review_findings
from disclosure.languages.declared import EDITABLE, LANGUAGES, SOURCE
from disclosure.models import Report, ReportEvent, Revision
from disclosure.models.events import STATE_LABELS
from disclosure.models.revisions import public_state, with_public_state
from disclosure.publishing import diff, document, workflow
from disclosure.tables import assessment


class ReportForm(forms.ModelForm):
    """Carries the version the editor started from: a save based on an older version is refused."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        started_from = cleaned.get("edit_version")
        # A missing version (a form from elsewhere, or cut short) is refused like an older one.
        if self.instance.pk:
            current = Report.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current != started_from:
                raise ValidationError(stale_message(self.instance.pk))
        return cleaned


def stale_message(report_id):
    """The refusal of a save based on an older version (the report form and the 统计表 page say the same)."""
    last = ReportEvent.objects.filter(report_id=report_id).select_related("user").first()
    who = (last.user.get_full_name() or last.user.username) if last and last.user else "其他工作人员"
    when = timezone.localtime(last.created_at).strftime("%Y-%m-%d %H:%M") if last else "刚才"
    return (
        f"未保存：在您编辑期间，{who}于{when}修改了这份年报。为免覆盖对方的修改，本次没有保存，"
        "您填写的内容仍在下方。请另开窗口查看最新内容，把您的修改合并进去后再保存。"
    )


class TransitionForm(forms.Form):
    comment = forms.CharField(label="意见或说明", required=False, widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))
    at = forms.DateTimeField(
        label="发布时间",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class ChangeNoteForm(forms.Form):
    """The change note of a correction as the publisher confirms it: the working copy's proposal filled in, to
    publish as it is or amended, in each language staff write (the Traditional is derived from the Simplified)."""

    def __init__(self, report, *args, **kwargs):
        super().__init__(*args, **kwargs)
        proposal = workflow.proposed_note(report)
        for language in LANGUAGES:
            if language.code not in EDITABLE:
                continue
            required = "（必填）" if language.code == SOURCE else "（留空则英文页面显示简体说明，并注明尚无英文）"
            self.fields[_key(language.code)] = forms.CharField(
                label=f"更正说明（{language.staff_name}）{required}",
                required=False,
                initial=proposal[language.code],
                widget=forms.Textarea(attrs={"rows": 3, "cols": 60, "lang": language.html_lang}),
            )

    def note(self):
        return {code: self.cleaned_data[_key(code)] for code in EDITABLE}


def _key(code):
    return code.replace("-", "_")


def proposal_rows(report):
    """[(language, text)] of the change note proposed on the working copy, every language, for staff to read."""
    texts = document.texts(report, "change_note")
    return [(language, texts[language.code]) for language in LANGUAGES]


def _proposal_context(report, shown):
    """The transition page's view of the proposed change note (none on a report never public, or a withdrawal)."""
    if not shown:
        return {"proposal": None, "proposal_written": False}
    rows = proposal_rows(report)
    return {"proposal": rows, "proposal_written": any(text for language, text in rows if language.code == SOURCE)}


HELP = {
    "submit": "提交后由审核人审核。审核期间如需修改，修改后年报将退回草稿，需重新提交。",
    "return": "请写明需要修改的内容，撰稿人将看到这里的意见。",
    "approve": "审核通过后由发布人发布。您不能审核自己提交的年报。",
    "publish": (
        "发布后公众立即可见。已发布过的年报再次发布属于更正，须有更正说明：撰稿人拟写的说明已填在下方，"
        "可以修改，它将显示在公众页面的“修订记录”中。"
    ),
    "schedule": "到达发布时间后自动发布（也可在此之前退回）。更正须有更正说明：撰稿人拟写的说明已填在下方，可以修改。",
    "withdraw": (
        "撤回后公众看不到这份年报，原网址显示撤回时间和这里填写的撤回理由（公开）。撤回不影响正在修改的工作稿；"
        "已定时发布、尚未公开的版本一并取消。重新公开须经审核后再次发布，并填写更正说明。"
    ),
}


class PublicStateFilter(admin.SimpleListFilter):
    """公开状态: what the public sees now (revisions.with_public_state, the same rule as the public pages)."""

    title = "公开状态"
    parameter_name = "public"
    CHOICES = {
        "none": ("未发布", {"live_number__isnull": True, "due_number__isnull": True, "pending_number__isnull": True}),
        "live": ("已发布", {"live_number__isnull": False}),
        "pending": ("有定时发布的版本", {"pending_number__isnull": False}),
        "withdrawn": ("已撤回", {"live_number__isnull": True, "due_number__isnull": False}),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in self.CHOICES.items()]

    def queryset(self, request, queryset):
        chosen = self.CHOICES.get(self.value())
        return queryset.filter(**chosen[1]) if chosen else queryset


class EditorialStateFilter(admin.SimpleListFilter):
    """工作稿: where the working copy stands in review (workflow.editorial_state)."""

    title = "工作稿状态"
    parameter_name = "editorial"
    S = Report.Status
    CHOICES = {
        S.DRAFT: ("草稿", {"status": S.DRAFT}),
        S.SUBMITTED: ("待审核", {"status": S.SUBMITTED}),
        S.APPROVED: ("已审核", {"status": S.APPROVED}),
        workflow.SCHEDULED: ("定时发布", {"status": S.PUBLISHED, "pending_number__isnull": False}),
        S.PUBLISHED: ("无未发布的修改", {"status": S.PUBLISHED, "pending_number__isnull": True}),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in self.CHOICES.items()]

    def queryset(self, request, queryset):
        chosen = self.CHOICES.get(self.value())
        return queryset.filter(**chosen[1]) if chosen else queryset


class ReviewingMixin:
    form = ReportForm

    def get_queryset(self, request):
        # Every report the admin lists or opens carries its public state, derived as the public pages derive it.
        return with_public_state(workflow.scoped(super().get_queryset(request), request.user))

    @admin.display(description="公开状态")
    def public_state_display(self, report):
        return public_state(report).label if report.pk else "未发布"

    @admin.display(description="工作稿状态")
    def editorial_display(self, report):
        if not report.pk:
            return STATE_LABELS[Report.Status.DRAFT]
        state = workflow.editorial_state(report, public_state(report))
        if state == Report.Status.PUBLISHED:
            return "无未发布的修改"
        return STATE_LABELS[state]

    @admin.display(description="状态")
    def state_summary(self, report):
        return workflow.describe(report) if report.pk else "未保存"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["queryset"] = workflow.bodies_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:report_id>/transition/<str:name>/",
                wrap(self.transition_view),
                name="disclosure_report_transition",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, object_id)
        extra = {}
        if report is not None:
            public = public_state(report)
            withdrawal = report.withdrawals.select_related("revision").first() if public.is_withdrawn else None
            extra = {
                "state_line": workflow.describe(report, public),
                "withdrawal": withdrawal,
                "workflow_actions": workflow.allowed_actions(request.user, report),
                "preview_url": reverse("disclosure:preview", args=[report.pk]),
                "events": report.events.select_related("user")[:5],
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    # Edits are recorded with what changed, and send a text under review or published back to draft.
    def save_model(self, request, obj, form, change):
        request._report_before = document.working(Report.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        report = form.instance
        # Built from the database: the instance's prefetched sections and items predate the inline saves.
        changes = diff.compare(request._report_before, document.working(Report.objects.get(pk=report.pk)))
        if changes or not change:
            warning = workflow.sent_back(workflow.edited(report, request.user, diff.summary(changes)))
            if warning:
                self.message_user(request, warning, messages.WARNING)

    def transition_view(self, request, report_id, name):
        report = get_object_or_404(self.get_queryset(request), pk=report_id)
        action = workflow.ACTIONS.get(name)
        refusal = workflow.refusal(request.user, report, name)
        if action is None or refusal:
            self.message_user(request, refusal or "没有这项操作。", messages.ERROR)
            return redirect("admin:disclosure_report_change", report.pk)
        form = TransitionForm(request.POST or None, initial={"at": timezone.localtime() + datetime.timedelta(days=1)})
        correction = workflow.was_public(report)
        publishing = name in ("publish", "schedule")
        # A correction's change note: the publisher confirms or amends the proposal; the others see it.
        note_form = ChangeNoteForm(report, request.POST or None, prefix="note") if correction and publishing else None
        found = assessment.findings(report) if name in ("submit", "approve", "publish", "schedule") else []
        warnings = review_findings.rows(report, found, request.POST) if name == "approve" else []
        if request.method == "POST" and form.is_valid() and (note_form is None or note_form.is_valid()):
            try:
                for finding, comment in review_findings.posted_comments(warnings, request.POST):
                    assessment.acknowledge(report, request.user, finding, comment)
                result = workflow.transition(
                    report,
                    request.user,
                    name,
                    form.cleaned_data["comment"],
                    form.cleaned_data["at"],
                    note=note_form.note() if note_form else None,
                )
            except workflow.TransitionError as error:
                form.add_error(None, str(error))
                warnings = review_findings.rows(report, found, request.POST)  # the comments just kept show as such
            else:
                done = f"《{report.title}》已{action.label}。"
                if isinstance(result, Revision):
                    when = timezone.localtime(result.published_at).strftime("%Y-%m-%d %H:%M")
                    done = f"《{report.title}》第{result.number}版已{action.label}（{when}）。"
                self.message_user(request, done, messages.SUCCESS)
                return redirect("admin:disclosure_report_change", report.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{action.label}：{report.title}",
            "report": report,
            "action": action,
            "help": HELP[name],
            "form": form,
            "needs_time": name == "schedule",
            "note_form": note_form,
            **_proposal_context(report, correction and name != "withdraw"),
            "errors": [f for f in found if f.blocking],
            "warnings": warnings,
            "to_complete": review_findings.to_complete(report, found),
            "notices": review_findings.notices(report, found) if name == "submit" else [],
            "last_year": report.year - 1,
            "tolerance": review_findings.TOLERANCE_PERCENT,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/disclosure/report/transition.html", context)

    def history_view(self, request, object_id, extra_context=None):
        """修改记录: every save and transition, and the difference between any two versions."""
        report = get_object_or_404(self.get_queryset(request), pk=object_id)
        revisions = list(report.revisions.order_by("number"))
        choices = {str(r.number): r for r in revisions}
        left, right = request.GET.get("from"), request.GET.get("to", "working")
        if left not in choices:
            left = str(revisions[-1].number) if revisions else None
        before = choices[left].document if left else None
        after = choices[right].document if right in choices else document.working(report)
        context = {
            **self.admin_site.each_context(request),
            "title": f"修改记录：{report.title}",
            "report": report,
            "events": report.events.select_related("user"),
            "revisions": revisions,
            "left": left,
            "right": right if right in choices else "working",
            "changes": diff.compare(before, after),
            "opts": self.model._meta,
            "object": report,
        }
        return TemplateResponse(request, "admin/disclosure/report/history.html", context)
