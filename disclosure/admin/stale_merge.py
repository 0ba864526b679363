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

from dataclasses import dataclass

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

    @property
    def needs_review(self):
        return bool(self.conflicts or self.taken)


def merge(report, started_from, post):
    """Merge the stale input `post` (drawn from version `started_from`) with `report` as stored now."""
    current = Report.objects.get(pk=report.pk)
    theirs = fields_of(current)
    base = cache.get(_snapshot_key(report.pk, started_from)) if started_from is not None else None
    merged = post.copy()
    conflicts, taken = [], []
    for key, name in _input_names(post).items():
        if key not in theirs:
            continue  # a row deleted meanwhile: the formset says so
        label, their_text = theirs[key]
        mine = post.get(name, "")
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
    return Merge(merged, current.version, conflicts, taken, base is not None)
