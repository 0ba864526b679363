"""锁定: who may take and release a lock, its timeout, and whose saves it refuses."""

import datetime

import pytest

from disclosure.models import ReportLock
from disclosure.publishing import locks, workflow
from tests.factories import make_body, make_report, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    body = make_body()
    return body, {
        "wang": make_staff("wang", workflow.EDITOR, body, first_name="王撰稿"),
        "zhao": make_staff("zhao", workflow.EDITOR, body, first_name="赵撰稿"),
        "publisher": make_staff("pub", workflow.PUBLISHER, body),
        "reviewer": make_staff("rev", workflow.REVIEWER, body),
        "outsider": make_staff("out", workflow.EDITOR, make_body("education-bureau", "锦州市教育局")),
    }


def test_the_holder_saves_others_are_refused_until_it_runs_out(people, frozen_now):
    body, staff = people
    report = make_report(body)
    held = locks.lock(report, staff["wang"])
    assert locks.save_refusal(report, staff["wang"]) is None
    refusal = locks.save_refusal(report, staff["zhao"])
    assert refusal.startswith("未保存：这份年报已由王撰稿于") and "您填写的内容仍在下方，没有丢失" in refusal
    later = frozen_now + locks.LOCK_TIMEOUT
    assert locks.current(report, now=later) is None
    assert locks.current(report, now=later - datetime.timedelta(seconds=1)) == held
    assert datetime.timedelta(hours=2) == locks.LOCK_TIMEOUT


def test_only_editors_of_the_body_lock(people):
    body, staff = people
    report = make_report(body)
    assert locks.may_lock(staff["reviewer"], report) == "只有撰稿人可以锁定年报。"
    assert "不是锦州市体育局的工作人员" in locks.may_lock(staff["outsider"], report)
    locks.lock(report, staff["wang"])
    with pytest.raises(locks.LockError, match="这份年报已由王撰稿于"):
        locks.lock(report, staff["zhao"])


def test_the_holder_and_a_publisher_release_nobody_else(people):
    body, staff = people
    report = make_report(body)
    locks.lock(report, staff["wang"])
    for someone in ("zhao", "reviewer"):
        with pytest.raises(locks.LockError, match="只有锁定人或本机构的发布人可以解除锁定"):
            locks.release(report, staff[someone])
    assert locks.release(report, staff["publisher"]).user == staff["wang"]
    assert not ReportLock.objects.exists()
    assert locks.release(report, staff["wang"]) is None  # nothing to release


def test_a_lock_run_out_is_taken_over_and_the_holders_save_renews(people, frozen_now):
    body, staff = people
    report = make_report(body)
    locks.lock(report, staff["wang"], now=frozen_now - locks.LOCK_TIMEOUT)
    assert locks.lock(report, staff["zhao"]).user == staff["zhao"]
    locks.renew(report, staff["zhao"], now=frozen_now + datetime.timedelta(hours=1))
    assert ReportLock.objects.get().locked_at == frozen_now + datetime.timedelta(hours=1)
    locks.renew(report, staff["wang"], now=frozen_now + datetime.timedelta(hours=5))  # not the holder: nothing
    assert ReportLock.objects.get().locked_at == frozen_now + datetime.timedelta(hours=1)
