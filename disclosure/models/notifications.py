"""Each member of staff's choice of the emails they receive (通知设置); without a row, they receive all."""

from django.conf import settings
from django.db import models


class NotificationPreference(models.Model):
    WORKFLOW, DIGEST = "workflow_mail", "digest_mail"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="工作人员",
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    workflow_mail = models.BooleanField(
        "年报审核、发布通知",
        default=True,
        help_text="年报提交审核、退回修改、审核通过、发布（含定时发布）时，按职责发邮件通知相关人员。",
    )
    digest_mail = models.BooleanField(
        "每日到期提醒",
        default=True,
        help_text="每天一封邮件，列出7天内到期或已经逾期的年报和政府信息公开申请；没有到期事项的当天不发。",
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "通知设置"

    def __str__(self):
        return f"{self.user}的通知设置"

    @classmethod
    def wants(cls, user, kind):
        """Whether `user` receives mail of `kind` (WORKFLOW or DIGEST): yes unless they turned it off."""
        row = cls.objects.filter(user=user).values_list(kind, flat=True).first()
        return True if row is None else row
