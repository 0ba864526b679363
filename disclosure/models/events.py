from django.conf import settings
from django.db import models

ACTION_LABELS = {
    "edit": "修改内容",
    "import": "导入文本",
    "load": "载入文档",
    "submit": "提交审核",
    "return": "退回修改",
    "approve": "审核通过",
    "publish": "发布",
    "schedule": "定时发布",
    "withdraw": "撤回",
    "acknowledge": "确认提示",
}

# The working copy's review states (Report.Status, and 定时发布 derived by workflow.editorial_state); 已撤回 for
# the history written before withdrawal became a record of its own.
STATE_LABELS = {
    "draft": "草稿",
    "submitted": "待审核",
    "approved": "已审核",
    "scheduled": "定时发布",
    "published": "已发布",
    "withdrawn": "已撤回",
}


class ReportEvent(models.Model):
    """One line of a report's history: a save or a transition, who, when, from and to, and why."""

    report = models.ForeignKey(
        "disclosure.Report", verbose_name="年报", on_delete=models.CASCADE, related_name="events"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField("操作", max_length=20)
    from_status = models.CharField("原状态", max_length=20, blank=True)
    to_status = models.CharField("新状态", max_length=20, blank=True)
    comment = models.TextField("意见或说明", blank=True)
    changes = models.JSONField("改动", default=list, blank=True)
    # The revision a publish or schedule froze: publish_scheduled records once that a scheduled one went public.
    revision = models.ForeignKey(
        "disclosure.Revision",
        verbose_name="版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "年报操作记录"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.report} {self.action_label}"

    @property
    def actor(self):
        """Who did it, as staff know them; 系统 for the system (scheduled publication, demo loading)."""
        if self.user is None:
            return "系统"
        return self.user.get_full_name() or self.user.username

    @property
    def action_label(self):
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def from_label(self):
        return self._status_label(self.from_status)

    @property
    def to_label(self):
        return self._status_label(self.to_status)

    @staticmethod
    def _status_label(value):
        return STATE_LABELS.get(value, value)
