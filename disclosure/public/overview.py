"""公开情况: per year, each government's listed units with their reports, and the government's figures summed
from the units' published reports.

Published facts only. The units' dates come from deadlines.overview (the first public revision of each
report); the figures are rollup/summing.roll_up's, which reads each unit's report through
Revision.objects.public_report — the one answer to "is it public?" — so a draft, a scheduled revision or a
withdrawn report never adds a figure here. A unit that has not published is listed as such and left out of the
sums, and the page says how many units the sums cover. The page, its CSV and /api/v1/overview/<year>/
(opendata/overview.py) all read `year_overview`.
"""

from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from disclosure.models import Body, ReportingUnit
from disclosure.public.report_page import pick
from disclosure.publishing import deadlines
from disclosure.publishing.document import texts
from disclosure.rollup import summing, units
from disclosure.tables import formats
from disclosure.tables.csv_download import text_of

FIRST_YEAR = 2019  # the first year of the statistical tables, and of the lists (ReportingUnit's minimum)

# Table 3's 总计 column, grouped as readers ask: key, label, which rows (by key, or by the prefix of a group's rows).
RECEIVED = (
    ("new_received", _("本年新收申请"), ("new_received",)),
    ("carried_over", _("上年结转申请"), ("carried_over",)),
)
ANSWERS = (
    ("granted", _("予以公开"), ("granted",)),
    ("partially_granted", _("部分公开"), ("partially_granted",)),
    ("denied", _("不予公开"), ("denied_",)),
    ("unable", _("无法提供"), ("unable_",)),
    ("not_processed", _("不予处理"), ("not_processed_",)),
    ("other", _("其他处理"), ("other", "other_")),
    ("carried_forward", _("结转下年度继续办理"), ("carried_forward",)),
)
APPEALS = (
    ("reconsideration", _("行政复议"), ("reconsideration",)),
    ("litigation", _("行政诉讼"), ("litigation_direct", "litigation_after_reconsideration")),
)
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")


@dataclass
class Figure:
    key: str
    label: str
    value: int


@dataclass
class UnitRow:
    body: Body
    year: int
    deadline: object
    published_on: object
    state: str
    days_late: int | None
    url: str  # the published report's page, or ""
    summed: bool
    excluded: bool


@dataclass
class GovernmentOverview:
    government: Body
    year: int
    units: list
    listed: int = 0  # units to sum (excluded ones aside)
    summed: int = 0
    received: list = field(default_factory=list)  # [Figure]
    answers: list = field(default_factory=list)  # [Figure]
    appeals: list = field(default_factory=list)  # [(key, label, {outcome: count})]

    @property
    def has_figures(self):
        return bool(self.received)


def years():
    """Years with a list of reporting units, newest first: the list is what the page is about."""
    return sorted(set(ReportingUnit.objects.values_list("year", flat=True)), reverse=True)


def _rows_matching(table, prefixes):
    return [
        row.key
        for row in table.rows
        if any(row.key == p or p.endswith("_") and row.key.startswith(p) for p in prefixes)
    ]


def _sum(tables, key, rows, column="total"):
    return sum(((tables.get(key) or {}).get(row) or {}).get(column) or 0 for row in rows)


def year_overview(year, today=None):
    """A GovernmentOverview per government with a list for `year`, by the governments' position."""
    today = today or timezone.localdate()
    governments = Body.objects.filter(reporting_units__year=year).distinct().order_by("position", "name")
    return [government_overview(government, year, today) for government in governments]


def government_overview(government, year, today):
    entries = units.listed(government, year)
    bodies = Body.objects.filter(pk__in=[entry.unit_id for entry in entries])
    status = {row.body.pk: row for row in deadlines.overview(year, today, bodies)}
    result = summing.roll_up(government, year, formats.official(year))
    summed = {unit.pk for unit, _revision in result.summed}
    rows = []
    for entry in entries:
        found = status.get(entry.unit_id)
        published_on = found.published_on if found else None
        standing = deadlines.standing(entry.unit.kind, year, published_on, today)
        rows.append(
            UnitRow(
                body=entry.unit,
                year=year,
                deadline=deadlines.deadline(entry.unit.kind, year),
                published_on=published_on,
                state=standing.state,
                days_late=standing.days_late,
                url=found.revision.get_absolute_url() if found and found.revision else "",
                summed=entry.unit_id in summed,
                excluded=entry.excluded,
            )
        )
    overview = GovernmentOverview(government, year, rows, listed=result.listed, summed=len(result.summed))
    if result.summed:
        tables = result.tables
        table3 = next(t for t in formats.tables(result.format) if t.key == "requests")
        overview.received = [
            Figure(k, label, _sum(tables, "requests", _rows_matching(table3, rows))) for k, label, rows in RECEIVED
        ]
        overview.answers = [
            Figure(k, label, _sum(tables, "requests", _rows_matching(table3, rows))) for k, label, rows in ANSWERS
        ]
        overview.appeals = [
            (k, label, {outcome: _sum(tables, "appeals", rows, outcome) for outcome in OUTCOMES})
            for k, label, rows in APPEALS
        ]
    return overview


# ---- the chart's geometry (SVG user units; the template only draws) -------------------------------------

CHART_WIDTH, BAND, BAR, BAR_ROOM = 320, 40, 14, 250


def chart(figures):
    """Where each label, bar and figure goes: one band per figure, bars scaled to the largest."""
    largest = max([f.value for f in figures] + [1])
    bands = []
    for index, figure in enumerate(figures):
        top = index * BAND
        width = round(figure.value * BAR_ROOM / largest, 1)
        bands.append({"figure": figure, "label_y": top + 14, "bar_y": top + 20, "width": width, "text_x": width + 6})
    return {"width": CHART_WIDTH, "height": len(bands) * BAND, "bar": BAR, "bands": bands}


# ---- views ----------------------------------------------------------------------------------------------


def latest(request):
    offered = years()
    if not offered:
        raise Http404("还没有报告单位名单")
    due = [year for year in offered if year <= deadlines.default_year(timezone.localdate())]
    return redirect("disclosure:overview", year=(due or offered)[0])


def _checked_year(year):
    offered = years()
    if year not in offered:
        raise Http404("没有这一年度的公开情况")
    return offered


def page(request, year):
    offered = _checked_year(year)
    today = timezone.localdate()
    lang = get_language()
    governments = []
    for overview in year_overview(year, today):
        governments.append(
            {
                "overview": overview,
                "name": pick(texts(overview.government, "name"), lang),
                "units": [{"row": row, "name": pick(texts(row.body, "name"), lang)} for row in overview.units],
                "chart": chart(overview.received + overview.answers) if overview.has_figures else None,
            }
        )
    context = {
        "year": year,
        "years": offered,
        "today": today,
        "governments": governments,
        "outcome_labels": outcome_labels(),
    }
    return render(request, "disclosure/overview.html", context)


STATES = {
    deadlines.PUBLISHED_ON_TIME: _("已按时发布"),
    deadlines.PUBLISHED_LATE: _("逾期发布"),
    deadlines.DUE: _("尚未发布"),
    deadlines.OVERDUE: _("逾期未发布"),
}


def csv_lines(year, today=None):
    """The CSV in the active language: the units, then the summed figures, one block per government."""
    lang = get_language()
    out = []
    for overview in year_overview(year, today):
        out.append([str(pick(texts(overview.government, "name"), lang)), str(year)])
        out.append(
            [gettext("报告单位"), gettext("法定期限"), gettext("发布日期"), gettext("情况"), gettext("计入汇总")]
        )
        for row in overview.units:
            out.append(
                [
                    str(pick(texts(row.body, "name"), lang)),
                    row.deadline.isoformat(),
                    row.published_on.isoformat() if row.published_on else "",
                    str(STATES[row.state]),
                    gettext("是") if row.summed else gettext("否"),
                ]
            )
        out.append([gettext("项目"), gettext("数量（件）")])
        out += [[str(f.label), str(f.value)] for f in overview.received + overview.answers]
        out.append([gettext("项目"), *(str(label) for label in outcome_labels())])
        out += [[str(label), *(str(values[o]) for o in OUTCOMES)] for _k, label, values in overview.appeals]
        out.append([])
    return out


def outcome_labels():
    labels = {column.key: column.label for column in formats.OUTCOMES}
    return [labels[outcome] for outcome in OUTCOMES]


def csv_download(request, year):
    _checked_year(year)
    # As the tables' CSV: a byte-order mark for Excel, and a unit's name never read as a formula.
    text = text_of(csv_lines(year))
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="overview-{year}.csv"'
    return response
