"""年报发布情况: the public deadline overview, limited to published facts.

It shows the same rows as the staff dashboard, but a row carries only what the public can already see:
the body, its deadline and the date of the first public revision. Working-copy states (drafts, reports
under review or scheduled) never reach the template, so a draft cannot show through here.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language

from disclosure.public.report_page import pick
from disclosure.publishing import deadlines
from disclosure.publishing.document import texts


def latest(request):
    return redirect("disclosure:deadlines", year=deadlines.default_year(timezone.localdate()))


def overview(request, year):
    today = timezone.localdate()
    years = deadlines.public_years(today)
    if year not in years:
        raise Http404("没有这一年度的年报发布情况")
    lang = get_language()
    rows = [
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
        for row in deadlines.overview(year, today)
    ]
    return render(request, "disclosure/deadlines.html", {"year": year, "rows": rows, "today": today, "years": years})
