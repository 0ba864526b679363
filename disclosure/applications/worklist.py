"""The work list of open applications: each case's clock, stage and urgency, computed once per request.

Nothing here is stored (the clock is derived from the events): a list loads its cases and their events in two
queries and computes each clock on one reading of the holiday arrangements. For a few thousand open cases this
is a few hundred milliseconds; closed cases, which only grow, are never loaded all at once (admin: they are
paged by the database).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from disclosure.applications import clock
from disclosure.applications.calendar import ArrangementMissing

SOON_DAYS = 3  # due within this many working days: highlighted
OVERDUE, DUE_SOON = "overdue", "due-soon"


@dataclass(frozen=True)
class Entry:
    clock: clock.Clock
    stage: str
    days_left: int | None  # working days from today to the due date; None without a due date

    @property
    def urgency(self):
        """OVERDUE (open and past its due date), DUE_SOON (open, due within SOON_DAYS working days) or None."""
        if self.stage in (clock.REPLIED, clock.UNCONFIRMED) or self.clock.due_on is None:
            return None
        if self.clock.late:
            return OVERDUE
        if self.days_left is not None and self.days_left <= SOON_DAYS:
            return DUE_SOON
        return None


def entry(received_on, events, calendar, today):
    events = list(events)
    try:
        facts = clock.compute(received_on, events, calendar, today, missing_ok=True)
    except ArrangementMissing as missing:  # pragma: no cover (missing_ok says so instead)
        facts = clock.Clock(clock.state(events), None, None, False, None, False, (), str(missing))
    stage = clock.stage(received_on, events, calendar, today)
    left = clock.working_days_left(today, facts.due_on, calendar) if stage != clock.REPLIED else None
    return Entry(facts, stage, left)


def annotate(applications, calendar, today, events=None):
    """Set `.entry` on each application; `events` maps application ids to their events in order (else each
    application's prefetched or own `events`)."""
    for application in applications:
        steps = events.get(application.pk, []) if events is not None else application.events.all()
        application.entry = entry(application.received_on, steps, calendar, today)
    return applications


def load(queryset, calendar, today):
    """Every application of `queryset` with its `.entry`, in two queries (cases, then all their events)."""
    applications = list(queryset)
    return annotate(applications, calendar, today, events_of(queryset.order_by().values("pk")))


def events_of(applications):
    """{application id: its events in order} for `applications` (ids, or a query of them), in one query."""
    from disclosure.models import ApplicationEvent

    grouped = defaultdict(list)
    steps = ApplicationEvent.objects.filter(application__in=applications)
    for step in steps.order_by("application_id", "on", "position", "pk"):
        grouped[step.application_id].append(step)
    return grouped


def by_due_date(application):
    """Sort key of the work list: dated cases by due date (overdue first, as theirs are earliest), then those
    without one (a correction or a confirmation awaited, a year's arrangement missing), oldest receipt first."""
    due = application.entry.clock.due_on
    received = application.received_on or datetime.date.max
    return (due is None, due or datetime.date.max, received, application.ref)
