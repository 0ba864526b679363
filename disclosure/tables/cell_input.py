"""What staff type or paste into a table cell, turned into a cell value or a clear refusal.

Blank is not zero: an empty cell, "/" or "-" means "not filled in", and the checks report it, because
reports that print "/" where 0 is meant are exactly what evaluators mark down. Full-width digits, typed with
a Chinese input method, are ordinary digits. Anything else is refused with a message that says what to type.

Every figure a table holds is below 10^9 (nine whole digits; 万元 to at most four decimals), and it is written
out digit by digit: exponent notation ("1e5") is refused, never expanded, so ten typed characters cannot
become a 10 MB figure. `parse` reads what staff type, `figure` what a document (load_report, a backup) or the
stored tables hold; both apply this one rule.
"""

import math
import re
import unicodedata
from decimal import Decimal

from disclosure.tables.formats import AMOUNT, CHANGE, COUNT

NOT_FILLED = {"", "/", "-", "－", "—", "／", "——"}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_EXPONENT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+")
_DIGITS = re.compile(r"[+-]?[\d.]+")

WHOLE_DIGITS = 9  # every figure is below 10^9: 件数 below 1,000,000,000, 万元 below 1,000,000,000 万元
LIMIT = 10**WHOLE_DIGITS
DECIMALS = 4  # 万元 to at most four decimals (the page prints two)
LONGEST = 40  # characters in one cell; "９９９，９９９，９９９．９９９９" is 16
RANGE = {
    COUNT: f"件数、数量最多{WHOLE_DIGITS}位数（{LIMIT - 1}）",
    CHANGE: f"增减数最多{WHOLE_DIGITS}位数（±{LIMIT - 1}）",
    AMOUNT: f"金额以万元为单位，整数部分最多{WHOLE_DIGITS}位（小于10亿万元）",
}


class CellError(ValueError):
    """The message is shown beside the cell as it is."""


class OutOfRange(CellError):
    """A figure no table can hold (too large, exponent notation, far too long): the form is not saved with it."""


def quoted(text):
    """“text”, or its start and length when it is too long to repeat in a message."""
    text = str(text).strip()
    return f"“{text}”" if len(text) <= 20 else f"“{text[:10]}…”（共{len(text)}个字符）"


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
    shown = quoted(text)
    if len(str(text).strip()) > LONGEST or len(value) > LONGEST:
        if _DIGITS.fullmatch(value.replace(",", "")):
            raise OutOfRange(f"{shown}超出范围：{RANGE[kind]}，请核对后重新填写。")
        raise OutOfRange(f"{shown}内容过长：每格只填一个数字。")
    if _EXPONENT.fullmatch(value):
        raise OutOfRange(f"{shown}是科学计数法，不能识别：请直接填写数字，如 {'12.50' if kind == AMOUNT else '120'}。")
    if kind == AMOUNT:
        amount = _amount(value, shown)
        if amount < 0:
            raise CellError(f"{shown}不是有效金额：金额不能为负数。")
        return format_amount(amount)
    if not re.fullmatch(r"[+-]?\d+", value):
        if re.fullmatch(r"[+-]?\d+\.\d+", value):
            raise CellError(f"{shown}不是整数：件数、数量只能填整数。")
        raise CellError(f"{shown}不是数字：请填写整数，没有发生的填 0。")
    number = int(value)  # at most LONGEST digits: well inside Python's limit
    if abs(number) >= LIMIT:
        raise OutOfRange(f"{shown}超出范围：{RANGE[kind]}，请核对后重新填写。")
    if number < 0 and kind != CHANGE:
        raise CellError(f"{shown}是负数：件数、数量不能小于 0。")
    return number


def _amount(value, shown):
    """The Decimal for a normalised amount written out in digits (at most LONGEST characters), or CellError."""
    match = re.fullmatch(r"[+-]?(\d*)(?:\.(\d*))?", value)
    if not match or not (match[1] or match[2]):
        raise CellError(f"{shown}不是金额：请填写以万元为单位的数字，如 12.50；没有收费的填 0。")
    if len(match[1].lstrip("0")) > WHOLE_DIGITS:
        raise OutOfRange(f"{shown}超出范围：{RANGE[AMOUNT]}，请核对后重新填写。")
    if len(match[2] or "") > DECIMALS:
        raise CellError(f"{shown}的小数位太多：金额以万元为单位，最多保留四位小数。")
    return Decimal(value)


def figure(value, kind):
    """A figure as a document or the stored tables hold it, as it is stored: an int, or a 万元 string.

    Counts are whole JSON numbers; an amount is a number or a string of digits ("12.50"). Raises CellError
    for anything else, OutOfRange for a figure no table can hold. Signs are left to the checks (rules.py):
    a draft may hold a negative figure and be told so. `value` is not None.
    """
    shown = quoted(value) if not isinstance(value, int) or abs(value) < 10**LONGEST else "（超长数字）"
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise CellError(f"应为{'金额' if kind == AMOUNT else '整数'}或 null，而不是 {shown}。")
    if kind != AMOUNT:
        if not isinstance(value, int):
            raise CellError(f"应为整数或 null，而不是 {shown}。")
        if abs(value) >= LIMIT:
            raise OutOfRange(f"{shown}超出范围：{RANGE[kind]}。")
        return value
    if isinstance(value, int):
        if abs(value) >= LIMIT:
            raise OutOfRange(f"{shown}超出范围：{RANGE[AMOUNT]}。")
        return format_amount(value)
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) >= LIMIT:
            raise OutOfRange(f"{shown}超出范围：{RANGE[AMOUNT]}。")
        value = format(Decimal(repr(value)), "f")  # the shortest decimal that is this float, in digits
    text = normalise(value)
    if len(text) > LONGEST:
        raise OutOfRange(f"{shown}超出范围：{RANGE[AMOUNT]}。")
    if _EXPONENT.fullmatch(text):
        raise OutOfRange(f'{shown}是科学计数法，不能识别：请直接写出数字，如 "12.50"。')
    return format_amount(_amount(text, shown))


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
