"""A published report's body (contents, text, tables, items) rendered once per revision and language, and its
year-over-year section once per revision, language and last year's revision it compares with.

The report page puts the site's chrome around them: base.html, the header with the reader's text size, the
downloads and 修订记录. Rendered on the first request rather than at publication, so revisions made before this
table, loaded in bulk, or left behind by a change to what draws them get theirs with no backfill to run. The
working copy's preview never comes here: it renders the same template fresh each time.
"""

import functools
import hashlib

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from disclosure.models import RenderedBody
from disclosure.public import trends
from disclosure.public.report_page import report_view

TEMPLATE = "disclosure/report_body.html"
TREND_TEMPLATE = "includes/trends.html"
# What draws the body: its templates and their tags, the modules that prepare what they show, and the compiled
# interface catalogues. The rendering version is a digest of them, so that a change to any of them renders the
# bodies again when next read, with nobody having to remember to raise a number.
SOURCES = (
    "templates/disclosure/*.html",
    "templates/includes/*.html",
    "disclosure/templatetags/*.py",
    "disclosure/public/report_page.py",
    "disclosure/public/trends.py",
    "disclosure/tables/*.py",
    "disclosure/languages/*.py",
    "locale/*/LC_MESSAGES/django.mo",
)


@functools.cache
def version():
    digest = hashlib.sha256()
    for path in sorted(path for pattern in SOURCES for path in settings.BASE_DIR.glob(pattern)):
        digest.update(path.relative_to(settings.BASE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return int.from_bytes(digest.digest()[:4], "big") & 0x7FFFFFFF  # fits the column on every database


def parts(revision, lang, tables_csv_url=""):
    """(body, year-over-year section) of `revision` in `lang`, as stored, or drawn and stored. The section is
    drawn again, alone, when last year's public revision is no longer the one it was drawn against."""
    tables_csv_url, current = tables_csv_url or "", version()
    previous = trends.previous_pk(revision) if tables_csv_url else None
    fields = ("version", "tables_csv_url", "html", "trend_from", "trend_html")
    stored = RenderedBody.objects.filter(revision=revision, lang=lang).values_list(*fields).first()
    if stored and stored[:2] == (current, tables_csv_url):
        html, trend_from, trend_html = stored[2:]
        if trend_from != previous:
            trend_html = render_trend(revision, previous)
            RenderedBody.objects.filter(revision=revision, lang=lang).update(trend_from=previous, trend_html=trend_html)
        return mark_safe(html), mark_safe(trend_html)  # made by the functions below, with autoescaping
    html, trend_html = render(revision.document, lang, tables_csv_url), render_trend(revision, previous)
    # update_or_create retries its read when a concurrent first request stored the row first.
    RenderedBody.objects.update_or_create(
        revision=revision,
        lang=lang,
        defaults={
            "version": current,
            "tables_csv_url": tables_csv_url,
            "html": html,
            "trend_from": previous,
            "trend_html": trend_html,
        },
    )
    return mark_safe(html), mark_safe(trend_html)


def render(document, lang, tables_csv_url=""):
    return render_to_string(TEMPLATE, {"report": report_view(document, lang), "tables_csv_url": tables_csv_url})


def render_trend(revision, previous_pk):
    """The year-over-year section against the revision `previous_pk` (None: no section)."""
    previous = trends.read(previous_pk)  # already chosen by parts(): not looked up again
    comparison = trends.for_revision(revision, previous) if previous else None
    if comparison is None:
        return ""
    return render_to_string(TREND_TEMPLATE, {"trend": comparison, "trend_chart": trends.chart(comparison)})
