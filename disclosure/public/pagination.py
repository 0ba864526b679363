"""Pages of a long list counted only up to a limit: an exact count of 40,000 reports (or of every report a
common search term matches) costs more than the page itself. Past the limit the page says "more than", and
numbered pages go as far as the limit; the reader narrows the list to see further."""

import functools

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, limit):
        super().__init__(object_list, per_page)
        self.limit = limit

    @functools.cached_property
    def count(self):
        if hasattr(self.object_list, "count_up_to"):  # a list read in parts (search_backends.Matches)
            return self.object_list.count_up_to(self.limit)
        # Ordering does not change a count: without it the database stops after limit + 1 rows.
        return self.object_list.order_by()[: self.limit + 1].count()

    @property
    def capped(self):
        return self.count > self.limit

    @functools.cached_property
    def num_pages(self):
        return max(1, -(-min(self.count, self.limit) // self.per_page))

    def elided_pages(self, number):
        """1 2 … 9 10 11 … 99 100: a long list must not link every page."""
        return self.get_elided_page_range(number, on_each_side=2, on_ends=1)
