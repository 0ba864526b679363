"""The daily digest (每日到期提醒): to each member of staff, what of theirs falls due within DAYS days or is late.

The lists are the work queue's 即将到期 (queue.due) with a horizon of a week: reports of the user's bodies not
published by their statutory deadline, and for a 申请办理人 the open applications of their bodies. Nobody is
written to on a day with nothing due, nor after turning the digest off (通知设置). Run daily by cron
(`manage.py send_deadline_digest`, docs/operations.md).
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from disclosure.models import NotificationPreference
from disclosure.publishing import notifications, queue

DAYS = 7
NUMERALS = "一二三"


def items_for(user, today):
    return queue.due(user, today, report_within=DAYS, application_within=DAYS)


def message_for(user, today):
    """The user's digest on `today`, or None when nothing of theirs falls due."""
    items = items_for(user, today)
    if not items:
        return None
    groups = [
        ("年报", "法定发布期限", [item for item in items if item.kind == "report"]),
        ("政府信息公开申请", "答复期限", [item for item in items if item.kind == "application"]),
    ]
    late = sum(item.late for item in items)
    lines = [f"截至{notifications.day(today)}，您所在机构有以下{len(items)}项事项{DAYS}天内到期或已经逾期"]
    lines[0] += f"（其中已逾期{late}项）：" if late else "："
    for number, (label, deadline_label, group) in enumerate([g for g in groups if g[2]]):
        lines += ["", f"{NUMERALS[number]}、{label}"]
        for position, item in enumerate(group, start=1):
            note = f"（{item.note}）" if item.note else ""
            lines.append(f"{position}. {item.title}{note}")
            lines.append(f"   {deadline_label}：{notifications.day(item.deadline)}，{item.situation}")
            lines.append(f"   {notifications.absolute(item.url)}")
    lines += ["", f"工作台：{notifications.absolute(reverse('admin:index'))}"]
    subject = f"【到期提醒】{DAYS}天内到期的事项{len(items)}项（{notifications.day(today)}）"
    return notifications.message(user, subject, "\n".join(lines))


def recipients():
    """Active staff with an address who have not turned the digest off."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="").order_by("pk")
    return notifications.recipients(users, NotificationPreference.DIGEST)


def send_all(today=None):
    """Send each recipient's digest; returns (messages built, messages sent)."""
    today = today or timezone.localdate()
    with translation.override("zh-hans"):
        messages = [m for m in (message_for(user, today) for user in recipients()) if m is not None]
    return len(messages), notifications.send(messages)
