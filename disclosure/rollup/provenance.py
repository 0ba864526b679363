"""Where a summed figure came from, and the warnings when that has changed since.

The roll-up's origins are kept as the register's are (applications/origins.py): one RegisterCount per report
and table, `counted` holding the figures as summed, here with source "rollup" and a `detail` naming each unit,
the revision its figures were read from, and its figures; the units left out and why; how many were listed.
A figure typed over afterwards, a unit's report corrected or withdrawn since, a unit that has published since,
a list changed since: each is a warning on the government's report until it is summed again, acknowledged by a
reviewer like the other warnings (assessment.findings applies `findings`). Warnings, not errors: the office
may have good reason to publish on 31 March without the last unit's correction.
"""

from decimal import Decimal

from django.utils import translation

from disclosure.languages.declared import SOURCE
from disclosure.models import RegisterCount, Revision
from disclosure.rollup import summing, units
from disclosure.tables import cell_input, formats, rules

TYPED_OVER, CHANGED_SINCE, COVERAGE = "rollup", "rollup-stale", "rollup-coverage"
NUMERALS = {2: "二", 3: "三", 4: "四"}


def record(report, result, user=None):
    """Keep the sums of `result` (a summing.RollUp) as the origin of every cell of the report's tables."""
    missing = [{"slug": m.unit.slug, "name": m.unit.name, "reason": m.reason} for m in result.missing]
    for table in formats.tables(report.format):
        contributions = [
            {
                "slug": unit.slug,
                "name": unit.name,
                "revision": revision.pk,
                "number": revision.number,
                "figures": summing.unit_tables(revision, report.format)[table.key],
            }
            for unit, revision in result.summed
        ]
        RegisterCount.objects.update_or_create(
            report=report,
            table=table.key,
            defaults={
                "counted": result.tables[table.key],
                "body_id": report.body_id,
                "year": report.year,
                "user": user,
                "source": RegisterCount.ROLLUP,
                "detail": {"listed": result.listed, "units": contributions, "missing": missing},
            },
        )


def of(report):
    """{table key: RegisterCount} for the report's tables summed from its units (for its body and year)."""
    if report.pk is None:
        return {}
    rows = report.register_counts.filter(body_id=report.body_id, year=report.year, source=RegisterCount.ROLLUP)
    return {row.table: row for row in rows}


def summed_cells(report, rows=None):
    """{cell path: summed figure} for every cell of `report` summed from its units."""
    rows = of(report) if rows is None else rows
    return {
        f"tables.{key}.{row_key}.{column}": value
        for key, row in rows.items()
        for row_key, cells in row.counted.items()
        for column, value in cells.items()
    }


def coverage(report, rows=None):
    """(listed, summed, [missing {slug, name, reason}]) of the last roll-up, or None when never summed."""
    rows = of(report) if rows is None else rows
    if not rows:
        return None
    detail = next(iter(rows.values())).detail
    return detail.get("listed", 0), len(detail.get("units", [])), detail.get("missing", [])


def contributions(report, path):
    """Each summed unit's figure in the cell at `path`, with the revision read, or None when not summed."""
    _, key, row_key, column = path.split(".")
    row = of(report).get(key)
    if row is None or column not in (row.counted.get(row_key) or {}):
        return None
    return row.counted[row_key][column], [
        {**unit, "value": unit["figures"].get(row_key, {}).get(column)} for unit in row.detail.get("units", [])
    ]


def findings(report, tables):
    """The roll-up's warnings for `report` with these `tables` (the stored ones, or what is on screen)."""
    rows = of(report)
    if not rows:
        return []
    with translation.override(SOURCE):
        return _typed_over(report.format, tables or {}, rows) + _changed_since(report, rows)


def _typed_over(format, tables, rows):
    found = []
    summed_at = summed_cells(None, rows)
    # In the tables' own order: PostgreSQL's jsonb keeps the stored cells in an order of its own.
    for table, row, column in formats.cells(format):
        path = f"tables.{table.key}.{row.key}.{column.key}"
        if path not in summed_at:
            continue  # not summed, or the format changed since the roll-up
        summed = summed_at[path]
        value = ((tables.get(table.key) or {}).get(row.key) or {}).get(column.key)
        if value is None or _same(value, summed, column.kind):
            continue
        message = f"{place(table, row, column)}与下级单位年报汇总数不符：汇总 {summed}，表中 {value}"
        found.append(rules.Finding(TYPED_OVER, path, message, False, (path,)))
    return found


def _same(value, summed, kind):
    try:
        if kind == formats.AMOUNT:
            return Decimal(cell_input.figure(value, kind)) == Decimal(summed)
        return cell_input.figure(value, kind) == summed
    except cell_input.CellError:
        return True  # unreadable: the cell check reports it


def cell_of(format, path):
    """(table, row, column) of the cell at `path` in `format`, or None."""
    if path.count(".") != 3:
        return None
    _, key, row_key, column_key = path.split(".")
    for table, row, column in formats.cells(format):
        if (table.key, row.key, column.key) == (key, row_key, column_key):
            return table, row, column
    return None


def place(table, row, column):
    label = f"{row.group}{row.label}" if table.key == "appeals" and row.group else rules.short_label(row.label)
    return f"表{NUMERALS[table.part]}“{label}·{column.label}”"


def _changed_since(report, rows):
    """Warnings about the units since the roll-up: corrected, withdrawn, published since, the list changed."""
    detail = next(iter(rows.values())).detail
    summed, missing = detail.get("units", []), detail.get("missing", [])
    year = report.year
    slugs = [unit["slug"] for unit in summed] + [unit["slug"] for unit in missing]
    public = {
        r.body.slug: r for r in Revision.objects.public().filter(year=year, body__slug__in=slugs).select_related("body")
    }
    found = []

    def warn(message):
        found.append(rules.Finding(CHANGED_SINCE, "tables", f"{message}，请重新汇总", False))

    for unit in summed:
        now = public.get(unit["slug"])
        if now is None:
            warn(f"{unit['name']}的{year}年度年报在汇总后已撤回，汇总数仍含其数字")
        elif now.pk != unit["revision"]:
            warn(f"{unit['name']}的{year}年度年报在汇总后有更正（汇总时为第{unit['number']}版，现为第{now.number}版）")
    for unit in missing:
        now = public.get(unit["slug"])
        if now is not None and not summing.why_left_out(now, year, report.format):
            warn(f"{unit['name']}在汇总后发布了{year}年度年报，尚未计入汇总")
    listed_now = {body.slug: body.name for body in units.to_sum(report.body, year)}
    added = [name for slug, name in listed_now.items() if slug not in slugs]
    removed = [unit["name"] for unit in summed + missing if unit["slug"] not in listed_now]
    if added or removed:
        change = "；".join(
            part for part in (added and f"新增{'、'.join(added)}", removed and f"移除{'、'.join(removed)}") if part
        )
        warn(f"{year}年度报告单位名单在汇总后有变动（{change}）")
    if missing:
        left_out = "、".join(f"{unit['name']}（{unit['reason']}）" for unit in missing)
        line = summing.coverage_line(detail.get("listed", len(slugs)), len(summed))
        found.append(rules.Finding(COVERAGE, "tables", f"{line}，未汇总：{left_out}", False))
    return found
