"""Full-text search over published report documents, in the reader's language.

Pure functions: a document and a language in, passages out; passages and a query in, a ranked hit out.
The database does the matching and the ranking over rows written when a revision is made
(models.SearchIndex, written by search_indexing.py, queried by search_backends.py, both with these
functions); `matches`, `rank` and `search` are the same rules in Python, the reference the backends are
tested against.

Matching is substring matching on folded text (traditional.fold: Simplified forms, lower case, half-width),
because Chinese is written without spaces and a reader types part of a phrase. Space-separated terms must
all occur in the report, not necessarily in the same passage.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from disclosure.languages.traditional import fold
from disclosure.public.report_page import pick, report_view

MAX_QUERY_LENGTH = 100  # characters; a longer query is cut here and the page says so
MAX_TERMS = 10
CONTEXT_BEFORE, CONTEXT_AFTER = 40, 100  # characters of the passage shown around the first match


@dataclass(frozen=True)
class Passage:
    text: str  # as the page shows it
    folded: str  # traditional.fold(text): same length, so offsets carry over
    section: str = ""  # numbered heading of the part it belongs to, e.g. "一、总体情况"
    anchor: str = ""  # id of that heading on the report page
    lang: str | None = None  # set when the text is the Simplified original shown in place of a translation


@dataclass(frozen=True)
class IndexedReport:
    """One published revision, ready to be searched in one language."""

    revision_id: int
    year: int
    published_at: object  # datetime, for ordering within a year
    url: str
    title: Passage
    body_name: Passage
    passages: tuple  # every other passage, in reading order
    everything: str  # every folded passage joined: one `in` per term decides whether the report matches


@dataclass(frozen=True)
class Hit:
    report: IndexedReport
    title_html: str
    section: str
    anchor: str
    excerpt_html: str
    excerpt_lang: str | None


def _passage(text, section="", anchor=""):
    return Passage(str(text), fold(str(text)), section, anchor, getattr(text, "fallback_lang", None))


def passages(document, lang):
    """(title, body name, [passages]) of a document as the page in `lang` shows it."""
    # Without its tables: the page's table layouts cost more to build than all the text, and search skips them.
    view = report_view({key: value for key, value in document.items() if key != "tables"}, lang)
    found = []
    if view.preamble:
        found.append(_passage(view.preamble))
    for part in view.parts:
        section = f"{part.number}{part.heading}"
        found.append(_passage(part.heading, section, part.anchor))
        if part.body:
            found.append(_passage(part.body, section, part.anchor))
        found.extend(_item_passages(part.rectifications + part.plans, section, part.anchor))
    found.extend(_item_passages(view.rectifications, _("存在的问题及整改情况"), "rectifications"))
    found.extend(_item_passages(view.plans, _("下一步工作计划"), "plans"))
    return _passage(view.title), _passage(pick(document["body"]["name"], lang)), found


def _item_passages(items, section, anchor):
    for item in items:
        for name in ("problem", "measure", "text", "responsible"):
            if item.get(name):
                yield _passage(item[name], section, anchor)


def folded_text(title, body_name, found):
    """Every folded passage, one per line: a term (never holding a line break) matches within one passage."""
    return "\n".join(p.folded for p in (title, body_name, *found))


def index_report(revision_id, year, published_at, url, document, lang):
    title, body_name, found = passages(document, lang)
    return IndexedReport(
        revision_id, year, published_at, url, title, body_name, tuple(found), folded_text(title, body_name, found)
    )


# Separators: white space, punctuation and symbols of every script (、，。《》“” as well as ,.!?).
def is_separator(char):
    return char.isspace() or unicodedata.category(char)[0] in "PSZC"


def parse(query):
    """(terms, truncated): the folded terms of a query, at most MAX_TERMS, without duplicates."""
    query = query or ""
    truncated = len(query) > MAX_QUERY_LENGTH
    folded = "".join(" " if is_separator(c) else c for c in fold(query[:MAX_QUERY_LENGTH]))
    terms = []
    for term in folded.split():
        if term not in terms:
            terms.append(term)
    # A term inside a longer term adds nothing to matching and would split the longer one's highlight.
    terms = [t for t in terms if not any(t != other and t in other for other in terms)]
    return terms[:MAX_TERMS], truncated


def matches(report, terms):
    return bool(terms) and all(term in report.everything for term in terms)


def rank(report, terms):
    """Sort key: reports whose title holds every term first, then some terms, then body only; newer first (the
    newer revision first at the same instant, so that one index on the revisions gives the order)."""
    in_title = sum(term in report.title.folded for term in terms)
    tier = 0 if in_title == len(terms) else 1 if in_title else 2
    return (tier, -report.year, -report.published_at.timestamp(), -report.revision_id)


def search(reports, terms):
    """Indexed reports matching every term, best first."""
    return sorted((r for r in reports if matches(r, terms)), key=lambda r: rank(r, terms))


def hit(report, terms):
    """What the result list shows for one matching report: highlighted title, section and excerpt."""
    # The passage holding the most terms, the earliest of equals.
    scored = [(sum(term in p.folded for term in terms), -i, p) for i, p in enumerate(report.passages)]
    best = max(scored, key=lambda s: s[:2])[2] if scored else None
    if best is None or not any(term in best.folded for term in terms):
        best = report.body_name if any(t in report.body_name.folded for t in terms) else None
    if best is None:  # only the title matched: show the opening of the report
        best = report.passages[0] if report.passages else report.body_name
    return Hit(
        report,
        highlight(report.title, terms, whole=True),
        best.section,
        best.anchor,
        highlight(best, terms),
        best.lang,
    )


def _spans(folded, terms):
    """Every occurrence of every term, merged where they overlap: [(start, end)]."""
    spans = []
    for term in terms:
        spans.extend((m.start(), m.start() + len(term)) for m in re.finditer(re.escape(term), folded))
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(passage, terms, whole=False):
    """HTML: the passage (or a window around its first match) escaped, each match in <mark>."""
    text = " ".join(passage.text.split())  # paragraphs run together in an excerpt
    folded = " ".join(passage.folded.split())
    spans = _spans(folded, terms)
    start, end = 0, len(text)
    if not whole:
        first = spans[0][0] if spans else 0
        start = max(0, first - CONTEXT_BEFORE)
        end = min(len(text), first + CONTEXT_AFTER)
    out = ["…" if start else ""]
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(html.escape(text[position:span_start]))
        out.append(f"<mark>{html.escape(text[span_start:span_end])}</mark>")
        position = span_end
    out.append(html.escape(text[position:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)
