"""`disclosure-report/1` documents in and out of the working copy (load_report, dump_report, backups).

Loading checks the whole document before writing anything: a malformed document (wrong types, unknown
keys, a fifth outline level) is refused with every problem and its JSON path, and nothing is written. A
well-formed document is loaded as a draft even when its figures fail the checks, because a supervising
office may send a half-finished report to be completed here; the failures are returned with it, and the
workflow will not let such a report be submitted. Loading never publishes.

The Traditional text of a document is not read: it is derived from the Simplified, as for any edit.

Validation is written out here rather than run through the published JSON Schema (opendata/schema.py), which
states the same shape for other platforms: staff need every problem in Chinese with its path, and a known
body, figures written with full-width digits or thousands separators are beyond what a schema can say.

Before any of that, `parse` refuses a document larger than MAX_BYTES (2 MB; the demo reports are 30 KB), nested
deeper than MAX_DEPTH or holding a number longer than MAX_NUMBER characters (json_files.parse). A figure is
then held to cell_input.figure's rule (below 10^9, no exponent).
"""

import datetime
import re

from django.db import transaction

from disclosure.languages.declared import CODES, EDITABLE, SOURCE
from disclosure.models import Body, PlanItem, RectificationItem, Report, Section
from disclosure.publishing import diff, document, json_files, workflow
from disclosure.publishing.json_files import Malformed, Unreadable  # noqa: F401  (raised to the commands)
from disclosure.tables import assessment, cell_input, formats
from disclosure.tables.cell_input import CellError

KNOWN = {"schema", "format", "year", "body", "title", "published_on", "source", "preamble", "sections"}
KNOWN |= {"rectifications", "plans", "tables"}
STATUSES = {choice.value for choice in RectificationItem.Status}
MAX_LEVEL = 4
MAX_BYTES = 2 * 1024 * 1024  # a whole document, in UTF-8: about 65 times a demo report
MAX_DEPTH = 32  # nested objects and arrays; a report with four outline levels needs 10
MAX_NUMBER = 40  # characters of one number; the longest a report needs is a figure of nine digits


def parse(data):
    """The document in `data` (the bytes of a UTF-8 JSON file), or Unreadable, checked before it is parsed."""
    return json_files.parse(
        data,
        max_bytes=MAX_BYTES,
        max_depth=MAX_DEPTH,
        max_number=MAX_NUMBER,
        kind="年报文档",
        null_hint="，统计表的格没有数字时请写 null",
    )


def dump(report):
    """The working copy of `report` as a document (what `dump_report` writes)."""
    return document.build(report)


# ---- validation -----------------------------------------------------------------------------------------


def validate(doc):
    """Every problem of `doc` as (JSON path, message); an empty list means well-formed."""
    problems = json_files.envelope(doc, document.SCHEMA, KNOWN)
    if not isinstance(doc, dict):
        return problems

    def bad(path, message):
        problems.append((path, message))

    fmt = doc.get("format")
    if fmt not in formats.TABLES:
        bad("format", f"应为 legacy、2019 或 2021 之一，而不是“{fmt}”。")
    year = doc.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2008 <= year <= 2100:
        bad("year", f"应为 2008 至 2100 之间的整数年度，而不是“{year}”。")
    _body(doc.get("body"), bad)
    _text(doc.get("title"), "title", bad, required=True, limit=_limit(Report, "title"))
    _date(doc.get("published_on"), "published_on", bad)
    _text(doc.get("source"), "source", bad, limit=_limit(Report, "source"))
    _text(doc.get("preamble"), "preamble", bad)
    _sections(doc.get("sections", []), "sections", 1, bad)
    _items(doc.get("rectifications", []), "rectifications", _rectification, bad)
    _items(doc.get("plans", []), "plans", _plan, bad)
    if fmt in formats.TABLES:
        _tables(doc.get("tables"), fmt, bad)
    return problems


def _limit(model, field):
    """The length limit of a translated field: the model's, so that what is stored is what a document may hold."""
    return model._meta.get_field(f"{field}_{SOURCE.replace('-', '_')}").max_length


def _text(value, path, bad, required=False, limit=None):
    if value is None and not required:
        return
    if isinstance(value, str):
        value = {SOURCE: value}
    if not isinstance(value, dict):
        bad(path, f"应为文字，或以语言代码（{'、'.join(CODES)}）为键的对象。")
        return
    for lang in sorted(set(value) - set(CODES)):
        bad(f"{path}.{lang}", f"未知语言代码：只能是 {'、'.join(CODES[:-1])} 或 {CODES[-1]}。")
    for lang, text in value.items():
        if lang in CODES and not isinstance(text, str):
            bad(f"{path}.{lang}", "应为文字。")
        elif lang in CODES and limit and len(text) > limit:
            bad(f"{path}.{lang}", f"不能超过{limit}个字（现有{len(text)}个）。")
    if required and not (isinstance(value.get(SOURCE), str) and value[SOURCE].strip()):
        bad(path, "必须有简体中文内容。")


def _date(value, path, bad):
    if value is None:
        return
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        bad(path, f"应为“年-月-日”格式的日期（如 2025-01-20）或 null，而不是“{value}”。")


def _body(value, bad):
    if not isinstance(value, dict):
        bad("body", "应为对象，至少包含 slug。")
        return
    slug = value.get("slug")
    if not isinstance(slug, str) or not re.fullmatch(r"[-a-zA-Z0-9_]{1,60}", slug):
        bad("body.slug", "应为由英文字母、数字、连字符组成的网址标识（如 sports-bureau）。")
    elif not Body.objects.filter(slug=slug).exists():
        _text(value.get("name"), "body.name", bad, required=True, limit=_limit(Body, "name"))  # a new body needs a name
    if value.get("kind", "department") not in Body.Kind.values:
        bad("body.kind", "应为 department（政府部门）或 government（人民政府）。")


def _sections(value, path, level, bad):
    for where, section in json_files.objects(value, path, bad):
        if level > MAX_LEVEL:
            bad(where, f"章节最多四级（一、（一）1.（1）），这里是第{level}级。")
            continue
        for key in sorted(set(section) - {"heading", "body", "children"}):
            bad(f"{where}.{key}", "未知字段。")
        _text(section.get("heading"), f"{where}.heading", bad, required=True, limit=_limit(Section, "heading"))
        _text(section.get("body"), f"{where}.body", bad)
        _sections(section.get("children", []), f"{where}.children", level + 1, bad)


def _items(value, path, check, bad):
    for where, item in json_files.objects(value, path, bad):
        check(item, where, bad)


def _rectification(item, where, bad):
    for key in sorted(set(item) - {"problem", "measure", "status", "responsible", "due"}):
        bad(f"{where}.{key}", "未知字段。")
    _text(item.get("problem"), f"{where}.problem", bad, required=True)
    _text(item.get("measure"), f"{where}.measure", bad)
    _text(item.get("responsible"), f"{where}.responsible", bad, limit=_limit(RectificationItem, "responsible"))
    _date(item.get("due"), f"{where}.due", bad)
    if item.get("status", "planned") not in STATUSES:
        bad(f"{where}.status", "应为 planned（计划整改）、in_progress（正在整改）或 done（已完成整改）。")


def _plan(item, where, bad):
    for key in sorted(set(item) - {"text", "responsible", "due"}):
        bad(f"{where}.{key}", "未知字段。")
    _text(item.get("text"), f"{where}.text", bad, required=True)
    _text(item.get("responsible"), f"{where}.responsible", bad, limit=_limit(PlanItem, "responsible"))
    _date(item.get("due"), f"{where}.due", bad)


def _tables(value, fmt, bad):
    layout = {table.key: table for table in formats.tables(fmt)}
    if value is None:
        return  # a draft may arrive without figures; the cell check reports every one of them
    if not layout:
        bad("tables", "旧版格式（legacy）的年报没有统计表。")
        return
    if not _object(value, "tables", bad):
        return
    for key, rows in value.items():
        table = layout.get(key)
        if table is None:
            bad(f"tables.{key}", f"{fmt}格式没有这张表；应为 {'、'.join(layout)} 之一。")
            continue
        if not _object(rows, f"tables.{key}", bad):
            continue
        known_rows = {row.key: row for row in table.rows}
        for row_key, cells in rows.items():
            row = known_rows.get(row_key)
            if row is None:
                bad(f"tables.{key}.{row_key}", "这张表没有这一行。")
                continue
            if not _object(cells, f"tables.{key}.{row_key}", bad):
                continue
            columns = {column.key: column for column in row.columns}
            for column_key, cell_value in cells.items():
                path = f"tables.{key}.{row_key}.{column_key}"
                column = columns.get(column_key)
                if column is None:
                    bad(path, "这一行没有这一列。")
                elif cell_value is not None:
                    _figure(cell_value, column.kind, path, bad)


def _object(value, path, bad):
    if not isinstance(value, dict):
        bad(path, "应为对象。")
    return isinstance(value, dict)


def _figure(value, kind, path, bad):
    """The one rule for figures (cell_input.figure): the right type, below 10^9, digits only."""
    try:
        cell_input.figure(value, kind)
    except CellError as error:
        bad(path, str(error))


# ---- loading --------------------------------------------------------------------------------------------


def load(doc, user=None, source=""):
    """Write `doc` into the working copy of its body and year; returns (report, findings).

    Raises Malformed, with nothing written, when the document is not well-formed.
    """
    problems = validate(doc)
    if problems:
        raise Malformed(problems)
    with transaction.atomic():
        body = _get_body(doc["body"])
        report = Report.objects.select_for_update().filter(body=body, year=doc["year"]).first()
        before = document.build(report) if report else None
        report = report or Report(body=body, year=doc["year"])
        _set(report, "title", doc["title"])
        _set(report, "source", doc.get("source"))
        _set(report, "preamble", doc.get("preamble"))
        report.format = doc["format"]
        report.published_on = _as_date(doc.get("published_on"))
        report.tables = _stored_tables(doc)
        report.save()
        for model in (Section, RectificationItem, PlanItem):
            model.objects.filter(report=report).delete()
        _load_sections(report, doc.get("sections", []))
        for position, item in enumerate(doc.get("rectifications", []), start=1):
            row = RectificationItem(
                report=report, position=position, status=item.get("status", "planned"), due=_as_date(item.get("due"))
            )
            for field in ("problem", "measure", "responsible"):
                _set(row, field, item.get(field))
            row.save()
        for position, item in enumerate(doc.get("plans", []), start=1):
            row = PlanItem(report=report, position=position, due=_as_date(item.get("due")))
            for field in ("text", "responsible"):
                _set(row, field, item.get(field))
            row.save()
        changes = diff.compare(before, document.build(report))
        note = f"载入 disclosure-report/1 文档{f'（{source}）' if source else ''}。"
        workflow.edited(report, user, diff.summary(changes), action="load", comment=note)
    return report, assessment.findings(report)


def _get_body(value):
    body = Body.objects.filter(slug=value["slug"]).first()
    if body is None:
        body = Body(slug=value["slug"], kind=value.get("kind", Body.Kind.DEPARTMENT))
        _set(body, "name", value["name"])
        body.save()
    return body


def _set(obj, field, value):
    """A translated field from a document text; the Traditional is derived on save, never read."""
    if isinstance(value, str) or value is None:
        value = {SOURCE: value or ""}
    for lang in EDITABLE:
        setattr(obj, document.field_name(field, lang), value.get(lang) or "")


def _as_date(value):
    return datetime.date.fromisoformat(value) if value else None


def _load_sections(report, sections):
    position = 0

    def walk(items, level):
        nonlocal position
        for item in items:
            position += 1
            section = Section(report=report, position=position, level=level)
            _set(section, "heading", item["heading"])
            _set(section, "body", item.get("body"))
            section.save()
            walk(item.get("children", []), level + 1)

    walk(sections, 1)


def _stored_tables(doc):
    """The document's tables as stored: every cell of the format, amounts as two-decimal strings."""
    stored = document.tables(doc["format"], doc.get("tables"))
    for table, row, column in formats.cells(doc["format"]):
        value = stored[table.key][row.key][column.key]
        if value is not None:
            stored[table.key][row.key][column.key] = cell_input.figure(value, column.kind)
    return stored
