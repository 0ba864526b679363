"""Email to staff when a report moves: 提交审核 (to the body's reviewers), 退回修改 (to its authors, with the
comment), 审核通过 (to the body's publishers), 发布 and a scheduled publication gone public (to its authors).

workflow._record calls `recorded` for every line of history it writes; the mail is built and sent only once
the transaction has committed (transaction.on_commit), from the committed rows, so that a rolled-back
transition sends nothing, and a mail server that is down or refuses an address is logged and never undoes
or fails a transition. Each recipient gets a message of their own (the addresses of colleagues are not
handed around); whoever acted is not told of their own step; anyone who turned the mail off in 通知设置
(NotificationPreference) gets none. Links are absolute, from settings.SITE_URL.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from disclosure.models import NotificationPreference, ReportEvent
from disclosure.publishing import deadlines, queue, workflow

logger = logging.getLogger(__name__)

SUBJECT_TAGS = {
    "submit": "待审核",
    "return": "已退回",
    "approve": "待发布",
    "publish": "已发布",
    "scheduled": "已公开",
}


# ---- plumbing --------------------------------------------------------------------------------------------


def absolute(path):
    """`path` on the site's address (SITE_URL); the bare path when none is configured."""
    return settings.SITE_URL.rstrip("/") + path


def name_of(user):
    if user is None:
        return "系统"
    return user.get_full_name() or user.get_username()


def when(moment):
    local = timezone.localtime(moment)
    return f"{day(local)} {local:%H:%M}"


def day(date):
    return f"{date.year}年{date.month}月{date.day}日"


def footer():
    settings_url = absolute(reverse("admin_notifications"))
    return (
        "\n\n——\n本邮件由政府信息公开年报管理系统自动发送，请勿直接回复。"
        f"不想再收到此类邮件，可以在“通知设置”中关闭：{settings_url}\n"
    )


def recipients(users, kind, exclude=None):
    """Those of `users` who can be written to: active staff with an address who have not turned `kind` off."""
    found = []
    for user in users:
        if exclude is not None and user.pk == exclude.pk:
            continue
        if user.is_active and user.is_staff and user.email and NotificationPreference.wants(user, kind):
            found.append(user)
    return found


def staff_of(body, role):
    """The members of `body` in `role` (撰稿人, 审核人, 发布人), in a stable order."""
    users = get_user_model().objects.filter(bodies=body, groups__name=role, is_active=True, is_staff=True)
    return list(users.distinct().order_by("pk"))


def send(messages):
    """Send each message on one connection; a failure is logged, never raised. Returns how many went out."""
    sent = 0
    if not messages:
        return sent
    try:
        connection = get_connection()
        connection.open()
    except Exception:
        logger.exception("无法连接邮件服务器，%d封通知邮件未发出", len(messages))
        return sent
    try:
        for message in messages:
            message.connection = connection
            try:
                sent += message.send()
            except Exception:
                logger.exception("通知邮件未发出：%s → %s", message.subject, ", ".join(message.to))
    finally:
        try:
            connection.close()
        except Exception:
            logger.exception("关闭邮件服务器连接时出错")
    return sent


def message(user, subject, text):
    greeting = f"{name_of(user)}：\n\n"
    return EmailMessage(subject, greeting + text + footer(), to=[user.email])


# ---- a report's steps ------------------------------------------------------------------------------------


def recorded(event):
    """Called for each ReportEvent written by the workflow: mail about it after the commit, when it is a step
    staff are told of."""
    if kind_of(event) is None:
        return
    transaction.on_commit(lambda: notify(event.pk))


def kind_of(event):
    if event.action in ("submit", "return", "approve"):
        return event.action
    if event.action == "publish":
        # The system publishes when the demo loads (nobody to tell) and when a scheduled revision falls due.
        if event.user_id is not None:
            return "publish"
        if event.from_status == workflow.SCHEDULED:
            return "scheduled"
    return None


def notify(event_pk):
    """Build and send the mail about one step; never raises (it runs after the commit, inside the request)."""
    try:
        event = ReportEvent.objects.select_related("report__body", "user", "revision").get(pk=event_pk)
        with translation.override(settings.LANGUAGE_CODE):
            messages = messages_for(event)
    except Exception:
        logger.exception("年报操作记录%s的通知邮件未能生成", event_pk)
        return 0
    return send(messages)


def messages_for(event):
    kind = kind_of(event)
    report, actor = event.report, event.user
    if kind == "submit":
        users = staff_of(report.body, workflow.REVIEWER)
        lead = f"{name_of(actor)}于{when(event.created_at)}将《{report.title}》提交审核，请您审核。"
    elif kind == "return":
        users = queue.authors(report)
        lead = (
            f"{name_of(actor)}于{when(event.created_at)}将《{report.title}》退回修改。\n\n"
            f"退回意见：\n{event.comment}\n\n请按意见修改后重新提交审核。"
        )
    elif kind == "approve":
        users = staff_of(report.body, workflow.PUBLISHER)
        lead = f"{name_of(actor)}于{when(event.created_at)}审核通过了《{report.title}》，请您发布。"
    elif kind == "publish":
        users = queue.authors(report)
        lead = f"{name_of(actor)}于{when(event.created_at)}发布了《{report.title}》{_revision(event)}，"
        lead += "公众现在可以在网站上看到。"
    elif kind == "scheduled":
        users = queue.authors(report)
        at = event.revision.published_at if event.revision else event.created_at
        number = f"第{event.revision.number}版" if event.revision else "版本"
        lead = f"《{report.title}》定时发布的{number}已于{when(at)}公开，公众现在可以在网站上看到。"
    else:
        return []
    subject = f"【{SUBJECT_TAGS[kind]}】{report.title}"
    text = lead + "\n\n" + _facts(report, event, kind)
    return [message(user, subject, text) for user in recipients(users, NotificationPreference.WORKFLOW, actor)]


def _revision(event):
    return f"（第{event.revision.number}版）" if event.revision else ""


def _facts(report, event, kind):
    lines = [f"发布机构：{report.body.name}"]
    if kind in ("submit", "return", "approve"):
        last_day = deadlines.deadline(report.body.kind, report.year)
        left = (last_day - timezone.localdate()).days
        lines.append(f"法定发布期限：{day(last_day)}（{queue.situation(left)}）")
    lines.append(f"管理页面：{absolute(reverse('admin:disclosure_report_change', args=[report.pk]))}")
    if kind in ("publish", "scheduled") and event.revision is not None:
        lines.append(f"公开页面：{absolute(event.revision.get_absolute_url())}")
    return "\n".join(lines)
