"""Numbering of the body's parts, derived from their order and depth, never typed.

GB/T 9704-2012 (党政机关公文格式) numbers the levels of a document 一、 （一） 1. （1）; English pages
use the outline English readers know, I. A. 1. (a).
Sections are stored as an outline: a sequence of levels. These functions check that outline and
derive each section's number from it, so moving a section renumbers everything after it.
"""

DIGITS = "零一二三四五六七八九"
MAX_LEVEL = 4


def chinese_numeral(n):
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (parts of a report never reach 100)."""
    if not 1 <= n <= 99:
        raise ValueError(f"cannot number part {n}")
    tens, units = divmod(n, 10)
    if tens == 0:
        return DIGITS[units]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[units] if units else "")


ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n):
    text = ""
    for value, letters in ROMAN:
        while n >= value:
            text, n = text + letters, n - value
    return text


def letter(n):
    """1 → A, 26 → Z, 27 → AA: an outline never runs that long, but it must not break if it does."""
    text = ""
    while n:
        n, rest = divmod(n - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def english_label(level, n):
    """English readers expect an outline numbered I. / A. / 1. / (a), not Chinese numerals."""
    return {1: f"{roman(n)}.", 2: f"{letter(n)}.", 3: f"{n}.", 4: f"({letter(n).lower()})"}[level]


def label(level, n, lang=None):
    """The number shown before a heading at `level` (1–4) that is the `n`th of its siblings."""
    if not 1 <= level <= MAX_LEVEL:
        raise ValueError(f"level must be 1–{MAX_LEVEL}, not {level}")
    if lang == "en":
        return english_label(level, n)
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def outline_errors(levels):
    """Why a sequence of levels is not a valid outline: [(index, message)], empty when it is.

    The first part is a top-level part, and a part can only be one level deeper than the part
    before it (a 1. directly under an 一、 would have no （一） to belong to).
    """
    errors = []
    previous = 0
    for index, level in enumerate(levels):
        if not 1 <= level <= MAX_LEVEL:
            errors.append((index, f"层级须为1至{MAX_LEVEL}。"))
        elif level > previous + 1:
            if previous == 0:
                errors.append((index, "第一个章节必须是第1层（一、）。"))
            else:
                errors.append(
                    (index, f"第{level}层章节不能直接跟在第{previous}层章节之后，中间缺少第{previous + 1}层。")
                )
        previous = level if 1 <= level <= MAX_LEVEL else previous
    return errors


def number_outline(levels):
    """The label of each entry of a valid outline, in order."""
    counters = [0] * (MAX_LEVEL + 1)
    labels = []
    for level in levels:
        counters[level] += 1
        for deeper in range(level + 1, MAX_LEVEL + 1):
            counters[deeper] = 0
        labels.append(label(level, counters[level]))
    return labels


def numbers_or(levels, placeholder):
    """The labels of an outline, or `placeholder` for every entry while the outline is invalid
    (pages that only show numbers, such as the admin, must not fail on a half-edited outline)."""
    return number_outline(levels) if not outline_errors(levels) else [placeholder] * len(levels)


def nest(items, level_of):
    """Turn an outline into a tree: [(item, [children…])…]. `level_of(item)` gives each item's level."""
    root = []
    stack = [(0, root)]
    for item in items:
        level = level_of(item)
        while stack[-1][0] >= level:
            stack.pop()
        children = []
        stack[-1][1].append((item, children))
        stack.append((level, children))
    return root
