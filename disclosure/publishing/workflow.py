"""Report state changes, written once and called by the admin, the commands and the tests.

草稿 → 待审核 (submit) → 已审核 (approve) → 已发布 (publish) or 定时发布 (schedule); 退回修改 (return) sends a
report back to draft; 撤回 (withdraw) takes a published report off the column. Each transition checks the
actor's role (groups 撰稿人, 审核人, 发布人), the actor's body, the report's state, and the 审核 principle
(whoever submitted a text cannot approve it), and writes a ReportEvent. Nothing else changes `status`.

`user=None` is the system itself (the demo loader, the scheduled-publication command): it is never what
a request or a command line supplies, both of which always name a user.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from disclosure.languages.declared import CODES
from disclosure.models import Body, Report, ReportEvent, Revision
from disclosure.publishing import document
from disclosure.tables import assessment

S = Report.Status
EDITOR, REVIEWER, PUBLISHER = "撰稿人", "审核人", "发布人"


class TransitionError(Exception):
    """A transition that is not allowed; the message is shown to staff (and printed by commands) as it is."""


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: tuple
    roles: tuple
    needs_comment: bool = False


ACTIONS = {
    # A withdrawn report comes back only through review again (submit → approve → publish a correction).
    "submit": Action("submit", "提交审核", (S.DRAFT, S.WITHDRAWN), (EDITOR,)),
    "return": Action("return", "退回修改", (S.SUBMITTED, S.APPROVED, S.SCHEDULED), (REVIEWER, PUBLISHER), True),
    "approve": Action("approve", "审核通过", (S.SUBMITTED,), (REVIEWER,)),
    "publish": Action("publish", "发布", (S.APPROVED,), (PUBLISHER,)),
    "schedule": Action("schedule", "定时发布", (S.APPROVED,), (PUBLISHER,)),
    "withdraw": Action("withdraw", "撤回", (S.PUBLISHED,), (PUBLISHER,), True),
}


def is_member(user, body):
    return user.is_superuser or body.members.filter(pk=user.pk).exists()


def bodies_of(user):
    """The bodies whose reports `user` may see and work on: those they are a member of; every body for a
    superuser. The admin's lists, forms and deadline overview are scoped by this (see `scoped`)."""
    return Body.objects.all() if user.is_superuser else Body.objects.filter(members=user)


def scoped(queryset, user):
    """`queryset` (of rows with a `body`) cut down to `user`'s bodies; unchanged for a superuser."""
    return queryset if user.is_superuser else queryset.filter(body__members=user)


def has_role(user, roles):
    return user.is_superuser or user.groups.filter(name__in=roles).exists()


def refusal(user, report, name):
    """Why `user` may not do `name` to `report` now, or None when they may."""
    action = ACTIONS.get(name)
    if action is None:
        return f"没有“{name}”这项操作。可用的操作：{'、'.join(ACTIONS)}。"
    if user is None:
        return None
    if not (user.is_active and user.is_staff):
        return "只有在职的工作人员才能处理年报。"
    if not is_member(user, report.body):
        return f"您不是{report.body.name}的工作人员，不能处理该机构的年报。"
    if report.status not in action.sources:
        allowed = "、".join(S(s).label for s in action.sources)
        return f"《{report.title}》当前状态为“{report.get_status_display()}”，只有“{allowed}”的年报才能{action.label}。"
    if not has_role(user, action.roles):
        return f"{action.label}需要“{'”或“'.join(action.roles)}”角色。"
    if name == "approve" and report.submitted_by_id == user.pk:
        return "按照审核制度，提交人不能审核自己提交的年报，请由其他审核人审核。"
    return None


def allowed_actions(user, report):
    return [action for name, action in ACTIONS.items() if refusal(user, report, name) is None]


def _record(report, user, action, old, comment="", changes=None):
    ReportEvent.objects.create(
        report=report,
        user=user if user is not None else None,
        action=action,
        from_status=old,
        to_status=report.status,
        comment=comment,
        changes=changes or [],
    )


def _locked(report):
    return Report.objects.select_for_update().select_related("body").get(pk=report.pk)


def transition(report, user, name, comment="", at=None):
    """Carry out `name` (submit, return, approve, publish, schedule, withdraw) or raise TransitionError."""
    comment = (comment or "").strip()
    with transaction.atomic():
        report = _locked(report)
        reason = refusal(user, report, name)
        if reason:
            raise TransitionError(reason)
        action = ACTIONS[name]
        if action.needs_comment and not comment:
            raise TransitionError(
                "退回修改须写明需要修改的内容。" if name == "return" else "撤回须写明公开的撤回理由。"
            )
        _check_tables(report, name, action)
        old = report.status
        result = report
        if name == "submit":
            report.status, report.submitted_by = S.SUBMITTED, user
        elif name == "return":
            _cancel_schedule(report)
            report.status = S.DRAFT
        elif name == "approve":
            report.status = S.APPROVED
        elif name in ("publish", "schedule"):
            when = at or timezone.now()
            if name == "schedule" and when <= timezone.now():
                raise TransitionError("定时发布的时间必须晚于现在；立即发布请选择“发布”。")
            result = _publish_revision(report, user, comment, when)
            report.status = S.SCHEDULED if name == "schedule" else S.PUBLISHED
        elif name == "withdraw":
            report.status = S.WITHDRAWN
            report.withdrawn_at, report.withdrawal_reason_zh_hans = timezone.now(), comment
        report.save()
        _record(report, user, name, old, comment)
        return result


def publish(report, user=None, change_note="", at=None):
    """Publish now (or at `at`). With a user this is the publish transition; without, the system publishes."""
    if user is not None:
        return transition(report, user, "publish", change_note, at)
    with transaction.atomic():
        report = _locked(report)
        old = report.status
        revision = _publish_revision(report, None, change_note, at or timezone.now())
        report.status = S.PUBLISHED
        report.save()
        _record(report, None, "publish", old, change_note)
        return revision


def publish_due(now=None):
    """Mark scheduled reports whose time has come as published (run by cron: `manage.py publish_scheduled`).

    The public pages already show a due revision (Revision.objects.public() looks at the time), so this
    only brings the working copy's state and the history in line with what the public sees.
    """
    now = now or timezone.now()
    done = []
    for report in Report.objects.filter(status=S.SCHEDULED, revisions__published_at__lte=now).distinct():
        with transaction.atomic():
            report = _locked(report)
            if report.status != S.SCHEDULED:
                continue
            report.status = S.PUBLISHED
            report.save()
            _record(report, None, "publish", S.SCHEDULED, "定时发布到时自动发布。")
            done.append(report)
    return done


def edited(report, user, changes, action="edit", comment=""):
    """Record a change of the working copy (a save in the admin, an import, a loaded document).

    Editing a text under review, scheduled or published sends it back to draft: what was reviewed is no
    longer what would be published. A scheduled revision that has not gone out is dropped with it.
    """
    old = report.status
    if old in (S.SUBMITTED, S.APPROVED, S.SCHEDULED, S.PUBLISHED):
        _cancel_schedule(report)
        report.status = S.DRAFT
        Report.objects.filter(pk=report.pk).update(status=S.DRAFT)
    _record(report, user, action, old, comment, changes)


def _cancel_schedule(report):
    """A scheduled revision that has not gone out yet is dropped when its report leaves the schedule."""
    if report.status == S.SCHEDULED:
        report.revisions.filter(published_at__gt=timezone.now()).delete()


def _check_tables(report, name, action):
    """Tables that do not add up never leave the draft; warnings need a reviewer's comment before approval."""
    if name not in ("submit", "approve"):
        return  # publishing checks again in _publish_revision, whoever publishes
    found = assessment.findings(report)
    errors = [f for f in found if f.blocking]
    if errors:
        raise TransitionError(
            f"《{report.title}》的统计表有{len(errors)}处错误，不能{action.label}："
            f"{assessment.summary(errors)}。请在“统计表”页面改正后再{action.label}。"
        )
    pending = assessment.unacknowledged(report, found) if name == "approve" else []
    if pending:
        raise TransitionError(
            f"还有{len(pending)}项提示需要审核人确认：{assessment.summary(pending)}。请逐项填写审核意见后再审核通过。"
        )


def _publish_revision(report, user, change_note, at):
    """The working copy as an immutable Revision; a correction must say what it corrects."""
    errors = assessment.blocking(report)
    if errors:
        raise TransitionError(
            f"《{report.title}》的统计表有{len(errors)}处错误，不能发布：{assessment.summary(errors)}。"
        )
    change_note = (change_note or "").strip()
    previous = report.revisions.order_by("-number").first()
    if previous and not change_note:
        raise TransitionError(f"《{report.title}》已发布过，再次发布属于更正，请填写更正说明。")
    if not report.sections.exists():
        raise TransitionError(f"《{report.title}》还没有正文章节，不能发布。")
    if report.published_on is None:
        report.published_on = timezone.localdate(at)
    report.withdrawn_at, report.withdrawal_reason_zh_hans = None, ""
    report.save()
    doc = document.build(report)
    revision = Revision(
        report=report,
        number=(previous.number + 1) if previous else 1,
        body=report.body,
        year=report.year,
        published_on=report.published_on,
        published_at=at,
        document=doc,
        created_by=user,
    )
    for lang in CODES:
        setattr(revision, document.field_name("title", lang), doc["title"][lang])
    revision.change_note_zh_hans = change_note
    revision.save()
    return revision
