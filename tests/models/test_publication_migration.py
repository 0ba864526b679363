"""Migration 0009: a report withdrawn or scheduled under the one-field status keeps what the public saw."""

import datetime

import pytest
from django.utils import timezone

from tests.models.migrating import migrate, newest

BEFORE = [("disclosure", "0008_sign_in_guesses")]
AFTER = [("disclosure", "0009_publication_state")]


@pytest.mark.django_db(transaction=True)
def test_withdrawn_and_scheduled_reports_keep_their_public_state():
    old = migrate(BEFORE)
    Body, Report, Revision = (old.get_model("disclosure", name) for name in ("Body", "Report", "Revision"))
    ReportEvent = old.get_model("disclosure", "ReportEvent")
    body = Body.objects.create(slug="sports-bureau", name="锦州市体育局", name_zh_hans="锦州市体育局")
    now = timezone.now()

    def report(year, status, **extra):
        made = Report.objects.create(
            body=body, year=year, title=f"{year}年报", title_zh_hans=f"{year}年报", status=status, **extra
        )
        return made

    def revision(made, number, at):
        return Revision.objects.create(
            report=made,
            number=number,
            body=body,
            year=made.year,
            title=made.title,
            title_zh_hans=made.title,
            published_on=at.date(),
            published_at=at,
            document={"title": {"zh-hans": made.title}},
        )

    withdrawn = report(
        2016,
        "withdrawn",
        withdrawn_at=now - datetime.timedelta(days=1),
        withdrawal_reason="数据有误",
        withdrawal_reason_zh_hans="数据有误",
        withdrawal_reason_zh_hant="數據有誤",
    )
    revision(withdrawn, 1, now - datetime.timedelta(days=10))
    scheduled = report(2017, "scheduled")
    revision(scheduled, 1, now + datetime.timedelta(days=3))
    ReportEvent.objects.create(report=scheduled, action="schedule", from_status="approved", to_status="scheduled")
    resubmitted = report(
        2018, "submitted", withdrawn_at=now - datetime.timedelta(days=2), withdrawal_reason_zh_hans="重复发布"
    )
    revision(resubmitted, 1, now - datetime.timedelta(days=5))
    draft = report(2019, "draft")

    migrate(newest(), through=AFTER)  # the current models below expect every later migration too
    from disclosure.models import Report as Current
    from disclosure.models import Revision as CurrentRevision
    from disclosure.models.revisions import public_state
    from disclosure.publishing import workflow

    states = {r.year: (r.status, public_state(r).kind) for r in Current.objects.all()}
    assert states == {
        2016: ("published", "withdrawn"),
        2017: ("published", "scheduled"),
        2018: ("submitted", "withdrawn"),
        2019: ("draft", "none"),
    }
    assert CurrentRevision.objects.withdrawn_report(2016, "sports-bureau").reason_zh_hant == "數據有誤"
    assert CurrentRevision.objects.withdrawn_report(2018, "sports-bureau").reason_zh_hans == "重复发布"
    assert not CurrentRevision.objects.public().exists()
    assert workflow.editorial_state(Current.objects.get(year=2017)) == workflow.SCHEDULED
    # The old schedule event now names its revision, so publish_scheduled records it going public once.
    assert [r.year for r in workflow.publish_due(now + datetime.timedelta(days=4))] == [2017]
    assert draft.pk

    # And back: the one-field status as it was.
    old = migrate(BEFORE)
    back = {
        r.year: (r.status, r.withdrawal_reason_zh_hans) for r in old.get_model("disclosure", "Report").objects.all()
    }
    assert back[2016] == ("withdrawn", "数据有误")
    assert back[2017][0] == "scheduled"
    migrate(newest())
