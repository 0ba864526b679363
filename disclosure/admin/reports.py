"""The report admin: it declares; publishing is workflow.py's, English bookkeeping english.py's."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from disclosure.admin.busy import BUSY, BusyDatabaseMixin
from disclosure.admin.inlines import PlanInline, RectificationInline, SectionInline
from disclosure.admin.presence import PresenceMixin
from disclosure.admin.reviewing import (
    ChangeNoteForm,
    EditorialStateFilter,
    PublicStateFilter,
    ReviewingMixin,
    stale_message,
)
from disclosure.admin.role_forms import RoleFormsMixin
from disclosure.admin.tables import TablesMixin
from disclosure.admin.word_upload import WordUploadMixin
from disclosure.languages import english
from disclosure.models import Report, Section
from disclosure.models.revisions import public_state
from disclosure.outage import is_locked
from disclosure.publishing import diff, document, locks, workflow
from disclosure.reports import skeleton


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


CHANGE_NOTE_FIELDSET = (
    "更正说明",
    {
        "fields": ["change_note_zh_hans", "change_note_english"],
        "description": "这份年报已经公开过，再次发布属于更正。请写明本次更正改了什么：审核人审核时看到，"
        "发布人发布时可以修改，发布后显示在公众页面的“修订记录”中。繁体由简体自动生成，英文在“英文译文”页面填写。",
    },
)


def _follow_previous_field():
    return forms.BooleanField(
        label="沿用上一年度年报的结构",
        required=False,
        help_text="勾选后按本机构上一年度年报的章节标题新建（正文清空，统计表为空白）；"
        "不勾选则按统一格式的六个部分新建。已在下方自行添加章节的，以您添加的为准。",
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@admin.register(Report)
class ReportAdmin(
    BusyDatabaseMixin, RoleFormsMixin, WordUploadMixin, TablesMixin, PresenceMixin, ReviewingMixin, admin.ModelAdmin
):
    list_display = [
        "title",
        "body",
        "year",
        "format",
        "public_state_display",
        "editorial_display",
        "published_on",
        "english_status",
        "public_link",
    ]
    list_filter = ["year", "body", PublicStateFilter, EditorialStateFilter, "format", MissingEnglishFilter]
    search_fields = ["title_zh_hans", "title_en", "body__name_zh_hans"]
    list_select_related = ["body"]
    readonly_fields = [
        "state_summary",
        "public_link",
        "english_link",
        "created_at",
        "updated_at",
        "title_zh_hant",
        "source_zh_hant",
        "preamble_zh_hant",
        "change_note_zh_hant",
        "change_note_english",
    ]
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
                    "edit_version",
                ]
            },
        ),
        (
            "繁体中文（保存时由简体自动生成，不能直接修改；转换有误请在“繁体转换词表”中指定）",
            {"fields": ["title_zh_hant", "source_zh_hant", "preamble_zh_hant"], "classes": ["collapse"]},
        ),
        ("状态", {"fields": ["state_summary", "public_link", "english_link", "created_at", "updated_at"]}),
    ]
    inlines = [SectionInline, RectificationInline, PlanInline]
    actions = ["publish"]

    class Media:
        css = {"all": ["css/admin.css", "css/admin-tables.css"]}
        js = ["js/admin-order.js"]

    def get_queryset(self, request):
        # The body here, not only in list_select_related: Django's list ignores that once a queryset selects
        # anything related (the presence mixin's lock), and reads each row's body on its own.
        return (
            super().get_queryset(request).select_related("body").prefetch_related("sections", "rectifications", "plans")
        )

    def get_object(self, request, object_id, from_field=None):
        """Read once per page: the change view of each mixin (Word, tables, presence, reviewing) and Django's own
        ask for the same report. A save reads it afresh each time, as Django does, inside its transaction."""
        if request.method not in ("GET", "HEAD"):
            return super().get_object(request, object_id, from_field)
        read = request.__dict__.setdefault("_reports_read", {})
        if (object_id, from_field) not in read:
            read[object_id, from_field] = super().get_object(request, object_id, from_field)
        return read[object_id, from_field]

    # 新建年报: the starting sections and blank tables are skeleton.py's rule; the form only offers the choice.
    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = type("NewReportForm", (self.form,), {"follow_previous": _follow_previous_field()})
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            first = fieldsets[0]
            fieldsets = [(first[0], {**first[1], "fields": [*first[1]["fields"], "follow_previous"]}), *fieldsets[1:]]
        elif workflow.was_public(obj):
            # Only a report that has been public is corrected: only then is there a change note to propose.
            first, traditional, *rest = fieldsets
            fields = {**traditional[1], "fields": [*traditional[1]["fields"], "change_note_zh_hant"]}
            fieldsets = [first, CHANGE_NOTE_FIELDSET, (traditional[0], fields), *rest]
        return fieldsets

    def save_related(self, request, form, formsets, change):
        if change:
            return super().save_related(request, form, formsets, change)
        follow = form.cleaned_data.get("follow_previous")
        typed = any(
            getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE")
            for formset in formsets
            if formset.model is Section
            for f in formset.forms
        )
        # Before ReviewingMixin records the creation, so the history shows the parts the report started with;
        # sections typed on the add form are saved first and then kept as they are (skeleton.start adds none).
        source = None if typed else skeleton.start(form.instance, follow)
        super().save_related(request, form, formsets, change)
        if typed:
            skeleton.start(form.instance)
        elif follow and source is None:
            self.message_user(request, "该机构没有上一年度的年报，已按统一格式的六个部分新建。", messages.WARNING)
        return None

    def get_urls(self):
        view = self.admin_site.admin_view(self.english_view)
        return [path("<int:report_id>/english/", view, name="disclosure_report_english"), *super().get_urls()]

    def english_view(self, request, report_id):
        """英文译文: every Chinese text of the report beside its English, with what is missing or stale."""
        report = get_object_or_404(self.get_queryset(request), pk=report_id)
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        editable = self.has_change_permission(request, report)  # a reviewer or publisher reads it
        version, typed, errors = report.version, None, None
        if request.method == "POST" and not editable:
            raise PermissionDenied
        if request.method == "POST":
            version = _int(request.POST.get("edit_version"))
            try:
                refusal = self._save_english(request, report, version)
            except english.TooLong as too_long:
                errors = too_long.errors
                refusal = f"未保存：有{len(errors)}处译文超过长度上限，请按提示删减后再保存。您填写的内容仍在下方。"
            except OperationalError as error:
                if not is_locked(error):
                    raise
                refusal = BUSY
            if refusal is None:
                return redirect(request.path)
            self.message_user(request, refusal, messages.ERROR)
            report = get_object_or_404(self.get_queryset(request), pk=report_id)  # as stored: the save was undone
            typed = request.POST
        context = {
            **self.admin_site.each_context(request),
            "title": f"英文译文：{report.title}",
            "report": report,
            "editable": editable,
            "edit_version": "" if version is None else version,
            "texts": english.texts(report, typed, errors),
            "counts": english.summary(report),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/disclosure/report/english.html", context)

    def _save_english(self, request, report, version):
        """Store the English typed unless the report changed since the page was opened (or the page sent no
        version): None when saved, else why not. Raises english.TooLong, with nothing saved."""
        with transaction.atomic():
            current = Report.objects.select_for_update().get(pk=report.pk)
            if version != current.version:
                return stale_message(report.pk)
            held = locks.save_refusal(current, request.user)  # someone else's 锁定 (publishing/locks.py)
            if held:
                return held
            report.version = current.version
            before = document.working(report)
            count = english.save(report, request.POST)
            if count:
                if report.version == current.version:  # only sections or items changed: a new version all the same
                    report.version += 1
                    Report.objects.filter(pk=report.pk).update(version=report.version)
                changes = diff.compare(before, document.working(report))
                workflow.edited(report, request.user, diff.summary(changes, limit=None, length=None))
        self.message_user(request, f"已保存{count}处英文译文。" if count else "英文译文没有改动。", messages.SUCCESS)
        return None

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

    @admin.display(description="更正说明（英文）")
    def change_note_english(self, report):
        url = reverse("admin:disclosure_report_english", args=[report.pk])
        if not report.change_note_en:
            return format_html('尚未填写，英文页面将显示简体说明。<a href="{}">在“英文译文”页面填写</a>', url)
        status = english.STATUS_LABELS[report.english_status("change_note")]
        return format_html(
            '<span lang="en">{}</span>（{}，<a href="{}">在“英文译文”页面修改</a>）', report.change_note_en, status, url
        )

    def view_on_site(self, report):
        """在站点上查看 only while a version is public: a draft, a scheduled or a withdrawn report's page is a 404 or
        a 410 (the change form offers 预览 instead)."""
        return report.get_absolute_url() if public_state(report).is_live else None

    @admin.display(description="公开页面")
    def public_link(self, report):
        if report.pk and public_state(report).is_live:
            return format_html('<a href="{}" target="_blank" rel="noopener">查看</a>', report.get_absolute_url())
        return public_state(report).kind_label if report.pk else "未发布"

    @admin.action(description="发布所选年报", permissions=["publish"])
    def publish(self, request, queryset):
        """Each correction among the reports gets its own change note: its proposal, filled in to confirm or amend."""
        data = request.POST if "apply" in request.POST else None
        rows = [
            (report, ChangeNoteForm(report, data, prefix=f"note-{report.pk}") if workflow.was_public(report) else None)
            for report in queryset
        ]
        if data is not None and all(form is None or form.is_valid() for _, form in rows):
            for report, form in rows:
                try:
                    note = form.note() if form else ""
                    revision = workflow.publish(report, request.user, note, timezone.now())
                except workflow.TransitionError as error:
                    self.message_user(request, str(error), messages.ERROR)
                else:
                    self.message_user(request, f"已发布《{report.title}》第{revision.number}版。", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "发布年报",
            "rows": rows,
            "reports": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/disclosure/publish.html", context)
