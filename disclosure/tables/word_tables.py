"""The statistical tables of a Word document, read into figures the way the 统计表 page reads what staff type.

A Word table is recognised by its labels, not by its shape: each cell is placed by the labels to its left in
its row and above it in its column (the official wording, compared without spaces, punctuation widths or the
remarks in brackets), so an extra title row, a merged heading or a column of row numbers does not move a figure.
This finds table 4 laid out across (行政复议 above 结果维持) as well as tables 2 and 3 laid out down. Each figure
is read by cell_input.parse, the rule of the 统计表 page: full-width digits are digits, blank and "/" are not
filled in (not 0), anything else is refused with the cell's place in the document.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from disclosure.tables import cell_input, formats

_DROP = re.compile(r"[\s\u3000\"'“”‘’「」]+")
_REMARK = re.compile(r"[(（][^()（）]*[)）]$")


def keys(label):
    """The forms of a label that count as the same: as written and without a closing remark in brackets
    (（二）部分公开（区分处理的，…）). Leading numbers stay: 3.其他 is a row, 其他 a column."""
    text = _DROP.sub("", unicodedata.normalize("NFKC", str(label))).replace("．", ".")
    found = {text}
    bare = _REMARK.sub("", text)
    found.add(bare)
    return {k for k in found if k}


@dataclass
class ReadTable:
    table: formats.Table
    number: int  # 第n个表格 in the document
    places: dict = field(default_factory=dict)  # (row key, column key) → GridCell
    duplicates: list = field(default_factory=list)  # (row key, column key) found in more than one cell

    @property
    def score(self):
        return len(self.places)


def place(number, cell):
    return f"第{number}个表格第{cell.row + 1}行第{cell.column + 1}列"


def _labels(table):
    rows = {}
    for row in table.rows:
        for key in keys(row.label):
            rows.setdefault(key, []).append(row)
    return rows


def match(word_table, table):
    """Where each cell of `table` (formats.Table) is in `word_table` (word_reader.WordTable)."""
    rows = _labels(table)
    columns = {key for row in table.rows for column in row.columns for key in keys(column.label)}
    labels = set(rows) | columns
    headers = [c for c in word_table.cells if keys(c.text) & labels]
    read = ReadTable(table, word_table.number)
    for cell in word_table.cells:
        if keys(cell.text) & labels:
            continue  # a label, not a figure
        around = set()
        for header in headers:
            left = header.covers(cell.row, header.column) and header.column + header.colspan <= cell.column
            up = header.covers(header.row, cell.column) and header.row + header.rowspan <= cell.row
            if left or up:
                around |= keys(header.text)
        found = {
            (row.key, column.key)
            for key in around & set(rows)
            for row in rows[key]
            for column in row.columns
            if keys(column.label) & around
        }
        if len(found) != 1:
            continue
        (where,) = found
        if where in read.places:
            read.duplicates.append(where)
            continue
        read.places[where] = cell
    return read


def read_tables(word_tables, format):
    """(figures {table key: {row key: {column key: value}}} for the tables found, numbers {table key: 第n个表格},
    errors [(place, message)], warnings [(place, message)]). Nothing is half-read: a table with a problem is
    reported and the caller writes nothing."""
    figures, numbers, errors, warnings = {}, {}, [], []
    expected = formats.tables(format)
    other = {formats.TRIAL_2019: formats.STANDARD_2021, formats.STANDARD_2021: formats.TRIAL_2019}.get(format)
    for word_table in word_tables:
        if not expected:
            if any(match(word_table, t).score >= 2 for t in formats.tables(formats.STANDARD_2021)):
                warnings.append((f"第{word_table.number}个表格", "旧版格式的年报没有统计表，该表格未导入。"))
            continue
        best = max((match(word_table, table) for table in expected), key=lambda r: r.score)
        if best.score < 2:
            continue  # not a statistical table: a list of contacts, a chart's figures
        table = best.table
        if other:
            rival = match(word_table, next(t for t in formats.tables(other) if t.key == table.key))
            if rival.score > best.score and table.key == "active":
                name = "2019年试行格式" if other == formats.TRIAL_2019 else "2021年格式"
                errors.append(
                    (f"第{word_table.number}个表格", f"“{table.title}”是按{name}填写的，与本年报采用的格式不一致。")
                )
                continue
        if table.key in numbers:
            errors.append(
                (
                    f"第{word_table.number}个表格",
                    f"与第{numbers[table.key]}个表格都是“{table.title}”，请删除重复的表格。",
                )
            )
            continue
        numbers[table.key] = word_table.number
        errors += _figures(best, figures)
    for table in expected:
        if table.key not in numbers:
            warnings.append(("统计表", f"文件中没有“{table.title}”表格，该表未导入，保持原样。"))
    return figures, numbers, errors, warnings


def _figures(read, figures):
    table, errors = read.table, []
    number = read.number
    for row_key, column_key in read.duplicates:
        row = table.row(row_key)
        label = next(c.label for c in row.columns if c.key == column_key)
        errors.append((f"第{number}个表格", f"“{row.label}”一行的“{label}”出现了不止一次，请核对表格。"))
    missing = [
        f"“{row.label}·{column.label}”"
        for row in table.rows
        for column in row.columns
        if (row.key, column.key) not in read.places
    ]
    if missing:
        listed = "、".join(missing[:3]) + (f"等{len(missing)}格" if len(missing) > 3 else "")
        errors.append(
            (
                f"第{number}个表格",
                f"“{table.title}”中找不到{listed}：请按统一格式的表格核对行列标题，不要删除行或列。",
            )
        )
    values = {row.key: {column.key: None for column in row.columns} for row in table.rows}
    for (row_key, column_key), cell in read.places.items():
        column = next(c for c in table.row(row_key).columns if c.key == column_key)
        try:
            values[row_key][column_key] = cell_input.parse(cell.text, column.kind)
        except cell_input.CellError as error:
            errors.append((place(number, cell), str(error)))
    if not errors:
        figures[table.key] = values
    return errors
