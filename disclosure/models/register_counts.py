"""Where a report's figures came from: the counts 从依申请公开登记生成 wrote into a table, or the sums
从下级单位年报汇总 wrote (issue 19, `source`).

One row per report and table, holding the figures as counted ({row: {column: n}}): a cell has an origin when
it is in `counted`, and is typed over when the working copy's figure differs from it. A row of its own rather
than a second JSON column on Report, so the working copy, its diff, its dump and its history stay as they are.
One origin per table: filling a table from the register replaces the record of a roll-up, and the reverse.
"""

from django.conf import settings
from django.db import models


class RegisterCount(models.Model):
    REGISTER, ROLLUP = "register", "rollup"

    report = models.ForeignKey(
        "disclosure.Report", verbose_name="年报", on_delete=models.CASCADE, related_name="register_counts"
    )
    table = models.CharField("统计表", max_length=20)  # requests (表三), appeals (表四); a roll-up: active (表二) too
    # The register counted is the body's for the year: a report moved to another body or year no longer matches.
    body = models.ForeignKey("disclosure.Body", verbose_name="机构", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    counted = models.JSONField("登记统计数")
    source = models.CharField(
        "来源", max_length=10, default=REGISTER, choices=[(REGISTER, "依申请公开登记"), (ROLLUP, "下级单位年报汇总")]
    )
    # For a roll-up: each unit's contribution and the revision it was read from (rollup/provenance.py).
    detail = models.JSONField("来源明细", default=dict, blank=True)
    counted_at = models.DateTimeField("生成时间", auto_now=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "从登记生成的统计数"
        constraints = [models.UniqueConstraint(fields=["report", "table"], name="register_count_one_per_table")]

    def __str__(self):
        return f"{self.report_id} {self.table}"
