from django.conf import settings
from django.db import models


class ReportLock(models.Model):
    """An explicit 锁定 of a report by one editor: others cannot save it until the holder releases it, a
    publisher releases it, or it runs out (publishing/locks.py holds the rules and the timeout).

    A row of its own, not fields on Report: taking or releasing a lock is not an edit of the report, so it
    must not bump the report's version (which would refuse everybody's open form) or its 修改时间."""

    report = models.OneToOneField(
        "disclosure.Report", verbose_name="年报", on_delete=models.CASCADE, related_name="lock"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="锁定人", on_delete=models.CASCADE, related_name="+"
    )
    locked_at = models.DateTimeField("锁定时间")

    class Meta:
        verbose_name = verbose_name_plural = "年报锁定"

    def __str__(self):
        return f"{self.report} 由{self.holder}锁定"

    @property
    def holder(self):
        return self.user.get_full_name() or self.user.username
