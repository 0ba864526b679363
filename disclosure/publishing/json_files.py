"""JSON documents that come from outside (load_report, load_applications, load_demo), read safely.

`parse` refuses a file that is too large, nested too deeply or holds an over-long number by a scan of the
text before json.loads, so that a hostile or broken file is a message and never a RecursionError, a
ValueError or hundreds of megabytes of memory. Each document format states its own limits.
"""

import json
import re

_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{]|[\]}]|-?[\d.][\d.eE+-]*')


class Malformed(ValueError):
    """A parsed document that is not well-formed; `problems` lists (JSON path, message), each in Chinese."""

    def __init__(self, problems):
        super().__init__("\n".join(f"{path}: {message}" for path, message in problems))
        self.problems = problems


class Unreadable(ValueError):
    """A file that is not a document this portal loads; the message says why (and where, when it can)."""


def envelope(doc, schema, known):
    """The problems of a document's outside, common to every format: an object, of `schema`, no unknown keys."""
    if not isinstance(doc, dict):
        return [("$", "文档应为 JSON 对象（{…}）。")]
    problems = [(key, "未知字段。") for key in sorted(set(doc) - known)]
    if doc.get("schema") != schema:
        problems.append(("schema", f"应为“{schema}”，而不是“{doc.get('schema')}”。"))
    return problems


def objects(value, path, bad):
    """(path, item) for each object of the array `value`; an array that is not one, or an item that is not an
    object, is reported to `bad` and left out."""
    if not isinstance(value, list):
        bad(path, "应为数组（[…]）。")
        return
    for index, item in enumerate(value):
        if isinstance(item, dict):
            yield f"{path}[{index}]", item
        else:
            bad(f"{path}[{index}]", "应为对象。")


def too_large(count, limit):
    """Why a file of `count` bytes is refused when documents may have `limit` bytes."""
    shown = f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{max(count // 1024, 1)} KB"
    return f"文件大小为{shown}，超过载入文档 {limit // 1024 // 1024} MB 的上限。"


def parse(data, *, max_bytes, max_depth, max_number, kind, null_hint=""):
    """The JSON document in `data` (the bytes of a UTF-8 file), or Unreadable, checked before it is parsed.

    `kind` names the document in the nesting message (年报文档); `null_hint` ends the NaN message.
    """
    if len(data) > max_bytes:
        raise Unreadable(too_large(len(data), max_bytes))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("不是 UTF-8 编码的文件。") from None
    depth = 0
    for token in _TOKENS.finditer(text):
        first = token.group()[0]
        if first in "[{":
            depth += 1
            if depth > max_depth:
                raise Unreadable(f"{_where(text, token.start())}处嵌套超过{max_depth}层，不是{kind}的结构。")
        elif first in "]}":
            depth -= 1
        elif first != '"' and len(token.group()) > max_number:
            where = _where(text, token.start())
            raise Unreadable(f"{where}的数字过长（{len(token.group())}个字符，最多{max_number}个）。")

    def not_a_number(name):
        raise Unreadable(f"含有 {name}：JSON 中没有这样的数字{null_hint}。")

    try:
        return json.loads(text, parse_constant=not_a_number)
    except Unreadable:
        raise
    except json.JSONDecodeError as error:
        raise Unreadable(f"不是有效的 JSON（第{error.lineno}行第{error.colno}列：{error.msg}）。") from None
    except (ValueError, RecursionError):  # not reached after the scan; a message all the same
        raise Unreadable("不是有效的 JSON。") from None


def _where(text, position):
    line, start = text.count("\n", 0, position) + 1, text.rfind("\n", 0, position) + 1
    return f"第{line}行第{position - start + 1}列"
