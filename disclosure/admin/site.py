"""Admin of everything around the reports: bodies, revisions, site settings, pages, feedback, glossary."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.utils import timezone

from disclosure.admin.busy import BusyDatabaseMixin
from disclosure.admin.records import RecordAdmin
from disclosure.models import Body, Feedback, GlossaryEntry, Link, Page, Revision, SiteSettings
from disclosure.publishing import workflow


@admin.register(Body)
class BodyAdmin(BusyDatabaseMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "parent", "first_year", "position"]
    list_editable = ["position"]
    fields = ["name_zh_hans", "name_en", "slug", "kind", "parent", "first_year", "position"]
    prepopulated_fields = {}
    search_fields = ["name_zh_hans", "slug"]

    def history_view(self, request, object_id, extra_context=None):
        """A body's edit log is for its members and superusers (workflow.bodies_of), as its reports' history is."""
        body = self.get_object(request, unquote(object_id))
        if body is None or not workflow.bodies_of(request.user).filter(pk=body.pk).exists():
            raise Http404
        return super().history_view(request, object_id, extra_context)


@admin.register(Revision)
class RevisionAdmin(RecordAdmin):
    """Published revisions are a record: they can be looked at, never changed."""

    list_display = ["title", "body", "year", "number", "published_at", "created_by", "change_note"]
    list_filter = ["year", "body"]
    search_fields = ["title_zh_hans"]
    fields = ["report", "number", "title", "published_on", "published_at", "change_note", "created_by", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return workflow.scoped(super().get_queryset(request).select_related("body", "created_by"), request.user)


@admin.register(SiteSettings)
class SiteSettingsAdmin(BusyDatabaseMixin, admin.ModelAdmin):
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
class LinkAdmin(BusyDatabaseMixin, admin.ModelAdmin):
    list_display = ["label", "url", "position"]
    list_editable = ["url", "position"]
    fields = ["label_zh_hans", "label_en", "url", "position"]


@admin.register(Page)
class PageAdmin(BusyDatabaseMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    fields = ["slug", "title_zh_hans", "body_zh_hans", "title_en", "body_en"]


@admin.register(Feedback)
class FeedbackAdmin(BusyDatabaseMixin, admin.ModelAdmin):
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
class GlossaryEntryAdmin(BusyDatabaseMixin, admin.ModelAdmin):
    """The glossary fixes the automatic conversion; saving an entry derives the affected texts again."""

    list_display = ["simplified", "traditional", "note", "updated_at"]
    search_fields = ["simplified", "traditional", "note"]
    fields = ["simplified", "traditional", "note"]

    class Media:
        css = {"all": ["css/admin.css"]}

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
