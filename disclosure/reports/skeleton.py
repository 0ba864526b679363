"""How a new annual report starts: its parts and blank tables, or last year's structure for the same body.

One rule, used by the admin's 新建年报 and testable alone. A report in a tabled format (2019, 2021) starts
with the six parts of the standard format (numbered 一、…六、 by numbering.py, never typed) and every table
cell blank, because blank is not zero: staff fill in what happened. Following last year keeps the headings
(sub-headings included) and clears the text, so nobody publishes last year's sentences by mistake
(evaluators found reports 90% identical to the year before).
"""

from django.db import transaction

from disclosure.models import Report, Section
from disclosure.tables import formats


def previous(report):
    """The same body's working copy for the year before, or None."""
    return Report.objects.filter(body_id=report.body_id, year=report.year - 1).first()


def outline(report, follow_previous=False):
    """[(level, heading)] a new report starts with, and the report it was taken from (None: the standard)."""
    source = previous(report) if follow_previous else None
    if source is not None:
        headings = [(s.level, s.heading_zh_hans) for s in source.sections.order_by("position")]
        if headings:
            return headings, source
    if not formats.tables(report.format):
        return [], None  # a legacy report is free text: no prescribed parts
    return [(1, heading) for heading in formats.STANDARD_PARTS], None


def start(report, follow_previous=False):
    """Give a report just created its first sections and blank tables; returns the report followed, if any.

    Sections staff already typed on the add form are kept, and then nothing is added.
    """
    with transaction.atomic():
        source = None
        if not report.sections.exists():
            headings, source = outline(report, follow_previous)
            for position, (level, heading) in enumerate(headings, start=1):
                Section.objects.create(
                    report=report, position=position, level=level, heading_zh_hans=heading, body_zh_hans=""
                )
        if formats.tables(report.format) and not report.tables:
            report.tables = formats.empty(report.format)
            # update_fields: filling in a new report is not an edit that should bump its version.
            report.save(update_fields=["tables"])
    return source
