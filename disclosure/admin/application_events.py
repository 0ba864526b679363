"""The steps of a case in its change page: one inline, checked together by events.check as load_applications
checks them, plus what only staff typing a step can be asked for: a fee computed per 国办函〔2020〕109号 from
the basis they choose (fees.py), and the approver of an extension (Art. 33).
"""

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from disclosure.applications import applicants, events, fees
from disclosure.models import ApplicationEvent

BASIS_CHOICES = [("", "—")] + list(fees.BASES.items())


class EventForm(forms.ModelForm):
    # Not stored: they justify the amount when it is entered, which is then stored as computed.
    fee_basis = forms.ChoiceField(label="计费方式", choices=BASIS_CHOICES, required=False)
    fee_quantity = forms.IntegerField(
        label="件次或页数",
        required=False,
        min_value=1,
        help_text="按量计收填页数；按件计收填本月第几件，不填则按登记簿中该申请人本月的申请自动计算。",
    )

    class Meta:
        model = ApplicationEvent
        fields = ["on", "position", "type", "until", "party", "answered_on", "approved_by", "amount", "outcome", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 1, "cols": 20})}

    def is_new_or_changed(self, *names):
        return self.instance.pk is None or any(name in self.changed_data for name in names)


class EventFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("on")
        ]
        for form in kept:
            _check_entered(form, self.instance)
        if any(form.errors for form in kept) or self.instance.received_on is None:
            if self.instance.received_on is None and kept:
                raise forms.ValidationError("在线申请尚未确认收到，不能登记办理步骤；请先确认收到。")
            return
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


def _check_entered(form, application):
    """What a step typed in the admin must carry beyond events.check (which also reads loaded documents)."""
    data = form.cleaned_data
    kind = data.get("type")
    if kind == events.EXTENDED and not data.get("approved_by") and form.is_new_or_changed("type", "approved_by"):
        form.add_error("approved_by", "延期答复应当经政府信息公开工作机构负责人同意（条例第三十三条），请填写批准人。")
    if kind == events.FEE_NOTICE and form.is_new_or_changed("type", "amount", "fee_basis", "fee_quantity"):
        _check_fee(form, application)


def _check_fee(form, application):
    data = form.cleaned_data
    basis, quantity, amount = data.get("fee_basis"), data.get("fee_quantity"), data.get("amount")
    if not basis:
        form.add_error(
            "fee_basis", "收费通知应选择计费方式（按件计收或按量计收），金额由系统按国办函〔2020〕109号计算。"
        )
        return
    if basis == fees.BY_NUMBER and quantity is None:
        quantity = applicants.number_in_month(application)
        if quantity is None:
            form.add_error("fee_quantity", "无法从登记簿识别该申请人（未填写证件号码或姓名和电话），请填写本月第几件。")
            return
    if quantity is None:
        form.add_error("fee_quantity", "按量计收应填写页数。")
        return
    owed = fees.compute(basis, quantity)
    explanation = fees.explain(basis, quantity)
    if not owed:
        form.add_error("amount", f"{explanation}不应发出收费通知。")
    elif amount is None:
        form.cleaned_data["amount"] = owed
        form.instance.amount = owed
    elif amount != owed:
        form.add_error("amount", f"{explanation}填写的是{amount:.2f}元，与计算结果不符。")


def _step(data):
    step = events.Event(data.get("type"), data["on"], note=data.get("note") or "")
    for name in events.OPTIONAL_FIELDS:
        if data.get(name) not in (None, ""):
            setattr(step, name, data[name])
    return step


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    form = EventForm
    formset = EventFormSet
    extra = 1
    fields = [
        "on",
        "position",
        "type",
        "until",
        "party",
        "answered_on",
        "approved_by",
        "fee_basis",
        "fee_quantity",
        "amount",
        "outcome",
        "note",
    ]
    verbose_name_plural = "办理步骤（按日期先后）"

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self.has_change_permission(request, obj):
            return fields
        # 计费方式 and 件数 only help a handler work out a fee (the amount is what is stored): a reader has nothing
        # to see there, and read-only Django would head the columns with the form fields' names (FEE BASIS).
        return [name for name in fields if name not in ("fee_basis", "fee_quantity")]
