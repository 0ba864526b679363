"""A report drafted in Word or WPS (.docx) → a draft working copy, through the legacy importer's rules.

The document is turned into what legacy_import.py reads: one line per line of a paragraph, the outline and
the items found there by its rules (numbering 一、（一）1.（1）, 一是……二是……). Where the document marks its
headings by Word style (标题 1/Heading 1 …, or an outline level), those paragraphs are the headings, numbered
from their level when the text carries no number, and no body paragraph is taken for a heading; otherwise,
as in plain text, the numbering decides. The statistical tables come from the document's own tables
(tables/word_tables.py). Every problem is reported with its place (第12段, 第2个表格第5行第3列), and nothing is
written unless the whole document is read.

The portal's own Word download reads back to the same report: its headings carry their numbers, its items
are numbered paragraphs with their facts, an unnumbered heading it adds for items no part holds
(下一步工作计划) is no part of the outline, and its signature (right-aligned organ and date) is not text.
"""

import re

from disclosure.models import Report
from disclosure.reports import legacy_import, word_reader
from disclosure.reports.legacy_import import LONGEST_HEADING, ImportFailed, clean
from disclosure.reports.numbering import MAX_LEVEL, label
from disclosure.tables import formats, word_tables

DATE_ONLY = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
SIGNATURE_LINES = 3


def format_for(year, report=None):
    """The format a draft from Word takes: the existing report's, else the official one of its year."""
    return report.format if report is not None else formats.official(year)


class Draft:
    def __init__(self, parsed, tables, numbers, warnings):
        self.parsed, self.tables, self.numbers, self.warnings = parsed, tables, numbers, warnings


def parse(data, year, format, body_name=""):
    """The Draft in `data` (bytes of a .docx). Raises word_reader.WordFileError or ImportFailed."""
    document = word_reader.read(data)
    paragraphs = _without_signature(document.paragraphs, body_name)
    lines, places, headings, containers, warnings = _lines(paragraphs)
    errors = []
    parsed = None
    try:
        parsed = legacy_import.parse_lines(lines, year, headings)
    except ImportFailed as failure:
        errors += [(_place(places, line), message) for line, message in failure.errors]
    figures, numbers, table_errors, table_warnings = word_tables.read_tables(document.tables, format)
    errors += table_errors
    if errors:
        raise ImportFailed(errors)
    _drop_containers(parsed, containers)
    warnings += [(_place(places, line), message) for line, message in parsed.warnings] + table_warnings
    return Draft(parsed, figures, numbers, warnings)


def import_docx(data, body, year, user=None):
    """Make the .docx in `data` the working copy of `body`'s report for `year`. Returns (report, draft)."""
    existing = Report.objects.filter(body=body, year=year).first()
    format = format_for(year, existing)
    draft = parse(data, year, format, body.name_zh_hans)
    report = legacy_import.save(draft.parsed, body, year, user, format, draft.tables, source="从Word导入")
    return report, draft


def _place(places, line):
    return places.get(line, "文件开头") if isinstance(line, int) else line


def _without_signature(paragraphs, body_name):
    """The paragraphs without the signature (落款) at the end: right-aligned, a date alone, or the body's name."""
    paragraphs = list(paragraphs)
    for _ in range(SIGNATURE_LINES):
        if not paragraphs or paragraphs[-1].level:
            break
        last = paragraphs[-1].text.strip()
        if paragraphs[-1].right or DATE_ONLY.match(last) or (body_name and last == body_name):
            paragraphs.pop()
        else:
            break
    return paragraphs


def _lines(paragraphs):
    """(lines, {line: 第n段}, heading line numbers or None, container line numbers, warnings)."""
    styled = [p for p in paragraphs if p.level and p.level <= MAX_LEVEL]
    typed = sum(1 for p in styled if legacy_import._heading(clean(p.text)))
    numbered_in_text = styled and typed * 2 >= len(styled)  # the headings carry their numbers, as the export's do
    lines, places, headings, containers, warnings = [], {}, set(), set(), []
    counters = [0] * (MAX_LEVEL + 1)
    for paragraph in paragraphs:
        where = f"第{paragraph.number}段"
        if styled and paragraph in styled:
            text = clean(paragraph.text)
            level = paragraph.level
            counters[level] += 1
            counters[level + 1 :] = [0] * (MAX_LEVEL - level)
            if not legacy_import._heading(text):
                if numbered_in_text:
                    containers.add(len(lines) + 1)
                text = f"{label(level, counters[level])}{text}"
            lines.append(text)
            places[len(lines)] = where
            headings.add(len(lines))
            continue
        for raw in paragraph.lines:
            text = clean(raw)
            lines.append(text)
            places[len(lines)] = where
            if styled and _looks_like_heading(text):
                warnings.append(
                    (
                        where,
                        f"“{text[:12]}”像是标题，但没有使用标题样式，已作为正文导入。"
                        "如是标题，请在Word中设为“标题 1”或“标题 2”样式后重新导入。",
                    )
                )
    return lines, places, headings if styled else None, containers, warnings


def _looks_like_heading(text):
    found = legacy_import._heading(text)
    return bool(found) and found[0] <= 1 and len(text) <= LONGEST_HEADING and "。" not in text[:-1]


def _drop_containers(parsed, containers):
    """An unnumbered heading in a document whose headings carry their numbers (下一步工作计划, 统计表 in the
    portal's download) only holds items or tables: it is not a part of the report when nothing else is in it."""
    kept = []
    for section in parsed.sections:
        if section.line in containers and not section.paragraphs:
            continue
        kept.append(section)
    parsed.sections[:] = kept
