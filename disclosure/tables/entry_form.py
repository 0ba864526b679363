"""The 统计表 page's form: what staff typed or pasted, turned into the tables to store, and back.

Nothing typed is lost. A cell cell_input.py can read is stored as its value; one it cannot read is stored as
typed, so a draft saved with a mistake comes back with the mistake in place and marked (rules.py refuses
such a cell as blocking, so it can never be published). A figure no table can hold (cell_input.OutOfRange:
ten digits, "1e10000000", a page of text in one cell) is the exception: it is marked and kept in its input,
and the form is not saved until it is corrected. A block pasted into a table's textarea, for users without
script, is placed with cell_input.fit_block and wins over the cells it covers.
"""

import re
from dataclasses import dataclass, field

from django.utils import translation

from disclosure.languages.declared import SOURCE
from disclosure.tables import cell_input, form_layout, formats, rules
from disclosure.tables.cell_input import CellError, OutOfRange


@dataclass
class EnteredTables:
    tables: dict  # {table: {row: {column: value, typed text or None}}}, as stored
    typed: dict = field(default_factory=dict)  # cell path → the text shown in its input
    errors: dict = field(default_factory=dict)  # cell path → why cell_input.parse refused what was typed
    problems: list = field(default_factory=list)  # (table key, message) for a paste that could not be placed
    pasted: dict = field(default_factory=dict)  # table key → the pasted block, shown again when refused
    out_of_range: set = field(default_factory=set)  # cell paths of figures no table can hold: not saved


def text(value, kind):
    """A stored value as the input shows it."""
    if value is None:
        return ""
    if kind == formats.AMOUNT and not isinstance(value, str):
        return cell_input.format_amount(value)
    return str(value)


def _parsed(entry, table, row, column, raw):
    path = formats.path(table, row, column)
    entry.typed[path] = raw
    entry.out_of_range.discard(path)
    try:
        value = cell_input.parse(raw, column.kind)
    except CellError as error:
        entry.errors[path] = str(error)
        if isinstance(error, OutOfRange):
            entry.out_of_range.add(path)
        value = raw.strip()
    entry.tables.setdefault(table.key, {}).setdefault(row.key, {})[column.key] = value


def initial(format, stored):
    """The entry for the stored tables; a cell stored as typed shows its mistake again."""
    entry = EnteredTables({})
    stored = stored or {}
    for table, row, column in formats.cells(format):
        value = ((stored.get(table.key) or {}).get(row.key) or {}).get(column.key)
        _parsed(entry, table, row, column, text(value, column.kind))
    return entry


def read(format, data, stored):
    """The entry for a posted form: each cell's input, or the pasted block where one was given."""
    entry = initial(format, stored)
    for table in formats.tables(format):
        block = (data.get(f"paste-{table.key}") or "").strip("\n")
        placed = {}
        if block.strip():
            placed, problems = cell_input.fit_block(cell_input.parse_block(block), table)
            if not placed and not problems:
                problems = ["粘贴的内容中没有数字：请从表格软件中选中数字所在的单元格后复制。"]
            entry.problems += [(table.key, message) for message in problems]
            if problems:
                entry.pasted[table.key] = block
        for row in table.rows:
            for column in row.columns:
                path = formats.path(table, row, column)
                if (row.key, column.key) in placed:
                    raw = placed[(row.key, column.key)]
                elif path in data:
                    raw = data.get(path)
                else:
                    continue  # not on the form (a read-only view, an older page): the stored value stays
                entry.errors.pop(path, None)
                _parsed(entry, table, row, column, raw or "")
    return entry


def with_totals(format, entry):
    """总计 computed from their parts (rules.totals) where all parts are numbers; returns how many changed."""
    totals = rules.totals(format, entry.tables)
    changed = 0
    for table, row, column in formats.cells(format):
        old = entry.tables[table.key][row.key][column.key]
        new = totals[table.key][row.key][column.key]
        if new != old:
            path = formats.path(table, row, column)
            entry.tables[table.key][row.key][column.key] = new
            entry.typed[path] = text(new, column.kind)
            entry.errors.pop(path, None)
            entry.out_of_range.discard(path)
            changed += 1
    return changed


# ---- the page ------------------------------------------------------------------------------------------

_NOT_NAMES = re.compile(r"-(applicants|results|b\d+)$")  # headings above a whole table or block
_RANK = {"rowgroup": 0, "row": 1, "colgroup": 2, "col": 3}


def input_id(path):
    return "cell-" + path.replace(".", "-").replace("_", "-")


def form_tables(format, entry, found):
    """The official layout (form_layout.py) with, on each data cell, what its input needs: id, value, name, marks."""
    notes, marked, blank = {}, set(), set()
    for finding in found:
        if not finding.blocking:
            continue
        if finding.check == "cell" and finding.path not in entry.errors:
            blank.add(finding.path)  # 未填写: marked on the cell and counted, not repeated 200 times
            continue
        if finding.check != "cell":
            notes.setdefault(finding.path, []).append(finding.message)
            marked.update(finding.cells)
    built = []
    with translation.override(SOURCE):
        for table in formats.tables(format):
            layout = form_layout.build(table, entry.tables.get(table.key) or {}, prefix="a")
            headings = _headings(layout)
            keys = {r.key: r for r in table.rows}
            for cell in _data_cells(layout):
                _, _, row_key, column_key = cell.path.split(".")
                row = keys[row_key]
                column = next(c for c in row.columns if c.key == column_key)
                ids = [h for h in cell.headers.split() if h in headings and not _NOT_NAMES.search(h)]
                ids.sort(key=lambda h: headings[h])
                cell.input_id = input_id(cell.path)
                cell.labelledby = " ".join(ids)
                cell.typed = entry.typed.get(cell.path, "")
                cell.error = entry.errors.get(cell.path, "")
                cell.notes = notes.get(cell.path, [])
                cell.state = "error" if cell.error or cell.notes else "marked" if cell.path in marked else ""
                cell.blank = cell.path in blank
                cell.table_key, cell.row_key, cell.column_key = table.key, row.key, column.key
                cell.row_label = rules.short_label(row.label)
                cell.column_label = str(column.label)
                cell.total = column.key == "total" or row.key == rules.RESULT_ROWS_END
            layout.sections = [("thead", layout.head)] * bool(layout.head) + [("tbody", b) for b in layout.bodies]
            layout.result_rows = " ".join(rules.result_rows(table)) if table.key == "requests" else ""
            layout.problems = [message for key, message in entry.problems if key == table.key]
            layout.pasted = entry.pasted.get(table.key, "")
            built.append(layout)
    return built


def _data_cells(layout):
    for cells in form_layout.rows(layout):
        yield from (cell for cell in cells if cell.data)


def _headings(layout):
    """Heading id → its place in an accessible name: row headings before column headings, outer first."""
    order = {}
    for index, cell in enumerate(c for cells in layout.head for c in cells):
        if cell.header and cell.id:
            order[cell.id] = (_RANK.get(cell.scope, 2), index)
    for index, cell in enumerate(c for body in layout.bodies for cells in body for c in cells):
        if cell.header and cell.id:
            order[cell.id] = (_RANK.get(cell.scope, 1), 1000 + index)
    return order
