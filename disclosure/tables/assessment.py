"""The checks of rules.py applied to a working copy: its document, last year's report, the reviewer's notes.

rules.py stays pure (documents in, findings out); this module fetches what it needs from the database, and
is what the workflow, the admin and `check_report` call.
"""

from django.db import transaction

from disclosure.applications import origins
from disclosure.models import Acknowledgement, ReportEvent, Revision
from disclosure.publishing import document
from disclosure.rollup import provenance
from disclosure.tables import rules


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
    found = rules.run(built, previous_document(report))
    # Figures filled from the register and typed over since (applications/origins.py); figures summed from the
    # units' reports, typed over or changed since (rollup/provenance.py).
    found += origins.findings(report.format, built.get("tables"), origins.of(report))
    return found + provenance.findings(report, built.get("tables"))


def blocking(report):
    return [finding for finding in findings(report) if finding.blocking]


def unacknowledged(report, found=None):
    """Warnings no reviewer has commented on yet."""
    found = findings(report) if found is None else found
    done = set(report.acknowledgements.values_list("key", flat=True))
    return [finding for finding in found if not finding.blocking and finding.key not in done]


def acknowledge(report, user, finding, comment):
    """A reviewer's comment on one warning; recorded in the report's history too."""
    comment = (comment or "").strip()
    if not comment:
        raise ValueError("请填写审核意见，说明为什么该提示可以接受。")
    with transaction.atomic():
        Acknowledgement.objects.update_or_create(
            report=report, key=finding.key, defaults={"comment": comment, "user": user}
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
