"""Year-over-year: a report's key figures against the same body's previous published report.

Six figures readers and evaluators ask for first (本年新收申请, 予以公开, 部分公开, 不予公开, 行政复议,
行政诉讼), read from the two published documents, never from working copies: the comparison must show what
both pages show. Only standard-format reports (2019 or 2021) have the tables; a legacy predecessor gives
no comparison. Both formats share the table 3 and table 4 rows used here.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from disclosure.models import Revision
from disclosure.public import report_page

# Every 不予公开 reason row of table 3 (formats.py: （三）不予公开 1–8); the form has no subtotal row.
DENIED = (
    "denied_state_secret",
    "denied_law_forbidden",
    "denied_three_safeties_one_stability",
    "denied_third_party_rights",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_file",
    "denied_admin_query",
)
# key, label, (table, rows whose 总计 are added up)
KEY_FIGURES = (
    ("new_received", _("本年新收申请"), ("requests", ("new_received",))),
    ("granted", _("予以公开"), ("requests", ("granted",))),
    ("partially_granted", _("部分公开"), ("requests", ("partially_granted",))),
    ("denied", _("不予公开"), ("requests", DENIED)),
    ("reconsideration", _("行政复议"), ("appeals", ("reconsideration",))),
    ("litigation", _("行政诉讼"), ("appeals", ("litigation_direct", "litigation_after_reconsideration"))),
)


@dataclass
class KeyFigure:
    key: str
    label: str
    previous: int
    current: int

    @property
    def change(self):
        return self.current - self.previous


@dataclass
class Comparison:
    previous_year: int
    current_year: int
    key_figures: list

    @property
    def largest(self):
        return max([f.previous for f in self.key_figures] + [f.current for f in self.key_figures] + [1])


def _total(document, table, rows):
    """The 总计 of `rows` in one table of a document (None when a cell is missing)."""
    values = (document.get("tables") or {}).get(table) or {}
    totals = [(values.get(row) or {}).get("total") for row in rows]
    if any(not isinstance(total, int) for total in totals):
        return None
    return sum(totals)


def compare(previous, current):
    """The key figures of two documents; None unless both have every figure."""
    key_figures = []
    for key, label, (table, rows) in KEY_FIGURES:
        before, now = _total(previous, table, rows), _total(current, table, rows)
        if before is None or now is None:
            return None
        key_figures.append(KeyFigure(key, label, before, now))
    return Comparison(previous["year"], current["year"], key_figures)


def previous_pk(revision):
    """The primary key of the same body's newest public revision of an earlier year, or None."""
    # A body's earlier years are a handful of rows, chosen in Python: ordered and limited in SQL, the database
    # may walk the index in search order (revision_year_published) through every body's newer reports.
    earlier = (
        Revision.objects.public()
        .filter(body_id=revision.body_id, year__lt=revision.year)
        .order_by()
        .values_list("year", "published_at", "pk")
    )
    return max(earlier, default=(None, None, None))[2]


def previous_revision(revision):
    """That revision, read by `read`."""
    return read(previous_pk(revision))


def read(pk):
    """The revision `pk` (None: None), its tables read as report_page.without_document reads them: chosen first,
    then read, since the database would otherwise take the tables out of every candidate's document."""
    return report_page.without_document(Revision.objects.filter(pk=pk)).first() if pk else None


def for_revision(revision, previous=None):
    """The comparison shown on a published report's page, or None (no earlier report, or no tables).
    `revision` and `previous` (looked up when not given) read through report_page.without_document or whole."""
    current = report_page.heading_document(revision)
    if not current.get("tables"):
        return None
    previous = previous or previous_revision(revision)
    if previous is None:
        return None
    previous = report_page.heading_document(previous)
    if not previous.get("tables"):
        return None
    return compare(previous, current)


# The bar chart's geometry, in SVG user units: one band per figure (its label, then last year's bar and
# this year's), bars scaled to the largest figure, room on the right for the figure itself.
CHART_WIDTH, LEGEND_HEIGHT, BAND, BAR, BAR_ROOM = 320, 30, 62, 15, 260


@dataclass
class Band:
    key_figure: KeyFigure
    label_y: int
    previous_y: int
    current_y: int
    previous_width: float
    current_width: float

    # The figure is written just past the end of its bar.
    @property
    def previous_text_x(self):
        return round(self.previous_width + 6, 1)

    @property
    def current_text_x(self):
        return round(self.current_width + 6, 1)


def chart(comparison):
    """Where each label and bar of the chart goes; the template only draws."""
    scale = BAR_ROOM / comparison.largest
    bands = []
    for index, item in enumerate(comparison.key_figures):
        top = LEGEND_HEIGHT + index * BAND
        bands.append(
            Band(
                item,
                top + 15,
                top + 22,
                top + 22 + BAR + 3,
                round(item.previous * scale, 1),
                round(item.current * scale, 1),
            )
        )
    return {"width": CHART_WIDTH, "height": LEGEND_HEIGHT + len(bands) * BAND, "bands": bands, "bar": BAR}
