"""What a report page shows, built from a published document for one language.

Templates get plain objects: each text knows whether it fell back to the Simplified original, so the
page can mark it `lang="zh-Hans"` and say that no translation exists yet.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models.fields.json import KeyTransform

from disclosure.languages.declared import HTML_LANG
from disclosure.languages.declared import SOURCE as SOURCE_LANGUAGE
from disclosure.publishing.document import texts
from disclosure.reports.numbering import label
from disclosure.reports.parts import is_plan_heading, is_problems_heading
from disclosure.tables import printed

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass
class Text:
    value: str
    fallback_lang: str | None = None  # set when the page language had no text and the source is shown

    def __str__(self):
        return self.value

    def __bool__(self):
        return bool(self.value)

    @property
    def paragraphs(self):
        return [p.strip() for p in PARAGRAPH_BREAK.split(self.value) if p.strip()]


def pick(texts, lang):
    """The text in `lang`, or the Simplified source marked as such."""
    if isinstance(texts, str):
        texts = {SOURCE_LANGUAGE: texts}
    value = texts.get(lang) or ""
    if value or lang == SOURCE_LANGUAGE:
        return Text(value)
    source = texts.get(SOURCE_LANGUAGE) or ""
    return Text(source, HTML_LANG[SOURCE_LANGUAGE] if source else None)


@dataclass
class Part:
    number: str
    level: int
    heading: Text
    body: Text
    anchor: str
    rectifications: list = field(default_factory=list)
    plans: list = field(default_factory=list)
    tables: list = field(default_factory=list)  # form_layout.Layouts of the statistical tables shown under this part

    @property
    def heading_tag(self):
        return f"h{self.level + 1}"


@dataclass
class Heading:
    """What the page shows of a report around its body: in <title>, the breadcrumb and the header."""

    title: Text
    body_name: Text
    source: Text
    published_on: datetime.date | None


# What the report page reads of a document besides its stored rendering (rendered_bodies.py): the heading's
# keys, and the two tables the year-over-year comparison reads (trends.py). Read as columns of the query
# rather than by loading the whole document, which costs the page more than everything else it reads.
HEADING_KEYS = ("title", "source", "published_on")


def without_document(revisions):
    """`revisions` with the heading's parts of the document (`heading_document`) instead of the document."""
    body = KeyTransform("body", "document")
    tables = KeyTransform("tables", "document")
    return revisions.defer("document").annotate(
        **{f"doc_{key}": KeyTransform(key, "document") for key in HEADING_KEYS},
        doc_body_name=KeyTransform("name", body),
        doc_requests=KeyTransform("requests", tables),
        doc_appeals=KeyTransform("appeals", tables),
    )


def heading_document(revision):
    """The parts of the document of a revision read through `without_document`, as a document: enough for
    `heading` and trends.compare (a revision read whole gives its document)."""
    if not hasattr(revision, "doc_body_name"):
        return revision.document
    doc = {key: getattr(revision, f"doc_{key}") for key in HEADING_KEYS}
    doc.update(year=revision.year, body={"name": revision.doc_body_name})
    tables = {"requests": revision.doc_requests, "appeals": revision.doc_appeals}
    doc["tables"] = {name: values for name, values in tables.items() if values}
    return doc


def heading(document, lang):
    body_name = pick(document["body"]["name"], lang)
    source = pick(document.get("source") or "", lang)
    published_on = document.get("published_on")
    return Heading(
        title=pick(document["title"], lang),
        body_name=body_name,
        source=source if source else body_name,
        published_on=datetime.date.fromisoformat(published_on) if published_on else None,
    )


@dataclass
class ReportView:
    title: Text
    body_name: Text
    source: Text
    published_on: datetime.date | None
    preamble: Text
    parts: list
    rectifications: list  # items not shown inside a part (no part is about problems)
    plans: list
    fallback: bool  # some text is shown in the source language
    tables: list = field(default_factory=list)  # tables with no part of their own (an unusual outline)

    @property
    def has_tables(self):
        return bool(self.tables) or any(part.tables for part in self.parts)

    @property
    def contents(self):
        return [part for part in self.parts if part.level == 1]


def _items(raw_items, lang, text_fields):
    items = []
    for raw in raw_items:
        item = dict(raw)
        for name in text_fields:
            item[name] = pick(raw.get(name) or "", lang)
        if item.get("due"):
            item["due"] = datetime.date.fromisoformat(item["due"])
        items.append(item)
    return items


def report_view(document, lang):
    rectifications = _items(document.get("rectifications", []), lang, ("problem", "measure", "responsible"))
    plans = _items(document.get("plans", []), lang, ("text", "responsible"))
    parts = []

    def walk(sections, level, prefix):
        for index, section in enumerate(sections, start=1):
            anchor = f"{prefix}-{index}"
            part = Part(
                label(level, index, lang), level, pick(section["heading"], lang), pick(section["body"], lang), anchor
            )
            source_heading = (
                section["heading"].get(SOURCE_LANGUAGE, "")
                if isinstance(section["heading"], dict)
                else section["heading"]
            )
            parts.append(part)
            if level == 1 and is_problems_heading(source_heading) and rectifications:
                part.rectifications, rectifications[:] = list(rectifications), []
            elif level == 1 and is_plan_heading(source_heading) and plans:
                part.plans, plans[:] = list(plans), []
            walk(section.get("children", []), level + 1, anchor)

    walk(document.get("sections", []), 1, "part")
    head = heading(document, lang)
    view = ReportView(
        title=head.title,
        body_name=head.body_name,
        source=head.source,
        published_on=head.published_on,
        preamble=pick(document.get("preamble") or "", lang),
        parts=parts,
        rectifications=rectifications,
        plans=plans,
        fallback=False,
    )
    view.fallback = _any_fallback(view)
    # Each table follows the text of its part (二, 三, 四), found as printed.placed_tables says; Word and PDF
    # read the same placement from this view.
    placement = printed.placed_tables(document, lang)
    top = [part for part in parts if part.level == 1]
    for index, tables in placement.parts.items():
        top[index].tables = tables
    view.tables = placement.elsewhere
    return view


@dataclass
class HistoryEntry:
    """One line of 修订记录: a revision, with its change note in the page's language (or the Simplified, marked)."""

    number: int
    published_at: datetime.datetime | None  # None: the working copy, not published yet (preview only)
    note: Text
    current: bool = False


def history(revisions, lang, current=None):
    """修订记录 of `revisions` (oldest first), `current` the pk of the one shown. A change note lives in its
    revision's columns, beside the document: Simplified and English as published, the Traditional derived then."""
    return [
        HistoryEntry(r.number, r.published_at, pick(texts(r, "change_note"), lang), r.pk == current) for r in revisions
    ]


def _any_fallback(view):
    texts = [view.title, view.preamble]
    for part in view.parts:
        texts += [part.heading, part.body]
        for item in part.rectifications + part.plans:
            texts += [value for value in item.values() if isinstance(value, Text)]
    return any(text.fallback_lang for text in texts)
