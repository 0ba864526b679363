"""The list of reporting units (报告单位) of a government body for one year, kept by its competent office.

A government's report for a year sums the tables of the units on this list (disclosure/rollup/). The list is
kept per year, one row per unit and year, rather than as from/to years: each year's list is what the office
confirmed for that year, and changing next year's can never rewrite the coverage of a report already summed.
`Body.parent` only suggests who belongs on it (rollup/units.suggested); it is not the list.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class ReportingUnit(models.Model):
    # Named `body` like the other rows of a body, so that the admin's body scoping (workflow.scoped) applies:
    # the list is the government's, kept by its staff.
    body = models.ForeignKey(
        "disclosure.Body",
        verbose_name="人民政府",
        on_delete=models.CASCADE,
        related_name="reporting_units",
        limit_choices_to={"kind": "government"},
        help_text="汇总本级年报的人民政府。",
    )
    year = models.PositiveSmallIntegerField(
        "年度", validators=[MinValueValidator(2019), MaxValueValidator(2100)], help_text="报告所述的年度。"
    )
    unit = models.ForeignKey(
        "disclosure.Body",
        verbose_name="报告单位",
        on_delete=models.PROTECT,
        related_name="listed_as_unit",
        help_text="应当报送年度报告的部门或单位；人民政府办公室自行办理申请的，也列为报告单位。",
    )
    # Vertically managed units (垂直管理单位) report up their own line: listed, so the office can show it
    # knows of them, but not summed.
    excluded = models.BooleanField(
        "不纳入汇总", default=False, help_text="如垂直管理单位由上级主管部门汇总，勾选并写明理由。"
    )
    reason = models.CharField("不纳入汇总的理由", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "报告单位"
        ordering = ["body", "-year", "unit__position", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "unit"], name="reporting_unit_once_per_year"),
        ]

    def __str__(self):
        return f"{self.body} {self.year}年度：{self.unit}"

    def clean(self):
        if self.body_id and self.unit_id and self.body_id == self.unit_id:
            raise ValidationError({"unit": "人民政府本身不能列为自己的报告单位；请列入其办公室等具体单位。"})
        if self.excluded and not self.reason.strip():
            raise ValidationError({"reason": "不纳入汇总的，请写明理由（如“垂直管理，由上级主管部门汇总”）。"})
