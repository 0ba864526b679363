"""Is anything missing from the text? Empty parts and sub-sections, rectification items without a measure, plan
items without text: pure functions from a document to findings, run with the other checks by rules.run.

A heading with nothing under it went through review and appeared on the public page as a bare heading, so each
is a warning at submission that the reviewer must acknowledge (a sub-section may be left empty on purpose, with
a word why). The six parts of the 2021 format are required (国办公开办函〔2021〕30号): an empty one is a warning
while the report is written and reviewed, and stops publication (`blocks_publishing`). A part that holds its
statistical table, or the problems part that holds the rectification items, is not empty: the official form
itself puts nothing but the table under 二、三、四.
"""

from disclosure.reports.numbering import label
from disclosure.reports.parts import is_plan_heading, is_problems_heading
from disclosure.tables import formats, printed
from disclosure.tables.rules import Finding, _zh

CHECK = "completeness"
REQUIRED_FORMATS = ("2021",)  # the formats whose six parts must each say something before publication


def findings(document):
    return _sections(document) + _items(document)


def _tabled_parts(document):
    """Indexes of the top-level sections that show a table, as the report page places them (printed.py)."""
    if not document.get("tables") or not formats.tables(document.get("format")):
        return set()
    headings = [_zh(section.get("heading")).strip() for section in document.get("sections") or []]
    indexes = (printed.part_index(headings, table.part) for table in formats.tables(document.get("format")))
    return {index for index in indexes if index is not None}


def _sections(document):
    top = document.get("sections") or []
    tabled = _tabled_parts(document)
    required = document.get("format") in REQUIRED_FORMATS
    found = []

    def holds_items(heading):
        # The report page shows the rectification and plan items inside the part whose heading names them.
        if is_problems_heading(heading) and document.get("rectifications"):
            return True
        return bool(is_plan_heading(heading) and document.get("plans"))

    def has_text(section):
        return bool(_zh(section.get("body")).strip()) or any(has_text(c) for c in section.get("children") or [])

    def walk(sections, level, prefix, anchor):
        for index, section in enumerate(sections, start=1):
            number = prefix + label(level, index)
            here = f"{anchor}-{index}"
            heading = _zh(section.get("heading")).strip()
            content = has_text(section) or (level == 1 and (index - 1 in tabled or holds_items(heading)))
            if content:
                walk(section.get("children") or [], level + 1, number, here)
            else:  # reported once, at the highest heading with nothing under it
                found.append(_empty(number, heading, here, blocks=required and level == 1 and index <= 6))

    walk(top, 1, "", "part")
    return found


def _empty(number, heading, anchor, blocks):
    named = f"「{number}{heading}」" if heading else f"「{number}」（没有标题）"
    message = f"{named}下没有正文"
    if blocks:
        message += "（年报格式规定的部分，须写明情况后才能发布；没有发生的，写明“无”）"
    return Finding(CHECK, f"sections.{anchor}", message, False, topic=heading, anchor=anchor, blocks_publishing=blocks)


def _items(document):
    found = []
    for index, item in enumerate(document.get("rectifications") or [], start=1):
        problem, measure = _zh(item.get("problem")).strip(), _zh(item.get("measure")).strip()
        anchor = f"rectification-{index}"
        named = f"整改事项{index}" + (f"（“{_excerpt(problem)}”）" if problem else "")
        if not problem and not measure:
            found.append(_item(f"rectifications.{index}", f"{named}没有内容", anchor))
        elif not problem:
            found.append(_item(f"rectifications.{index}.problem", f"{named}没有填写存在的问题", anchor))
        elif not measure:
            found.append(_item(f"rectifications.{index}.measure", f"{named}没有填写整改措施", anchor))
    for index, item in enumerate(document.get("plans") or [], start=1):
        if not _zh(item.get("text")).strip():
            found.append(_item(f"plans.{index}.text", f"工作计划{index}没有内容", f"plan-{index}"))
    return found


def _item(path, message, anchor):
    return Finding(CHECK, path, message, False, topic="", anchor=anchor)


def _excerpt(text, length=16):
    return text if len(text) <= length else text[:length] + "……"
