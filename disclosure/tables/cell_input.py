"""What staff type or paste into a table cell, turned into a cell value or a clear refusal.

Blank is not zero: an empty cell, "/" or "-" means "not filled in", and the checks report it, because
reports that print "/" where 0 is meant are exactly what evaluators mark down. Full-width digits, typed with
a Chinese input method, are ordinary digits. Anything else is refused with a message that says what to type.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from disclosure.tables.formats import AMOUNT, CHANGE

NOT_FILLED = {"", "/", "-", "－", "—", "／", "——"}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


class CellError(ValueError):
    """The message is shown beside the cell as it is."""


def normalise(text):
    """Full-width digits, signs and points to ASCII; spaces and thousands separators removed."""
    text = unicodedata.normalize("NFKC", str(text)).strip().replace(" ", "")
    text = text.replace("−", "-")  # the minus sign Excel sometimes copies
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    return text


def parse(text, kind):
    """The value for `text` in a cell of `kind`: int, a Decimal string for 万元, or None when not filled."""
    if text is None:
        return None
    value = normalise(text)
    if value in NOT_FILLED:
        return None
    if kind == AMOUNT:
        try:
            amount = Decimal(value)
        except InvalidOperation:
            raise CellError(f"“{text}”不是金额：请填写以万元为单位的数字，如 12.50；没有收费的填 0。") from None
        if not amount.is_finite() or amount < 0:
            raise CellError(f"“{text}”不是有效金额：金额不能为负数。")
        if -amount.as_tuple().exponent > 4:
            raise CellError(f"“{text}”的小数位太多：金额以万元为单位，最多保留四位小数。")
        return format_amount(amount)
    if not re.fullmatch(r"[+-]?\d+", value):
        if re.fullmatch(r"[+-]?\d+\.\d+", value):
            raise CellError(f"“{text}”不是整数：件数、数量只能填整数。")
        raise CellError(f"“{text}”不是数字：请填写整数，没有发生的填 0。")
    number = int(value)
    if number < 0 and kind != CHANGE:
        raise CellError(f"“{text}”是负数：件数、数量不能小于 0。")
    return number


def format_amount(amount):
    """万元 with at least two decimals, as the official tables print it: 0 → "0.00", 1.5 → "1.50"."""
    amount = Decimal(amount)
    return f"{amount:.2f}" if -amount.as_tuple().exponent <= 2 else str(amount.normalize())


def parse_block(text):
    """A block copied from Excel or WPS (tab-separated lines) as rows of cell texts.

    Spreadsheets end the copy with a line break and quote a cell that holds one; both are undone here.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [[cell.strip().strip('"').strip() for cell in line.split("\t")] for line in lines]


def looks_like_value(text):
    """Whether a pasted cell holds a number (or a not-filled mark) rather than a label."""
    value = normalise(text)
    return value in NOT_FILLED or bool(re.fullmatch(r"[+-]?\d+(\.\d+)?", value))


def fit_block(block, table):
    """Place a pasted block on `table`, whichever way staff copied it from their own spreadsheet.

    Rows without a single number (headings) are skipped; cells before the numbers (row labels) are dropped.
    The number rows then fill the table's rows in order. Returns {(row key, column key): text} and a list of
    problems (too many rows or columns), so nothing is filled in silently in the wrong place.
    """
    value_rows = []
    for cells in block:
        if not any(normalise(c) and looks_like_value(c) for c in cells):
            continue
        start = 0
        while start < len(cells) and not looks_like_value(cells[start]):
            start += 1
        value_rows.append(cells[start:])
    placed, problems = {}, []
    if len(value_rows) > len(table.rows):
        problems.append(f"粘贴了{len(value_rows)}行数字，而本表只有{len(table.rows)}行。")
        return {}, problems
    for row, cells in zip(table.rows, value_rows, strict=False):
        if len(cells) > len(row.columns):
            problems.append(f"“{row.label}”一行粘贴了{len(cells)}个数，而该行只有{len(row.columns)}格。")
            continue
        for column, text in zip(row.columns, cells, strict=False):
            placed[(row.key, column.key)] = text
    return placed, problems
