"""Working on a report side by side: who else has its form open (a heartbeat), 锁定, and a stale save merged
field by field. The rules are publishing/presence.py's, publishing/locks.py's and stale_merge.py's; this mixin
offers them on the report's change form and list."""

import datetime
import time

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone

from disclosure.admin import stale_merge
from disclosure.models import ReportEvent
from disclosure.publishing import locks, presence


def _when(seconds):
    return timezone.localtime(datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)).strftime("%H:%M")


def presence_rows(rows):
    """The heartbeat's entries as staff read them: 赵撰稿（14:03起） or 您本人（另一个窗口，14:03起）."""
    texts = [f"{'您本人（另一个窗口，' if r['self'] else r['name'] + '（'}{_when(r['since'])}起）" for r in rows]
    return [{"text": text, "self": r["self"]} for text, r in zip(texts, rows, strict=True)]


def _stale_refusal(report_id, merged):
    last = ReportEvent.objects.filter(report_id=report_id).select_related("user").first()
    who = last.actor if last else "其他工作人员"
    when = timezone.localtime(last.created_at).strftime("%H:%M") if last else "刚才"
    parts = [
        f"未保存：在您编辑期间，{who}于{when}保存了这份年报。为免覆盖对方的修改，本次没有保存，您填写的内容仍在下方。"
    ]
    if merged.taken:
        parts.append(f"对方修改而您没有改动的{len(merged.taken)}处已换成对方的内容。")
    if merged.conflicts:
        parts.append(
            f"有{len(merged.conflicts)}处{'双方都改过' if merged.three_way else '与对方保存的内容不同'}，"
            "已在该处并列显示对方的内容，请逐项选择“采用对方的内容”或保留您的内容。"
        )
    if merged.removed:
        parts.append(f"对方删除了{len(merged.removed)}行，保存时不再保留。")
    if merged.added:
        parts.append(f"对方新增了{len(merged.added)}行，已经保存。")
    parts.append("核对后再次保存即可。")
    return "".join(parts)


class PresenceMixin:
    """Before ReviewingMixin in the bases: its change view and form wrap the reviewing ones."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:report_id>/presence/", wrap(self.presence_view), name="disclosure_report_presence"),
            path("<int:report_id>/lock/", wrap(self.lock_view), name="disclosure_report_lock"),
            *super().get_urls(),
        ]

    @property
    def media(self):
        return super().media + forms.Media(js=["js/admin-presence.js"], css={"all": ["css/admin-presence.css"]})

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lock__user")

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        # Beside the working copy's state, which is what a lock holds back.
        at = shown.index("editorial_display") + 1 if "editorial_display" in shown else len(shown)
        return [*shown[:at], "lock_display", *shown[at:]]

    @admin.display(description="锁定")
    def lock_display(self, report):
        held = locks.current(report)
        if held is None:
            return ""
        return f"{held.holder}锁定（至{timezone.localtime(locks.expires_at(held)):%H:%M}）"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            return form
        user = request.user
        stale = getattr(request, "_stale_merge", None)

        def clean(self):
            # The lock first: while someone else holds it, whether the input is stale does not matter yet.
            refusal = locks.save_refusal(self.instance, user)
            if refusal:
                raise ValidationError(refusal)
            cleaned = form.clean(self)
            if stale is not None and stale.needs_review:
                raise ValidationError(_stale_refusal(self.instance.pk, stale))
            return cleaned

        return type(form.__name__, (form,), {"clean": clean})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, object_id)
        if report is None:
            return super().change_view(request, object_id, form_url, extra_context)
        extra = {}
        if request.method == "POST":
            started_from = _int(request.POST.get("edit_version"))
            if started_from != report.version and not locks.save_refusal(report, request.user):
                merged = stale_merge.merge(report, started_from, request.POST)
                request.POST = merged.post
                request._stale_merge = merged
                extra["stale_merge"] = merged
            # Drawn again only when the save was refused: its workflow buttons would act on the stored text, not
            # on what is in the form, so none is offered until the form is saved.
            extra["workflow_actions"] = []
            extra["unsaved_input"] = True
        stale_merge.remember(report)
        tab = presence.new_tab()
        held = locks.current(report)
        extra.update(
            {
                "presence_tab": tab,
                "presence_url": reverse("admin:disclosure_report_presence", args=[report.pk]),
                "presence_seconds": presence.heartbeat_seconds(),
                "presence_others": presence_rows(presence.beat(report.pk, tab, request.user)),
                "lock": held,
                "lock_text": locks.describe(held) if held else "",
                "lock_mine": bool(held and held.user_id == request.user.pk),
                "lock_releasable": bool(held and locks.may_release(request.user, report, held)),
                "lock_offered": held is None and locks.may_lock(request.user, report) is None,
                "lock_duration": _duration(locks.LOCK_TIMEOUT),
            }
        )
        response = super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})
        if getattr(response, "status_code", None) == 302 and request.method == "POST":
            presence.leave(report.pk, tab, request.user)  # saved: the page that follows beats for itself
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            locks.renew(obj, request.user)

    def presence_view(self, request, report_id):
        """The heartbeat: {others, lock, version}; `leave` drops this tab at once."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        report = get_object_or_404(self.get_queryset(request), pk=report_id)
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        tab = request.POST.get("tab", "")
        if not presence.TAB_PATTERN.match(tab):
            return HttpResponseBadRequest("tab")
        if request.POST.get("leave"):
            presence.leave(report.pk, tab, request.user)
            return JsonResponse({"left": True})
        held = locks.current(report)
        return JsonResponse(
            {
                "others": presence_rows(presence.beat(report.pk, tab, request.user, time.time())),
                "lock": {"text": locks.describe(held), "mine": held.user_id == request.user.pk} if held else None,
                "version": report.version,
                "next": presence.heartbeat_seconds(),
            }
        )

    def lock_view(self, request, report_id):
        report = get_object_or_404(self.get_queryset(request), pk=report_id)
        if request.method != "POST":
            return redirect("admin:disclosure_report_change", report.pk)
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        try:
            if request.POST.get("action") == "unlock":
                held = locks.release(report, request.user)
                if held is None:
                    done = "这份年报目前没有锁定。"
                elif held.user_id == request.user.pk:
                    done = "已解除锁定，其他工作人员现在可以保存这份年报。"
                else:
                    done = f"已解除{held.holder}对这份年报的锁定。"
            else:
                taken = locks.lock(report, request.user)
                until = timezone.localtime(locks.expires_at(taken))
                done = f"已锁定：在您解除锁定之前（最迟{until:%H:%M}自动解除），其他人不能保存这份年报。"
        except locks.LockError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return redirect("admin:disclosure_report_change", report.pk)


def _duration(span):
    """2小时, 90分钟: how long a lock lasts, as staff say it."""
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 60}小时" if minutes % 60 == 0 else f"{minutes}分钟"


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
