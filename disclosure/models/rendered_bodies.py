"""A published revision's report body as HTML, one row per revision and language (disclosure/public/rendered_bodies.py).

A revision never changes, so neither does its body in one language; what else went into the HTML is kept beside
it and compared when the row is read: the rendering version (a template or catalogue change) and the address of
the tables' CSV (a body's slug may change). Rows go when their revision goes (a cancelled schedule).
"""

from django.db import models


class RenderedBody(models.Model):
    revision = models.ForeignKey(
        "disclosure.Revision", verbose_name="版本", on_delete=models.CASCADE, related_name="rendered_bodies"
    )
    lang = models.CharField("语言", max_length=8)
    version = models.PositiveIntegerField("排版版本")
    tables_csv_url = models.CharField("统计表CSV地址", max_length=300, blank=True)
    html = models.TextField("正文HTML")
    # The year-over-year section (public/trends.py) compares with last year's public revision, which a correction
    # or withdrawal of last year's report replaces: kept with the revision it was drawn against, drawn again when
    # that is no longer the one.
    trend_from = models.PositiveBigIntegerField("对比的上年版本", null=True, blank=True)
    trend_html = models.TextField("与上年对比HTML", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "年报正文（已排版）"
        constraints = [models.UniqueConstraint(fields=["revision", "lang"], name="rendered_body_revision_lang")]

    def __str__(self):
        return f"{self.revision_id} {self.lang}"
