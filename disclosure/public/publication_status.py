"""年报发布情况: the public deadline overview, limited to published facts.

It shows the same rows as the staff dashboard, but a row carries only what the public can already see:
the body, its deadline and the date of the first public revision. Working-copy states (drafts, reports
under review or scheduled) never reach the template, so a draft cannot show through here.

A summary (按时发布, 逾期发布, 逾期未发布, 尚未到期) heads the page, and 仅看逾期 (`?late=1`) keeps the late rows.
A province's cluster (hierarchy.is_large) has thousands of bodies: the page then lists its governments with
their figures, each linking to its own rows (`?area=<slug>`: the government and its departments), instead of
one table of 5,000 rows. The figures come from deadlines.tally (plain values), the rows shown from overview.
"""

from collections import Counter

from django.core.validators import slug_re
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language

from disclosure.models import Body
from disclosure.public import hierarchy
from disclosure.public.report_page import pick
from disclosure.publishing import deadlines
from disclosure.publishing.document import texts

# The order of the summary's figures; DUE is "not yet published, deadline not passed".
STATES = (deadlines.PUBLISHED_ON_TIME, deadlines.PUBLISHED_LATE, deadlines.OVERDUE, deadlines.DUE)


def latest(request):
    return redirect("disclosure:deadlines", year=deadlines.default_year(timezone.localdate()))


def _figures(tallies):
    counts = Counter(t.standing.state for t in tallies)
    return {"total": len(tallies), **{state: counts[state] for state in STATES}}


def _rows(year, today, bodies):
    lang = get_language()
    return [
        {
            "body": pick(texts(row.body, "name"), lang),
            "kind": row.body.kind,
            "url": row.revision.get_absolute_url() if row.revision else "",
            "deadline": row.deadline,
            "published_on": row.published_on,
            "state": row.standing.state,
            "days_late": row.standing.days_late,
            "late": row.standing.late,
        }
        for row in deadlines.overview(year, today, bodies, working_copies=False)
    ]


def _figures_of_rows(rows):
    counts = Counter(row["state"] for row in rows)
    return {"total": len(rows), **{state: counts[state] for state in STATES}}


def _areas(tallies):
    """Each government's figures (its own report and its departments'), in the governments' reading order."""
    by_area = {}
    for t in tallies:
        area = t.body_id if t.kind == Body.Kind.GOVERNMENT or t.parent_id is None else t.parent_id
        by_area.setdefault(area, []).append(t)
    governments = [node.body for node in hierarchy.flatten(hierarchy.governments())]
    others = Body.objects.filter(pk__in=set(by_area) - {g.pk for g in governments}).order_by("position", "name")
    lang = get_language()
    return [
        {"slug": body.slug, "name": pick(texts(body, "name"), lang), **_figures(by_area[body.pk])}
        for body in [*governments, *others]
        if body.pk in by_area
    ]


def overview(request, year):
    today = timezone.localdate()
    years = deadlines.public_years(today)
    if year not in years:
        raise Http404("没有这一年度的年报发布情况")
    late_only = request.GET.get("late") == "1"
    context = {"year": year, "today": today, "years": years, "late_only": late_only}
    slug = request.GET.get("area")
    if slug:
        area = Body.objects.filter(slug=slug).first() if slug_re.fullmatch(slug) else None
        if area is None:
            raise Http404("没有这个地区")
        bodies = Body.objects.filter(Q(pk=area.pk) | Q(parent=area, kind=Body.Kind.DEPARTMENT))
        context.update(area=area, area_name=pick(texts(area, "name"), get_language()))
        rows = _rows(year, today, bodies)
    elif hierarchy.is_large():
        tallies = deadlines.tally(year, today)
        areas = _areas(tallies)
        if late_only:
            areas = [a for a in areas if a[deadlines.PUBLISHED_LATE] or a[deadlines.OVERDUE]]
        context.update(figures=_figures(tallies), areas=areas)
        return render(request, "disclosure/deadlines.html", context)
    else:
        rows = _rows(year, today, None)
    context["figures"] = _figures_of_rows(rows)
    context["rows"] = [row for row in rows if row["late"]] if late_only else rows
    return render(request, "disclosure/deadlines.html", context)
