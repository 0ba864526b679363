"""publishing/queue.py: what waits for whom (待我审核, 待我发布, 退回给我的, 即将到期), scoped by body and role."""

import datetime

import pytest
from django.urls import reverse

from disclosure.applications import calendar, clock
from disclosure.publishing import queue, workflow
from tests.applications.factories import make_application, replied
from tests.factories import make_body, make_report, make_staff, publish

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 1, 20)  # last year's reports: departments due 2026-01-31 (11 days), governments 2026-03-31


@pytest.fixture
def sports():
    return make_body()


@pytest.fixture
def staff(sports):
    education = make_body("education-bureau", "锦州市教育局")
    return {
        "editor": make_staff("editor", workflow.EDITOR, sports, first_name="王撰稿"),
        "reviewer": make_staff("reviewer", workflow.REVIEWER, sports),
        "reviewer2": make_staff("reviewer2", workflow.REVIEWER, sports),
        "publisher": make_staff("publisher", workflow.PUBLISHER, sports),
        "handler": make_staff("handler", "申请办理人", sports, first_name="赵办理"),
        "other_reviewer": make_staff("other-reviewer", workflow.REVIEWER, education),
        "other_publisher": make_staff("other-publisher", workflow.PUBLISHER, education),
    }


@pytest.fixture
def report(sports):
    return make_report(body=sports, year=2025, published_on=None)


def titles(user, key, today=TODAY):
    return [item.title for item in queue.for_user(user, today).section(key).items]


def test_a_submitted_report_waits_for_the_reviewers_of_its_body_only(staff, report):
    workflow.transition(report, staff["editor"], "submit")

    assert titles(staff["reviewer"], "review") == [report.title]
    assert titles(staff["reviewer2"], "review") == [report.title]
    for name in ("editor", "publisher", "handler", "other_reviewer"):
        assert titles(staff[name], "review") == [], name
    item = queue.for_user(staff["reviewer"], TODAY).section("review").items[0]
    assert item.url == reverse("admin:disclosure_report_change", args=[report.pk])
    assert item.deadline == D(2026, 1, 31) and item.situation == "还剩11天" and not item.late
    assert item.since is not None and item.body == "锦州市体育局"


def test_a_reviewer_who_submitted_the_report_is_not_asked_to_review_it(staff, report, sports):
    both = make_staff("both", workflow.EDITOR, sports)
    both.groups.add(staff["reviewer"].groups.get())
    workflow.transition(report, both, "submit")

    assert titles(both, "review") == []
    assert titles(staff["reviewer"], "review") == [report.title]


def test_an_approved_report_waits_for_the_publishers_of_its_body(staff, report):
    workflow.transition(report, staff["editor"], "submit")
    workflow.transition(report, staff["reviewer"], "approve")

    assert titles(staff["publisher"], "publish") == [report.title]
    assert titles(staff["reviewer"], "review") == []
    assert titles(staff["other_publisher"], "publish") == []
    assert titles(staff["reviewer"], "publish") == []


def test_a_returned_report_waits_for_its_author_with_the_comment_until_resubmitted(staff, report):
    workflow.transition(report, staff["editor"], "submit")
    workflow.transition(report, staff["reviewer"], "return", "第二部分缺少主动公开的数据，请补充。")

    items = queue.for_user(staff["editor"], TODAY).section("returned").items
    assert [item.title for item in items] == [report.title]
    assert items[0].note == "第二部分缺少主动公开的数据，请补充。"
    assert titles(staff["reviewer"], "returned") == []
    assert titles(staff["publisher"], "returned") == []

    workflow.transition(report, staff["editor"], "submit")
    assert titles(staff["editor"], "returned") == []


def test_the_last_editor_of_a_returned_report_sees_it_too(staff, report, sports):
    colleague = make_staff("editor2", workflow.EDITOR, sports)
    workflow.edited(report, colleague, [])
    workflow.transition(report, staff["editor"], "submit")
    workflow.transition(report, staff["reviewer"], "return", "请核对数字。")

    assert titles(colleague, "returned") == [report.title]
    assert titles(staff["editor"], "returned") == [report.title]


def test_an_unpublished_report_near_its_deadline_is_due_for_every_member_of_its_body(staff, report):
    for name in ("editor", "reviewer", "publisher"):
        assert titles(staff[name], "due") == [report.title], name
    assert titles(staff["other_reviewer"], "due") == ["锦州市教育局2025年政府信息公开工作年度报告"]
    # More than a month before the deadline it is not due yet (in December the year before's report is the one
    # due); once published it is never due.
    assert report.title not in titles(staff["editor"], "due", D(2025, 12, 20))
    publish(report, at=None)
    assert titles(staff["editor"], "due") == []


def test_a_late_report_says_how_late(staff, report):
    item = queue.for_user(staff["editor"], D(2026, 2, 3)).section("due").items[0]
    assert item.late and item.situation == "已逾期3天"
    assert item.note == "未发布 · 草稿"


def test_a_body_without_last_years_report_is_due_and_linked_to_a_new_one(staff, sports):
    item = queue.for_user(staff["editor"], TODAY).section("due").items[0]
    assert item.title == "锦州市体育局2025年政府信息公开工作年度报告"
    assert item.note == "尚未创建"
    assert item.url == f"{reverse('admin:disclosure_report_add')}?body={sports.pk}&year=2025"


def test_a_government_has_until_the_end_of_march(staff):
    government = make_body("jinzhou", "锦州市人民政府", kind="government")
    clerk = make_staff("clerk", workflow.EDITOR, government)

    assert titles(clerk, "due") == []  # 2026-03-31 is 70 days away
    item = queue.for_user(clerk, D(2026, 3, 10)).section("due").items[0]
    assert item.deadline == D(2026, 3, 31) and item.situation == "还剩21天"


def test_an_older_report_never_published_stays_due(staff, sports):
    old = make_report(body=sports, year=2023, published_on=None)
    make_report(body=sports, year=2025, published_on=None)

    assert titles(staff["editor"], "due")[0] == old.title


def test_applications_due_soon_or_late_are_due_for_the_handlers_of_their_body(staff, sports):
    days = calendar.from_database()
    late = make_application(sports, D(2025, 11, 3), ref="2025-0101")
    soon_received = D(2025, 12, 24)  # due 2026-01-22, two working days on
    soon = make_application(sports, soon_received, ref="2025-0102", handler=staff["handler"])
    make_application(sports, D(2026, 1, 16), ref="2026-0001")  # due in February
    make_application(sports, D(2025, 11, 3), replied(D(2025, 11, 20)), ref="2025-0103")  # answered
    make_application(make_body("health", "锦州市卫生健康委员会"), D(2025, 11, 3), ref="2025-0104")

    due = queue.for_user(staff["handler"], TODAY).section("due").items
    items = [item for item in due if item.kind == "application"]

    assert [item.title for item in items] == ["政府信息公开申请 2025-0101", "政府信息公开申请 2025-0102"]
    assert items[0].late and items[0].situation.startswith("已逾期")
    assert items[0].url == reverse("admin:disclosure_application_change", args=[late.pk])
    assert items[0].note == "办理中，承办人：未指定"
    due_on = clock.compute(soon_received, [], days, TODAY).due_on
    assert items[1].deadline == due_on and not items[1].late and items[1].situation == "还剩2个工作日"
    assert items[1].note == "办理中，承办人：赵办理"
    assert "张某某" not in repr(items)  # no applicant's name in the queue
    # Only a handler is given the register's cases.
    assert all(item.kind == "report" for item in queue.for_user(staff["editor"], TODAY).section("due").items)
    assert soon.pk


def test_counts_and_which_lists_apply_to_whom(staff, report):
    workflow.transition(report, staff["editor"], "submit")

    reviewer = queue.for_user(staff["reviewer"], TODAY)
    assert reviewer.counts == {"review": 1, "publish": 0, "returned": 0, "due": 1}
    assert reviewer.total == 2
    assert [s.key for s in reviewer.sections if s.applies] == ["review", "due"]
    editor = queue.for_user(staff["editor"], TODAY)
    assert [s.key for s in editor.sections if s.applies] == ["returned", "due"]
    assert [s.key for s in queue.for_user(staff["publisher"], TODAY).sections if s.applies] == ["publish", "due"]
