"""依申请公开登记 and 节假日安排 in the admin: a basic register (issue 16). The work list, the role 申请办理人, masking
and the reply letters come later; the rules are disclosure/applications/ (clock, the step check), not here.

Lists never show an applicant's personal fields; every list and choice is scoped to the user's bodies
(workflow.scoped, workflow.bodies_of).
"""

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html_join

from disclosure.applications import calendar, clock, events
from disclosure.applications.calendar import ArrangementMissing
from disclosure.models import Application, ApplicationEvent, HolidayArrangement
from disclosure.publishing import workflow


class EventFormSet(BaseInlineFormSet):
    """The steps are checked together by events.check, as load_applications checks them."""

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.received_on is None:
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("on")
        ]
        kept.sort(key=lambda form: (form.cleaned_data["on"], form.cleaned_data.get("position") or 0))
        steps = [_step(form.cleaned_data) for form in kept]
        general = []
        for problem in events.check(self.instance.received_on, steps, self.instance.submitted_on):
            if problem.index is None:
                general.append(problem.message)
            else:
                form = kept[problem.index]
                field = problem.field if problem.field in form.fields else None
                form.add_error(field, problem.message)
        if general:
            raise forms.ValidationError(general)


def _step(data):
    step = events.Event(data.get("type"), data["on"], note=data.get("note") or "")
    for name in events.OPTIONAL_FIELDS:
        if data.get(name) not in (None, ""):
            setattr(step, name, data[name])
    return step


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    formset = EventFormSet
    extra = 1
    fields = ["on", "position", "type", "until", "party", "answered_on", "approved_by", "amount", "outcome", "note"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "note":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 1, "cols": 20})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["ref", "body", "received_on", "applicant_type", "state_shown", "due_shown"]
    list_display_links = ["ref"]
    list_filter = ["body", "applicant_type", "channel"]
    date_hierarchy = "received_on"
    search_fields = ["ref", "request"]
    inlines = [ApplicationEventInline]
    readonly_fields = ["clock_shown", "created_at", "updated_at"]
    fieldsets = [
        ("登记", {"fields": ["body", "ref", "channel", "submitted_on", "received_on"]}),
        (
            "申请人",
            {
                "fields": ["applicant_type", "name", "id_type", "id_number", "phone", "email", "address"],
                "description": "申请人的个人信息仅用于办理本申请，不得公开或用于其他目的。",
            },
        ),
        ("申请内容", {"fields": ["request", "form", "delivery"]}),
        ("答复期限", {"fields": ["clock_shown", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("body").prefetch_related("events")
        return workflow.scoped(queryset, request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["queryset"] = workflow.bodies_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changelist_instance(self, request):
        """The list's page with each case's clock computed once, on one reading of the arrangements."""
        changelist = super().get_changelist_instance(request)
        days, today = calendar.from_database(), _today()
        changelist.result_list = list(changelist.result_list)
        for application in changelist.result_list:
            application.computed = _clock(application, days, today)
        return changelist

    @admin.display(description="办理状态")
    def state_shown(self, application):
        facts = getattr(application, "computed", None)
        return clock.STATES[facts.state if facts else application.state()]

    @admin.display(description="答复期限")
    def due_shown(self, application):
        facts = getattr(application, "computed", None) or _clock(application, calendar.from_database(), _today())
        if facts.missing:
            return facts.missing
        if facts.due_on is None:
            return "补正后重新计算" if facts.state == clock.AWAITING_CORRECTION else "—"
        return f"{facts.due_on:%Y-%m-%d}{'（已逾期）' if facts.late else ''}"

    @admin.display(description="办理期限")
    def clock_shown(self, application):
        if application.pk is None or application.received_on is None:
            return "保存后按办理步骤计算。"
        facts = _clock(application, calendar.from_database(), _today())
        lines = [f"办理状态：{facts.state_label}", f"答复期限：{self.due_shown(application)}"]
        if facts.extended:
            lines.append("已延期答复（延长20个工作日）")
        if facts.days_taken is not None:
            lines.append(f"办理用时：{facts.days_taken}个工作日（不含补正前、征求意见和缴费期间）")
        lines += [f"提示：{warning}" for warning in facts.warnings]
        return format_html_join("", "<p>{}</p>", ((line,) for line in lines))


def _clock(application, days, today):
    try:
        return clock.compute(application.received_on, application.events.all(), days, today, missing_ok=True)
    except ArrangementMissing as missing:  # pragma: no cover (missing_ok says so instead)
        return clock.Clock(application.state(), None, None, False, None, False, (), str(missing))


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
