"""Revision.objects.public_report and withdrawn_report: the one lookup behind a public report's address."""

import datetime

import pytest
from django.utils import timezone

from disclosure.models import Revision
from tests.factories import make_body, make_report, publish, withdraw

pytestmark = pytest.mark.django_db


def test_public_report_is_the_newest_revision_already_due():
    report = make_report()
    publish(report)
    second = publish(report, note="更正")
    publish(report, note="明天生效", at=timezone.now() + datetime.timedelta(days=1))

    assert Revision.objects.public_report(2016, "sports-bureau") == second


def test_public_report_reads_body_and_year_exactly():
    report = make_report()
    publish(report)
    make_report(body=make_body("health", "锦州市卫生健康委员会"), year=2017)

    assert Revision.objects.public_report(2017, "sports-bureau") is None
    assert Revision.objects.public_report(2016, "health") is None
    assert Revision.objects.public_report(2016, "sports-bureau").body.slug == "sports-bureau"


def test_nothing_for_a_draft_a_report_not_yet_due_or_a_withdrawn_one():
    body = make_report().body
    later = make_report(body=body, year=2017)
    publish(later, at=timezone.now() + datetime.timedelta(days=1))
    withdrawn = make_report(body=body, year=2018)
    publish(withdrawn)
    withdraw(withdrawn)

    assert Revision.objects.public_report(2016, "sports-bureau") is None
    assert Revision.objects.public_report(2017, "sports-bureau") is None
    assert Revision.objects.public_report(2018, "sports-bureau") is None


def test_withdrawn_report_only_for_a_report_that_was_published():
    published = make_report()
    revision = publish(published)
    withdrawal = withdraw(published)
    make_report(body=published.body, year=2017)
    publish(make_report(body=published.body, year=2018))

    assert Revision.objects.withdrawn_report(2016, "sports-bureau") == withdrawal
    assert withdrawal.revision == revision
    assert Revision.objects.withdrawn_report(2017, "sports-bureau") is None
    assert Revision.objects.withdrawn_report(2018, "sports-bureau") is None
