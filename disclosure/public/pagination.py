"""Pages of a long list, read and counted without touching the whole of it.

The rows are a queryset or a list read in parts (search_backends.Matches, listing.Keyed and ByBody, which stop at
a page's last row); the count is of `counted`, the rows themselves unless given. Given a `limit`, the count
stops there: an exact count of 40,000 reports (or of every report a common search term matches) costs more than
the page itself. Past the limit `capped` is true, the page says "more than", and numbered pages go as far as the
limit; the reader narrows the list to see further."""

import functools

from django.core.paginator import Paginator


class ListPaginator(Paginator):
    def __init__(self, rows, per_page, limit=None, counted=None):
        super().__init__(rows, per_page)
        self.limit = limit
        self.counted = rows if counted is None else counted

    @functools.cached_property
    def _found(self):
        """The count, or limit + 1 when there are more than `limit`."""
        if self.limit is None:
            return self.counted.count()
        if hasattr(self.counted, "count_up_to"):  # a list read in parts knows its own cheapest count
            return self.counted.count_up_to(self.limit)
        # Ordering does not change a count: without it the database stops after limit + 1 rows.
        return self.counted.order_by()[: self.limit + 1].count()

    @functools.cached_property
    def count(self):
        return self._found if self.limit is None else min(self._found, self.limit)

    @property
    def capped(self):
        return self.limit is not None and self._found > self.limit

    def elided_pages(self, number):
        """1 2 … 9 10 11 … 99 100: a long list must not link every page."""
        return self.get_elided_page_range(number, on_each_side=2, on_ends=1)
