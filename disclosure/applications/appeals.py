"""Table 4 (政府信息公开行政复议、行政诉讼情况) of year Y counted from the appeals recorded on the register.

An appeal counts in the year it was filed, in its row (行政复议; 行政诉讼 未经复议直接起诉 or 复议后起诉), and in
the column of its result if it was decided by 31 December of that year, else in 尚未审结. It is not counted
again in the year it is decided: table 4 counts cases brought, as table 3 counts applications received.
`columns_of` is the one rule, used both to count a figure and to list the cases behind it.
"""

import datetime

from disclosure.tables import formats

ROWS = [row.key for row in formats.APPEALS.rows]
COLUMNS = [column.key for column in formats.OUTCOMES]


def columns_of(appeal, year):
    """The columns of table 4 of `year` in which `appeal` counts (总计 included), or [] if filed another year."""
    if appeal.filed_on.year != year:
        return []
    return [appeal.result_on(datetime.date(year, 12, 31)), "total"]


def count(appeals, year):
    """Table 4 as {"appeals": {row: {column: n}}}: every cell, zeros included."""
    table = {row: dict.fromkeys(COLUMNS, 0) for row in ROWS}
    for appeal in appeals:
        for column in columns_of(appeal, year):
            table[appeal.kind][column] += 1
    return {"appeals": table}


def appeals_of(body, year):
    from disclosure.models import ApplicationAppeal

    return list(ApplicationAppeal.objects.filter(application__body=body, filed_on__year=year))


def table4(body, year):
    """Table 4 of `year` for `body`, counted from the appeals on its register (one query)."""
    return count(appeals_of(body, year), year)


def behind(body, year, row, column):
    """The primary keys of the applications whose appeals make one figure of table 4."""
    found = (a.application_id for a in appeals_of(body, year) if a.kind == row and column in columns_of(a, year))
    return list(dict.fromkeys(found))  # an application with two appeals in one figure is listed once
