"""The reply letter (答复书) of a case as staff will send it: drafted from the case, edited, then drawn as Word.

The text is stored once staff save it; until then the draft is made afresh from the case (letters.draft), so a
case corrected before the letter is touched gets a letter that says what the case says. It holds the
applicant's name: only the handler role sees it.
"""

from django.conf import settings
from django.db import models


class ReplyLetter(models.Model):
    application = models.OneToOneField(
        "disclosure.Application", verbose_name="申请", on_delete=models.CASCADE, related_name="reply_letter"
    )
    basis = models.CharField(
        "答复依据",
        max_length=40,
        blank=True,
        help_text="同一办理结果可有不同的条例依据（如予以公开：已主动公开的为第三十六条第（一）项，"
        "可以公开的为第（二）项）。改选后清空正文并保存，即按所选依据重新起草。",
    )
    text = models.TextField(
        "答复书正文",
        blank=True,
        help_text="空行分段：第一段为文号，第二段为标题，第三段为称呼，最后一段为落款机关和日期（各占一行）。"
        "清空后保存，按登记内容重新起草。",
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="修改人", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "答复书"

    def __str__(self):
        return f"{self.application.ref} 答复书"
