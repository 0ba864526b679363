"""站内搜索 in the database: which public revisions match, best first, and what their hits show.

One interface for both databases, chosen by `connection.vendor`; the rules are search.py's (`matches`,
`rank`, `hit`), and the tests check that both databases give search.search's answer on the demo.

- PostgreSQL: LIKE on the folded columns, served by pg_trgm GIN indexes (made by the table's migration).
  pg_trgm needs three characters to use its index, so a term of three or more characters is looked for in
  `everything`, and a term of one or two as the word " a " or " ab " in `bigrams` (with its spaces, three or
  four characters). Every term goes through an index; the rows it proposes are rechecked by LIKE, so
  matching is exact.
- SQLite: the same LIKEs on an FTS5 table with the trigram tokenizer (external content, kept in step with the
  index table by triggers), which answers patterns of three or more characters from its index.

Terms hold no LIKE wildcards: search.parse splits on every punctuation mark and symbol (% _ \\ among them).
"""

from django.db import connection
from django.db.models import Case, Q, Value, When
from django.db.models.expressions import RawSQL
from django.urls import reverse

from disclosure.models import Revision, SearchIndex
from disclosure.public import search

FTS_TABLE = "disclosure_searchindex_fts"  # SQLite only; made by the migration


def _needle(term):
    """(column, text) such that a passage holds `term` exactly when the column holds the text (see above)."""
    return ("everything", term) if len(term) >= 3 else ("bigrams", f" {term} ")


def holds(term):
    column, needle = _needle(term)
    if connection.vendor == "sqlite":
        # The column name is one of two constants above, never input.
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {column} LIKE %s"
        return Q(pk__in=RawSQL(sql, [f"%{needle}%"]))
    return Q(**{f"{column}__contains": needle})  # LIKE '%…%', which pg_trgm's GIN index serves


def matching(terms, lang):
    """Index rows of public revisions in `lang` holding every term, in search.rank's order: title holds every
    term, then some, then none; newer years, then newer publications first."""
    rows = SearchIndex.objects.filter(lang=lang, revision__in=Revision.objects.public().values("pk"))
    for term in terms:
        rows = rows.filter(holds(term))
    in_title = Value(0)
    for term in terms:
        in_title = in_title + Case(When(title__contains=term, then=Value(1)), default=Value(0))
    tier = Case(When(in_title=len(terms), then=Value(0)), When(in_title__gt=0, then=Value(1)), default=Value(2))
    return (
        rows.alias(in_title=in_title)
        .annotate(tier=tier)
        .order_by("tier", "-revision__year", "-revision__published_at", "revision_id")
        .select_related("revision__body")
        .defer("bigrams", "revision__document")
    )


def indexed(row):
    """The search.IndexedReport of one row, for `search.hit`. The passages' folded forms are cut from the row's
    `everything` (search.folded_text: each passage folded, in order, one per line; folding keeps the length)
    rather than folded again for every hit shown."""
    revision, everything = row.revision, row.everything
    stored = [row.passages["title"], row.passages["body_name"], *row.passages["passages"]]
    passages, start = [], 0
    for text, section, anchor, lang in stored:
        end = start + len(text)
        passages.append(search.Passage(text, everything[start:end], section, anchor, lang))
        start = end + 1
    url = reverse("disclosure:report", args=[revision.year, revision.body.slug])
    title, body_name, *found = passages
    return search.IndexedReport(
        revision.pk, revision.year, revision.published_at, url, title, body_name, tuple(found), everything
    )


def hits(rows, terms):
    return [search.hit(indexed(row), terms) for row in rows]
