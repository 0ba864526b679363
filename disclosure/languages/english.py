"""Staff-written English, field by field: what a report still lacks, and what has gone stale.

The admin's 英文译文 page, the report list's status column and the tests all use these functions.
"""

from dataclasses import dataclass

from django.db import transaction

from disclosure.models import PlanItem, RectificationItem, Report, Section
from disclosure.models.translated import CURRENT, MISSING, NOT_NEEDED, STALE, fingerprint
from disclosure.reports.numbering import numbers_or

FIELDS = {
    # The change note proposed for a correction is listed once it has Simplified text (only a report that has
    # been public offers the field): its English goes out with the next revision, like every other text.
    Report: [("title", "标题"), ("source", "来源"), ("preamble", "导语"), ("change_note", "更正说明")],
    Section: [("heading", "标题"), ("body", "正文")],
    RectificationItem: [("problem", "存在的问题"), ("measure", "整改措施"), ("responsible", "责任单位")],
    PlanItem: [("text", "工作内容"), ("responsible", "责任单位")],
}
MULTILINE = {"preamble", "body", "problem", "measure", "text", "change_note"}
STATUS_LABELS = {MISSING: "缺少译文", STALE: "原文已修改，译文可能过时", CURRENT: "已翻译", NOT_NEEDED: "原文为空"}


@dataclass
class EnglishText:
    obj: object
    field: str
    place: str  # where the text sits, e.g. "章节 一、（一）"
    label: str
    status: str
    typed: str | None = None  # what was typed, when a save was refused and the page is shown again
    error: str = ""  # why the save refused this text
    confirmed: bool = False  # "译文仍然准确" ticked in the refused save

    @property
    def key(self):
        return f"{type(self.obj).__name__.lower()}-{self.obj.pk}-{self.field}"

    @property
    def chinese(self):
        return getattr(self.obj, f"{self.field}_zh_hans")

    @property
    def traditional(self):
        return getattr(self.obj, f"{self.field}_zh_hant")

    @property
    def english(self):
        return getattr(self.obj, f"{self.field}_en") or ""

    @property
    def value(self):
        """What the input shows: what was typed in a refused save, else the stored English."""
        return self.english if self.typed is None else self.typed

    @property
    def max_length(self):
        return type(self.obj)._meta.get_field(f"{self.field}_en").max_length

    @property
    def multiline(self):
        return self.field in MULTILINE

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def _rows(report):
    sections = list(report.sections.all())
    levels = [section.level for section in sections]
    numbers = numbers_or(levels, "")
    yield report, "报告"
    for section, number in zip(sections, numbers, strict=True):
        yield section, f"章节 {number}"
    for index, item in enumerate(report.rectifications.all(), start=1):
        yield item, f"整改事项 {index}"
    for index, item in enumerate(report.plans.all(), start=1):
        yield item, f"工作计划 {index}"


def texts(report, data=None, errors=None):
    """Every translatable text of the report, in page order, with its English status.

    With `data` (the input of a refused save) and `errors` (TooLong.errors), each text carries what was typed and
    why it was refused, so that the page shows the input again.
    """
    found = [
        EnglishText(obj, field, place, label, obj.english_status(field))
        for obj, place in _rows(report)
        for field, label in FIELDS[type(obj)]
    ]
    for text in found if data is not None else ():
        text.typed = data.get(text.key)
        text.error = (errors or {}).get(text.key, "")
        text.confirmed = bool(data.get(f"confirm-{text.key}"))
    return found


class TooLong(ValueError):
    """English longer than its field holds; `errors` maps EnglishText.key → the message. Nothing was saved."""

    def __init__(self, errors):
        super().__init__("；".join(errors.values()))
        self.errors = errors


def too_long(text, limit):
    """Why `text` does not fit a field of `limit` characters, or "" (the same words for every language)."""
    return f"不能超过{limit}个字符（现有{len(text)}个）。" if limit and len(text) > limit else ""


def summary(report):
    counts = {MISSING: 0, STALE: 0, CURRENT: 0}
    for text in texts(report):
        if text.status in counts:
            counts[text.status] += 1
    return counts


def save(report, data):
    """Store the English typed on the 英文译文 page. Returns how many texts changed.

    `data` maps EnglishText.key → English text, and "confirm-" + EnglishText.key → anything for a stale translation
    that staff have checked and found still right after a change of the Chinese (a typo fixed, say). English
    longer than its field holds (title and heading 200 characters, say) raises TooLong before anything is saved.
    """
    changed, rows = 0, set()
    found = texts(report)
    errors = {t.key: too_long(data.get(t.key, t.english).strip(), t.max_length) for t in found}
    if any(errors.values()):
        raise TooLong({key: message for key, message in errors.items() if message})
    with transaction.atomic():
        for text in found:
            english = data.get(text.key, text.english).strip()
            if english != text.english:
                setattr(text.obj, f"{text.field}_en", english)
            elif text.status == STALE and data.get(f"confirm-{text.key}"):
                text.obj.en_sources[text.field] = fingerprint(text.chinese)
            else:
                continue
            changed += 1
            rows.add(text.obj)
        for obj in rows:
            obj.save()
    return changed
