"""When each revision is public, kept as rows so that "is it public?" is a join on an index, not a subquery per row.

What `Revision.objects.public()` answers (for each report, its newest due revision unless withdrawn) changes
only when a revision or a withdrawal is written or dropped, and at the revisions' own times. So each revision
gets one row holding the interval in which it is the public one: from its `published_at`, until the next
revision of the report falls due (`superseded_at`) or it is withdrawn (`withdrawn_at`), whichever comes first.
A scheduled revision's row is written when it is scheduled and simply starts in the future: the answer stays
right at every instant without a cron job, and `public(at)` is a comparison of three columns. The rows are
derived, never edited by hand: the workflow calls `refresh` after every write of a revision or a withdrawal (so
does anything else that writes them, e.g. the benchmark's seeding), and a data migration filled them once.
"""

from itertools import groupby

from django.db import models, transaction
from django.db.models import Min

from disclosure.models.revisions import Revision, Withdrawal

# Reports refreshed per statement: well under SQLite's limit of host parameters.
BATCH = 500


class PublicWindow(models.Model):
    revision = models.OneToOneField(
        "disclosure.Revision",
        verbose_name="版本",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="public_window",
    )
    report = models.ForeignKey("disclosure.Report", verbose_name="年报", on_delete=models.CASCADE, related_name="+")
    public_from = models.DateTimeField("公开自")
    superseded_at = models.DateTimeField("被新版本取代", null=True, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "公开时段"
        indexes = [models.Index(fields=["public_from", "superseded_at", "withdrawn_at"], name="public_window_times")]

    def __str__(self):
        return f"{self.revision_id}: {self.public_from} – {self.superseded_at or ''} / {self.withdrawn_at or ''}"


def windows(revisions, first_withdrawals):
    """The windows of one report's revisions: `revisions` as (pk, report_id, published_at, number) tuples,
    `first_withdrawals` {revision pk: earliest withdrawn_at}."""
    ordered = sorted(revisions, key=lambda row: (row[2], row[3]))
    rows = []
    for index, (pk, report_id, published_at, _number) in enumerate(ordered):
        # The next revision in (time, number) order takes over when it falls due; at the same instant, the
        # higher number wins, so the earlier one's window is empty, as in `public()`'s ordering.
        following = ordered[index + 1][2] if index + 1 < len(ordered) else None
        rows.append(
            PublicWindow(
                revision_id=pk,
                report_id=report_id,
                public_from=published_at,
                superseded_at=following,
                withdrawn_at=first_withdrawals.get(pk),
            )
        )
    return rows


def refresh(report_ids=None):
    """Rewrite the windows of these reports (of every report when None) from their revisions and withdrawals."""
    if report_ids is None:
        report_ids = Revision.objects.order_by().values_list("report_id", flat=True).distinct()
    report_ids = list(report_ids)
    with transaction.atomic():
        for start in range(0, len(report_ids), BATCH):
            batch = report_ids[start : start + BATCH]
            PublicWindow.objects.filter(report_id__in=batch).delete()
            _write(batch)


def _write(batch):
    withdrawn = dict(
        Withdrawal.objects.filter(revision__report_id__in=batch)
        .order_by()
        .values("revision")
        .annotate(first=Min("withdrawn_at"))
        .values_list("revision", "first")
    )
    revisions = (
        Revision.objects.filter(report_id__in=batch)
        .order_by("report_id")
        .values_list("pk", "report_id", "published_at", "number")
    )
    rows = []
    for _report, group in groupby(revisions, key=lambda row: row[1]):
        rows += windows(list(group), withdrawn)
    PublicWindow.objects.bulk_create(rows, batch_size=1000)
