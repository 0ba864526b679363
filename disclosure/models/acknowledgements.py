from django.conf import settings
from django.db import models


class Acknowledgement(models.Model):
    """A reviewer's comment on a warning of tables/rules.py (carry-over, text vs table, repetition).

    Keyed by the finding (check, place and topic: `Finding.key`), with the figures the reviewer saw: when they
    move past the tolerance (rules.ACKNOWLEDGEMENT_TOLERANCE) the warning must be acknowledged again, because the
    reviewer vouched for what they saw, not for whatever the cell holds later. Rows from before `figures`
    (null) are keyed by the whole message, figures included.
    """

    report = models.ForeignKey(
        "disclosure.Report", verbose_name="年报", on_delete=models.CASCADE, related_name="acknowledgements"
    )
    key = models.TextField("提示")
    comment = models.TextField("审核意见")
    figures = models.JSONField("确认时的数字", null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "提示确认"
        ordering = ["created_at"]

    def __str__(self):
        return self.key.split(":", 2)[-1][:60]
