"""办理情况统计: the public figures of one body's register for one year, aggregate only.

For body B and year Y, counting confirmed applications only (an unconfirmed online one is not received yet):

- `received`: received (R) in Y; `replied`: replied in Y (whenever received), `on_time`: of those, replied by
  the due date; `median_days`: the median of their working days taken (the clock's `days_taken`: from R, or
  from the received correction, to the reply, pauses excluded);
- `outcomes`: the replies of Y by outcome, in table 3's result rows.

So that no single case can be seen (or worked out) from the public page, `published()` shows a count of 1 to
MINIMUM-1 as "fewer than MINIMUM" (zero is shown: it says nothing about anyone), withholds a second figure
whenever a suppressed one could otherwise be had by subtraction (on time / late; one outcome against the
total), and gives no median of fewer than MINIMUM replies. The page and the API both read `published()`.
"""

import datetime
import statistics as stats
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from disclosure.applications import calendar, clock
from disclosure.applications import events as E

SHOWN, FEWER, WITHHELD = "shown", "fewer", "withheld"


@dataclass
class Figures:
    """The raw figures: never shown as they are (see published())."""

    received: int = 0
    replied: int = 0
    on_time: int = 0
    days: list = field(default_factory=list)
    outcomes: dict = field(default_factory=lambda: dict.fromkeys(E.OUTCOMES, 0))


@dataclass(frozen=True)
class Figure:
    count: int | None  # None unless shown
    status: str  # SHOWN, FEWER (1 to minimum-1) or WITHHELD (shown, it would reveal a FEWER one)


@dataclass(frozen=True)
class Published:
    year: int
    minimum: int
    received: Figure
    replied: Figure
    on_time: Figure
    median_days: float | None
    outcomes: dict  # {outcome key: Figure}, in table 3's order


def figures(body, year, days=None, today=None):
    """The raw Figures of `body` for `year` (one query, the clock per replied case)."""
    from disclosure.models import Application

    days = days or calendar.from_database()
    today = today or timezone.localdate()
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    replied_in_year = Q(events__type=E.REPLIED, events__on__range=(first, last))
    cases = (
        Application.objects.filter(body=body, received_on__isnull=False)
        .filter(Q(received_on__range=(first, last)) | replied_in_year)
        .distinct()
        .prefetch_related("events")
    )
    found = Figures()
    for case in cases:
        steps = list(case.events.all())
        if first <= case.received_on <= last:
            found.received += 1
        reply = next((step for step in steps if step.type == E.REPLIED), None)
        if reply is None or not first <= reply.on <= last:
            continue
        facts = clock.compute(case.received_on, steps, days, today, missing_ok=True)
        found.replied += 1
        found.on_time += not facts.late
        if facts.days_taken is not None:
            found.days.append(facts.days_taken)
        found.outcomes[reply.outcome] = found.outcomes.get(reply.outcome, 0) + 1
    return found


def years_of(body):
    """The years with anything to show for `body`: a confirmed receipt or a reply, newest first."""
    from disclosure.models import Application, ApplicationEvent

    received = Application.objects.filter(body=body, received_on__isnull=False).dates("received_on", "year")
    replied = ApplicationEvent.objects.filter(application__body=body, type=E.REPLIED).dates("on", "year")
    return sorted({day.year for day in [*received, *replied]}, reverse=True)


def _figure(count, minimum):
    return Figure(count, SHOWN) if count == 0 or count >= minimum else Figure(None, FEWER)


def _withhold(shown, total, minimum):
    """`shown` ({key: Figure}) with the smallest shown non-zero figure withheld while exactly one figure of
    the group is suppressed and the group's total is public: else total minus the rest gives it away."""
    suppressed = [key for key, figure in shown.items() if figure.status != SHOWN]
    if total.status == SHOWN and len(suppressed) == 1:
        candidates = [(figure.count, key) for key, figure in shown.items() if figure.status == SHOWN and figure.count]
        if candidates:
            shown[min(candidates)[1]] = Figure(None, WITHHELD)
    return shown


def published(found, year, minimum=None):
    """What may be shown of `found`: Published, with the thresholds and withholding of the module's docstring."""
    minimum = settings.APPLICATION_STATISTICS_MINIMUM if minimum is None else minimum
    replied = _figure(found.replied, minimum)
    timing = _withhold(
        {"on_time": _figure(found.on_time, minimum), "late": _figure(found.replied - found.on_time, minimum)},
        replied,
        minimum,
    )
    outcomes = _withhold({key: _figure(found.outcomes.get(key, 0), minimum) for key in E.OUTCOMES}, replied, minimum)
    median = stats.median(found.days) if len(found.days) >= minimum else None
    return Published(
        year=year,
        minimum=minimum,
        received=_figure(found.received, minimum),
        replied=replied,
        on_time=timing["on_time"],
        median_days=median,
        outcomes=outcomes,
    )


def as_json(result):
    """The API's form of Published: each figure {"count": n} or {"count": null, "fewer_than": m} /
    {"count": null, "withheld": true}."""

    def figure(item):
        if item.status == SHOWN:
            return {"count": item.count}
        if item.status == FEWER:
            return {"count": None, "fewer_than": result.minimum}
        return {"count": None, "withheld": True}

    return {
        "year": result.year,
        "minimum": result.minimum,
        "received": figure(result.received),
        "replied": figure(result.replied),
        "replied_on_time": figure(result.on_time),
        "median_working_days": result.median_days,
        "outcomes": {key: figure(item) for key, item in result.outcomes.items()},
    }
