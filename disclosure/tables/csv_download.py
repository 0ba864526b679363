"""下载统计表（CSV）: a published report's three tables as one CSV file, in the reader's language.

One block per table: its title, the official note if any, a heading line, then one line per row of the
form, the row's merged labels joined in front (三、本年度办理结果 （三）不予公开 1.属于国家秘密). A flat
layout rather than the form's merged cells, because a spreadsheet cannot merge and whoever downloads
figures wants to sort and add them. UTF-8 with a byte-order mark: without it Excel reads the Chinese as
the local code page. The view that serves the file is public/downloads.py's `tables_csv`.
"""

import csv
import io
import re

from django.utils.translation import get_language, gettext

from disclosure.public.report_page import pick
from disclosure.tables import formats
from disclosure.tables.printed import display

BOM = "\ufeff"


def _label(*parts):
    return " ".join(str(part) for part in parts if part)


def _heading(column):
    if not column.parent:
        return str(column.label)
    return gettext("%(group)s：%(item)s") % {"group": column.parent, "item": column.label}


def lines(document):
    """The CSV as a list of rows of strings, in the active language (tests read this too)."""
    values = document.get("tables") or {}
    out = [[str(pick(document["title"], get_language()))]]
    for table in formats.tables(document.get("format")):
        columns = {}  # every column of the table, in order; table 2's blocks each have their own
        for row in table.rows:
            for column in row.columns:
                columns.setdefault(column.key, column)
        out.append([])
        out.append([str(table.title)])
        if table.note:
            out.append([str(table.note)])
        out.append([gettext("项目"), *(_heading(c) for c in columns.values())])
        for row in table.rows:
            cells = (values.get(table.key) or {}).get(row.key) or {}
            own = {column.key for column in row.columns}
            out.append(
                [
                    _label(row.group, row.subgroup, row.label),
                    *(display(cells.get(key), column.kind) if key in own else "" for key, column in columns.items()),
                ]
            )
    return out


# A cell starting with one of these is a formula to Excel, LibreOffice and WPS (=HYPERLINK(…), +cmd|…, @SUM(…));
# a tab or carriage return in front hides one from the eye.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def neutralise(cell):
    """A cell a spreadsheet reads as text, never as a formula (OWASP, CSV injection): a title or label that starts
    like a formula gets a single quote in front. A figure stays as it is: -3 (本年增/减) is a number, not a formula.
    """
    text = str(cell)
    if text.startswith(FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def text_of(rows):
    """CSV text as Excel opens it: the byte-order mark, and no cell a spreadsheet would run as a formula."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([neutralise(cell) for cell in line] for line in rows)
    return BOM + buffer.getvalue()


def render(document):
    return text_of(lines(document))
