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

from django.conf import settings
from django.db import connection
from django.db.models import Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
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


ORDER = ("-revision__year", "-revision__published_at", "-revision_id")


def matching(terms, lang):
    """Index rows of public revisions in `lang` holding every term, in search.rank's order: title holds every
    term, then some, then none; newer years, then newer publications first."""
    return Matches(terms, lang)


class Matches:
    """`matching`'s rows, read a tier at a time (title holds every term; some; none), each tier in year order.

    Sorted as one query, a common term would have the database recheck every report it matches (all 40,000 of
    a province) to rank them before returning the first ten. So the matches are first counted through the
    indexes, only as far as SEARCH_RESULTS_LIMIT. While there are no more, the tiers are read through the
    indexes (`holds`), which propose just those rows. Past it, a tier bounded by its titles (every term, some
    terms: counted from the titles' trigram index on PostgreSQL) and small is still read through the indexes;
    a large one, and the last, are read by walking the revisions in the order of their index
    (revision_year_published) and testing each report's text as it comes (strpos/instr, which no index serves,
    so that the database does not choose the trigram index instead): with that many matches a page is found
    after a few dozen reports, where the index would propose and recheck them all."""

    ordered = True  # for Paginator: the order is the tiers'

    def __init__(self, terms, lang):
        self.terms = terms
        self.public = (
            SearchIndex.objects.filter(lang=lang, revision__in=Revision.objects.public().values("pk"))
            .select_related("revision__body")
            .defer("bigrams", "revision__document")
            .order_by(*ORDER)
        )
        # Each term in the text and in the title, through the indexes, and as tested row by row on a walk.
        self.in_text = [holds(term) for term in terms]
        self.in_title = [Q(title__contains=term) for term in terms]
        self.walk = self.public.alias(
            **{f"in_text_{n}": StrIndex("everything", Value(term)) for n, term in enumerate(terms)},
            **{f"in_title_{n}": StrIndex("title", Value(term)) for n, term in enumerate(terms)},
        )
        self.walk_in_text = [Q(**{f"in_text_{n}__gt": 0}) for n in range(len(terms))]
        self.walk_in_title = [Q(**{f"in_title_{n}__gt": 0}) for n in range(len(terms))]
        self.all = self.public.filter(*self.in_text)
        self.counted = {}

    def count_up_to(self, limit):
        """The number of rows, or limit + 1 when there are more than `limit`."""
        if limit not in self.counted:
            self.counted[limit] = self.all.order_by()[: limit + 1].count()
        return self.counted[limit]

    def tiers(self):
        """(rows, walked) of each tier: through the indexes while few reports match, else walked where a tier
        is large."""
        limit = settings.SEARCH_RESULTS_LIMIT
        indexed = self._split(self.public, self.in_text, self.in_title)
        if self.count_up_to(limit) <= limit:
            for tier in indexed:
                yield tier, False
            return
        walked = self._split(self.walk, self.walk_in_text, self.walk_in_title)
        every_title, some_title = _all(self.in_title), _any(self.in_title)
        # The first two tiers are bounded by their titles, counted from the titles' index; a small one is read
        # through the keys of those titles (the text's index would propose every report the terms are in).
        bounds = [self.public.filter(every_title)]  # a title holding every term holds them in the text too
        if len(self.terms) > 1:
            bounds.append(self.public.filter(some_title).exclude(every_title))
        for number, bound in enumerate(bounds):
            count = bound.order_by()[: limit + 1].count()
            if count > limit:
                yield walked[number], True
            elif count and number == 0:
                yield bound, False
            elif count:
                keys = list(bound.order_by().values_list("pk", flat=True))
                yield self.public.filter(pk__in=keys).filter(*self.in_text), False
        yield walked[-1], True

    def _split(self, rows, in_text, in_title):
        """`rows` holding every term in the text (`in_text`), in tiers by the title (`in_title`)."""
        every_title, some_title = _all(in_title), _any(in_title)
        # A title holding every term holds them in the text too; said anyway, for the index on the text.
        tiers = [rows.filter(every_title, *in_text)]
        if len(self.terms) > 1:  # one term is in the title or not
            tiers.append(rows.filter(*in_text).filter(some_title).exclude(every_title))
        tiers.append(rows.filter(*in_text).exclude(some_title))
        return tiers

    def __getitem__(self, index):
        skip, wanted, keys = index.start or 0, index.stop - (index.start or 0), []
        for tier, walked in self.tiers():
            if wanted <= 0:
                break
            if walked:  # in order along the index, stopping at the page's last row
                if skip:
                    before = tier.order_by()[: skip + 1].count()
                    if before <= skip:  # the whole tier comes before the page
                        skip -= before
                        continue
                found = list(tier.values_list("pk", flat=True)[skip : skip + wanted])
            else:  # SEARCH_RESULTS_LIMIT rows at most: all their keys in order (a LIMIT tempts the database to walk)
                every = list(tier.values_list("pk", flat=True))
                found = every[skip : skip + wanted]
                if not found:
                    skip -= len(every)
                    continue
            keys += found
            wanted -= len(found)
            skip = 0
        rows = {row.pk: row for row in self.public.filter(pk__in=keys)}
        return [rows[key] for key in keys]

    def __iter__(self):
        for tier, _walked in self.tiers():
            yield from tier


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
