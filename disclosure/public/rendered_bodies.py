"""A published report's body (contents, text, tables, items) rendered once per revision and language.

The report page puts the site's chrome around it: base.html, the header with the reader's text size, the
year-over-year chart (it reads last year's public revision, which a correction or withdrawal changes), the
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
from disclosure.public.report_page import report_view

TEMPLATE = "disclosure/report_body.html"
# What draws the body: its templates and their tags, the modules that prepare what they show, and the compiled
# interface catalogues. The rendering version is a digest of them, so that a change to any of them renders the
# bodies again when next read, with nobody having to remember to raise a number.
SOURCES = (
    "templates/disclosure/*.html",
    "templates/includes/*.html",
    "disclosure/templatetags/*.py",
    "disclosure/public/report_page.py",
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


def body(revision, lang, tables_csv_url=""):
    """The body of `revision` in `lang`, as stored, or rendered and stored."""
    tables_csv_url, current = tables_csv_url or "", version()
    stored = RenderedBody.objects.filter(revision=revision, lang=lang).values_list("version", "tables_csv_url", "html")
    for made_with, stored_url, html in stored:
        if made_with == current and stored_url == tables_csv_url:
            return mark_safe(html)  # made by render() below, with autoescaping
    html = render(revision.document, lang, tables_csv_url)
    # update_or_create retries its read when a concurrent first request stored the row first.
    RenderedBody.objects.update_or_create(
        revision=revision, lang=lang, defaults={"version": current, "tables_csv_url": tables_csv_url, "html": html}
    )
    return mark_safe(html)


def render(document, lang, tables_csv_url=""):
    return render_to_string(TEMPLATE, {"report": report_view(document, lang), "tables_csv_url": tables_csv_url})
