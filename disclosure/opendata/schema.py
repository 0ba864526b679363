"""A JSON Schema of `disclosure-report/1`, generated from the format and language declarations and served at
/api/v1/schema/disclosure-report-1.json, so that a platform consuming the API can check documents with its
own tools.

It states the document's shape: keys, types, languages, the tables and their cells per format, figures as
the cell rules allow them. It does not replace `interchange.validate`, which staff read: that gives every
problem in Chinese with its JSON path, and also checks what a schema cannot (an unknown body needs a name).
A test keeps the two in agreement on the demo documents, the API's answers and a catalogue of broken ones.
"""

from functools import cache

from django.utils import translation

from disclosure.languages.declared import CODES, SOURCE
from disclosure.models import Body, RectificationItem
from disclosure.publishing import document
from disclosure.tables import formats
from disclosure.tables.cell_input import DECIMALS, LIMIT, WHOLE_DIGITS

ID = "/api/v1/schema/disclosure-report-1.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
MAX_LEVEL = 4  # 一、（一）1.（1）


def _text(limit=None):
    """A text: a string (Simplified Chinese) or an object keyed by language code."""
    string = {"type": "string"} | ({"maxLength": limit} if limit else {})
    return {
        "oneOf": [
            string,
            {"type": "object", "properties": dict.fromkeys(CODES, string), "additionalProperties": False},
        ]
    }


def _required_text(limit=None):
    """A text that must have Simplified Chinese: more than blanks, as a string or under the source key."""
    string = {"type": "string", "pattern": r"\S"} | ({"maxLength": limit} if limit else {})
    by_language = _text(limit)["oneOf"][1]
    by_language = by_language | {"required": [SOURCE], "properties": by_language["properties"] | {SOURCE: string}}
    return {"oneOf": [string, by_language]}


def _date():
    return {"type": ["string", "null"], "format": "date"}


def _cell(kind):
    """One figure as cell_input.figure accepts it from a document (null: not filled in). Signs are the checks'
    business, not the document's shape: a draft may hold a negative figure and be told so."""
    if kind == formats.AMOUNT:
        number = {"type": "number", "exclusiveMinimum": -LIMIT, "exclusiveMaximum": LIMIT}
        digits = rf"^[+-]?0*(\d{{1,{WHOLE_DIGITS}}}(\.\d{{0,{DECIMALS}}})?|\.\d{{1,{DECIMALS}}})$"
        text = {"type": "string", "pattern": digits}  # written out as the API writes it: "12.50"
        return {"oneOf": [{"type": "null"}, number, text]}
    return {"type": ["integer", "null"], "minimum": -(LIMIT - 1), "maximum": LIMIT - 1}


def _table(table):
    rows = {
        row.key: {
            "type": "object",
            "properties": {column.key: _cell(column.kind) for column in row.columns},
            "additionalProperties": False,
        }
        for row in table.rows
    }
    return {"type": "object", "properties": rows, "additionalProperties": False}


def _sections(level):
    section = {
        "type": "object",
        "properties": {"heading": _required_text(200), "body": _text()},
        "required": ["heading"],
        "additionalProperties": False,
    }
    if level < MAX_LEVEL:
        section["properties"]["children"] = _sections(level + 1)
    else:
        section["properties"]["children"] = {"type": "array", "maxItems": 0}
    return {"type": "array", "items": section}


def _item(properties, required):
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def _format_rule(fmt):
    """What `tables` must be for a report of format `fmt`."""
    declared = formats.tables(fmt)
    if not declared:
        tables = {"type": "null"}  # a legacy report has no tables
    else:
        tables = {
            "type": ["object", "null"],
            "properties": {table.key: _table(table) for table in declared},
            "additionalProperties": False,
        }
    return {"if": {"properties": {"format": {"const": fmt}}}, "then": {"properties": {"tables": tables}}}


@cache
def schema():
    """The schema as a dict (made once: it depends only on declarations)."""
    with translation.override(SOURCE):
        return {
            "$schema": DRAFT,
            "$id": ID,
            "title": document.SCHEMA,
            "description": "政府信息公开工作年度报告（一份年报）。Government information disclosure annual report.",
            "type": "object",
            "properties": {
                "schema": {"const": document.SCHEMA},
                "format": {"enum": list(formats.TABLES)},
                "year": {"type": "integer", "minimum": 2008, "maximum": 2100},
                "body": _item(
                    {
                        "slug": {"type": "string", "pattern": "^[-a-zA-Z0-9_]{1,60}$"},
                        "name": _text(100),
                        "kind": {"enum": list(Body.Kind.values)},
                    },
                    ["slug"],
                ),
                "title": _required_text(200),
                "published_on": _date(),
                "source": _text(100),
                "preamble": _text(),
                "sections": _sections(1),
                "rectifications": {
                    "type": "array",
                    "items": _item(
                        {
                            "problem": _required_text(),
                            "measure": _text(),
                            "status": {"enum": list(RectificationItem.Status.values)},
                            "responsible": _text(100),
                            "due": _date(),
                        },
                        ["problem"],
                    ),
                },
                "plans": {
                    "type": "array",
                    "items": _item({"text": _required_text(), "responsible": _text(100), "due": _date()}, ["text"]),
                },
                "tables": {},
            },
            "required": ["schema", "format", "year", "body", "title"],
            "additionalProperties": False,
            "allOf": [_format_rule(fmt) for fmt in formats.TABLES],
        }
