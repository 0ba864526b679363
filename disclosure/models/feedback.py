from django.db import models


class Feedback(models.Model):
    """A message sent through 意见反馈, handled by staff in the admin."""

    class Status(models.TextChoices):
        NEW = "new", "待处理"
        REPLIED = "replied", "已答复"
        CLOSED = "closed", "已办结"

    name = models.CharField("姓名", max_length=50)
    contact = models.CharField("联系方式", max_length=100, help_text="电子邮箱或电话。")
    subject = models.CharField("主题", max_length=100)
    message = models.TextField("内容")
    page_url = models.CharField("来源页面", max_length=300, blank=True)
    # A keyed hash of the sender's address: enough to rate-limit, not enough to identify anyone.
    address_hash = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField("提交时间", auto_now_add=True, db_index=True)
    status = models.CharField("处理状态", max_length=20, choices=Status.choices, default=Status.NEW)
    reply = models.TextField("答复内容", blank=True)
    handled_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "意见反馈"
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
