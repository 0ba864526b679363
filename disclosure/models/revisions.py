"""Published revisions and withdrawals: what the public sees, derived, never stored as a state.

Publishing freezes the whole report, every language, into one `disclosure-report/1` document.
A revision is never edited afterwards; a correction is a new revision with a change note. A withdrawal
takes one revision off the public site; a later revision, once due, is public again.

The public state of a report at any instant follows from these two tables alone (`public()`,
`with_public_state`, `public_state`), so it is right at every moment without a cron job, and the working
copy's review state (Report.status) can never make it lie. `public()` reads it from `PublicWindow` rows
(models/public_windows.py), derived from the two tables whenever either is written.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from disclosure.models.reports import Report


def _newest_first(revisions):
    return revisions.order_by("-published_at", "-number")


class RevisionQuerySet(models.QuerySet):
    def due(self, at=None):
        """For each report, its newest revision already due (public unless withdrawn since)."""
        # Read from the maintained windows (models/public_windows.py): a join on the revision's key and a
        # comparison, where a subquery per row once found each report's newest revision.
        at = at or timezone.now()
        return self.filter(public_window__public_from__lte=at).filter(
            Q(public_window__superseded_at__isnull=True) | Q(public_window__superseded_at__gt=at)
        )

    def public(self, at=None):
        """The one answer to "is it public?": for each report, its newest revision already due, unless that
        revision was withdrawn (by `at`).

        Pages, the sitemap, feeds, search, the API, the admin and the commands all start from here, so a draft
        cannot leak through a view that forgot a filter, and a withdrawn report stays withdrawn until a later
        revision falls due. It reads the windows the workflow writes with each revision and withdrawal
        (`public_windows.refresh`), which hold the revisions' own times, so a scheduled revision is public the
        moment its time comes.
        """
        at = at or timezone.now()
        return self.due(at).filter(Q(public_window__withdrawn_at__isnull=True) | Q(public_window__withdrawn_at__gt=at))

    def public_report(self, year, body_slug, at=None):
        """The revision the public sees of one body's report for one year, or None (draft, not yet due,
        withdrawn, or no such report): the page, the API, the downloads and dump_report all ask this."""
        return self.public(at).filter(year=year, body__slug=body_slug).select_related("body").first()

    def withdrawn_report(self, year, body_slug, at=None):
        """The Withdrawal behind a public address whose last due revision was withdrawn, or None: its page and
        its API answer 410 with the reason (and the title as published, from the revision), not a plain 404."""
        at = at or timezone.now()
        revision = self.due(at).filter(year=year, body__slug=body_slug, public_window__withdrawn_at__lte=at)
        return (
            Withdrawal.objects.filter(revision__in=revision.values("pk")[:1], withdrawn_at__lte=at)
            .select_related("revision", "revision__body")
            .order_by("-withdrawn_at")
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
        indexes = [
            models.Index(fields=["report", "published_at"], name="revision_report_published"),
            # 站内搜索's order (newest year, then publication, then revision), walked from its end.
            models.Index(fields=["year", "published_at", "id"], name="revision_year_published"),
        ]

    def __str__(self):
        return f"{self.title}（第{self.number}版）"

    def get_absolute_url(self):
        # The body's current slug: a renamed slug must not break the links to reports already published.
        return reverse("disclosure:report", args=[self.year, self.body.slug])


class Withdrawal(models.Model):
    """One revision taken off the public site (撤回): when, by whom, and the reason shown at its address."""

    report = models.ForeignKey(
        "disclosure.Report", verbose_name="年报", on_delete=models.PROTECT, related_name="withdrawals"
    )
    revision = models.ForeignKey(
        Revision, verbose_name="撤回的版本", on_delete=models.PROTECT, related_name="withdrawals"
    )
    withdrawn_at = models.DateTimeField("撤回时间", default=timezone.now, db_index=True)
    reason = models.TextField("撤回理由", help_text="公开显示在原网址上。")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤回人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "撤回记录"
        ordering = ["-withdrawn_at", "-pk"]

    def __str__(self):
        return f"{self.revision}（已撤回）"


# --- the public state of a report, for the admin and the commands ----------------------------------------------


def with_public_state(reports, at=None):
    """`reports` (a Report queryset) annotated with their public state at `at` (now by default), in one query.

    `live_number` comes from `Revision.objects.public()` itself, so what the admin and the commands say is
    public is exactly what an anonymous request sees.
    """
    at = at or timezone.now()
    live = Revision.objects.public(at).filter(report=OuterRef("pk"))
    due = _newest_first(Revision.objects.filter(report=OuterRef("pk"), published_at__lte=at))
    pending = _newest_first(Revision.objects.filter(report=OuterRef("pk"), published_at__gt=at))
    withdrawal = Withdrawal.objects.filter(report=OuterRef("pk"), withdrawn_at__lte=at).order_by("-withdrawn_at")
    return reports.annotate(
        live_number=Subquery(live.values("number")[:1]),
        due_number=Subquery(due.values("number")[:1]),
        pending_number=Subquery(pending.values("number")[:1]),
        pending_at=Subquery(pending.values("published_at")[:1]),
        withdrawn_at=Subquery(withdrawal.values("withdrawn_at")[:1]),
    )


@dataclass(frozen=True)
class PublicState:
    """What the public sees of one report: nothing, live revision N (perhaps with N+1 scheduled for T), a
    first publication scheduled for T, or withdrawn (when; revision N was the one taken down)."""

    live_number: int | None = None
    due_number: int | None = None
    pending_number: int | None = None
    pending_at: object = None
    withdrawn_at: object = None

    NONE, LIVE, SCHEDULED, WITHDRAWN = "none", "live", "scheduled", "withdrawn"
    LABELS = {NONE: "未发布", LIVE: "已发布", SCHEDULED: "定时发布", WITHDRAWN: "已撤回"}

    @property
    def kind(self):
        if self.live_number is not None:
            return self.LIVE
        if self.due_number is not None:
            return self.WITHDRAWN
        return self.SCHEDULED if self.pending_number is not None else self.NONE

    @property
    def is_live(self):
        return self.live_number is not None

    @property
    def is_withdrawn(self):
        return self.kind == self.WITHDRAWN

    @property
    def kind_label(self):
        return self.LABELS[self.kind]

    @property
    def label(self):
        """As staff read it: 已发布第2版 · 第3版定时发布：2027-01-20 09:00; 已撤回（2026-05-01 10:00）…"""
        kind = self.kind
        if kind == self.NONE:
            return "未发布"
        if kind == self.SCHEDULED:
            return f"定时发布：{_minute(self.pending_at)}"
        head = f"已发布第{self.live_number}版" if kind == self.LIVE else f"已撤回（{_minute(self.withdrawn_at)}）"
        if self.pending_number is not None:
            head += f" · 第{self.pending_number}版定时发布：{_minute(self.pending_at)}"
        return head


def _minute(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


STATE_FIELDS = ("live_number", "due_number", "pending_number", "pending_at", "withdrawn_at")


def public_state(report, at=None):
    """The PublicState of `report`: read from its annotations when it came from `with_public_state`, else
    asked of the database through the same function."""
    if at is None and hasattr(report, "live_number"):
        return PublicState(**{field: getattr(report, field) for field in STATE_FIELDS})
    row = with_public_state(Report.objects.filter(pk=report.pk), at).values(*STATE_FIELDS).first() or {}
    return PublicState(**row)
