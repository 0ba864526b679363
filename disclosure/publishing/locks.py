"""锁定: an editor's explicit claim on a report while they rework it, so that nobody else saves over them.

Optimistic concurrency (Report.version) already refuses a save based on an older version; a lock goes one step
further for long pieces of work (rewriting a part, filling in a table), when a refusal after an hour's typing
would cost too much. While a report is locked only the holder can save it (the change form, 统计表 and 英文译文
alike); the workflow buttons are not held back, since a return or an approval is not an edit of the text.

A lock ends when its holder releases it, when a 发布人 of the body releases it (the holder is away and the
report must go out), or by itself LOCK_TIMEOUT after it was taken or after the holder last saved.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from disclosure.models import ReportLock
from disclosure.publishing import workflow

# Two hours: long enough to rework a whole part or a statistical table in one sitting (each save starts the
# clock again), short enough that a lock forgotten before lunch does not keep colleagues out all afternoon.
# Staff sessions end after 30 idle minutes anyway, so a lock outlives its holder's session by design: they
# may step away and come back to their work without losing their claim.
LOCK_TIMEOUT = datetime.timedelta(hours=2)


class LockError(Exception):
    """A lock that may not be taken or released; the message is shown to staff as it is."""


def _time(moment):
    return timezone.localtime(moment).strftime("%H:%M")


def expires_at(lock):
    return lock.locked_at + LOCK_TIMEOUT


def current(report, now=None):
    """The report's lock in force, or None (a lock past its time counts as released)."""
    try:
        lock = report.lock
    except ReportLock.DoesNotExist:
        return None
    return lock if expires_at(lock) > (now or timezone.now()) else None


def describe(lock):
    """How staff read a lock: 王撰稿于14:05锁定，最迟16:05自动解除."""
    return f"{lock.holder}于{_time(lock.locked_at)}锁定，最迟{_time(expires_at(lock))}自动解除"


def may_lock(user, report):
    """Why `user` may not lock `report` now, or None."""
    if not workflow.is_member(user, report.body):
        return f"您不是{report.body.name}的工作人员，不能锁定该机构的年报。"
    if not workflow.has_role(user, (workflow.EDITOR,)):
        return "只有撰稿人可以锁定年报。"
    held = current(report)
    if held and held.user_id != user.pk:
        return f"这份年报已由{describe(held)}。"
    return None


def may_release(user, report, lock):
    """The holder, and a 发布人 of the body, may release a lock."""
    if lock.user_id == user.pk:
        return True
    return workflow.is_member(user, report.body) and workflow.has_role(user, (workflow.PUBLISHER,))


def lock(report, user, now=None):
    """Take (or renew) the lock of `report` for `user`, or raise LockError."""
    refusal = may_lock(user, report)
    if refusal:
        raise LockError(refusal)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            # Checked again under the row lock: two editors pressing 锁定 at once, only one holds it.
            held = ReportLock.objects.select_for_update().select_related("user").filter(report=report).first()
            if held and held.user_id != user.pk and expires_at(held) > now:
                raise LockError(f"这份年报已由{describe(held)}。")
            if held:  # renewed, or someone else's that ran out
                held.user, held.locked_at = user, now
                held.save()
            else:  # a concurrent first claim loses on the unique report
                held = ReportLock.objects.create(report=report, user=user, locked_at=now)
    except IntegrityError as error:
        raise LockError("刚才已有其他人锁定了这份年报，请刷新页面查看。") from error
    report.lock = held
    return held


def release(report, user):
    """Release the lock of `report` (by its holder or a publisher); returns the lock released, or None when
    there was none in force. Raises LockError for anybody else."""
    held = current(report)
    if held is None:
        ReportLock.objects.filter(report=report).delete()  # an expired row, tidied away
        return None
    if not may_release(user, report, held):
        raise LockError(f"这份年报由{held.holder}锁定，只有锁定人或本机构的发布人可以解除锁定。")
    ReportLock.objects.filter(pk=held.pk).delete()
    type(report).lock.related.delete_cached_value(report)  # the report no longer answers with the deleted row
    return held


def save_refusal(report, user):
    """Why `user` may not save `report` now because someone else holds its lock, or None."""
    held = current(report)
    if held is None or held.user_id == user.pk:
        return None
    return (
        f"未保存：这份年报已由{describe(held)}。锁定期间只有{held.holder}可以保存；您填写的内容仍在下方，"
        f"没有丢失。请等锁定解除后再保存，急需修改的请与{held.holder}或本机构的发布人联系。"
    )


def renew(report, user, now=None):
    """The holder saved: their lock runs for LOCK_TIMEOUT from now."""
    ReportLock.objects.filter(report=report, user=user).update(locked_at=now or timezone.now())
