"""行政复议 and 行政诉讼 brought against a reply (issue 16): what table 4 is counted from.

`kind` is table 4's row itself (行政复议; 行政诉讼 未经复议直接起诉 or 复议后起诉), so counting needs no mapping.
`result` is one of table 4's decided outcomes; an appeal without `decided_on` is 尚未审结, derived rather than
stored, so that recording the decision is one step and a result can never be left on an undecided case.
"""

from django.core.exceptions import ValidationError
from django.db import models

from disclosure.tables import formats

KINDS = [
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after_reconsideration", "行政诉讼（复议后起诉）"),
]
RESULTS = [
    (column.key, str(column.label)) for column in formats.OUTCOMES if column.key in ("upheld", "corrected", "other")
]
PENDING = "pending"


class ApplicationAppeal(models.Model):
    application = models.ForeignKey(
        "disclosure.Application", verbose_name="申请", on_delete=models.CASCADE, related_name="appeals"
    )
    kind = models.CharField("类别", max_length=40, choices=KINDS)
    filed_on = models.DateField(
        "申请或起诉日期", help_text="申请人申请行政复议或提起行政诉讼的日期；计入该日期所在年度年报的统计表四。"
    )
    organ = models.CharField("复议机关或人民法院", max_length=100, blank=True)
    decided_on = models.DateField(
        "审结日期", null=True, blank=True, help_text="作出复议决定或裁判的日期；未审结的不填，统计为“尚未审结”。"
    )
    result = models.CharField(
        "审结结果",
        max_length=20,
        choices=RESULTS,
        blank=True,
        help_text="维持原答复的为“结果维持”；撤销、变更、确认违法或责令重新答复的为“结果纠正”；"
        "驳回申请、终止、撤回等为“其他结果”。",
    )
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政复议、行政诉讼"
        ordering = ["filed_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}（{self.filed_on}）"

    def clean(self):
        errors = {}
        if self.decided_on and not self.result:
            errors["result"] = "已审结的请选择审结结果。"
        if self.result and not self.decided_on:
            errors["decided_on"] = "有审结结果的请填写审结日期；尚未审结的不选结果。"
        if self.decided_on and self.filed_on and self.decided_on < self.filed_on:
            errors["decided_on"] = f"审结日期（{self.decided_on}）早于申请或起诉日期（{self.filed_on}）。"
        if errors:
            raise ValidationError(errors)

    def result_on(self, day):
        """Table 4's column for this appeal as known on `day`: its result if decided by then, else 尚未审结."""
        return self.result if self.decided_on and self.decided_on <= day and self.result else PENDING
