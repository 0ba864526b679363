"""A published document's statistical tables as a reader sees them, in the active language.

form_layout.py lays a table out as the official form draws it; this module fills that layout with the values of
one document, written as the page prints them (counts as whole numbers, 万元 with two decimals), and gives
each cell its column position. `placed_tables()` says which part of the report each table follows; the
report page and the Word and PDF downloads all read it, and the CSV download writes its figures with
`display()`, so a table sits in the same place and a value looks the same wherever it is printed.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation

from disclosure.languages.declared import SOURCE
from disclosure.tables import form_layout, formats

CENT = Decimal("0.01")


def display(value, kind):
    """A cell value as printed: "12", "0.00" (万元), "-3" (本年增/减); "" for a cell not filled in."""
    if value is None or value == "":
        return ""
    if kind == formats.AMOUNT:
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        # A value stored before cell_input capped figures ("1e10000000") is printed as stored, never expanded.
        if not amount.is_finite() or amount.adjusted() >= 12:
            return str(value)
        return str(amount.quantize(CENT, rounding=ROUND_HALF_UP))  # 四舍五入, as a reader rounds 万元
    return str(value)


def document_tables(document, lang=None):
    """The document's tables in report order, as `form_layout.Layout`s whose cells carry their printed text.

    Labels are gettext_lazy strings, so they are read in `lang` (or the active language).
    Legacy reports have no tables: the result is empty.
    """
    values = document.get("tables") or {}
    if not values:
        return []
    with translation.override(lang or translation.get_language()):
        built = [
            form_layout.build(table, values.get(table.key) or {}) for table in formats.tables(document.get("format"))
        ]
    for table in built:
        for cells in form_layout.rows(table):
            for cell in cells:
                if cell.data:
                    cell.id = cell_id(cell.path)
                    cell.text = display(cell.value, cell.kind)
                    cell.classes = " ".join(filter(None, [cell.classes, "num"]))
        _place(table)
        _mark_sticky(table)
    return built


@dataclass
class Placement:
    """Where a report shows its tables: after the text of a top-level part, or together after all the parts."""

    parts: dict = field(default_factory=dict)  # index of a top-level section (0 for 一) -> its Layouts, in order
    elsewhere: list = field(default_factory=list)  # tables no part holds (an unusual outline)


def _source(text):
    return text.get(SOURCE, "") if isinstance(text, dict) else text or ""


def placed_tables(document, lang=None):
    """The document's tables (`document_tables`), each given the top-level part it follows.

    A part is found by its official heading (主动公开政府信息情况 …), else by its place in the outline
    (the second, third, fourth part), as reports that word their headings freely still keep the order; a
    report with fewer than four parts and no official heading keeps its tables `elsewhere`.
    """
    headings = [_source(section["heading"]).strip() for section in document.get("sections") or []]
    placement = Placement()
    for table in document_tables(document, lang):
        index = part_index(headings, table.part)
        if index is None:
            placement.elsewhere.append(table)
        else:
            placement.parts.setdefault(index, []).append(table)
    return placement


def part_index(headings, part):
    """The index of the top-level section (among `headings`) that shows the table of part `part`, or None."""
    official = formats.STANDARD_PARTS[part - 1]
    index = next((i for i, heading in enumerate(headings) if heading == official), None)
    if index is None and len(headings) >= 4:
        index = part - 1
    return index


def cell_id(path):
    """A figure's id on the report page, from its JSON path: tables.requests.granted.total → cell-requests-granted-total
    (the review page links a warning to its cell in the preview)."""
    return "cell-" + path.removeprefix("tables.").replace(".", "-")


def _place(table):
    """Give each cell its first column (`cell.column`), counting the cells merged from rows above.

    Stylesheets need it to keep the label columns in view while the figures scroll sideways.
    """
    for section in [table.head, *table.bodies]:
        for _row, column, cell in form_layout.positions(section):
            cell.column = column


def label_columns(table):
    """How many columns on the left hold row labels rather than figures (0 for table 4)."""
    starts = [cell.column for cells in form_layout.rows(table) for cell in cells if cell.data]
    return min(starts) if starts else 0


def _mark_sticky(table):
    """Class the row-label cells that stay in view while a narrow screen scrolls the figures sideways.

    Each label cell gets `sticky` and `at-N`, its first column, so the stylesheet can stick it at the sum of
    the label columns to its left. Table 3's three label columns of merged cells only stick together, as
    one block of fixed widths; tables.css does that where the screen leaves room for figures beside them.
    """
    columns = label_columns(table)
    for section in [table.head, *table.bodies]:
        for cells in section:
            for cell in cells:
                inside = cell.column + cell.colspan <= columns
                if inside and (cell.header or cell.classes == "note") and cell.colspan < table.width:
                    cell.classes = " ".join(filter(None, [cell.classes, "sticky", f"at-{cell.column}"]))
