"""A published document's statistical tables as a reader sees them, in the active language.

form_layout.py lays a table out as the official form draws it; this module fills that layout with the values of
one document, written as the page prints them (counts as whole numbers, 万元 with two decimals), and gives
each cell its column position. The report page reads `document_tables()` and the CSV download `display()`,
so a value looks the same wherever it is printed.
"""

from decimal import Decimal, InvalidOperation

from django.utils import translation

from disclosure.tables import form_layout, formats


def display(value, kind):
    """A cell value as printed: "12", "0.00" (万元), "-3" (本年增/减); "" for a cell not filled in."""
    if value is None or value == "":
        return ""
    if kind == formats.AMOUNT:
        try:
            return f"{Decimal(str(value)):.2f}"
        except InvalidOperation:
            return str(value)
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
                    cell.text = display(cell.value, cell.kind)
                    cell.classes = " ".join(filter(None, [cell.classes, "num"]))
        _place(table)
        _mark_sticky(table)
    return built


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
