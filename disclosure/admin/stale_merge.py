"""A stale save of the report form, merged field by field instead of refused outright.

The form carries the version it was drawn from (reviewing.ReportForm). When someone saved in between, the
input is compared, field by field, with what is stored now and with what the form was drawn from (a snapshot
kept in the cache per version when the form is shown, `remember`):

- a field only the other person changed (the input is still the drawn value) takes their text at once;
- a field only this person changed keeps their input, silently;
- a field both changed, differently, keeps this person's input and shows the other version beside it, with
  the character difference the history page uses (publishing/diff.py), to take theirs or keep their own.

Without the snapshot (evicted, or drawn by another process without a shared cache) every difference is
shown for the person to decide. The form comes back once with the merge in it and the current version, so
that the next save goes through: nothing has to be retyped, and the refusal does not repeat.
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError

from disclosure.models import Report
from disclosure.publishing import diff
from disclosure.reports.numbering import numbers_or

# A day: a form left open overnight loses its three-way merge (every difference is then shown instead).
SNAPSHOT_SECONDS = 24 * 3600

MAIN = [
    ("body", "发布机构"),
    ("year", "年度"),
    ("format", "格式"),
    ("title_zh_hans", "标题"),
    ("published_on", "发布日期"),
    ("source_zh_hans", "来源"),
    ("preamble_zh_hans", "导语"),
    ("change_note_zh_hans", "更正说明"),
]
INLINES = {
    "sections": ("章节", [("level", "层级"), ("heading_zh_hans", "标题"), ("body_zh_hans", "正文")]),
    "rectifications": (
        "整改事项",
        [
            ("problem_zh_hans", "存在的问题"),
            ("measure_zh_hans", "整改措施"),
            ("responsible_zh_hans", "责任单位"),
            ("due", "完成时限"),
            ("status", "整改状态"),
        ],
    ),
    "plans": ("工作计划", [("text_zh_hans", "工作内容"), ("responsible_zh_hans", "责任单位"), ("due", "完成时限")]),
}


def _text(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


DATES = {"published_on", "due"}


def _canonical(name, text):
    # Browsers send line breaks as CRLF, and the form strips surrounding blanks before saving; a date is shown in
    # the admin's format (2017/01/20) and stored as 2017-01-20.
    text = text.replace("\r\n", "\n").strip()
    if name.rsplit(":", 1)[-1] in DATES and text:
        try:
            return forms.DateField().to_python(text).isoformat()
        except ValidationError:
            return text
    return text


def _same(name, a, b):
    return _canonical(name, a) == _canonical(name, b)


def fields_of(report):
    """{key: (label, text)} of everything the change form edits; rows keyed by their id, not their place."""
    fields = {name: (label, _text(getattr(report, "body_id" if name == "body" else name))) for name, label in MAIN}
    for prefix, (kind, columns) in INLINES.items():
        rows = list(getattr(report, prefix).all().order_by("position", "pk"))
        names = numbers_or([row.level for row in rows], "") if prefix == "sections" else None
        for index, row in enumerate(rows):
            place = f"{kind} {names[index] or index + 1}" if names else f"{kind} {index + 1}"
            for name, label in columns:
                fields[f"{prefix}:{row.pk}:{name}"] = (f"{place} {label}", _text(getattr(row, name)))
    return fields


def _snapshot_key(report_id, version):
    return f"report-form:{report_id}:{version}"


def remember(report):
    """The form is drawn from this version: keep what it showed, for a three-way merge if the save is stale."""
    cache.add(_snapshot_key(report.pk, report.version), fields_of(report), SNAPSHOT_SECONDS)


def _input_names(post):
    """{key: POST name} for the fields the form sent (inline rows found by their hidden id)."""
    names = {name: name for name, _ in MAIN if name in post}
    for prefix, (_kind, columns) in INLINES.items():
        for index in range(int(post.get(f"{prefix}-TOTAL_FORMS") or 0)):
            row = post.get(f"{prefix}-{index}-id")
            if row:
                for name, _ in columns:
                    names[f"{prefix}:{row}:{name}"] = f"{prefix}-{index}-{name}"
    return names


@dataclass
class Difference:
    input_name: str
    label: str
    mine: str
    theirs: str

    @property
    def input_id(self):
        return f"id_{self.input_name}"

    @property
    def segments(self):
        """From this person's text to the other version (diff.Change's character difference): "del" is in
        this person's text only, "ins" in the other version only."""
        return diff.Change(self.label, self.mine, self.theirs).segments


@dataclass
class Merge:
    post: object  # the input with the other's changes taken where only they changed a field
    version: int
    conflicts: list  # [Difference] both changed: shown beside the field
    taken: list  # [Difference] only they changed: their text is in the form now
    three_way: bool
    removed: list = field(default_factory=list)  # [(place, [this person's changed texts])] rows they deleted
    added: list = field(default_factory=list)  # [place] rows they added: kept, shown once saved

    @property
    def needs_review(self):
        return bool(self.conflicts or self.taken or self.removed or self.added)


def _row_place(fields, prefix, row):
    """章节 四、 for a row of `fields` (fields_of), from the label of its first column."""
    first = INLINES[prefix][1][0][0]
    label = fields.get(f"{prefix}:{row}:{first}", (INLINES[prefix][0], ""))[0]
    return label.rsplit(" ", 1)[0] if " " in label else label


def _rows_of(post, prefix):
    """The inline rows as sent, in order: [{field: [values]}]."""
    rows = []
    for index in range(int(post.get(f"{prefix}-TOTAL_FORMS") or 0)):
        head = f"{prefix}-{index}-"
        rows.append({key[len(head) :]: post.getlist(key) for key in post if key.startswith(head)})
    return rows


def _without_rows(post, prefix, gone):
    """`post` without the rows whose id is in `gone` (deleted meanwhile), the others numbered again: the formset
    would refuse a row that no longer exists, and keep refusing."""
    rows = _rows_of(post, prefix)
    kept = [row for row in rows if (row.get("id") or [""])[0] not in gone]
    result = post.copy()
    for key in [key for key in result if re.match(rf"^{prefix}-\d+-", key)]:
        del result[key]
    for index, row in enumerate(kept):
        for name, values in row.items():
            result.setlist(f"{prefix}-{index}-{name}", values)
    result[f"{prefix}-TOTAL_FORMS"] = str(len(kept))
    result[f"{prefix}-INITIAL_FORMS"] = str(int(post.get(f"{prefix}-INITIAL_FORMS") or 0) - (len(rows) - len(kept)))
    return result


def _typed(post, prefix, row, base):
    """What this person changed on a row deleted meanwhile, to copy elsewhere (unknown without the snapshot)."""
    if not base:
        return []
    return [
        post.get(name).strip()
        for key, name in _input_names(post).items()
        if key.startswith(f"{prefix}:{row}:") and key in base and not _same(key, post.get(name) or "", base[key][1])
    ]


def merge(report, started_from, post):
    """Merge the stale input `post` (drawn from version `started_from`) with `report` as stored now."""
    current = Report.objects.get(pk=report.pk)
    theirs = fields_of(current)
    base = cache.get(_snapshot_key(report.pk, started_from)) if started_from is not None else None
    merged = post.copy()
    removed, added = [], []
    for prefix in INLINES:
        stored = {str(pk) for pk in getattr(current, prefix).values_list("pk", flat=True)}
        sent = {(row.get("id") or [""])[0] for row in _rows_of(post, prefix)} - {""}
        removed += [
            (_row_place(base or {}, prefix, row), _typed(post, prefix, row, base))
            for row in sorted(sent - stored, key=int)
        ]
        added += [_row_place(theirs, prefix, row) for row in sorted(stored - sent, key=int)]
        if sent - stored:
            merged = _without_rows(merged, prefix, sent - stored)
    conflicts, taken = [], []
    for key, name in _input_names(merged).items():
        if key not in theirs:
            continue
        label, their_text = theirs[key]
        mine = merged.get(name, "")
        if _same(key, mine, their_text):
            continue
        drawn = base.get(key) if base else None
        if drawn is not None and _same(key, mine, drawn[1]):
            merged[name] = their_text
            taken.append(Difference(name, label, mine, their_text))
        elif drawn is not None and _same(key, their_text, drawn[1]):
            continue  # only this person changed it
        else:
            conflicts.append(Difference(name, label, mine, their_text))
    merged["edit_version"] = str(current.version)
    return Merge(merged, current.version, conflicts, taken, base is not None, removed, added)
