"""The register's list as a work list: open cases by due date, filtered by stage, paged after sorting.

The stage and the due date come from the clock (applications/worklist.py) and are never stored, so the open
cases of the user's bodies (after the other filters and the search, which the database does) are loaded and
computed together, then filtered by stage, sorted and paged in Python. Closed cases ("已答复", "全部") are paged
by the database and only the page shown is computed: they grow every year, the open ones do not.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.paginator import InvalidPage
from django.db.models import Exists, OuterRef
from django.utils import timezone

from disclosure.applications import calendar, clock, worklist
from disclosure.models import ApplicationEvent

ALL = "all"
OPEN_STAGES = [key for key in clock.STAGES if key != clock.REPLIED]


def _replied():
    return Exists(ApplicationEvent.objects.filter(application=OuterRef("pk"), type=clock.E.REPLIED))


class StageFilter(admin.SimpleListFilter):
    """办理阶段. Without a choice the list holds the open cases (the work list); 全部 adds the replied ones."""

    title = "办理阶段"
    parameter_name = "stage"

    def lookups(self, request, model_admin):
        return [(key, label) for key, label in clock.STAGES.items()] + [(ALL, "全部（含已答复）")]

    def queryset(self, request, queryset):
        # The database narrows what it can tell from the rows; the work list computes the rest.
        value = self.value()
        if value == ALL:
            return queryset
        if value == clock.REPLIED:
            return queryset.filter(_replied())
        open_cases = queryset.exclude(_replied())
        if value == clock.UNCONFIRMED:
            return open_cases.filter(received_on__isnull=True)
        if value in OPEN_STAGES:
            return open_cases.filter(received_on__isnull=False)
        return open_cases

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "未办结（工作清单）",
        }
        for key, label in self.lookup_choices:
            yield {
                "selected": self.value() == key,
                "query_string": changelist.get_query_string({self.parameter_name: key}),
                "display": label,
            }


class HandlerFilter(admin.RelatedOnlyFieldListFilter):
    """承办人: the handlers of the user's cases by name; 未指定 for cases nobody has taken yet."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = "未指定"

    def field_choices(self, field, request, model_admin):
        ids = model_admin.get_queryset(request).exclude(handler=None).values("handler")
        users = field.related_model.objects.filter(pk__in=ids).order_by("username")
        return [(user.pk, user.get_full_name() or user.get_username()) for user in users]


class WorkList(ChangeList):
    def stage(self):
        return next((spec.value() for spec in self.filter_specs if isinstance(spec, StageFilter)), None)

    def by_due_date(self):
        """Open cases, no column header clicked: sorted by due date in Python (get_results)."""
        return ORDER_VAR not in self.params and self.stage() not in (clock.REPLIED, ALL)

    def get_ordering_field_columns(self):
        # Sorted by due date, the model's default order (received_on, ref) is not what the headers should show.
        return {} if self.by_due_date() else super().get_ordering_field_columns()

    def get_results(self, request):
        days, today = calendar.from_database(), timezone.localdate()
        wanted = self.stage()
        if wanted in (clock.REPLIED, ALL):
            super().get_results(request)  # paged by the database; only the page is computed
            rows = list(self.result_list)
            self.result_list = worklist.annotate(rows, days, today, worklist.events_of([row.pk for row in rows]))
            return
        rows = worklist.load(self.queryset, days, today)
        if wanted in OPEN_STAGES:
            rows = [row for row in rows if row.entry.stage == wanted]
        if self.by_due_date():
            rows.sort(key=worklist.by_due_date)
        paginator = self.model_admin.get_paginator(request, rows, self.list_per_page)
        self.result_count = paginator.count
        self.show_full_result_count = self.model_admin.show_full_result_count
        self.full_result_count = self.root_queryset.count() if self.show_full_result_count else None
        self.show_admin_actions = not self.show_full_result_count or bool(self.full_result_count)
        self.can_show_all = self.result_count <= self.list_max_show_all
        self.multi_page = self.result_count > self.list_per_page
        if (self.show_all and self.can_show_all) or not self.multi_page:
            self.result_list = rows
        else:
            try:
                self.result_list = paginator.page(self.page_num).object_list
            except InvalidPage:
                raise IncorrectLookupParameters from None
        self.paginator = paginator
