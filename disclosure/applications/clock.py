"""The reply clock of an application (条例 Art. 30–33), computed from its day of receipt and its events.

Pure functions, exactly as ../shared/design/applications.md "The clock" says (docs/applications.md keeps the
project's copy): the due date is the K-th *counted* working day after the start, where

- the start is `received_on` R, or the day C a correction was received (`correction_received`);
- K is 20, or 40 once extended by an `extended` event on or before the due date (a later one does not extend
  it, and is a warning);
- a counted working day is a working day (calendar.py) that lies in no pause:
  a consultation sent on S and answered on A (`answered_on`, or without an answer the 15th working day after
  S) pauses every d with S < d ≤ A; a fee notice on N paid on P pauses every d with N < d ≤ P (not yet
  paid: up to the 20th working day after N, the last day to pay);
- while a correction is outstanding there is no due date.

The events are read by attribute (model rows or events.Event), in date order, and are assumed to have passed
events.check(). A day in a year without a holiday arrangement raises calendar.ArrangementMissing.
"""

import contextlib
import datetime
from dataclasses import dataclass

from disclosure.applications import events as E
from disclosure.applications.calendar import ArrangementMissing

OPEN, AWAITING_CORRECTION, REPLIED = "open", "awaiting_correction", "replied"
UNCONFIRMED = "unconfirmed"  # an online application not yet confirmed (no received_on): not received yet
STATES = {UNCONFIRMED: "待确认", OPEN: "办理中", AWAITING_CORRECTION: "等待补正", REPLIED: "已答复"}
REPLY_DAYS = 20  # Art. 33
EXTENSION_DAYS = 20  # Art. 33
CORRECTION_NOTICE_DAYS = 7  # Art. 30


@dataclass(frozen=True)
class Clock:
    state: str
    start: datetime.date | None  # day 0 of the reply period: R, or C after a correction; None while awaiting it
    due_on: datetime.date | None
    late: bool  # replied after the due date; or, still open, past it `today`
    days_taken: int | None  # counted working days from the start to the reply; None until replied
    extended: bool  # an extension that counts (on or before the due date)
    warnings: tuple = ()
    missing: str = ""  # with missing_ok: why there is no due date ("2027年节假日安排尚未录入")

    @property
    def state_label(self):
        return STATES[self.state]


def state(events):
    """open, awaiting_correction or replied, from the events alone (no calendar needed)."""
    kinds = [event.type for event in events]
    if E.REPLIED in kinds:
        return REPLIED
    if E.CORRECTION_REQUESTED in kinds and E.CORRECTION_RECEIVED not in kinds:
        return AWAITING_CORRECTION
    return OPEN


def replied_on(events):
    return next((event.on for event in events if event.type == E.REPLIED), None)


def start(received_on, events):
    """Day 0 of the reply period: R, or C once a correction is received; None while one is outstanding."""
    kinds = {event.type: event for event in events}
    if E.CORRECTION_REQUESTED in kinds:
        received = kinds.get(E.CORRECTION_RECEIVED)
        return received.on if received else None
    return received_on


def pauses(events, calendar, open_ended=False):
    """The paused periods as (S, A): every day d with S < d ≤ A is not counted.

    With `open_ended`, a default end (an unanswered consultation's 15th, an unpaid fee's 20th working day)
    that lies in a year without an arrangement is left open (date.max) instead of raising: every known day
    after S is then paused, which is true.
    """
    found = []
    paid = next((event.on for event in events if event.type == E.FEE_PAID), None)
    for event in events:
        if event.type == E.CONSULTED:
            end, days = event.answered_on, E.CONSULTATION_DAYS
        elif event.type == E.FEE_NOTICE:
            end, days = paid, E.FEE_PAYMENT_DAYS
        else:
            continue
        if end is None:
            try:
                end = calendar.add(event.on, days)
            except ArrangementMissing:
                if not open_ended:
                    raise
                end = datetime.date.max
        found.append((event.on, end))
    return found


def counted_days(start_on, calendar, paused):
    """Every counted working day after `start_on`: working days in no pause, in order, without end."""
    for day in calendar.working_days_after(start_on):
        if not any(begin < day <= end for begin, end in paused):
            yield day


def due_date(start_on, count, calendar, paused):
    """The `count`-th counted working day after `start_on`."""
    for number, day in enumerate(counted_days(start_on, calendar, paused), start=1):
        if number == count:
            return day
    raise AssertionError("unreachable")  # pragma: no cover


def compute(received_on, events, calendar, today=None, missing_ok=False):
    """The application's Clock; `today` decides whether an open application is already late.

    Raises ArrangementMissing when a day needed lies in a year without an arrangement. With `missing_ok` (lists,
    dumps) the Clock says so instead (`missing`, no due date): a case replied before that year is still on time
    (its due date lies beyond its reply) and its days taken are known; an open case is late only once `today`
    is past every day of the known years, which cannot be before the year is entered.
    """
    events = list(events)
    if received_on is None:  # Art. 31: an online application is received only once confirmed; no clock yet
        return Clock(UNCONFIRMED, None, None, False, None, False)
    try:
        return _compute(received_on, events, calendar, today)
    except ArrangementMissing as missing:
        if not missing_ok:
            raise
        begin, reply = start(received_on, events), replied_on(events)
        taken = None
        if begin and reply:
            with contextlib.suppress(ArrangementMissing):  # replied in a year not entered either
                taken = _taken(begin, reply, calendar, pauses(events, calendar, open_ended=True))
        extended = any(e.type == E.EXTENDED for e in events)  # its due date lies beyond the extension
        return Clock(state(events), begin, None, False, taken, extended, (), str(missing))


def _compute(received_on, events, calendar, today):
    current = state(events)
    warnings = []
    correction = next((e for e in events if e.type == E.CORRECTION_REQUESTED), None)
    if correction is not None:
        latest = calendar.add(received_on, CORRECTION_NOTICE_DAYS)
        if correction.on > latest:
            warnings.append(
                f"补正通知（{correction.on}）晚于收到申请后第{CORRECTION_NOTICE_DAYS}个工作日（{latest}）"
                "（条例第三十条）。"
            )
    begin = start(received_on, events)
    if begin is None:
        return Clock(current, None, None, False, None, False, tuple(warnings))
    paused = pauses(events, calendar)
    due = due_date(begin, REPLY_DAYS, calendar, paused)
    extension = next((e for e in events if e.type == E.EXTENDED), None)
    extended = False
    if extension is not None:
        if extension.on <= due:
            extended = True
            due = due_date(begin, REPLY_DAYS + EXTENSION_DAYS, calendar, paused)
        else:
            warnings.append(f"延期答复（{extension.on}）晚于答复期限（{due}），不能延长答复期限（条例第三十三条）。")
    reply = replied_on(events)
    if reply is not None:
        late = reply > due
        taken = _taken(begin, reply, calendar, paused)
    else:
        late, taken = bool(today and today > due), None
    return Clock(current, begin, due, late, taken, extended, tuple(warnings))


def _counted(day, paused):
    return not any(begin < day <= end for begin, end in paused)


def _taken(begin, reply, calendar, paused):
    """Counted working days d with begin < d ≤ reply."""
    count, day = 0, begin
    while day < reply:
        day += datetime.timedelta(days=1)
        if calendar.is_working_day(day) and _counted(day, paused):
            count += 1
    return count


def deadlines(received_on, events, calendar):
    """The due date as it moved, step by step: [(event or None for the receipt, due date or None)] (timeline's
    dates; raises ArrangementMissing)."""
    return [(step.event, step.clock.due_on) for step in timeline(received_on, events, calendar, missing_ok=False)]


@dataclass(frozen=True)
class Step:
    """One line of a case's timeline: the step (None for the receipt) and the clock as it stood after it."""

    event: object
    clock: Clock


def timeline(received_on, events, calendar, today=None, missing_ok=True):
    """The due date as it moved: a Step for the receipt and one after each event, each the clock computed from
    the events up to and including it (an unanswered consultation counted to its 15th working day, an unpaid fee
    to its 20th), by the rules above, so that the timeline and the clock cannot disagree."""
    events = list(events)
    return [
        Step(events[number - 1] if number else None, compute(received_on, events[:number], calendar, today, missing_ok))
        for number in range(len(events) + 1)
    ]


# The stage of a case on the work list: where it waits, derived from its events and `today`, never stored.
CORRECTING, CONSULTING, AWAITING_FEE, HANDLING = "correcting", "consulting", "awaiting_fee", "handling"
STAGES = {
    UNCONFIRMED: "待确认",
    CORRECTING: "补正中",
    CONSULTING: "征求意见中",
    AWAITING_FEE: "待缴费",
    HANDLING: "办理中",
    REPLIED: "已答复",
}


def stage(received_on, events, calendar, today):
    """One of STAGES. An online application not yet confirmed (Art. 31) has no day of receipt: 待确认. A
    consultation is under way until answered, or unanswered until its 15th working day (as its pause); a fee
    notice waits until paid (after its 20 working days, the case waits for the reply 逾期未缴费)."""
    events = list(events)
    if received_on is None:
        return UNCONFIRMED
    current = state(events)
    if current == REPLIED:
        return REPLIED
    if current == AWAITING_CORRECTION:
        return CORRECTING
    kinds = {event.type for event in events}
    if E.FEE_NOTICE in kinds and E.FEE_PAID not in kinds:
        return AWAITING_FEE
    for event in events:
        if event.type == E.CONSULTED and event.answered_on is None:
            try:
                if today <= calendar.add(event.on, E.CONSULTATION_DAYS):
                    return CONSULTING
            except ArrangementMissing:
                return CONSULTING  # its 15th working day lies in a year not entered: still to come
    return HANDLING


def working_days_left(today, due_on, calendar):
    """Working days d with today < d ≤ due_on (0 on the due date and after); None when unknown."""
    if due_on is None:
        return None
    try:
        return calendar.between(today, due_on)
    except ArrangementMissing:
        return None
