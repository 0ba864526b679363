"""报告单位年报监督: every listed unit of a government × year, as the supervising office and evaluators read it.

For each unit and year: whether it published on time, late or not at all (publishing/deadlines.py), the findings
of its report (tables/assessment.findings, as the review pages show them), and the signals evaluators look for.
The signals are read from what the unit *published* (Revision.objects.public), against its own published report
of the year before, because that is what evaluators compare; a unit that has not published has findings, no
signals. The admin view (admin/oversight_dashboard.py) and the Excel workbook (rollup/workbook.py) only lay out
what this module computes.
"""

import datetime
import statistics
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from disclosure.models import Report, Revision
from disclosure.public import trends
from disclosure.publishing import deadlines
from disclosure.rollup import units
from disclosure.tables import assessment, formats, rules

# Kinds of signal, in the order they are listed.
RATIO, ZERO_TABLE, CARRY_OVER, REPETITION, EMPTY_PART, LATE, CORRECTED = (
    "ratio",
    "zero-table",
    "carry-over",
    "repetition",
    "empty-part",
    "late",
    "corrected",
)
LABELS = {
    RATIO: "与上年相差悬殊",
    ZERO_TABLE: "整表为0",
    CARRY_OVER: "结转数不衔接",
    REPETITION: "文字与上年重复",
    EMPTY_PART: "内容空缺",
    LATE: "逾期发布",
    CORRECTED: "发布后更正",
}
# Evaluators' rule of thumb: a figure five times last year's, or under a fifth of it, is checked first.
# Below ten on both sides a single application moves a figure that far (1 → 6), so smaller ones are left alone.
HIGH, LOW, SMALL = Decimal(5), Decimal("0.2"), Decimal(10)


@dataclass(frozen=True)
class Signal:
    kind: str
    message: str
    path: str = ""  # what it is about: a cell (tables.requests.new_received.total), a row, or a table (tables.appeals)

    @property
    def label(self):
        return LABELS[self.kind]


@dataclass
class UnitYear:
    entry: object  # ReportingUnit
    year: int
    report: Report | None  # the working copy, if the unit has started one
    revision: Revision | None  # what the public sees
    deadline: datetime.date
    published_on: datetime.date | None
    standing: deadlines.Standing
    findings: list = field(default_factory=list)
    signals: list = field(default_factory=list)
    figures: dict = field(default_factory=dict)  # key figure -> count (None when unreadable or unpublished)

    @property
    def unit(self):
        return self.entry.unit

    @property
    def blocking(self):
        return [f for f in self.findings if f.blocking]

    @property
    def warnings(self):
        return [f for f in self.findings if not f.blocking]

    @property
    def situation(self):
        """情况, in words, so that late and missing rows read as such without colour."""
        if self.entry.excluded:
            return f"不纳入汇总（{self.entry.reason}）"
        state = self.standing.state
        if state == deadlines.PUBLISHED_ON_TIME:
            return "按时发布"
        if state == deadlines.PUBLISHED_LATE:
            return f"逾期{self.standing.days_late}天发布"
        if state == deadlines.DUE:
            return f"尚未发布（还剩{self.standing.days_left}天）"
        return f"未发布（已逾期{self.standing.days_late}天）"


@dataclass
class Year:
    year: int
    rows: list
    # {kind of body: {key figure: (P25, P50, P75)}} over every body of that kind that published that year
    percentiles: dict

    def figure_rows(self):
        """[(row, [figure of each key figure])] for the key-figure table."""
        return [(row, [row.figures.get(key) for key, _label, _where in trends.KEY_FIGURES]) for row in self.rows]

    def percentile_rows(self):
        """[(kind, "P25"|"P50"|"P75", [value of each key figure])]: the table's foot, one row per kind and rank."""
        found = []
        for kind in sorted(self.percentiles):
            shown = self.percentiles[kind]
            for index, rank in enumerate(("P25", "P50", "P75")):
                values = [(shown.get(key) or (None,) * 3)[index] for key, _label, _where in trends.KEY_FIGURES]
                found.append((kind, rank, values))
        return found


KEY_LABELS = [label for _key, label, _where in trends.KEY_FIGURES]


def dashboard(government, today=None, years=None):
    """A Year for each year with a list of units (newest first), or for `years`."""
    today = today or timezone.localdate()
    if years is None:
        years = sorted(set(government.reporting_units.values_list("year", flat=True)), reverse=True)
    return [year_of(government, year, today) for year in years]


def year_of(government, year, today):
    entries = units.listed(government, year)
    bodies = [entry.unit for entry in entries]
    standing = {row.body.pk: row for row in deadlines.overview(year, today, _queryset(bodies))}
    rows = []
    for entry in entries:
        found = standing.get(entry.unit.pk)
        last_day = deadlines.deadline(entry.unit.kind, year)
        published_on = found.published_on if found else None
        row = UnitYear(
            entry=entry,
            year=year,
            report=found.report if found else Report.objects.filter(body=entry.unit, year=year).first(),
            revision=found.revision if found else None,
            deadline=last_day,
            published_on=published_on,
            standing=deadlines.standing(entry.unit.kind, year, published_on, today),
        )
        if row.report is not None:
            row.findings = assessment.findings(row.report)
        if row.revision is not None:
            previous = Revision.objects.public().filter(body=entry.unit, year=year - 1).first()
            row.signals = signals(row.revision, previous.document if previous else None, row.standing)
            row.figures = key_figures(row.revision.document)
        rows.append(row)
    return Year(year, rows, percentiles(year, {body.kind for body in bodies}))


def _queryset(bodies):
    from disclosure.models import Body

    return Body.objects.filter(pk__in=[body.pk for body in bodies])


# ---- signals --------------------------------------------------------------------------------------------


def signals(revision, previous, standing):
    """Every signal of one published revision; `previous` is the unit's published document of the year before."""
    document = revision.document
    found = ratios(document, previous) + zero_tables(document)
    if previous:
        # The carry-over and repetition checks are the rules' own, run on the two published documents.
        kinds = {"carry-over": CARRY_OVER, "repetition": REPETITION}
        found += [
            Signal(kinds[f.check], f.message, f.path if f.path.startswith("tables.") else "")
            for f in rules.run(document, previous)
            if f.check in kinds
        ]
    found += empty_parts(document) + late(standing) + corrections(revision)
    order = list(LABELS)
    return sorted(found, key=lambda signal: order.index(signal.kind))


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    try:
        return Decimal(str(value)) if isinstance(value, str) else None
    except InvalidOperation:
        return None


def _compared(table, column):
    """The figures compared with last year: table 2's, and the 总计 of tables 3 and 4 (each applicant's column
    alone swings with a single request)."""
    return table.key == "active" or column.key == "total"


def ratios(document, previous):
    """A figure more than 5× or less than 0.2× the same figure of last year (last year's zero compares with
    nothing: any figure is infinitely more; two figures under ten are not compared)."""
    if not previous or previous.get("format") != document.get("format"):
        return []
    found = []
    now_tables, before_tables = document.get("tables") or {}, previous.get("tables") or {}
    for table, row, column in formats.cells(document.get("format")):
        if column.kind == formats.CHANGE or not _compared(table, column):
            continue
        now = _number(((now_tables.get(table.key) or {}).get(row.key) or {}).get(column.key))
        before = _number(((before_tables.get(table.key) or {}).get(row.key) or {}).get(column.key))
        if now is None or not before or max(now, before) < SMALL:
            continue
        if now > HIGH * before or now < LOW * before:
            times = (now / before).quantize(Decimal("0.1"))
            message = f"{_place(table, row, column)}：本年 {now}，上年 {before}（{times} 倍）"
            found.append(Signal(RATIO, message, formats.path(table, row, column)))
    return found


def _place(table, row, column):
    label = f"{row.group}{row.label}" if table.key == "appeals" and row.group else rules.short_label(row.label)
    return f"表{'二三四'[table.part - 2]}“{label}·{column.label}”"


def zero_tables(document):
    """A table whose every figure is zero: possible, and exactly what evaluators ask about."""
    tables = document.get("tables") or {}
    found = []
    for table in formats.tables(document.get("format")):
        values = [
            _number(((tables.get(table.key) or {}).get(row.key) or {}).get(column.key))
            for row in table.rows
            for column in row.columns
            if column.kind != formats.CHANGE
        ]
        if values and all(value == 0 for value in values):
            found.append(
                Signal(ZERO_TABLE, f"表{'二三四'[table.part - 2]}（{table.title}）全部数字为0", f"tables.{table.key}")
            )
    return found


def _text(value):
    return (value.get("zh-hans") or "") if isinstance(value, dict) else (value or "")


def empty_parts(document):
    """A standard part missing; a part, or a sub-section, with neither text nor sub-sections under it. The parts
    that hold tables 2–4 are not empty for want of text: the official form puts only the table there."""
    if not formats.tables(document.get("format")):
        return []  # legacy reports have parts of their own
    top = {_text(section.get("heading")).strip(): section for section in document.get("sections") or []}
    tabled = set(formats.STANDARD_PARTS[1:4]) if document.get("tables") else set()
    found = []
    for heading in formats.STANDARD_PARTS:
        section = top.get(heading)
        if section is None:
            found.append(Signal(EMPTY_PART, f"缺少“{heading}”部分"))
        elif heading not in tabled and _empty(section):
            found.append(Signal(EMPTY_PART, f"“{heading}”部分没有内容"))

    def walk(sections, parent):
        for section in sections:
            heading = _text(section.get("heading")).strip()
            if _empty(section):
                found.append(Signal(EMPTY_PART, f"“{parent}”下的“{heading}”没有内容"))
            walk(section.get("children") or [], heading)

    for section in document.get("sections") or []:
        walk(section.get("children") or [], _text(section.get("heading")).strip())
    return found


def _empty(section):
    return not _text(section.get("body")).strip() and not section.get("children")


def late(standing):
    if standing.state != deadlines.PUBLISHED_LATE:
        return []
    return [Signal(LATE, f"逾期{standing.days_late}天发布")]


def corrections(revision):
    """Each correction the public has seen since the first revision."""
    history = list(Revision.objects.history(revision.report_id))
    return [
        Signal(
            CORRECTED, f"{later.published_at:%Y-%m-%d}发布第{later.number}版：{later.change_note_zh_hans or '未写明'}"
        )
        for later in history[1:]
    ]


# ---- key figures and percentiles ------------------------------------------------------------------------


def key_figures(document):
    """trends.KEY_FIGURES of one published document: {key: count}, None where a cell is unreadable."""
    tables = document.get("tables") or {}
    figures = {}
    for key, _label, (table, rows) in trends.KEY_FIGURES:
        totals = [((tables.get(table) or {}).get(row) or {}).get("total") for row in rows]
        usable = all(isinstance(total, int) and not isinstance(total, bool) for total in totals)
        figures[key] = sum(totals) if usable and totals else None
    return figures


def quartiles(values):
    """(P25, P50, P75), inclusive method (the data's own range); None without values."""
    if not values:
        return None
    if len(values) == 1:
        return (values[0],) * 3
    low, middle, high = statistics.quantiles(values, n=4, method="inclusive")
    return low, middle, high


def percentiles(year, kinds):
    """{kind: {key: (P25, P50, P75)}} over every body of each kind whose report for `year` is public."""
    result = {}
    for kind in kinds:
        published = Revision.objects.public().filter(year=year, body__kind=kind)
        figures = [key_figures(revision.document) for revision in published]
        result[kind] = {
            key: quartiles(sorted(f[key] for f in figures if f.get(key) is not None))
            for key, _label, _where in trends.KEY_FIGURES
        }
    return result
