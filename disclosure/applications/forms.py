"""The public forms of 依申请公开: the online application (在线申请) and the status lookup (查询办理进度).

The application asks what Art. 29 of the 条例 lists and nothing more: who applies (a natural person or one of
table 3's five kinds of organisation), their identity document, how to reach them, the information sought
and the form and means of delivery. No purpose is asked (the 2019 条例 dropped it). Every message is tied to
its field; `website` is the honeypot, as on 意见反馈.
"""

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from disclosure.applications import identity, tracking
from disclosure.models import Application, Body
from disclosure.tables import formats

PERSON, ORGANISATION = "person", "organisation"
ORGANISATION_TYPES = [(c.key, c.label) for c in formats.APPLICANTS if c.parent]

# Stored as the Chinese name staff read (Application.id_type is text); shown in the reader's language.
ID_TYPES = [
    (identity.RESIDENT_CARD, _("居民身份证")),
    ("护照", _("护照")),
    ("港澳居民来往内地通行证", _("港澳居民来往内地通行证")),
    ("台湾居民来往大陆通行证", _("台湾居民来往大陆通行证")),
    ("外国人永久居留身份证", _("外国人永久居留身份证")),
    (identity.CREDIT_CODE, _("统一社会信用代码")),
    ("其他", _("其他证件")),
]
FORMS = [(Application.Form.PAPER, _("纸质")), (Application.Form.ELECTRONIC, _("电子"))]
DELIVERIES = [
    (Application.Delivery.POST, _("邮寄")),
    (Application.Delivery.EMAIL, _("电子邮件")),
    (Application.Delivery.FAX, _("传真")),
    (Application.Delivery.PICK_UP, _("自行领取")),
    (Application.Delivery.ONLINE, _("在线获取")),
]
REQUEST_MIN, REQUEST_MAX = 5, 5000


def _limit(field):
    return Application._meta.get_field(field).max_length


def _text(label, field, missing="", autocomplete="", help_text=""):
    limit = _limit(field)
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return forms.CharField(
        label=label,
        required=bool(missing),
        max_length=limit,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
        error_messages={
            "required": missing,
            "max_length": _("不能超过%(limit_value)d个字（现有%(show_value)d个）。"),
        },
    )


class ApplicationForm(forms.Form):
    applicant_kind = forms.ChoiceField(
        label=_("申请人类型"),
        choices=[(PERSON, _("自然人")), (ORGANISATION, _("法人或者其他组织"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择申请人类型。"), "invalid_choice": _("请选择申请人类型。")},
    )
    organisation_type = forms.ChoiceField(
        label=_("组织类型"),
        choices=ORGANISATION_TYPES,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("以法人或者其他组织名义申请的，请选择。"),
        error_messages={"invalid_choice": _("请选择组织类型。")},
    )
    body = forms.ChoiceField(
        label=_("受理机关"),
        help_text=_("请选择掌握所需信息的行政机关。"),
        error_messages={"required": _("请选择受理机关。"), "invalid_choice": _("请选择受理机关。")},
    )
    name = _text(_("姓名或者名称"), "name", _("请填写姓名或者名称。"), autocomplete="name")
    id_type = forms.ChoiceField(
        label=_("身份证件名称"),
        choices=[("", _("请选择"))] + ID_TYPES,
        help_text=_("法人或者其他组织请选择“统一社会信用代码”。"),
        error_messages={"required": _("请选择身份证件名称。"), "invalid_choice": _("请选择身份证件名称。")},
    )
    id_number = _text(_("证件号码"), "id_number", _("请填写证件号码。"), autocomplete="off")
    phone = _text(
        _("联系电话"),
        "phone",
        _("请填写联系电话。"),
        autocomplete="tel",
        help_text=_("手机或者固定电话（含区号）。查询办理进度时需要输入此号码。"),
    )
    email = _text(_("电子邮箱"), "email", autocomplete="email")
    address = _text(_("通信地址"), "address", autocomplete="street-address", help_text=_("选择邮寄的，请填写。"))
    request = forms.CharField(
        label=_("所需信息的内容描述"),
        help_text=_("请写明所需政府信息的名称、文号或者便于查询的其他特征性描述。"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("请填写所需信息的内容描述。")},
    )
    form = forms.ChoiceField(
        label=_("获取信息的形式"),
        choices=FORMS,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择获取信息的形式。"), "invalid_choice": _("请选择获取信息的形式。")},
    )
    delivery = forms.ChoiceField(
        label=_("获取信息的方式"),
        choices=DELIVERIES,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择获取信息的方式。"), "invalid_choice": _("请选择获取信息的方式。")},
    )
    # A field people never see; software that fills every field gives itself away.
    website = forms.CharField(label=_("请勿填写此项"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("请选择"))] + [
            (body.slug, body.name) for body in Body.objects.order_by("position", "pk")
        ]

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_id_number(self):
        return self.cleaned_data["id_number"].strip().upper().replace(" ", "")

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not 7 <= len(tracking.normalise_phone(phone)) <= 15 or not _phone_characters(phone):
            raise forms.ValidationError(_("请输入有效的电话号码，如 13800000000 或 0416-1234567。"))
        return phone

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email:
            try:
                validate_email(email)
            except forms.ValidationError:
                raise forms.ValidationError(_("请输入有效的电子邮箱，如 name@example.com。")) from None
        return email

    def clean_request(self):
        text = self.cleaned_data["request"].strip()
        if len(text) < REQUEST_MIN:
            raise forms.ValidationError(_("内容描述太短，请至少写%(count)d个字。") % {"count": REQUEST_MIN})
        if len(text) > REQUEST_MAX:
            raise forms.ValidationError(
                _("内容描述不能超过%(limit)d个字，当前%(count)d个字。") % {"limit": REQUEST_MAX, "count": len(text)}
            )
        return text

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_kind")
        if kind == ORGANISATION and not data.get("organisation_type"):
            self.add_error("organisation_type", _("以法人或者其他组织名义申请的，请选择组织类型。"))
        id_type, number = data.get("id_type"), data.get("id_number")
        if id_type == identity.RESIDENT_CARD and number and not identity.resident_card_ok(number):
            self.add_error("id_number", _("居民身份证号码应为18位，最后一位可为X；请核对是否输错。"))
        if id_type == identity.CREDIT_CODE and number and not identity.credit_code_ok(number):
            self.add_error("id_number", _("统一社会信用代码应为18位数字或大写字母；请核对是否输错。"))
        delivery = data.get("delivery")
        if delivery == Application.Delivery.POST and not data.get("address") and "address" not in self.errors:
            self.add_error("address", _("选择邮寄的，请填写通信地址。"))
        if delivery == Application.Delivery.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("选择电子邮件的，请填写电子邮箱。"))
        return data

    GROUPS = (
        (_("申请人信息"), ("applicant_kind", "organisation_type", "name", "id_type", "id_number")),
        (_("联系方式"), ("phone", "email", "address")),
        (_("申请内容"), ("body", "request", "form", "delivery")),
    )

    def groups(self):
        """The visible fields in their fieldsets: [(legend, [bound field])]."""
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]

    def applicant_type(self):
        data = self.cleaned_data
        return "natural_person" if data["applicant_kind"] == PERSON else data["organisation_type"]


def _phone_characters(text):
    return all(char.isdigit() or char in " -+()（）－" for char in text)


class StatusForm(forms.Form):
    code = forms.CharField(
        label=_("查询码"),
        max_length=30,
        help_text=_("提交申请后页面显示的12位查询码，如 7KQM-4XPA-93HD；短横线可不输入。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": _("请填写查询码。"), "max_length": _("查询码不能超过%(limit_value)d个字符。")},
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=40,
        help_text=_("提交申请时填写的联系电话。"),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("请填写联系电话。"), "max_length": _("联系电话不能超过%(limit_value)d个字符。")},
    )

    def clean_code(self):
        return tracking.normalise_code(self.cleaned_data["code"])

    def clean_phone(self):
        return tracking.normalise_phone(self.cleaned_data["phone"])
