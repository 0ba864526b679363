"""Inlines of the report form: sections, rectification items and plan items, kept in on-screen order."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from disclosure.models import PlanItem, RectificationItem, Section
from disclosure.reports.numbering import MAX_LEVEL, label, numbers_or, outline_errors


class OrderedFormSet(forms.BaseInlineFormSet):
    """Rows keep the order shown on screen; a new row without a position goes to the end."""

    def clean(self):
        super().clean()
        forms_ = [f for f in self.forms if getattr(f, "cleaned_data", None) and not self._should_delete_form(f)]
        last = max((f.cleaned_data.get("position") or 0 for f in forms_), default=0)
        for f in forms_:
            if not f.cleaned_data.get("position"):
                last += 1
                f.cleaned_data["position"] = f.instance.position = last
        self.ordered_forms_ = sorted(forms_, key=lambda f: f.cleaned_data["position"])


class SectionFormSet(OrderedFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        ordered = [f for f in self.ordered_forms_ if f.cleaned_data.get("heading_zh_hans")]
        problems = outline_errors([f.cleaned_data["level"] for f in ordered])
        for index, message in problems:
            ordered[index].add_error("level", message)
        if problems:
            raise ValidationError("章节层级有误：请按提示修改标红的“层级”。编号由系统自动生成。")


LEVEL_CHOICES = [(level, f"第{level}层  {label(level, 1)}") for level in range(1, MAX_LEVEL + 1)]


class OrderedInline(admin.TabularInline):
    formset = OrderedFormSet
    extra = 0
    classes = ["ordered-inline"]
    # Django's tabular template with a label for every input; admin-inlines.css lays each row out to fit.
    template = "admin/disclosure/edit_inline/ordered_tabular.html"

    class Media:
        css = {"all": ["css/admin-inlines.css"]}


class SectionInline(OrderedInline):
    model = Section
    formset = SectionFormSet
    fields = ["position", "number", "level", "heading_zh_hans", "heading_zh_hant", "body_zh_hans"]
    readonly_fields = ["number", "heading_zh_hant"]

    @admin.display(description="编号")
    def number(self, section):
        if not section.pk:
            return "（保存后生成）"
        # One query per report, not per row: the numbers of all its sections are derived together.
        cache = self.__dict__.setdefault("_numbers", {})
        if section.report_id not in cache:
            rows = list(Section.objects.filter(report_id=section.report_id).values_list("pk", "level"))
            levels = [level for _, level in rows]
            labels = numbers_or(levels, "—")
            cache[section.report_id] = {pk: text for (pk, _), text in zip(rows, labels, strict=True)}
        return cache[section.report_id].get(section.pk, "—")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "level":
            # Editors pick the level the way they pick a heading style in Word; the number follows.
            field = forms.TypedChoiceField(label="层级", choices=LEVEL_CHOICES, coerce=int, initial=1)
            field.widget.attrs["class"] = "section-level"
        if db_field.name == "body_zh_hans":
            # A whole section is written here: the box is given a line of its own and room to write in.
            field.widget = forms.Textarea(attrs={"rows": 12, "cols": 80, "class": "section-body"})
        if db_field.name == "heading_zh_hans":
            field.widget.attrs["size"] = 30
        return field


class RectificationInline(OrderedInline):
    model = RectificationItem
    fields = ["position", "problem_zh_hans", "measure_zh_hans", "responsible_zh_hans", "due", "status"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("problem_zh_hans", "measure_zh_hans"):
            field.widget = forms.Textarea(attrs={"rows": 4, "cols": 40})
        return field


class PlanInline(OrderedInline):
    model = PlanItem
    fields = ["position", "text_zh_hans", "responsible_zh_hans", "due"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "text_zh_hans":
            field.widget = forms.Textarea(attrs={"rows": 3, "cols": 60})
        return field
