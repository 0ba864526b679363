"""Published revisions: what the public sees.

Publishing freezes the whole report, every language, into one `disclosure-report/1` document.
A revision is never edited afterwards; a correction is a new revision with a change note.
"""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from disclosure.models.reports import Report


class RevisionQuerySet(models.QuerySet):
    def public(self, at=None):
        """The one answer to "is it public?": for each report, its newest revision already due.

        Pages, the sitemap, feeds, search and the API all start from here, so a draft cannot leak
        through a view that forgot a filter.
        """
        at = at or timezone.now()
        newest = (
            Revision.objects.filter(report=OuterRef("report"), published_at__lte=at)
            .order_by("-published_at", "-number")
            .values("pk")[:1]
        )
        # A withdrawn report leaves the column, the sitemap and the API; its URL explains why (views.report).
        return self.filter(published_at__lte=at, pk=Subquery(newest), report__withdrawn_at__isnull=True)

    def public_report(self, year, body_slug, at=None):
        """The revision the public sees of one body's report for one year, or None (draft, not yet due,
        withdrawn, or no such report): the page, the API, the downloads and dump_report all ask this."""
        return self.public(at).filter(year=year, body__slug=body_slug).select_related("body").first()

    def withdrawn_report(self, year, body_slug):
        """The Report behind a public address that was withdrawn after publication, or None: its page and
        its API answer 410 with the reason instead of a plain 404."""
        return (
            Report.objects.filter(year=year, body__slug=body_slug, withdrawn_at__isnull=False, revisions__isnull=False)
            .select_related("body")
            .distinct()
            .first()
        )

    def history(self, report_id, at=None):
        """Every revision of one report the public may know about, oldest first (修订记录)."""
        return self.filter(report_id=report_id, published_at__lte=at or timezone.now()).order_by("number")


class Revision(models.Model):
    report = models.ForeignKey(
        "disclosure.Report", verbose_name="年报", on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveIntegerField("版本号")
    # Indexed copies of the document's facts, for listing and filtering without opening the JSON.
    body = models.ForeignKey("disclosure.Body", verbose_name="发布机构", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度", db_index=True)
    title = models.CharField("标题", max_length=200)
    published_on = models.DateField("发布日期")
    published_at = models.DateTimeField("生效时间", default=timezone.now, db_index=True)
    change_note = models.TextField("更正说明", blank=True)
    document = models.JSONField("年报文档", help_text="disclosure-report/1 文档，发布后不再改变。")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "已发布版本"
        ordering = ["-year", "body__position", "body__name"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="one_number_per_revision")]
        indexes = [models.Index(fields=["report", "published_at"], name="revision_report_published")]

    def __str__(self):
        return f"{self.title}（第{self.number}版）"

    def get_absolute_url(self):
        # The body's current slug: a renamed slug must not break the links to reports already published.
        return reverse("disclosure:report", args=[self.year, self.body.slug])
