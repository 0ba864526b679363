"""依申请公开登记 and 节假日安排 in the admin: the handler's work list and the case page (issue 16).

The rules live in disclosure/applications/ (the clock and its stages, the step check, fees, who sees personal
data); this module declares. Every list and choice is scoped to the user's bodies (workflow.scoped,
workflow.bodies_of). The applicant's identity and contact details (Application.PERSONAL_FIELDS) are in the
form only for a 申请办理人 of the case's body (privacy.sees_personal_data); lists show them masked to all; every
showing of a case's page is recorded (ApplicationView). Other modules: application_worklist (stage filter,
sorting by due date), application_events (the steps inline, fees), application_privacy (masking, the record).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from disclosure.admin.application_appeals import ApplicationAppealInline, ReplyLetterInline
from disclosure.admin.application_events import ApplicationEventInline
from disclosure.admin.application_privacy import masked_applicant, record_view
from disclosure.admin.application_worklist import HandlerFilter, StageFilter, WorkList
from disclosure.applications import calendar, clock, events, privacy, worklist
from disclosure.models import Application, HolidayArrangement
from disclosure.publishing import workflow

PERSONAL = list(Application.PERSONAL_FIELDS)


def handlers_of(bodies):
    """The users who may be given a case of `bodies`: active staff with the role, members of one of them."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name=privacy.HANDLER, bodies__in=bodies)
        .distinct()
        .order_by("username")
    )


class ApplicationForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        handler, body = data.get("handler"), data.get("body") or getattr(self.instance, "body", None)
        if handler and body and not handlers_of([body]).filter(pk=handler.pk).exists():
            self.add_error("handler", f"{handler}不是{body}的申请办理人，不能承办本申请。")
        return data


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    form = ApplicationForm
    # The due date next to the reference: on a phone the table scrolls sideways, and this is what matters.
    list_display = ["ref", "due_shown", "stage_shown", "applicant_shown", "received_on", "handler_shown", "body"]
    list_display_links = ["ref"]
    list_filter = [StageFilter, ("handler", HandlerFilter), "body", "applicant_type", "channel"]
    list_select_related = ["body", "handler"]
    date_hierarchy = "received_on"
    search_fields = ["ref", "request"]
    # The reply letters' and appeals' inlines join this list.
    inlines = [ApplicationEventInline, ApplicationAppealInline, ReplyLetterInline]
    actions = ["confirm_receipt"]
    readonly_fields = ["clock_shown", "timeline_shown", "personal_hidden", "created_at", "updated_at"]

    class Media:
        css = {"all": ["css/admin.css"]}

    # ---- who sees what ---------------------------------------------------------------------------------

    def get_queryset(self, request):
        return workflow.scoped(super().get_queryset(request), request.user)

    def sees_personal_data(self, request, obj=None):
        if obj is None:  # a new case: its body is one of the user's, chosen in the form
            return privacy.is_handler(request.user)
        return privacy.sees_personal_data(request.user, obj)

    def get_search_fields(self, request):
        # Searching by name or number would tell others whether someone applied: for handlers only.
        if privacy.is_handler(request.user):
            return [*self.search_fields, "name", "id_number", "phone"]
        return self.search_fields

    def get_fieldsets(self, request, obj=None):
        receipt = ["body", "ref", "channel", "submitted_on", "received_on", "handler"]
        if self.sees_personal_data(request, obj):
            applicant = {
                "fields": ["applicant_type", *PERSONAL],
                "description": "申请人的个人信息仅用于办理本申请，不得公开或用于其他目的；每次查看均有记录。",
            }
        else:
            applicant = {"fields": ["applicant_type", "personal_hidden"]}
        fieldsets = [
            ("登记", {"fields": receipt}),
            ("申请人", applicant),
            ("申请内容", {"fields": ["request", "form", "delivery"]}),
        ]
        if obj is not None:
            fieldsets.append(("答复期限", {"fields": ["clock_shown", "timeline_shown", "created_at", "updated_at"]}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "handler" in form.base_fields:
            bodies = [obj.body] if obj is not None else workflow.bodies_of(request.user)
            form.base_fields["handler"].queryset = handlers_of(bodies)
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["queryset"] = workflow.bodies_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            personal = self.sees_personal_data(request, obj)
            record_view(request, obj, personal)
            context["confirmable"] = obj.unconfirmed and self.has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        application = form.instance
        if application.received_on is None:
            return
        facts = _clock(application, calendar.from_database(), _today())
        for warning in facts.warnings:
            messages.warning(request, f"{application.ref}：{warning}")
        if facts.missing:
            messages.warning(request, f"{application.ref}：{facts.missing}，答复期限暂无法计算。")

    # ---- the work list --------------------------------------------------------------------------------

    def get_changelist(self, request, **kwargs):
        return WorkList

    @admin.display(description="申请人")
    def applicant_shown(self, application):
        return masked_applicant(application)

    @admin.display(description="办理阶段")
    def stage_shown(self, application):
        return clock.STAGES[self._entry(application).stage]

    @admin.display(description="答复期限")
    def due_shown(self, application):
        entry = self._entry(application)
        text = _due_text(entry)
        urgency = entry.urgency
        if urgency is None:
            return text
        return format_html('<span class="application-due application-{}">{}</span>', urgency, text)

    @admin.display(description="承办人", ordering="handler__username")
    def handler_shown(self, application):
        handler = application.handler
        return (handler.get_full_name() or handler.get_username()) if handler else "—"

    def _entry(self, application):
        entry = getattr(application, "entry", None)
        if entry is None:
            entry = application.entry = worklist.entry(
                application.received_on, application.events.all(), calendar.from_database(), _today()
            )
        return entry

    # ---- the case page --------------------------------------------------------------------------------

    @admin.display(description="申请人信息")
    def personal_hidden(self, application):
        return "申请人的身份和联系方式仅限本机关的申请办理人查看。"

    @admin.display(description="办理期限")
    def clock_shown(self, application):
        if application.pk is None:
            return "保存后按办理步骤计算。"
        if application.received_on is None:
            return "在线申请尚未确认收到；确认之日为收到申请日期，答复期限自次日起算（条例第三十一条）。"
        entry = worklist.entry(application.received_on, application.events.all(), calendar.from_database(), _today())
        facts = entry.clock
        lines = [("", f"办理阶段：{clock.STAGES[entry.stage]}"), ("", f"答复期限：{_due_text(entry)}")]
        if facts.extended:
            lines.append(("", "已延期答复（延长20个工作日）"))
        if facts.days_taken is not None:
            lines.append(("", f"办理用时：{facts.days_taken}个工作日（不含补正前、征求意见和缴费期间）"))
        lines += [("application-warning", f"提示：{warning}") for warning in facts.warnings]
        return format_html_join("", '<p class="{}">{}</p>', lines)

    @admin.display(description="办理过程")
    def timeline_shown(self, application):
        if application.pk is None or application.received_on is None:
            return "—"
        steps = clock.timeline(application.received_on, application.events.all(), calendar.from_database(), _today())
        rows = [(application.received_on, "收到申请", _step_due(steps[0].clock))]
        rows += [(step.event.on, _step_label(step.event), _step_due(step.clock)) for step in steps[1:]]
        return format_html(
            '<ol class="application-timeline">{}</ol>',
            format_html_join(
                "", '<li><time datetime="{0}">{0}</time> {1} <span class="application-step-due">→ {2}</span></li>', rows
            ),
        )

    # ---- confirming an online application (Art. 31) ---------------------------------------------------

    @admin.action(description="确认收到所选在线申请（收到申请日期记为今天）", permissions=["change"])
    def confirm_receipt(self, request, queryset):
        confirmed = [application for application in queryset if self._confirm(request, application)]
        skipped = queryset.count() - len(confirmed)
        if confirmed:
            messages.success(
                request,
                f"已确认收到{len(confirmed)}件在线申请，收到申请日期为{_today():%Y-%m-%d}，答复期限自次日起算。",
            )
        if skipped:
            messages.warning(request, f"{skipped}件申请此前已有收到申请日期，未作改动。")

    def _confirm(self, request, application):
        if not application.unconfirmed:
            return False
        application.received_on = _today()
        application.save(update_fields=["received_on", "updated_at"])
        self.log_change(request, application, f"确认收到在线申请，收到申请日期为{application.received_on:%Y-%m-%d}。")
        return True

    def get_urls(self):
        confirm = self.admin_site.admin_view(self.confirm_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_confirm"
        return [path("<path:object_id>/confirm/", confirm, name=name), *super().get_urls()]

    def confirm_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        application = self.get_object(request, unquote(object_id))
        if application is None or not self.has_change_permission(request, application):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if self._confirm(request, application):
            messages.success(
                request, f"已确认收到，收到申请日期为{application.received_on:%Y-%m-%d}，答复期限自次日起算。"
            )
        else:
            messages.warning(request, f"该申请已于{application.received_on:%Y-%m-%d}收到，无需确认。")
        return HttpResponseRedirect(reverse("admin:disclosure_application_change", args=[application.pk]))


def _due_text(entry):
    facts = entry.clock
    if entry.stage == clock.UNCONFIRMED:
        return "确认收到后起算"
    if facts.missing:
        return facts.missing
    if facts.due_on is None:
        return "补正后重新计算" if facts.state == clock.AWAITING_CORRECTION else "—"
    if entry.stage == clock.REPLIED:
        return f"{facts.due_on:%Y-%m-%d}{'（逾期答复）' if facts.late else ''}"
    if facts.late:
        return f"{facts.due_on:%Y-%m-%d}（已逾期）"
    if entry.days_left is None:
        return f"{facts.due_on:%Y-%m-%d}"
    left = "今日到期" if entry.days_left == 0 else f"还剩{entry.days_left}个工作日"
    return f"{facts.due_on:%Y-%m-%d}（{left}）"


def _step_label(event):
    label = event.get_type_display()
    details = {
        events.CORRECTION_REQUESTED: event.until and f"补正期限{event.until:%Y-%m-%d}",
        events.CONSULTED: " ".join(
            part
            for part in (
                event.get_party_display(),
                event.answered_on and f"{event.answered_on:%Y-%m-%d}答复",
            )
            if part
        ),
        events.EXTENDED: event.approved_by and f"批准人：{event.approved_by}",
        events.FEE_NOTICE: event.amount is not None and f"{event.amount:.2f}元",
        events.REPLIED: event.get_outcome_display(),
    }.get(event.type)
    return f"{label}（{details}）" if details else label


def _step_due(facts):
    if facts.missing:
        return facts.missing
    if facts.due_on is None:
        return "补正期间不计算答复期限" if facts.state == clock.AWAITING_CORRECTION else "—"
    if facts.state == clock.REPLIED:
        return f"期限 {facts.due_on:%Y-%m-%d}，{'逾期答复' if facts.late else '按期答复'}"
    return f"期限 {facts.due_on:%Y-%m-%d}"


def _clock(application, days, today):
    return clock.compute(application.received_on, application.events.all(), days, today, missing_ok=True)


def _today():
    return timezone.localdate()


class HolidayArrangementForm(forms.ModelForm):
    class Meta:
        model = HolidayArrangement
        fields = ["year", "notice", "days_off", "working_days"]
        widgets = {
            "days_off": forms.Textarea(attrs={"rows": 8, "cols": 40}),
            "working_days": forms.Textarea(attrs={"rows": 4, "cols": 40}),
        }


@admin.register(HolidayArrangement)
class HolidayArrangementAdmin(admin.ModelAdmin):
    form = HolidayArrangementForm
    list_display = ["year", "notice", "summary", "updated_at"]
    readonly_fields = ["as_read", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": ["year", "notice", "days_off", "working_days", "as_read", "updated_at"],
                "description": "录入国务院办公厅当年部分节假日安排的通知。本系统已内置"
                f"{calendar.PACKAGE_FIRST}年至{calendar.PACKAGE_LAST}年的安排；在此录入的年度以录入内容为准。"
                "未录入的年度，答复期限显示为“某年节假日安排尚未录入”。",
            },
        )
    ]

    @admin.display(description="放假与调休")
    def summary(self, arrangement):
        parsed = arrangement.arrangement()
        return f"放假{len(parsed.days_off)}天，调休上班{len(parsed.working_days)}天"

    @admin.display(description="系统读取的日期")
    def as_read(self, arrangement):
        if arrangement.pk is None:
            return "保存后显示系统读取的日期，请与通知核对。"
        parsed = arrangement.arrangement()
        return format_html_join(
            "",
            "<p>{}：{}</p>",
            (
                ("放假", calendar.describe(parsed.days_off) or "无"),
                ("调休上班", calendar.describe(parsed.working_days) or "无"),
            ),
        )
