"""Figures of a report's tables counted from the register (从依申请公开登记生成), their origins, and the rule
that a figure typed over afterwards is a warning for the reviewer.

Table 3 is counted by counting.table3 and table 4 by appeals.table4, for the report's body and year; the
counts are kept as RegisterCount rows (a cell's origin). `findings` is a pure rule like those of
tables/rules.py; tables/assessment.findings applies it, so the 统计表 page, the review pages, check_report,
load_report and fill_tables all see the same warnings, acknowledged like the others (Acknowledgement).
Why a warning and not an error: a register can be incomplete (an application received by post and never
entered), and the reviewer is the one to decide which figure is right.
"""

from django.db import transaction
from django.utils import translation

from disclosure.applications import appeals, counting
from disclosure.languages.declared import SOURCE
from disclosure.tables import formats, rules

LABELS = {"requests": "依申请公开情况（表三）", "appeals": "行政复议、行政诉讼情况（表四）"}
CHECK = "register"


def countable(report):
    """The table keys of the report's format that can be counted from the register."""
    return [table.key for table in formats.tables(report.format) if table.key in LABELS]


def count(report, key):
    """The table `key` of the report's year, counted from its body's register: {row: {column: n}}."""
    if key == "requests":
        return counting.table3(report.body, report.year, report.format)["requests"]
    if key == "appeals":
        return appeals.table4(report.body, report.year)["appeals"]
    raise KeyError(key)


def filled(tables, key, counted):
    """`tables` with table `key` replaced by the counted figures (a new dict; the others untouched)."""
    tables = {name: {row: dict(cells) for row, cells in rows.items()} for name, rows in (tables or {}).items()}
    tables[key] = {row: dict(cells) for row, cells in counted.items()}
    return tables


def record(report, key, counted, user=None):
    """Keep the counted figures as the origin of the cells they filled."""
    from disclosure.models import RegisterCount

    RegisterCount.objects.update_or_create(
        report=report,
        table=key,
        defaults={
            "counted": counted,
            "body_id": report.body_id,
            "year": report.year,
            "user": user,
            "source": RegisterCount.REGISTER,
            "detail": {},
        },
    )


def of(report):
    """{cell path: counted figure} for every cell of `report` filled from its body's register of its year."""
    if report.pk is None:
        return {}
    origins = {}
    # A table summed from the units' reports has an origin of its own (disclosure/rollup/provenance.py).
    for row in report.register_counts.filter(body_id=report.body_id, year=report.year, source="register"):
        for row_key, cells in row.counted.items():
            for column, value in cells.items():
                origins[f"tables.{row.table}.{row_key}.{column}"] = value
    return origins


def fill(report, user, keys=None):
    """Count `keys` (default: every countable table) into the working copy and record their origins; returns
    the diff's changes (empty when the figures were already the register's). Used by the command; the
    统计表 page fills what is on screen instead, through `filled` and `record`."""
    from disclosure.models import Report
    from disclosure.publishing import diff, document, workflow

    keys = keys or countable(report)
    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report.pk)
        before = document.build(current)
        for key in keys:
            counted = count(current, key)
            current.tables = filled(current.tables, key, counted)
            record(current, key, counted, user)
        changes = diff.compare(before, {**before, "tables": document.tables(current.format, current.tables)})
        if changes:
            current.save()
            workflow.edited(current, user, diff.summary(changes, limit=300))
    return changes


def _place(format, path):
    _, key, row_key, column_key = path.split(".")
    table = next(t for t in formats.tables(format) if t.key == key)
    row = table.row(row_key)
    column = next(c for c in row.columns if c.key == column_key)
    label = f"{row.group}{row.label}" if key == "appeals" and row.group else rules.short_label(row.label)
    return f"表{'三' if key == 'requests' else '四'}“{label}·{column.label}”"


def findings(format, tables, origins):
    """A warning for each figure filled from the register and typed over since: the register says one thing
    and the table another. Blank or unreadable cells are the cell check's business, not this one's."""
    found = []
    with translation.override(SOURCE):
        for path, counted in origins.items():
            if not _on_form(format, path):
                continue  # the format changed since the count: its cells are no longer there
            value = rules._count_at(tables or {}, path.removeprefix("tables."))
            if value is None or value == counted:
                continue
            message = f"{_place(format, path)}与依申请公开登记不符：登记 {counted} 件，表中 {value} 件"
            found.append(rules.Finding(CHECK, path, message, False, (path,)))
    return found


def _on_form(format, path):
    return path in {formats.path(*cell) for cell in formats.cells(format)}


def behind(report, path):
    """The applications behind one figure filled from the register, as a queryset in receipt order."""
    from disclosure.models import Application

    _, key, row, column = path.split(".")
    if key == "requests":
        pks = counting.behind(report.body, report.year, row, column, report.format)
    else:
        pks = appeals.behind(report.body, report.year, row, column)
    return Application.objects.filter(pk__in=pks, body=report.body).order_by("received_on", "ref")
