"""The `disclosure-report/1` document: one report, every language, as plain JSON-able data.

Publishing stores this document in a Revision; the public pages, the API and `dump_report` read it.
"""

from disclosure.languages.declared import CODES
from disclosure.reports.numbering import nest
from disclosure.tables import formats

SCHEMA = "disclosure-report/1"


def field_name(field, lang):
    return f"{field}_{lang.replace('-', '_')}"


def texts(obj, field):
    """{"zh-hans": …, "zh-hant": …, "en": …} for one translated field (missing translations are "")."""
    return {lang: getattr(obj, field_name(field, lang)) or "" for lang in CODES}


def _date(value):
    return value.isoformat() if value else None


def _section(node):
    section, children = node
    return {
        "heading": texts(section, "heading"),
        "body": texts(section, "body"),
        "children": [_section(child) for child in children],
    }


def build(report):
    """The document for the working copy of `report`, as it stands in the database now."""
    body = report.body
    document = {
        "schema": SCHEMA,
        "format": report.format,
        "year": report.year,
        "body": {"slug": body.slug, "name": texts(body, "name"), "kind": body.kind},
        "title": texts(report, "title"),
        "published_on": _date(report.published_on),
        "source": texts(report, "source"),
        "preamble": texts(report, "preamble"),
        "sections": [_section(node) for node in nest(report.sections.all(), lambda s: s.level)],
        "rectifications": [
            {
                "problem": texts(item, "problem"),
                "measure": texts(item, "measure"),
                "status": item.status,
                "responsible": texts(item, "responsible"),
                "due": _date(item.due),
            }
            for item in report.rectifications.all()
        ],
        "plans": [
            {"text": texts(item, "text"), "responsible": texts(item, "responsible"), "due": _date(item.due)}
            for item in report.plans.all()
        ],
    }
    if formats.tables(report.format):
        document["tables"] = tables(report.format, report.tables)
    return document


def working(report):
    """What a save of the working copy is compared by (publishing/diff.py): its document, and the change note
    proposed for its next publication, which reaches the public with that revision but is kept beside the
    document (Revision.change_note), not in it."""
    return {**build(report), "change_note": texts(report, "change_note")}


def tables(format, stored):
    """The tables of `format` with the stored figures: every cell present, None where not filled in."""
    stored = stored or {}
    return {
        t.key: {
            r.key: {c.key: ((stored.get(t.key) or {}).get(r.key) or {}).get(c.key) for c in r.columns} for r in t.rows
        }
        for t in formats.tables(format)
    }
