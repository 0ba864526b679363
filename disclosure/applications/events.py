"""The steps of an application (events), their fields and the one check of a sequence of them.

The loader (interchange.py), the models' admin and any later form call `check()`: a sequence is either
well-formed for every one of them or for none. The check is about order and fields only; whether a step came
in time (a correction notice after the 7th working day, an extension after the due date) needs the holiday
arrangements and is the clock's warning (clock.py), not an error: what happened is recorded as it happened.

Events are read by attribute (`type`, `on`, `until`, `answered_on`, `party`, `amount`, `outcome`, `note`,
`approved_by`), so a model row (ApplicationEvent) and an `Event` below are checked alike.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import format_lazy

from disclosure.tables import formats, rules

CORRECTION_REQUESTED = "correction_requested"
CORRECTION_RECEIVED = "correction_received"
CONSULTED = "consulted"
EXTENDED = "extended"
FEE_NOTICE = "fee_notice"
FEE_PAID = "fee_paid"
REPLIED = "replied"

TYPES = {
    CORRECTION_REQUESTED: "告知补正",
    CORRECTION_RECEIVED: "收到补正",
    CONSULTED: "征求意见",
    EXTENDED: "延期答复",
    FEE_NOTICE: "收费通知",
    FEE_PAID: "缴纳费用",
    REPLIED: "作出答复",
}

# The fields each type may carry besides `type`, `on` and `note`; those in REQUIRED must be filled in.
FIELDS = {
    CORRECTION_REQUESTED: ("until",),
    CORRECTION_RECEIVED: (),
    CONSULTED: ("party", "answered_on"),
    EXTENDED: ("approved_by",),
    FEE_NOTICE: ("amount",),
    FEE_PAID: (),
    REPLIED: ("outcome",),
}
REQUIRED = {CORRECTION_REQUESTED: ("until",), CONSULTED: ("party",), FEE_NOTICE: ("amount",), REPLIED: ("outcome",)}
OPTIONAL_FIELDS = ("until", "party", "answered_on", "approved_by", "amount", "outcome")
FIELD_LABELS = {
    "until": "补正期限",
    "party": "征求对象",
    "answered_on": "答复意见日期",
    "approved_by": "批准人",
    "amount": "收费金额",
    "outcome": "办理结果",
}

PARTIES = {"third_party": "第三方", "agency": "其他行政机关"}

# The 21 result rows of table 3 (2021 format), in the form's order, as the outcome of a reply.
OUTCOMES = {key: formats.REQUESTS_2021.row(key).label for key in rules.result_rows(formats.REQUESTS_2021)}
OUTCOME_GROUPS = {key: formats.REQUESTS_2021.row(key).subgroup for key in OUTCOMES}

CONSULTATION_DAYS = 15  # Art. 32: a third party's 15 working days
FEE_PAYMENT_DAYS = 20  # 国办函〔2020〕109号: 20 working days to pay
MAX_AMOUNT = Decimal("1000000")


# For a choice list, where a row label such as "1.属于国家秘密" needs its group: "（三）不予公开 1.属于国家秘密".
OUTCOME_CHOICES = tuple(
    (key, format_lazy("{} {}", OUTCOME_GROUPS[key], label) if OUTCOME_GROUPS[key] else label)
    for key, label in OUTCOMES.items()
)


@dataclass
class Event:
    type: str
    on: datetime.date
    until: datetime.date | None = None
    answered_on: datetime.date | None = None
    party: str = ""
    amount: Decimal | None = None
    outcome: str = ""
    note: str = ""
    approved_by: str = ""


@dataclass(frozen=True)
class Problem:
    index: int | None  # the event concerned (its position in the sequence), None for the sequence as a whole
    field: str | None  # its field (on, until, outcome, …), None for the event as a whole
    message: str


def check(received_on, events, submitted_on=None):
    """Every problem of a case's dates and steps, as Problems; an empty list means well-formed."""
    problems = []

    def bad(index, field, message):
        problems.append(Problem(index, field, message))

    if submitted_on and received_on and submitted_on > received_on:
        bad(None, "received_on", f"收到申请日期（{received_on}）不能早于提交日期（{submitted_on}）。")
    if received_on is None and events:
        bad(None, "received_on", "在线申请尚未确认收到（收到申请日期为空），不能登记办理步骤；请先填写确认之日。")
    seen, previous = {}, None
    correction_outstanding = fee_outstanding = False
    replied_on = None
    for index, event in enumerate(events):
        kind, on = event.type, event.on
        if kind not in TYPES:
            bad(index, "type", f"未知的办理步骤“{kind}”；应为 {'、'.join(TYPES)} 之一。")
            continue
        name = TYPES[kind]
        _fields(index, event, bad)
        if not isinstance(on, datetime.date):
            bad(index, "on", f"{name}应有日期。")
            continue
        if received_on and on < received_on:
            bad(index, "on", f"{name}（{on}）早于收到申请日期（{received_on}）。")
        if previous and on < previous:
            bad(index, "on", f"{name}（{on}）早于前一个办理步骤（{previous}）；办理步骤应按日期先后排列。")
        previous = max(previous, on) if previous else on
        if replied_on is not None:
            bad(index, None, f"申请已于{replied_on}答复办结，其后不能再有“{name}”。")
        if kind in (CORRECTION_REQUESTED, CORRECTION_RECEIVED, EXTENDED, FEE_NOTICE, FEE_PAID, REPLIED) and (
            kind in seen
        ):
            bad(index, None, _ONCE[kind])
        if correction_outstanding and kind not in (CORRECTION_RECEIVED, REPLIED):
            bad(index, None, f"补正尚未收到，不能“{name}”；收到补正后答复期限才重新起算。")
        if kind == CORRECTION_REQUESTED:
            if any(k != CORRECTION_REQUESTED for k in seen):
                bad(index, None, "告知补正应在其他办理步骤之前（条例第三十条：收到申请后即一次性告知）。")
            correction_outstanding = True
        elif kind == CORRECTION_RECEIVED:
            if CORRECTION_REQUESTED not in seen:
                bad(index, None, "没有告知补正，不能收到补正。")
            correction_outstanding = False
        elif kind == FEE_NOTICE:
            fee_outstanding = True
        elif kind == FEE_PAID:
            if FEE_NOTICE not in seen:
                bad(index, None, "没有收费通知，不能缴纳费用。")
            fee_outstanding = False
        elif kind == REPLIED:
            replied_on = on
            outcome = event.outcome
            if outcome == "other_overdue_correction" and not correction_outstanding:
                bad(index, "outcome", "“逾期不补正”的答复要求此前已告知补正且未收到补正。")
            if outcome == "other_overdue_fee" and not fee_outstanding:
                bad(index, "outcome", "“逾期未缴纳费用”的答复要求此前已发出收费通知且尚未缴费。")
        seen.setdefault(kind, index)
    if replied_on is not None:
        for index, event in enumerate(events):
            answered = getattr(event, "answered_on", None)
            if event.type == CONSULTED and isinstance(answered, datetime.date) and answered > replied_on:
                bad(index, "answered_on", f"答复意见日期（{answered}）晚于答复申请日期（{replied_on}）。")
    return problems


_ONCE = {
    CORRECTION_REQUESTED: "补正只能告知一次（条例第三十条：一次性告知）。",
    CORRECTION_RECEIVED: "只能收到一次补正。",
    EXTENDED: "答复期限只能延长一次，最长20个工作日（条例第三十三条）。",
    FEE_NOTICE: "一件申请只发一次收费通知。",
    FEE_PAID: "只能缴纳一次费用。",
    REPLIED: "一件申请只作出一次答复，只计一种办理结果。",
}


def _fields(index, event, bad):
    kind, name = event.type, TYPES[event.type]
    allowed, required = FIELDS[kind], REQUIRED.get(kind, ())
    for field in OPTIONAL_FIELDS:
        value = getattr(event, field, None)
        present = value not in (None, "")
        if field in required and not present:
            bad(index, field, f"{name}应填写{FIELD_LABELS[field]}。")
        elif present and field not in allowed:
            bad(index, field, f"{name}没有“{FIELD_LABELS[field]}”这一项。")
    until, answered = getattr(event, "until", None), getattr(event, "answered_on", None)
    on = event.on if isinstance(event.on, datetime.date) else None
    if on and isinstance(until, datetime.date) and until < on:
        bad(index, "until", f"补正期限（{until}）早于告知补正日期（{on}）。")
    if on and isinstance(answered, datetime.date) and answered < on:
        bad(index, "answered_on", f"答复意见日期（{answered}）早于征求意见日期（{on}）。")
    if kind == CONSULTED and event.party and event.party not in PARTIES:
        bad(index, "party", "征求对象应为 third_party（第三方）或 agency（其他行政机关）。")
    if kind == REPLIED and event.outcome and event.outcome not in OUTCOMES:
        bad(index, "outcome", f"未知的办理结果“{event.outcome}”；应为统计表三的21项办理结果之一。")
    amount = getattr(event, "amount", None)
    if kind == FEE_NOTICE and amount is not None and not (0 < amount <= MAX_AMOUNT):
        bad(index, "amount", f"收费金额应大于0元、不超过{MAX_AMOUNT}元。")
