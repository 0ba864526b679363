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

import functools
import operator

from django.db import connection
from django.db.models import Q
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


ORDER = ("-revision__year", "-revision__published_at", "revision_id")


def matching(terms, lang):
    """Index rows of public revisions in `lang` holding every term, in search.rank's order: title holds every
    term, then some, then none; newer years, then newer publications first."""
    return Matches(terms, lang)


class Matches:
    """`matching`'s rows, read a tier at a time (title holds every term; some; none), each tier in year order.

    Sorted as one query, a common term would have the database recheck every report it matches (all 40,000 of
    a province) to rank them before returning the first ten; a tier on its own is in the order of the revisions'
    index, so a page stops after its rows. A title holding every term holds them in the report too, so the
    first tier is chosen by the short title column alone. Counts stop at the number a page needs."""

    ordered = True  # for Paginator: the order is the tiers'

    def __init__(self, terms, lang):
        public = SearchIndex.objects.filter(lang=lang, revision__in=Revision.objects.public().values("pk"))
        public = public.select_related("revision__body").defer("bigrams", "revision__document").order_by(*ORDER)
        in_title = [Q(title__contains=term) for term in terms]
        everywhere = [holds(term) for term in terms]
        self.all = public.filter(*everywhere)
        every_title, some_title = _all(in_title), _any(in_title)
        self.tiers = [public.filter(every_title)]
        if len(terms) > 1:  # one term is in the title or not
            self.tiers.append(public.filter(*everywhere).filter(some_title).exclude(every_title))
        self.tiers.append(public.filter(*everywhere).exclude(some_title))

    def count_up_to(self, limit):
        """The number of rows, or limit + 1 when there are more than `limit`."""
        return self.all.order_by()[: limit + 1].count()

    def __getitem__(self, index):
        skip, wanted, rows = index.start or 0, index.stop - (index.start or 0), []
        for tier in self.tiers:
            if wanted <= 0:
                break
            if skip:
                before = tier.order_by()[: skip + 1].count()
                if before <= skip:  # the whole tier comes before the page
                    skip -= before
                    continue
            found = list(tier[skip : skip + wanted])
            rows += found
            wanted -= len(found)
            skip = 0
        return rows

    def __iter__(self):
        for tier in self.tiers:
            yield from tier

    def __len__(self):
        return self.all.count()


def _all(conditions):
    return functools.reduce(operator.and_, conditions)


def _any(conditions):
    return functools.reduce(operator.or_, conditions)


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
