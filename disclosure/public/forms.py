from django import forms
from django.core.validators import slug_re
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from disclosure.models import Body, Feedback
from disclosure.public import hierarchy

SLUG_LENGTH = Body._meta.get_field("slug").max_length


OPTION = '<option value="{}"{}>{}</option>'


class QuickSelect(forms.Select):
    """A <select> written in one pass, with the same markup: Django draws each option through a template, and
    the column's selects (a province's 所属政府 has some 130 options) are on every column page."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        parts = [format_html("<select{}>", flatatt({"name": name, **attrs}))]
        for group, options, _index in self.optgroups(name, self.format_value(value), attrs):
            if group:
                parts.append(format_html('<optgroup label="{}">', group))
            for option in options:
                selected = mark_safe(" selected") if option["selected"] else ""
                parts.append(format_html(OPTION, option["value"], selected, option["label"]))
            if group:
                parts.append(mark_safe("</optgroup>"))
        parts.append(mark_safe("</select>"))
        return mark_safe("\n".join(parts))


class ColumnFilterForm(forms.Form):
    """Filters of the 信息公开年报 column; choices come from what is published.

    A body that exists but has nothing public (never published, or every report withdrawn) is not an error in
    the reader's address: an old link or bookmark may name it. The column lists every report and says so
    (`unlisted_body`); a slug no body has, or a year not published, is a 400 with a plain message."""

    year = forms.TypedChoiceField(
        label=_("年度"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=QuickSelect,
        error_messages={"invalid_choice": _("这个年度没有公开的年报，请从列表中选择年度。")},
    )
    body = forms.ChoiceField(
        label=_("发布机构"),
        required=False,
        widget=QuickSelect,
        error_messages={"invalid_choice": _("没有找到这个发布机构，请从列表中选择发布机构。")},
    )

    body_hint = False

    def __init__(self, data, years, bodies):
        slug = data.get("body") if data else None
        self.unlisted_body = None
        # Only what could be a slug is looked up: PostgreSQL refuses a NUL byte in a query (a 500, not a 400).
        if slug and slug not in {b.slug for b in bodies} and slug_re.fullmatch(slug) and len(slug) <= SLUG_LENGTH:
            self.unlisted_body = Body.objects.filter(slug=slug).first()
            if self.unlisted_body is not None:
                data = data.copy()
                data.pop("body")
        super().__init__(data)
        self.fields["year"].choices = [("", _("全部年度"))] + [(y, _("%(year)s年度") % {"year": y}) for y in years]
        self.fields["body"].choices = [("", _("全部机构"))] + [(b.slug, b.name) for b in bodies]


class AreaColumnFilterForm(ColumnFilterForm):
    """The column's filters on a portal with more bodies than one list should hold (a province's cluster):
    年度, then 所属政府 (the governments, about a hundred), then 发布机构 among that government's own bodies.

    Without JavaScript it takes two submits: the bodies are offered once a government is chosen. An old link
    `?body=<slug>` of a body with public reports selects its government too. When the reader chooses another
    government while a body of the previous one is still selected, the government wins: the body is dropped."""

    area = forms.ChoiceField(
        label=_("所属政府"),
        required=False,
        widget=QuickSelect,
        error_messages={"invalid_choice": _("没有找到这个地区的人民政府，请从列表中选择。")},
    )
    field_order = ["year", "area", "body"]

    def __init__(self, data, years, tree):
        governments = {node.body.slug: node.body for node in hierarchy.flatten(tree)}
        self.chosen_area = _area(data.get("area"), governments) if data else None
        body = _public_body(data.get("body")) if data else None
        if body is not None:
            own = hierarchy.area_of(body)
            if self.chosen_area is None and not data.get("area"):
                self.chosen_area = next((g for g in governments.values() if g.pk == own), body)
                data = data.copy()
                data["area"] = self.chosen_area.slug
            elif self.chosen_area is not None and own != self.chosen_area.pk:
                data = data.copy()
                data.pop("body")
        bodies = hierarchy.area_members(self.chosen_area) if self.chosen_area else []
        super().__init__(data, years, bodies)
        choices = [("", _("全部地区"))] + hierarchy.area_choices(tree)
        if self.chosen_area is not None and self.chosen_area.slug not in governments:
            # A department without a government above it: its own area, offered only while it is chosen.
            choices.append((self.chosen_area.slug, self.chosen_area.name))
        self.fields["area"].choices = choices
        # The bodies are offered once a government is chosen; until then the page says how to get them.
        self.body_hint = self.chosen_area is None
        if self.body_hint:
            del self.fields["body"]


def _area(slug, governments):
    """The government this slug names, or a department with no government above it (an area of its own)."""
    if not slug:
        return None
    if slug in governments:
        return governments[slug]
    body = _public_body(slug)
    return body if body is not None and hierarchy.area_of(body) == body.pk else None


def _public_body(slug):
    """The body with this slug when it has a public report; None for anything else (or not a slug at all)."""
    if not slug or not slug_re.fullmatch(slug) or len(slug) > SLUG_LENGTH:
        return None
    return hierarchy.has_public_reports(Body.objects.filter(slug=slug)).first()


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
