"""Art. 49 deadlines: by when each body must publish its report for a year, and whether it did.

`deadline` and `standing` are plain date arithmetic; `overview` gathers one row per body for the staff
dashboard (admin/deadline_dashboard.py) and the public page (public/publication_status.py). What counts as
published comes from Revision.objects.public()/history() only, as everywhere else.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from disclosure.models import Body, Report, Revision

# The 2019 revision of the Regulations (in force 2019-05-15) gave departments until 31 January. The
# reports for 2018 and earlier fell due under the old text: every body by 31 March.
FIRST_YEAR_OF_JANUARY_RULE = 2019

# Body.Kind.values builds its list on every call: a province's page asks once per body.
KINDS = frozenset(Body.Kind.values)

PUBLISHED_ON_TIME = "published_on_time"
PUBLISHED_LATE = "published_late"
DUE = "due"  # not published yet, deadline not passed
OVERDUE = "overdue"  # not published, deadline passed


def deadline(kind, year):
    """The last day on which the report of a body of `kind` for calendar year `year` is on time."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of body: {kind!r}")
    if kind == Body.Kind.DEPARTMENT and year >= FIRST_YEAR_OF_JANUARY_RULE:
        return datetime.date(year + 1, 1, 31)
    return datetime.date(year + 1, 3, 31)


@dataclass(frozen=True)
class Standing:
    state: str
    days_left: int | None = None  # DUE only; 0 on the deadline day itself
    days_late: int | None = None  # PUBLISHED_LATE and OVERDUE only

    @property
    def published(self):
        return self.state in (PUBLISHED_ON_TIME, PUBLISHED_LATE)

    @property
    def late(self):
        return self.state in (PUBLISHED_LATE, OVERDUE)


def standing(kind, year, published_on, today):
    """Where a report stands on `today`. A report published on the deadline day itself is on time."""
    last_day = deadline(kind, year)
    if published_on is not None:
        if published_on <= last_day:
            return Standing(PUBLISHED_ON_TIME)
        return Standing(PUBLISHED_LATE, days_late=(published_on - last_day).days)
    if today <= last_day:
        return Standing(DUE, days_left=(last_day - today).days)
    return Standing(OVERDUE, days_late=(today - last_day).days)


@dataclass(frozen=True)
class OverviewRow:
    body: Body
    report: Report | None  # the working copy (staff only: its status may be a draft's)
    revision: Revision | None  # the newest public revision, for a link
    published_on: datetime.date | None  # when the public first saw the report
    deadline: datetime.date
    standing: Standing


def default_year(today):
    """The latest year whose deadline has passed or is near: reports for last year fall due this spring."""
    return today.year - 1


def overview(year, today, bodies=None, *, working_copies=True):
    """One row per body (by position, then name) for `year`, in three queries however many bodies.

    `working_copies=False` (the public page) leaves `report` None on every row and reads only the reports'
    keys: the rows are otherwise the same. The revisions are read without their documents either way: a row
    needs a revision's date and address, and a province's 5,000 documents took a second to read and decode.

    The publication date is that of the FIRST public revision: a correction published later must not
    make a report that was on time look late, and the public saw the report from that day on. A
    withdrawn report is not public (public() drops it), so its body counts as not having published.

    A body is left out for the years before its first_year unless a report of it for `year` is public:
    whether the row appears rests on public facts only, so the public page cannot hint at a draft.
    """
    at = timezone.now()
    bodies = (Body.objects.all() if bodies is None else bodies).order_by("position", "name")
    reports = Report.objects.filter(year=year, body__in=bodies)
    reports = {r.body_id: r for r in (reports if working_copies else reports.only("pk", "body"))}
    first_on = Revision.objects.history(OuterRef("report_id"), at).values("published_on")[:1]
    public = Revision.objects.public(at).filter(year=year, report__body__in=bodies).select_related("body")
    revisions = {r.report_id: r for r in public.defer("document").annotate(first_on=Subquery(first_on))}
    rows = []
    for body in bodies:
        report = reports.get(body.pk)
        revision = revisions.get(report.pk) if report else None
        if revision is None and body.first_year is not None and year < body.first_year:
            continue
        published_on = revision.first_on if revision else None
        rows.append(
            OverviewRow(
                body=body,
                report=report if working_copies else None,
                revision=revision,
                published_on=published_on,
                deadline=deadline(body.kind, year),
                standing=standing(body.kind, year, published_on, today),
            )
        )
    return rows


@dataclass(frozen=True)
class Tally:
    body_id: int
    parent_id: int | None
    kind: str
    standing: Standing


def tally(year, today, bodies=None):
    """What `overview` says of each body's standing, from plain values instead of model rows: the public page
    sums a province's 5,000 bodies with it, and overview's three queries of whole rows (bodies, reports and
    revisions) cost a second there. Same bodies, same order, same rule for the first year, same dates."""
    at = timezone.now()
    bodies = (Body.objects.all() if bodies is None else bodies).order_by("position", "name")
    reports = dict(_plain(Report.objects.filter(year=year, body__in=bodies)).values_list("body_id", "pk"))
    first_on = Revision.objects.history(OuterRef("report_id"), at).values("published_on")[:1]
    public = Revision.objects.public(at).filter(year=year, report__body__in=bodies).order_by()
    published = dict(_plain(public.annotate(first_on=Subquery(first_on))).values_list("report_id", "first_on"))
    rows = []
    for pk, parent_id, kind, first_year in _plain(bodies).values_list("pk", "parent_id", "kind", "first_year"):
        report_id = reports.get(pk)
        is_public = report_id in published
        if not is_public and first_year is not None and year < first_year:
            continue
        published_on = published[report_id] if is_public else None
        rows.append(Tally(pk, parent_id, kind, standing(kind, year, published_on, today)))
    return rows


def _plain(queryset):
    """`queryset` without modeltranslation's rewriting (its order, already rewritten, stays): the values of
    untranslated fields as Django reads them, where its iterable remakes every row as a dict first."""
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def public_years(today):
    """Years the public page offers: from the first year with a public report up to last year (at least)."""
    # The first and the last public year, each the first row along the index on year (MIN and MAX over the
    # join read every public report).
    years = Revision.objects.public().order_by().values_list("year", flat=True)
    latest = default_year(today)
    first, last = years.order_by("year").first() or latest, years.order_by("-year").first() or latest
    return list(range(max(last, latest), min(first, latest) - 1, -1))
