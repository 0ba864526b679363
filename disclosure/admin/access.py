"""Who signed in, out or failed to, and what was saved through the admin: read-only, for superusers.

Also the admin's sign-in form, which refuses a locked user name or address before any password is checked
(lockout.py decides; audit.py records).
"""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError

from disclosure.admin.records import RecordAdmin
from disclosure.models import AccessEvent
from disclosure.staff_security import audit, lockout


class LoginForm(AdminAuthenticationForm):
    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        address = audit.address_of(self.request)
        lock = lockout.current_lock(username, address)
        if lock:
            audit.record(AccessEvent.Kind.REFUSED, self.request, username=username)
            raise ValidationError(lock.message, code="locked")
        try:
            return super().clean()
        except ValidationError:
            # This failure (recorded by audit.login_failed) may be the one that set a lock: say so now.
            lock = lockout.current_lock(username, address)
            if lock:
                raise ValidationError(lock.message, code="locked") from None
            raise


admin.site.login_form = LoginForm


class SuperuserOnly(RecordAdmin):
    """A record: superusers read it; nobody adds, changes or deletes it through the admin."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(AccessEvent)
class AccessEventAdmin(SuperuserOnly):
    list_display = ["created_at", "kind", "username", "address", "user_agent"]
    list_filter = ["kind", "created_at"]
    search_fields = ["username", "address"]
    date_hierarchy = "created_at"


@admin.register(LogEntry)
class LogEntryAdmin(SuperuserOnly):
    list_display = ["action_time", "user", "action_label", "content_type", "object_repr", "change_message_text"]
    list_filter = ["action_flag", "content_type", "action_time"]
    search_fields = ["object_repr", "user__username"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]

    @admin.display(description="操作")
    def action_label(self, entry):
        return {1: "新增", 2: "修改", 3: "删除"}.get(entry.action_flag, entry.action_flag)

    @admin.display(description="改动")
    def change_message_text(self, entry):
        return entry.get_change_message()
