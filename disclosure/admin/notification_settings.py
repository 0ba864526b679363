"""通知设置: each member of staff chooses, on a page of their own, which emails they receive.

Not a ModelAdmin: the page edits the signed-in user's own row only, so it needs no model permission and
offers nobody else's. portal/urls.py mounts it before the admin's URLs, wrapped in admin.site.admin_view.
"""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from disclosure.models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = [NotificationPreference.WORKFLOW, NotificationPreference.DIGEST]


def notification_settings_view(request):
    preference = NotificationPreference.objects.filter(user=request.user).first()
    preference = preference or NotificationPreference(user=request.user)
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "通知设置已保存。")
        return redirect("admin_notifications")
    context = {
        **admin.site.each_context(request),
        "title": "通知设置",
        "form": form,
        "address": request.user.email,
    }
    return TemplateResponse(request, "admin/disclosure/notification_settings.html", context)
