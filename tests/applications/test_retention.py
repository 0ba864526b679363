"""Erasing applicants' personal data after the retention period: the case, its steps and table 3 stay."""

import datetime
import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from disclosure.applications import counting, retention
from disclosure.models import Application
from tests.applications.factories import PERSON, make_application, replied
from tests.factories import make_body

D = datetime.date


def _at(day):
    """timezone.now() at 10:00 in Shanghai on `day`."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _run(*args):
    out = io.StringIO()
    call_command("erase_expired_applications", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def register(db):
    body = make_body()
    return {
        # Replied 2021-03-19: more than five years before 2026-06-01.
        "old": make_application(body, D(2021, 3, 1), replied(D(2021, 3, 19)), ref="2021-0001"),
        # Replied 2021-06-01: exactly five years, kept.
        "edge": make_application(body, D(2021, 5, 20), replied(D(2021, 6, 1)), ref="2021-0002"),
        # Received long ago but never replied: still open, kept.
        "open": make_application(body, D(2020, 12, 1), ref="2020-0009"),
        "recent": make_application(body, D(2025, 3, 3), replied(D(2025, 3, 20)), ref="2025-0001"),
    }


def test_cutoff():
    assert retention.cutoff(D(2026, 6, 1), 5) == D(2021, 6, 1)
    assert retention.cutoff(D(2028, 2, 29), 5) == D(2023, 2, 28)


def test_dry_run_lists_and_changes_nothing(register):
    with _at(D(2026, 6, 1)):
        out = _run("--dry-run")
    assert "sports-bureau 2021-0001" in out
    assert "2021-0002" not in out and "2020-0009" not in out and "2025-0001" not in out
    assert "试运行：1件申请答复于2021-06-01之前（保存期限5年）" in out
    assert Application.objects.get(ref="2021-0001").id_number == PERSON["id_number"]


def test_erasing_keeps_the_case_and_its_statistics(register):
    before = counting.table3(register["old"].body, 2021)
    with _at(D(2026, 6, 1)):
        out = _run()
    assert "已删除1件申请的申请人个人信息（答复于2021-06-01之前，保存期限5年）" in out
    old = Application.objects.get(ref="2021-0001")
    assert all(getattr(old, field) == "" for field in Application.PERSONAL_FIELDS)
    assert old.request and old.applicant_type == "natural_person" and old.events.count() == 1
    assert counting.table3(old.body, 2021) == before
    for ref in ("2021-0002", "2020-0009", "2025-0001"):
        assert Application.objects.get(ref=ref).name == PERSON["name"]
    with _at(D(2026, 6, 1)):
        assert "已删除0件" in _run()  # nothing left to erase: run daily without harm


def test_the_setting(register, settings):
    settings.APPLICATION_RETENTION_YEARS = 1
    with _at(D(2026, 6, 1)):
        out = _run("--dry-run")
    assert "2021-0001" in out and "2021-0002" in out and "2025-0001" in out
    settings.APPLICATION_RETENTION_YEARS = 0
    with pytest.raises(CommandError, match="不小于1"):
        _run()
