from django import forms
from django.utils.translation import gettext_lazy as _

from disclosure.models import Feedback


class ColumnFilterForm(forms.Form):
    """Filters of the 信息公开年报 column; choices come from what is published."""

    year = forms.TypedChoiceField(label=_("年度"), required=False, coerce=int, empty_value=None)
    body = forms.ChoiceField(label=_("发布机构"), required=False)

    def __init__(self, data, years, bodies):
        super().__init__(data)
        self.fields["year"].choices = [("", _("全部年度"))] + [(y, _("%(year)s年度") % {"year": y}) for y in years]
        self.fields["body"].choices = [("", _("全部机构"))] + [(b.slug, b.name) for b in bodies]


class FeedbackForm(forms.ModelForm):
    # A field people never see; software that fills every field gives itself away.
    website = forms.CharField(label=_("请勿填写此项"), required=False)

    class Meta:
        model = Feedback
        fields = ["name", "contact", "subject", "message"]
        labels = {"name": _("姓名"), "contact": _("联系方式"), "subject": _("主题"), "message": _("内容")}
        help_texts = {"contact": _("电子邮箱或电话号码，便于我们答复您。")}
        widgets = {"message": forms.Textarea(attrs={"rows": 8})}
        error_messages = {
            "name": {"required": _("请填写姓名。"), "max_length": _("姓名不能超过%(limit_value)d个字。")},
            "contact": {"required": _("请填写联系方式，以便答复。")},
            "subject": {"required": _("请填写主题。"), "max_length": _("主题不能超过%(limit_value)d个字。")},
            "message": {"required": _("请填写反馈内容。")},
        }

    def clean_contact(self):
        contact = self.cleaned_data["contact"].strip()
        digits = contact.replace("-", "").replace(" ", "").lstrip("+")
        if "@" in contact:
            forms.EmailField(error_messages={"invalid": _("请输入有效的电子邮箱，如 name@example.com。")}).clean(
                contact
            )
        elif not (digits.isdigit() and 7 <= len(digits) <= 15):
            raise forms.ValidationError(_("请输入有效的电子邮箱或电话号码。"))
        return contact

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 5:
            raise forms.ValidationError(_("反馈内容太短，请至少写5个字。"))
        if len(message) > 5000:
            raise forms.ValidationError(_("反馈内容不能超过5000字，当前%(count)d字。") % {"count": len(message)})
        return message
