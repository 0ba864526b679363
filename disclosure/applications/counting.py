"""Table 3 (收到和处理政府信息公开申请情况) of year Y counted from the register, as the design file says.

Columns are the applicant types (table 3's column keys) and 总计. For year Y:

- `new_received`: applications received (R) in Y;
- `carried_over`: R before Y and not replied before 1 January of Y;
- each of the 21 result rows: applications replied in Y, each once, in the row of its outcome;
- `results_total`: the sum of the result rows;
- `carried_forward`: R on or before 31 December of Y and not replied by then.

Since a reply is never before its receipt (events.check), new_received + carried_over = results_total +
carried_forward in every column by construction. `rows_of` says in which rows one case counts, so the same
rule both counts a figure and lists the cases behind it.

The 2019 trial format has one （六）其他处理 row where 2021 has three; counting for it folds them together.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery

from disclosure.applications import events as E
from disclosure.tables import formats, rules

COLUMNS = [column.key for column in formats.APPLICANTS]
TYPES = [key for key in COLUMNS if key != "total"]
_OTHER_2021 = ("other_overdue_correction", "other_overdue_fee", "other_other")


@dataclass(frozen=True)
class Case:
    """What counting needs of an application."""

    pk: object
    applicant_type: str
    received_on: datetime.date
    replied_on: datetime.date | None = None
    outcome: str = ""


def table_of(format):
    return formats.REQUESTS_2019 if format == formats.TRIAL_2019 else formats.REQUESTS_2021


def rows_of(case, year, format=formats.STANDARD_2021):
    """The rows of table 3 of `year` in which `case` counts (results_total included)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    replied = case.replied_on
    rows = []
    if first <= case.received_on <= last:
        rows.append("new_received")
    if case.received_on < first and (replied is None or replied >= first):
        rows.append("carried_over")
    if replied is not None and first <= replied <= last:
        outcome = case.outcome
        if format == formats.TRIAL_2019 and outcome in _OTHER_2021:
            outcome = "other"
        rows += [outcome, rules.RESULT_ROWS_END]
    if case.received_on <= last and (replied is None or replied > last):
        rows.append("carried_forward")
    return rows


def count(cases, year, format=formats.STANDARD_2021):
    """Table 3 as {"requests": {row: {column: n}}}: every row and column of the format, zeros included."""
    table = table_of(format)
    requests = {row.key: dict.fromkeys(COLUMNS, 0) for row in table.rows}
    for case in cases:
        for row in rows_of(case, year, format):
            requests[row][case.applicant_type] += 1
            requests[row]["total"] += 1
    return {"requests": requests}


def cases_of(body, year):
    """The body's applications that can count in table 3 of `year`, as Cases (one query)."""
    from disclosure.models import Application, ApplicationEvent

    replies = ApplicationEvent.objects.filter(application=OuterRef("pk"), type=E.REPLIED).order_by("on")
    rows = (
        Application.objects.filter(body=body, received_on__lte=datetime.date(year, 12, 31))
        .annotate(replied_on=Subquery(replies.values("on")[:1]), outcome=Subquery(replies.values("outcome")[:1]))
        .filter(Q(replied_on__isnull=True) | Q(replied_on__gte=datetime.date(year, 1, 1)))
        .values_list("pk", "applicant_type", "received_on", "replied_on", "outcome")
    )
    return [Case(pk, kind, received, replied, outcome or "") for pk, kind, received, replied, outcome in rows]


def table3(body, year, format=formats.STANDARD_2021):
    """Table 3 of `year` for `body`, counted from its register."""
    return count(cases_of(body, year), year, format)


def behind(body, year, row, column, format=formats.STANDARD_2021):
    """The primary keys of the applications behind one figure of table 3 (for the 统计表 page's list)."""
    return [
        case.pk
        for case in cases_of(body, year)
        if row in rows_of(case, year, format) and column in ("total", case.applicant_type)
    ]
