"""The checks of rules.py applied to a working copy: its document, last year's report, the reviewer's notes.

rules.py stays pure (documents in, findings out); this module fetches what it needs from the database, and
is what the workflow, the admin and `check_report` call.
"""

import dataclasses

from django.db import transaction
from django.utils import translation

from disclosure.applications import origins
from disclosure.languages.declared import SOURCE
from disclosure.models import Acknowledgement, ReportEvent, Revision
from disclosure.publishing import document
from disclosure.rollup import provenance
from disclosure.tables import formats, rules


def previous_document(report):
    """The same body's report for the year before, as the public has it (None when there is none)."""
    revision = Revision.objects.public().filter(body=report.body_id, year=report.year - 1).first()
    return revision.document if revision else None


def findings(report, tables=None):
    """Every finding for the working copy; with `tables`, for those figures instead of the stored ones
    (the 统计表 page checks what staff have on screen before it is saved)."""
    built = document.build(report)
    if tables is not None and "tables" in built:
        built["tables"] = document.tables(report.format, tables)
    previous = previous_document(report)
    found = rules.run(built, previous)
    # Figures filled from the register and typed over since (applications/origins.py); figures summed from the
    # units' reports, typed over or changed since (rollup/provenance.py).
    found += origins.findings(report.format, built.get("tables"), origins.of(report))
    found += provenance.findings(report, built.get("tables"))
    return [_with_last_year(finding, built, previous) for finding in found]


def _with_last_year(finding, built, previous):
    """A warning about cells whose rule gave no comparison gets last year's figures of the same cells beside this
    year's, so the reviewer sees both (the rules that know a better counterpart, like carry-over, give their own)."""
    if finding.blocking or finding.against or not finding.cells or not previous or not previous.get("tables"):
        return finding
    rows = []
    for path in finding.cells:
        where = path.removeprefix("tables.")
        now, before = rules._count_at(built.get("tables") or {}, where), rules._count_at(previous["tables"], where)
        if before is not None:
            rows.append((cell_label(built.get("format"), path), now, before))
    return dataclasses.replace(finding, against=tuple(rows)) if rows else finding


def cell_label(format, path):
    """A cell as staff name it: 表三“予以公开·总计”."""
    with translation.override(SOURCE):
        for table, row, column in formats.cells(format):
            if formats.path(table, row, column) == path:
                return f"表{rules._number(table)}“{rules.short_label(row.label)}·{column.label}”"
    return path


def blocking(report):
    return [finding for finding in findings(report) if finding.blocking]


def standing(report, found):
    """{key: (acknowledgement, holds)} of the warnings in `found` that a reviewer has commented on: `holds` is
    False when the finding's figures have moved past the tolerance since (rules.still_holds)."""
    done = {ack.key: ack for ack in report.acknowledgements.select_related("user")}
    return {
        finding.key: (done[finding.key], rules.still_holds(done[finding.key].figures, finding.figures))
        for finding in found
        if finding.key in done
    }


def needs_comment(finding):
    """Warnings a reviewer comments on; an empty required part is not one: no comment makes it publishable."""
    return not finding.blocking and not finding.blocks_publishing


def unacknowledged(report, found=None):
    """Warnings no reviewer has commented on yet, or whose figures have moved since the comment."""
    found = findings(report) if found is None else found
    done = standing(report, found)
    return [f for f in found if needs_comment(f) and not (f.key in done and done[f.key][1])]


def acknowledge(report, user, finding, comment):
    """A reviewer's comment on one warning; recorded in the report's history too."""
    comment = (comment or "").strip()
    if not comment:
        raise ValueError("请填写审核意见，说明为什么该提示可以接受。")
    with transaction.atomic():
        Acknowledgement.objects.update_or_create(
            report=report,
            key=finding.key,
            defaults={"comment": comment, "user": user, "figures": list(finding.figures)},
        )
        ReportEvent.objects.create(
            report=report,
            user=user,
            action="acknowledge",
            from_status=report.status,
            to_status=report.status,
            comment=f"{finding.message}\n审核意见：{comment}",
        )


def summary(found, limit=3):
    """The first few messages in one line, for a refusal."""
    head = "；".join(f.message for f in found[:limit])
    return head + (f"；等共{len(found)}项" if len(found) > limit else "")
