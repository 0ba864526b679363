"""A published report's body (contents, text, tables, items) rendered once per revision and language.

The report page puts the site's chrome around it: base.html, the header with the reader's text size, the
year-over-year chart (it reads last year's public revision, which a correction or withdrawal changes), the
downloads and 修订记录. Rendered on the first request rather than at publication, so revisions made before this
table, loaded in bulk, or left behind by a VERSION change get theirs with no backfill to run. The working copy's
preview never comes here: it renders the same template fresh each time.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from disclosure.models import RenderedBody
from disclosure.public.report_page import report_view

TEMPLATE = "disclosure/report_body.html"
# Raise when report_body.html, a template it includes, report_page.py or the interface catalogue changes what
# the body shows: rows of another version are rendered again when next read.
VERSION = 1


def body(revision, lang, tables_csv_url=""):
    """The body of `revision` in `lang`, as stored, or rendered and stored."""
    tables_csv_url = tables_csv_url or ""
    stored = RenderedBody.objects.filter(revision=revision, lang=lang).values_list("version", "tables_csv_url", "html")
    for version, stored_url, html in stored:
        if version == VERSION and stored_url == tables_csv_url:
            return mark_safe(html)  # made by render() below, with autoescaping
    html = render(revision.document, lang, tables_csv_url)
    # update_or_create retries its read when a concurrent first request stored the row first.
    RenderedBody.objects.update_or_create(
        revision=revision, lang=lang, defaults={"version": VERSION, "tables_csv_url": tables_csv_url, "html": html}
    )
    return mark_safe(html)


def render(document, lang, tables_csv_url=""):
    return render_to_string(TEMPLATE, {"report": report_view(document, lang), "tables_csv_url": tables_csv_url})
