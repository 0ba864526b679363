"""The sums: each listed unit's published tables for the year, added up cell by cell.

A unit's figures are read from its public revision (Revision.objects.public_report, the one answer to "is it
public?"), never from its working copy: the government sums what the units have told the public. A unit is
left out, and named, when it has no public report for the year, when its report is in another format than the
government's, or when its tables do not pass the blocking checks. Another format leaves the whole unit out,
although table 4 is the same in 2019 and 2021: all three tables then cover the same units, and one coverage
line (已汇总 N 个单位中的 M 个) is true of each of them.

Sums of tables that pass the blocking checks pass them too (every check is a linear identity), so the result
passes the same checks as any report. Amounts (万元) are added as Decimal and written as the documents write
them, at least two decimals.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from disclosure.models import Revision
from disclosure.publishing import document
from disclosure.rollup import units
from disclosure.tables import cell_input, formats, rules

FORMAT_LABELS = {
    formats.TRIAL_2019: "2019年试行格式",
    formats.STANDARD_2021: "2021年统一格式",
    formats.LEGACY: "旧版自由格式",
}


@dataclass(frozen=True)
class Missing:
    unit: object  # Body
    reason: str


@dataclass
class RollUp:
    government: object  # Body
    year: int
    format: str
    summed: list = field(default_factory=list)  # [(Body, Revision)]
    missing: list = field(default_factory=list)  # [Missing]
    tables: dict = field(default_factory=dict)
    before: str = ""  # fill: the working copy's state before the sums were written ("" when nothing changed)

    @property
    def listed(self):
        return len(self.summed) + len(self.missing)

    @property
    def coverage(self):
        return coverage_line(self.listed, len(self.summed))

    def as_json(self):
        """What `rollup --json` prints: the coverage, and the tables in the keys of disclosure-report/1."""
        return {
            "coverage": {
                "listed": self.listed,
                "summed": len(self.summed),
                "missing": [missing.unit.slug for missing in self.missing],
            },
            "tables": self.tables,
        }


def coverage_line(listed, summed):
    return f"已汇总 {listed} 个单位中的 {summed} 个"


def why_left_out(revision, year, format):
    """Why a unit's public revision cannot be summed into a report of `format`, or "" when it can."""
    if revision is None:
        return f"尚未发布{year}年度年报"
    theirs = revision.document.get("format")
    if theirs != format:
        return f"年报采用{FORMAT_LABELS.get(theirs, theirs)}，与本级年报（{FORMAT_LABELS.get(format, format)}）不同"
    if rules.blocking(revision.document):
        return "已发布年报的统计表未通过检查"
    return ""


def roll_up(government, year, format):
    """The sums of the units listed for `year` (excluded ones aside), as a RollUp; nothing is written."""
    if not formats.tables(format):
        raise ValueError(f"本级年报采用{FORMAT_LABELS.get(format, format)}，没有统计表，无法汇总。")
    result = RollUp(government, year, format)
    for unit in units.to_sum(government, year):
        revision = Revision.objects.public_report(year, unit.slug)
        reason = why_left_out(revision, year, format)
        if reason:
            result.missing.append(Missing(unit, reason))
        else:
            result.summed.append((unit, revision))
    result.tables = add_up(format, [revision.document["tables"] for _, revision in result.summed])
    return result


def add_up(format, documents_tables):
    """Cell-by-cell sums of tables that passed the blocking checks (zero for every cell when there are none)."""
    sums = {}
    for table, row, column in formats.cells(format):
        if column.kind == formats.AMOUNT:
            total = sum(
                (Decimal(cell_input.figure(_at(t, table, row, column), column.kind)) for t in documents_tables),
                Decimal(0),
            )
            value = cell_input.format_amount(total)
        else:
            value = sum(_at(t, table, row, column) for t in documents_tables)
        sums.setdefault(table.key, {}).setdefault(row.key, {})[column.key] = value
    return sums


def _at(tables, table, row, column):
    return tables[table.key][row.key][column.key]


def unit_tables(revision, format):
    """A summed unit's tables as they were added: every cell of the format, amounts as written by figure()."""
    return add_up(format, [revision.document["tables"]])


def fill(report, user):
    """Sum the units' tables into the government's working copy and record where each figure came from.
    Returns (RollUp, the diff's changes). Used by the 统计表 page's button and by `manage.py rollup`."""
    from disclosure.models import Report
    from disclosure.publishing import diff, workflow
    from disclosure.rollup import provenance

    with transaction.atomic():
        current = Report.objects.select_for_update().select_related("body").get(pk=report.pk)
        result = roll_up(current.body, current.year, current.format)
        before = document.build(current)
        current.tables = result.tables
        provenance.record(current, result, user)
        changes = diff.compare(before, {**before, "tables": document.tables(current.format, current.tables)})
        if changes:
            current.save()
            result.before = workflow.edited(current, user, diff.summary(changes, limit=300), comment=result.coverage)
    return result, changes
