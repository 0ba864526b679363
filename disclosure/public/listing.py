"""What a list of public reports needs at a province's scale, without reading every report: the years that have
one, and the rows of a page read in the list's order without sorting the whole list (counted by
pagination.ListPaginator)."""

from django.db import connection
from django.db.models import Exists, OuterRef, Q

from disclosure.models import Body, Revision

# Stands for the year in the one compiled probe that public_years runs for every year.
_YEAR = 2_100_000_000


def public_years():
    """Years with a public report, newest first, in three short queries however many reports: the first and the
    last public year (each the first row along the index on `year`), then, in one statement, for each year
    between them, its first public revision if it has one (a probe of the index per year).

    The probe is Revision.objects.public()'s own SQL, compiled once and repeated with each year: compiling a
    dozen copies of its joins cost more than the database took to answer them."""
    public = Revision.objects.public().order_by()
    years = public.values_list("year", flat=True)
    last, first = years.order_by("-year").first(), years.order_by("year").first()
    if last is None:
        return []
    probe, params = public.filter(year=_YEAR).values("pk")[:1].query.sql_with_params()
    if list(params).count(_YEAR) != 1:
        raise RuntimeError("the year probe's parameters are not as expected")
    spans = list(range(first, last + 1))
    table, key = connection.ops.quote_name(Revision._meta.db_table), connection.ops.quote_name("id")
    year = connection.ops.quote_name("year")
    sql = f"SELECT {year} FROM {table} WHERE {key} IN ({', '.join(f'({probe})' for _ in spans)})"
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for y in spans for value in (y if p == _YEAR else p for p in params)])
        return sorted((row[0] for row in cursor.fetchall()), reverse=True)


def rows(revisions, fetch, years=None):
    """The rows of a list of public reports in the column's order, read a page at a time: given `years` (every
    report of those years is listed: no area or body chosen), body by body (`ByBody`); otherwise by the keys of
    `revisions` (`Keyed`). `fetch` (the body's name from the document, say) runs on a page's rows only."""
    return Keyed(revisions, fetch) if years is None else ByBody(years, fetch)


class Keyed:
    """A slice of `revisions` as two queries: the keys of the slice in the list's order, then those rows through
    `fetch`. Sorting needs only the order's columns, and anything `fetch` computes from a row (a value from its
    JSON document) is computed for the page's rows, not for every row the database sorts."""

    ordered = True  # the order is the queryset's; Paginator need not warn

    def __init__(self, revisions, fetch):
        self.revisions, self.fetch = revisions, fetch

    def __getitem__(self, index):
        keys = list(self.revisions.values_list("pk", flat=True)[index])
        rows = {row.pk: row for row in self.fetch(Revision.objects.filter(pk__in=keys))}
        return [rows[key] for key in keys if key in rows]


class ByBody:
    """The public reports of `years` (newest first), each year's in the staff's order of bodies, read by walking
    the bodies in that order (the index on Body.position) and keeping those with a public report of the year.

    Sorting a year's reports by their body's position and name is a join and a sort of all of them (5,000 for a
    province); walking the bodies stops at the page's last report. A year that ends before the page starts is
    skipped with a count that stops at the page's start. One report per body and year (Report is unique on
    them): a page holds what the same slice of the revisions in the column's order would."""

    ordered = True

    def __init__(self, years, fetch):
        self.years, self.fetch = years, fetch

    @staticmethod
    def bodies(year):
        """Bodies with a public report for `year`, in the column's order (the name in the page's language, as
        the revisions' order reads it), then the key, so that pages never overlap."""
        public = Revision.objects.public().filter(year=year, body=OuterRef("pk"))
        return Body.objects.filter(Exists(public)).order_by("position", "name", "pk")

    def __getitem__(self, index):
        skip, wanted = index.start or 0, index.stop - (index.start or 0)
        found = Q(pk__in=[])
        keys = []
        for year in self.years:
            bodies = self.bodies(year)
            if skip:
                before = bodies[:skip].count()
                if before < skip:  # the whole year comes before this page
                    skip -= before
                    continue
            page = list(bodies.values_list("pk", flat=True)[skip : skip + wanted])
            skip, wanted = 0, wanted - len(page)
            keys += [(year, pk) for pk in page]
            found |= Q(year=year, body__in=page)
            if not wanted:
                break
        rows = {}
        for row in self.fetch(Revision.objects.public().filter(found)):
            rows.setdefault((row.year, row.body_id), []).append(row)
        return [row for key in keys for row in sorted(rows.get(key, []), key=lambda row: row.pk)]
