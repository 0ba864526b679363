"""Report state changes, written once and called by the admin, the commands and the tests.

For now there is one transition, publish: it freezes the working copy into an immutable Revision.
Every later state (review, approval, scheduling, withdrawal) belongs in this module too.
"""

from django.db import transaction
from django.utils import timezone

from . import document
from .models import Report, Revision


class TransitionError(Exception):
    """A transition that is not allowed; the message is shown to staff as it is."""


def publish(report, user=None, change_note="", at=None):
    """Publish the working copy of `report` as its next revision and return that revision.

    The first publication needs no note; every later one is a correction the public sees in the
    修订记录 list, so it must say what changed.
    """
    change_note = (change_note or "").strip()
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("body").get(pk=report.pk)
        previous = report.revisions.order_by("-number").first()
        if previous and not change_note:
            raise TransitionError(f"《{report.title}》已发布过，再次发布属于更正，请填写更正说明。")
        if not report.sections.exists():
            raise TransitionError(f"《{report.title}》还没有正文章节，不能发布。")
        if report.published_on is None:
            report.published_on = timezone.localdate()
        report.status = Report.Status.PUBLISHED
        report.save(update_fields=["published_on", "status", "updated_at"])
        doc = document.build(report)
        revision = Revision(
            report=report,
            number=(previous.number + 1) if previous else 1,
            body=report.body,
            year=report.year,
            published_on=report.published_on,
            published_at=at or timezone.now(),
            document=doc,
            created_by=user if user and user.is_authenticated else None,
        )
        for lang in document.languages():
            setattr(revision, document.field_name("title", lang), doc["title"][lang])
        revision.change_note_zh_hans = change_note
        revision.save()
        return revision
