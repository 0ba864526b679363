"""The maintained windows behind "is it public?" (models/public_windows.py) and the data migration that fills them.

The state machine (tests/publishing/test_state_machine.py) checks public() against a reckoning from the rows after
every sequence of actions; these check the windows' own arithmetic, that the query is a join rather than a
subquery per row, and the migration both ways.
"""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from disclosure.models import PublicWindow, Revision, public_windows
from tests.factories import make_body, make_report, publish
from tests.models.migrating import migrate, newest

T = timezone.make_aware(datetime.datetime(2026, 1, 20, 9))


def hours(count):
    return T + datetime.timedelta(hours=count)


def test_each_revision_is_public_until_the_next_falls_due_or_it_is_withdrawn():
    rows = public_windows.windows([(2, 7, hours(5), 2), (1, 7, hours(0), 1), (3, 7, hours(9), 3)], {2: hours(6)})
    got = [(row.revision_id, row.public_from, row.superseded_at, row.withdrawn_at) for row in rows]
    assert got == [(1, hours(0), hours(5), None), (2, hours(5), hours(9), hours(6)), (3, hours(9), None, None)]


def test_at_the_same_instant_the_higher_number_wins():
    rows = public_windows.windows([(1, 7, hours(0), 1), (2, 7, hours(0), 2)], {})
    assert [(row.public_from, row.superseded_at) for row in rows] == [(hours(0), hours(0)), (hours(0), None)]


@pytest.mark.django_db
def test_public_is_one_join_not_a_subquery_per_row():
    sql = str(Revision.objects.public(T).query).upper()
    assert sql.count("SELECT") == 1
    assert "PUBLICWINDOW" in sql


@pytest.mark.django_db
def test_a_scheduled_correction_takes_over_when_its_time_comes_without_any_write(frozen_now):
    report = make_report(make_body())
    first = publish(report)
    soon = frozen_now + datetime.timedelta(hours=1)
    second = publish(report, "更正了第一部分。", at=soon)
    assert list(Revision.objects.public()) == [first]
    with CaptureQueriesContext(connection) as writes:
        later = soon + datetime.timedelta(seconds=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            assert list(Revision.objects.public()) == [second]
    assert not [query for query in writes.captured_queries if not query["sql"].upper().startswith("SELECT")]
    assert PublicWindow.objects.get(revision=first).superseded_at == soon


@pytest.mark.django_db
def test_refresh_rewrites_what_was_written_behind_its_back():
    first = publish(make_report(make_body()))
    PublicWindow.objects.all().delete()
    assert not Revision.objects.public().exists()
    public_windows.refresh()
    assert list(Revision.objects.public()) == [first]


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_windows_of_published_revisions_and_reverses():
    old = migrate([("disclosure", "0020_report_lock")])
    Body, Report, Revision_, Withdrawal = (
        old.get_model("disclosure", name) for name in ("Body", "Report", "Revision", "Withdrawal")
    )
    body = Body.objects.create(slug="sports-bureau", name="锦州市体育局", name_zh_hans="锦州市体育局")
    now = timezone.now()

    def revision(report, number, at):
        return Revision_.objects.create(
            report=report,
            number=number,
            body=body,
            year=report.year,
            title=report.title,
            title_zh_hans=report.title,
            published_on=at.date(),
            published_at=at,
            document={"title": {"zh-hans": report.title}},
        )

    live, withdrawn, scheduled = (
        Report.objects.create(body=body, year=year, title=f"{year}年报", title_zh_hans=f"{year}年报")
        for year in (2016, 2017, 2018)
    )
    revision(live, 1, now - datetime.timedelta(days=9))
    corrected = revision(live, 2, now - datetime.timedelta(days=2))
    taken_down = revision(withdrawn, 1, now - datetime.timedelta(days=5))
    Withdrawal.objects.create(
        report=withdrawn, revision=taken_down, withdrawn_at=now - datetime.timedelta(days=1), reason_zh_hans="数据有误"
    )
    revision(scheduled, 1, now + datetime.timedelta(days=3))

    new = migrate([("disclosure", "0021_public_windows")])
    windows = new.get_model("disclosure", "PublicWindow").objects
    assert windows.count() == 4
    assert windows.get(revision_id=taken_down.pk).withdrawn_at == now - datetime.timedelta(days=1)
    assert windows.get(revision__report_id=live.pk, revision__number=1).superseded_at == corrected.published_at

    migrate([("disclosure", "0020_report_lock")])  # reversible: the table goes, the revisions stay
    assert Revision_.objects.count() == 4
    migrate(newest())
    assert [(r.year, r.number) for r in Revision.objects.public().order_by("year")] == [(2016, 2)]
    assert Revision.objects.withdrawn_report(2017, "sports-bureau").reason_zh_hans == "数据有误"
    future = now + datetime.timedelta(days=4)
    assert [(r.year, r.number) for r in Revision.objects.public(future).order_by("year")] == [(2016, 2), (2018, 1)]
