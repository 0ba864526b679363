"""What a list of public reports needs at a province's scale, without reading every report: the years that have
one, and a paginator that counts only as far as a reader pages."""

from functools import cached_property

from django.conf import settings
from django.core.paginator import Paginator

from disclosure.models import Revision


def public_years():
    """Years with a public report, newest first. The years of all revisions come from the index on `year` (a
    handful of values), and each is kept if one public revision has it: a probe per year, not a set built from
    every public report."""
    public = Revision.objects.public()
    candidates = Revision.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [year for year in candidates if public.filter(year=year).exists()]


class ColumnPaginator(Paginator):
    """The column's paginator, for a queryset of revisions in the list's order.

    It counts at most COLUMN_COUNT_LIMIT of them (a count that stops there costs what paging that far does,
    where the exact count of 40,000 reports is a scan of all of them); past the limit it offers the pages up
    to it, and `capped` tells the page to ask the reader to narrow the list. A page is read in two steps
    (`Keyed`): `fetch` (the body's name from the document, say) runs on that page's rows only."""

    capped = False

    def __init__(self, revisions, per_page, fetch=lambda revisions: revisions):
        super().__init__(Keyed(revisions, fetch), per_page)

    @cached_property
    def count(self):
        limit = settings.COLUMN_COUNT_LIMIT
        counted = self.object_list.revisions.order_by()[: limit + 1].count()
        self.capped = counted > limit
        return min(counted, limit)


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

    def __len__(self):
        return self.revisions.count()
