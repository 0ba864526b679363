"""A readable difference between two `disclosure-report/1` documents (two revisions, or a revision and
the working copy): every text field, in every language, named the way staff name it (章节 一、（一） 标题).
The working copy's side may carry the change note proposed for its next publication (document.working).
"""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils import translation

from disclosure.languages.declared import LANGUAGES, SOURCE
from disclosure.reports.numbering import label
from disclosure.tables import formats

LANGUAGE_NAMES = {language.code: language.staff_name for language in LANGUAGES}
FACTS = [("title", "标题"), ("published_on", "发布日期"), ("source", "来源"), ("preamble", "导语")]
ITEMS = {
    "rectifications": (
        "整改事项",
        [
            ("problem", "存在的问题"),
            ("measure", "整改措施"),
            ("responsible", "责任单位"),
            ("status", "整改状态"),
            ("due", "完成时限"),
        ],
    ),
    "plans": ("工作计划", [("text", "工作内容"), ("responsible", "责任单位"), ("due", "完成时限")]),
}


@dataclass
class Change:
    where: str
    before: str
    after: str

    @property
    def kind(self):
        return "added" if not self.before else "removed" if not self.after else "changed"

    @property
    def segments(self):
        """[(op, text)] with op "same", "del" or "ins": character level, which suits Chinese text."""
        return _merged(_segments(self.before, self.after))


# A character diff costs about len(before) × len(after): beyond this many character pairs a text is compared
# paragraph by paragraph first, and characters only within a changed paragraph small enough (a 40,000-character
# rewrite took 37 s character by character; paragraph first it is instant).
CHARACTER_PAIRS = 4_000_000


def _segments(before, after):
    if len(before) * len(after) <= CHARACTER_PAIRS:
        return _characters(before, after)
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    parts = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        removed, added = "".join(old[a1:a2]), "".join(new[b1:b2])
        if op == "equal":
            parts.append(("same", removed))
        elif op == "replace" and len(removed) * len(added) <= CHARACTER_PAIRS:
            parts.extend(_characters(removed, added))
        else:
            parts += [("del", removed)] * bool(removed) + [("ins", added)] * bool(added)
    return parts


def _characters(before, after):
    parts = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("same", before[a1:a2]))
        if op in ("delete", "replace"):
            parts.append(("del", before[a1:a2]))
        if op in ("insert", "replace"):
            parts.append(("ins", after[b1:b2]))
    return parts


def _merged(parts):
    """Neighbouring segments of the same kind as one."""
    merged = []
    for op, text in parts:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def _texts(where, value):
    """One entry per language for a translated field, one for a plain value."""
    if isinstance(value, dict):
        return {f"{where}（{LANGUAGE_NAMES.get(lang, lang)}）": text or "" for lang, text in value.items()}
    return {where: "" if value is None else str(value)}


def _identity(doc):
    """Year, issuing body and format: where the report is published and how its tables are read."""
    from disclosure.models import Report

    body = doc.get("body") or {}
    name = (body.get("name") or {}).get(SOURCE) or ""
    formats_named = dict(Report.Format.choices)
    year, format = doc.get("year"), doc.get("format")
    return {
        "年度": "" if year is None else str(year),
        "发布机构": f"{name}（{body['slug']}）" if body.get("slug") else name,
        "格式": formats_named.get(format, format or ""),
    }


def flatten(doc):
    """{place: text} for everything a reader of the report can see, in document order."""
    if not doc:
        return {}
    flat = _identity(doc)
    for key, name in FACTS:
        flat.update(_texts(name, doc.get(key)))

    def walk(sections, level, prefix):
        for index, section in enumerate(sections, start=1):
            number = prefix + label(level, index)
            flat.update(_texts(f"章节 {number} 标题", section.get("heading")))
            flat.update(_texts(f"章节 {number} 正文", section.get("body")))
            walk(section.get("children", []), level + 1, number)

    walk(doc.get("sections", []), 1, "")
    for key, (name, fields) in ITEMS.items():
        for index, item in enumerate(doc.get(key, []), start=1):
            for field, field_name in fields:
                flat.update(_texts(f"{name} {index} {field_name}", item.get(field)))
    flat.update(_cell_values(doc))
    if "change_note" in doc:  # a working copy's proposal (document.working); a revision keeps its own apart
        flat.update(_texts("更正说明（拟）", doc["change_note"]))
    return flat


def _cell_values(doc):
    """One entry per table cell, named as on the form (表三 （一）予以公开 自然人); blank cells as ""."""
    flat = {}
    tables = doc.get("tables") or {}
    with translation.override(SOURCE):
        for table, row, column in formats.cells(doc.get("format")):
            value = ((tables.get(table.key) or {}).get(row.key) or {}).get(column.key)
            place = f"表{'一二三四'[table.part - 1]} {row.label} {column.label}"
            flat[place] = "" if value is None else str(value)
    return flat


def summary(changes, limit=100, length=500):
    """`changes` as a ReportEvent keeps them: the first `limit`, each text cut to `length` characters (None
    keeps all). The history page lists where each change is; the texts are kept for whoever audits it."""
    return [{"where": c.where, "before": c.before[:length], "after": c.after[:length]} for c in changes[:limit]]


def compare(before, after):
    """The changes from document `before` to document `after`."""
    old, new = flatten(before), flatten(after)
    places = list(old) + [place for place in new if place not in old]
    return [
        Change(place, old.get(place, ""), new.get(place, ""))
        for place in places
        if old.get(place, "") != new.get(place, "")
    ]
