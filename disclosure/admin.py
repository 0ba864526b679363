"""The admin declares; rules live in workflow.py (publishing) and numbering.py (the outline)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from . import english, workflow
from .models import (
    Body,
    Feedback,
    GlossaryEntry,
    Link,
    Page,
    PlanItem,
    RectificationItem,
    Report,
    Revision,
    Section,
    SiteSettings,
)
from .numbering import MAX_LEVEL, label, number_outline, outline_errors


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
            labels = number_outline(levels) if not outline_errors(levels) else ["—"] * len(rows)
            cache[section.report_id] = {pk: text for (pk, _), text in zip(rows, labels, strict=True)}
        return cache[section.report_id].get(section.pk, "—")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "level":
            # Editors pick the level the way they pick a heading style in Word; the number follows.
            field = forms.TypedChoiceField(label="层级", choices=LEVEL_CHOICES, coerce=int, initial=1)
            field.widget.attrs["class"] = "section-level"
        if db_field.name == "body_zh_hans":
            field.widget = forms.Textarea(attrs={"rows": 4, "cols": 60})
        if db_field.name == "heading_zh_hans":
            field.widget.attrs["size"] = 30
        return field


class RectificationInline(OrderedInline):
    model = RectificationItem
    fields = ["position", "problem_zh_hans", "measure_zh_hans", "responsible_zh_hans", "due", "status"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("problem_zh_hans", "measure_zh_hans"):
            field.widget = forms.Textarea(attrs={"rows": 3, "cols": 40})
        return field


class PlanInline(OrderedInline):
    model = PlanItem
    fields = ["position", "text_zh_hans", "responsible_zh_hans", "due"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "text_zh_hans":
            field.widget = forms.Textarea(attrs={"rows": 3, "cols": 60})
        return field


class PublishForm(forms.Form):
    change_note = forms.CharField(
        label="更正说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="再次发布已发布过的年报时必填，将显示在公众页面的“修订记录”中。",
    )


class MissingEnglishFilter(admin.SimpleListFilter):
    title = "英文译文"
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("incomplete", "缺少或过时"), ("complete", "完整")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        reports = queryset.prefetch_related("sections", "rectifications", "plans")
        incomplete = [r.pk for r in reports if any(english.summary(r)[k] for k in ("missing", "stale"))]
        if self.value() == "incomplete":
            return queryset.filter(pk__in=incomplete)
        return queryset.exclude(pk__in=incomplete)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "year", "format", "status", "published_on", "english_status", "public_link"]
    list_filter = ["year", "body", "status", "format", MissingEnglishFilter]
    search_fields = ["title_zh_hans", "title_en", "body__name_zh_hans"]
    list_select_related = ["body"]
    readonly_fields = ["status", "public_link", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "body",
                    "year",
                    "format",
                    "title_zh_hans",
                    "published_on",
                    "source_zh_hans",
                    "preamble_zh_hans",
                ]
            },
        ),
        ("状态", {"fields": ["status", "public_link", "created_at", "updated_at"]}),
    ]
    inlines = [SectionInline, RectificationInline, PlanInline]
    actions = ["publish"]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin-order.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sections", "rectifications", "plans")

    def get_urls(self):
        view = self.admin_site.admin_view(self.english_view)
        return [path("<int:report_id>/english/", view, name="disclosure_report_english"), *super().get_urls()]

    def english_view(self, request, report_id):
        """英文译文: every Chinese text of the report beside its English, with what is missing or stale."""
        report = get_object_or_404(self.get_queryset(request), pk=report_id)
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        if request.method == "POST":
            count = english.save(report, request.POST)
            self.message_user(
                request, f"已保存{count}处英文译文。" if count else "英文译文没有改动。", messages.SUCCESS
            )
            return redirect(request.path)
        entries = english.entries(report)
        context = {
            **self.admin_site.each_context(request),
            "title": f"英文译文：{report.title}",
            "report": report,
            "entries": entries,
            "counts": english.summary(report),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/disclosure/report/english.html", context)

    @admin.display(description="英文译文")
    def english_status(self, report):
        counts = english.summary(report)
        if not counts["missing"] and not counts["stale"]:
            return "完整"
        parts = [
            f"缺{counts['missing']}处" if counts["missing"] else "",
            f"过时{counts['stale']}处" if counts["stale"] else "",
        ]
        url = reverse("admin:disclosure_report_english", args=[report.pk])
        return format_html('<a href="{}">{}</a>', url, "，".join(p for p in parts if p))

    @admin.display(description="英文译文")
    def english_link(self, report):
        if not report.pk:
            return "保存后可填写英文译文。"
        counts = english.summary(report)
        url = reverse("admin:disclosure_report_english", args=[report.pk])
        return format_html(
            '<a href="{}">填写或修改英文译文</a>（缺少{}处，可能过时{}处）', url, counts["missing"], counts["stale"]
        )

    @admin.display(description="公开页面")
    def public_link(self, report):
        if report.pk and report.revisions.exists():
            return format_html('<a href="{}" target="_blank" rel="noopener">查看</a>', report.get_absolute_url())
        return "未发布"

    @admin.action(description="发布所选年报")
    def publish(self, request, queryset):
        form = PublishForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            for report in queryset:
                try:
                    revision = workflow.publish(report, request.user, form.cleaned_data["change_note"], timezone.now())
                except workflow.TransitionError as error:
                    self.message_user(request, str(error), messages.ERROR)
                else:
                    self.message_user(request, f"已发布《{report.title}》第{revision.number}版。", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "发布年报",
            "reports": queryset,
            "corrections": [r for r in queryset if r.revisions.exists()],
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/disclosure/publish.html", context)


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "parent", "position"]
    list_editable = ["position"]
    fields = ["name_zh_hans", "name_en", "slug", "kind", "parent", "position"]
    prepopulated_fields = {}
    search_fields = ["name_zh_hans", "slug"]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Published revisions are a record: they can be looked at, never changed."""

    list_display = ["title", "body", "year", "number", "published_at", "created_by", "change_note"]
    list_filter = ["year", "body"]
    search_fields = ["title_zh_hans"]
    fields = ["report", "number", "title", "published_on", "published_at", "change_note", "created_by", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fields = [
        "site_name_zh_hans",
        "site_name_en",
        "copyright_zh_hans",
        "copyright_en",
        "address_zh_hans",
        "address_en",
        "phone",
        "icp",
        "icp_url",
        "police_record",
    ]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    list_display = ["label", "url", "position"]
    list_editable = ["url", "position"]
    fields = ["label_zh_hans", "label_en", "url", "position"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    fields = ["slug", "title_zh_hans", "body_zh_hans", "title_en", "body_en"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["subject", "name", "created_at", "status"]
    list_filter = ["status", "created_at"]
    search_fields = ["subject", "message", "name"]
    fields = ["name", "contact", "subject", "message", "page_url", "created_at", "status", "reply", "handled_at"]
    readonly_fields = ["name", "contact", "subject", "message", "page_url", "created_at", "handled_at"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data and obj.status != Feedback.Status.NEW:
            obj.handled_at = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(admin.ModelAdmin):
    """The glossary fixes the automatic conversion; saving an entry derives the affected texts again."""

    list_display = ["simplified", "traditional", "note", "updated_at"]
    search_fields = ["simplified", "traditional", "note"]
    fields = ["simplified", "traditional", "note"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.report_effect(request, obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self.report_effect(request, obj)

    def report_effect(self, request, entry):
        self.message_user(request, f"已按词表重新生成{getattr(entry, 'rederived', 0)}处繁体文字。", messages.SUCCESS)
        published = [r.title for r in Revision.objects.public() if entry.simplified in str(r.document)]
        if published:
            self.message_user(
                request,
                "以下已发布的年报含有该词，公众看到的繁体版本要在重新发布（更正）后才会更新：" + "、".join(published),
                messages.WARNING,
            )
