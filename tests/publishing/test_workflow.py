"""workflow.publish and Revision.objects.public(): what the public sees, and when."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from disclosure.models import Report, Revision, Section, Withdrawal, public_windows
from disclosure.models.revisions import public_state
from disclosure.publishing import workflow
from disclosure.publishing.document import SCHEMA, build
from tests import dom
from tests.factories import add_items, approved, import_seed, make_body, make_report, make_staff, make_team, publish

pytestmark = pytest.mark.django_db

LANGUAGES = {"zh-hans", "zh-hant", "en"}
URL = "/reports/2016/sports-bureau/"


def test_first_publish_creates_revision_1_with_the_document():
    report = make_report(title="市体育局2016年度政府信息公开工作报告", levels=(1, 2, 2, 1))
    add_items(report)
    revision = publish(report)

    assert revision.number == 1
    assert Revision.objects.count() == 1
    assert revision.report == report
    assert revision.body == report.body
    assert revision.year == 2016
    assert revision.published_on == datetime.date(2017, 1, 20)
    assert revision.title_zh_hans == "市体育局2016年度政府信息公开工作报告"
    assert revision.title_zh_hant == "市體育局2016年度政府信息公開工作報告"
    assert revision.change_note_zh_hans == ""

    doc = revision.document
    assert doc["schema"] == SCHEMA == "disclosure-report/1"
    assert doc["format"] == "legacy"
    assert doc["year"] == 2016
    assert doc["published_on"] == "2017-01-20"
    assert doc["body"] == {
        "slug": "sports-bureau",
        "name": {"zh-hans": "锦州市体育局", "zh-hant": "錦州市體育局", "en": ""},
        "kind": "department",
    }
    for key in ("title", "source", "preamble"):
        assert set(doc[key]) == LANGUAGES, key
    assert doc["title"] == {
        "zh-hans": "市体育局2016年度政府信息公开工作报告",
        "zh-hant": "市體育局2016年度政府信息公開工作報告",
        "en": "",
    }
    assert [s["heading"]["zh-hans"] for s in doc["sections"]] == ["第1节标题", "第4节标题"]
    assert [c["heading"]["zh-hans"] for c in doc["sections"][0]["children"]] == ["第2节标题", "第3节标题"]
    assert doc["sections"][0]["children"][0]["children"] == []
    for section in doc["sections"]:
        assert set(section["heading"]) == set(section["body"]) == LANGUAGES
    assert doc["rectifications"] == [
        {
            "problem": {"zh-hans": "公开内容不够全面", "zh-hant": "公開內容不夠全面", "en": ""},
            "measure": {"zh-hans": "", "zh-hant": "", "en": ""},
            "status": "planned",
            "responsible": {"zh-hans": "", "zh-hant": "", "en": ""},
            "due": None,
        }
    ]
    assert doc["plans"] == [
        {
            "text": {"zh-hans": "加强培训", "zh-hant": "加強培訓", "en": ""},
            "responsible": {"zh-hans": "", "zh-hant": "", "en": ""},
            "due": None,
        }
    ]


def test_publish_marks_the_report_published_and_records_who():
    report = approved(make_report())
    user = make_staff("publisher", workflow.PUBLISHER, report.body)
    revision = workflow.publish(report, user=user)
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
    assert revision.created_by == user


def test_publish_sets_published_on_to_today_when_empty(frozen_now):
    report = make_report(published_on=None)
    revision = publish(report)
    report.refresh_from_db()
    assert report.published_on == timezone.localdate()
    assert revision.published_on == timezone.localdate()
    assert revision.document["published_on"] == timezone.localdate().isoformat()


def test_publish_keeps_a_given_published_on():
    report = make_report(published_on=datetime.date(2017, 3, 28))
    assert publish(report).published_on == datetime.date(2017, 3, 28)


@pytest.mark.parametrize("note", ["", "   \n "])
def test_second_publish_without_change_note_is_refused(note):
    report = make_report()
    publish(report)
    with pytest.raises(workflow.TransitionError, match="请填写更正说明"):
        publish(report, note=note)
    assert Revision.objects.count() == 1


def test_second_publish_with_a_note_creates_revision_2_shown_in_the_history(client):
    report = make_report()
    publish(report)
    response = client.get(URL)
    assert "修订记录" not in response.content.decode()  # a first publication has no history to show

    section = report.sections.first()
    section.heading_zh_hans = "更正后的标题"
    section.save()
    revision = publish(report, note="  更正了第一部分的标题。 ")
    assert revision.number == 2
    assert revision.change_note_zh_hans == "更正了第一部分的标题。"
    assert revision.change_note_zh_hant == "更正了第一部分的標題。"
    assert Revision.objects.count() == 2

    page = dom.parse(client.get(URL))
    history = page.find("section", class_="history")
    assert history.find("h2").text == "修订记录"
    entries = [li.text for li in history.find("ol").find_all("li")]
    assert len(entries) == 2
    assert "首次发布" in entries[0]
    assert "第2版更正：更正了第一部分的标题。" in entries[1]
    assert "当前版本" in entries[1]
    assert "当前版本" not in entries[0]
    assert page.find("h2", class_="part-heading").text == "一、更正后的标题"


def test_a_report_with_no_sections_cannot_be_published():
    report = make_report(levels=())
    with pytest.raises(workflow.TransitionError, match="还没有正文章节"):
        publish(report)
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    assert report.published_on == datetime.date(2017, 1, 20)
    assert Revision.objects.count() == 0


def test_a_refused_publish_changes_nothing():
    report = make_report(published_on=None)
    publish(report)
    report.published_on = None
    report.save()
    with pytest.raises(workflow.TransitionError):
        publish(report)
    report.refresh_from_db()
    assert report.published_on is None


def test_publish_reads_the_database_not_the_stale_instance():
    report = make_report()
    Report.objects.filter(pk=report.pk).update(title_zh_hans="数据库中的新标题")
    revision = publish(report)
    assert revision.document["title"]["zh-hans"] == "数据库中的新标题"


def test_public_returns_only_the_newest_due_revision_per_report():
    body = make_body()
    first = make_report(body, year=2016)
    second = make_report(body, year=2017)
    draft = make_report(body, year=2018)
    now = timezone.now()
    r1 = publish(first, at=now - datetime.timedelta(days=10))
    r2 = publish(first, note="第二版", at=now - datetime.timedelta(days=5))
    r3 = publish(first, note="定时发布的第三版", at=now + datetime.timedelta(days=1))
    s1 = publish(second, at=now - datetime.timedelta(days=1))

    public = Revision.objects.public()
    assert set(public) == {r2, s1}
    assert draft.pk not in public.values_list("report", flat=True)
    # As of an earlier moment, the first revision was the public one; later, the scheduled one.
    assert set(Revision.objects.public(at=now - datetime.timedelta(days=7))) == {r1}
    assert set(Revision.objects.public(at=now + datetime.timedelta(days=2))) == {r3, s1}


def test_public_ignores_a_report_whose_only_revision_is_future_dated(client):
    report = make_report()
    publish(report, at=timezone.now() + datetime.timedelta(hours=1))
    assert Revision.objects.count() == 1
    assert list(Revision.objects.public()) == []
    assert client.get(URL).status_code == 404


def test_a_future_correction_does_not_replace_the_public_revision_yet(client):
    report = make_report()
    publish(report, at=timezone.now() - datetime.timedelta(days=1))
    section = report.sections.first()
    section.heading_zh_hans = "尚未生效的更正"
    section.save()
    publish(report, note="明天生效", at=timezone.now() + datetime.timedelta(days=1))
    page = client.get(URL).content.decode()
    assert "第1节标题" in page
    assert "尚未生效的更正" not in page
    assert "明天生效" not in page  # a scheduled revision is not in the public history either


def test_history_lists_due_revisions_oldest_first():
    report = make_report()
    now = timezone.now()
    r1 = publish(report, at=now - datetime.timedelta(days=2))
    r2 = publish(report, note="更正一", at=now - datetime.timedelta(days=1))
    publish(report, note="更正二", at=now + datetime.timedelta(days=1))
    assert list(Revision.objects.history(report.pk)) == [r1, r2]


def test_public_page_keeps_showing_revision_1_until_republished(client):
    report, _ = import_seed()
    publish(report)
    before = client.get(URL).content.decode()
    assert "扎实有效地推进信息公开工作" in before

    # Staff edit the working copy: heading, new section, title.
    section = report.sections.get(heading_zh_hans="扎实有效地推进信息公开工作")
    section.heading_zh_hans = "工作草稿中的新标题"
    section.save()
    Section.objects.create(report=report, position=99, level=1, heading_zh_hans="新增的草稿章节")
    report.title_zh_hans = "草稿中的新标题"
    report.save()

    during = client.get(URL).content.decode()
    assert during == before
    assert "工作草稿中的新标题" not in during

    publish(report, note="更新了第一部分标题，增加了一个部分。")
    after = client.get(URL).content.decode()
    assert "工作草稿中的新标题" in after
    assert "新增的草稿章节" in after
    assert "草稿中的新标题" in after
    assert "扎实有效地推进信息公开工作" not in after
    assert "更新了第一部分标题，增加了一个部分。" in after


def test_document_build_nests_sections_as_the_outline_says():
    report = make_report(levels=(1, 2, 3, 4, 3, 1))
    doc = build(report)
    [first, second] = doc["sections"]
    assert first["heading"]["zh-hans"] == "第1节标题"
    [sub] = first["children"]
    assert [c["heading"]["zh-hans"] for c in sub["children"]] == ["第3节标题", "第5节标题"]
    assert [c["heading"]["zh-hans"] for c in sub["children"][0]["children"]] == ["第4节标题"]
    assert second["children"] == []
    assert first["body"]["zh-hans"] == "第1节正文。\n\n第1节第二段。"


# --- transitions: roles, bodies, states, separation of duties ------------------------------------------

S = Report.Status
# Where a report can stand: its review state and what the public sees.
ALL_STATES = ["draft", "submitted", "approved", "scheduled", "published", "live-draft", "withdrawn"]
ROLE_OF = {
    "submit": workflow.EDITOR,
    "return": workflow.REVIEWER,
    "approve": workflow.REVIEWER,
    "publish": workflow.PUBLISHER,
    "schedule": workflow.PUBLISHER,
    "withdraw": workflow.PUBLISHER,
}
COMMENT = {"return": "请补充第二部分的数据。", "withdraw": "数据有误，正在核实。"}
ALLOWED_FROM = {
    "submit": {"draft", "live-draft", "withdrawn"},
    "return": {"submitted", "approved", "scheduled"},
    "approve": {"submitted"},
    "publish": {"approved"},
    "schedule": {"approved"},
    "withdraw": {"published", "live-draft"},
}
LABEL_OF = {
    "draft": "未发布 · 草稿",
    "submitted": "未发布 · 待审核",
    "approved": "未发布 · 已审核",
    "scheduled": "定时发布：",
    "published": "已发布第1版",
    "live-draft": "已发布第1版 · 有未发布的修改：草稿",
    "withdrawn": "已撤回（",
}


@pytest.fixture
def team():
    body = make_body()
    report = make_report(body)
    return {"report": report, "body": body, **make_team(body)}


def put_in(report, state):
    """Bring `report` into `state` the way the workflow would (system publication where needed)."""
    if state in ("published", "live-draft", "withdrawn"):
        publish(report)
    if state == "scheduled":
        publish(report, at=timezone.now() + datetime.timedelta(days=1))
    if state == "withdrawn":
        withdrawal = Withdrawal(report=report, revision=report.revisions.get(), withdrawn_at=timezone.now())
        withdrawal.reason_zh_hans = "旧的理由"
        withdrawal.save()
        public_windows.refresh([report.pk])  # as the workflow does after a withdrawal
    status = {"submitted": S.SUBMITTED, "approved": S.APPROVED, "live-draft": S.DRAFT}.get(state)
    if status:
        Report.objects.filter(pk=report.pk).update(status=status)
    report.refresh_from_db()
    return report


def snapshot(report):
    report = Report.objects.get(pk=report.pk)
    return (report.status, report.version, Withdrawal.objects.count(), Revision.objects.count(), report.events.count())


CASES = [(name, state) for name in workflow.ACTIONS for state in ALL_STATES]


@pytest.mark.parametrize(("name", "state"), CASES)
def test_every_transition_from_every_state(team, name, state):
    report = put_in(team["report"], state)
    assert workflow.describe(report).startswith(LABEL_OF[state])
    user = team[{"撰稿人": "editor", "审核人": "reviewer", "发布人": "publisher"}[ROLE_OF[name]]]
    at = timezone.now() + datetime.timedelta(days=2) if name == "schedule" else None
    note = "更正说明" if name in ("publish", "schedule") and report.revisions.exists() else ""
    comment = COMMENT.get(name, note)
    action = workflow.ACTIONS[name]
    if state not in ALLOWED_FROM[name]:
        before = snapshot(report)
        assert workflow.refusal(user, report, name) is not None
        assert action not in workflow.allowed_actions(user, report)
        message = "目前没有公开的版本" if name == "withdraw" else f"当前状态为“{LABEL_OF[state]}.*”，只有“.*”的年报才能"
        with pytest.raises(workflow.TransitionError, match=message):
            workflow.transition(report, user, name, comment, at)
        assert snapshot(report) == before
        return
    assert action in workflow.allowed_actions(user, report)
    events = report.events.count()
    old = workflow.editorial_state(report)
    workflow.transition(report, user, name, comment, at)
    report.refresh_from_db()
    expected = {
        "submit": S.SUBMITTED,
        "return": S.DRAFT,
        "approve": S.APPROVED,
        "publish": S.PUBLISHED,
        "schedule": workflow.SCHEDULED,
        "withdraw": old,
    }[name]
    assert workflow.editorial_state(report) == expected
    assert report.events.count() == events + 1
    event = report.events.first()
    assert (event.user, event.action, event.from_status, event.to_status, event.comment) == (
        user,
        name,
        old,
        expected,
        comment,
    )
    if name == "withdraw":
        assert list(Revision.objects.public()) == []


@pytest.mark.parametrize("name", list(workflow.ACTIONS))
@pytest.mark.parametrize("who", ["wrong role", "other body", "inactive", "not staff"])
def test_refused_actors_change_nothing(team, name, who):
    source = {"submit": "draft", "return": "submitted", "approve": "submitted"}.get(name, "approved")
    source = "published" if name == "withdraw" else source
    report = put_in(team["report"], source)
    role = ROLE_OF[name]
    if who == "wrong role":
        others = [
            r for r in (workflow.EDITOR, workflow.REVIEWER, workflow.PUBLISHER) if r not in workflow.ACTIONS[name].roles
        ]
        user = make_staff("actor", others[0], team["body"])
        message = f"{workflow.ACTIONS[name].label}需要“"
    elif who == "other body":
        user = make_staff("actor", role, make_body("education-bureau", "锦州市教育局"))
        message = "您不是锦州市体育局的工作人员，不能处理该机构的年报。"
    elif who == "inactive":
        user = make_staff("actor", role, team["body"], is_active=False)
        message = "只有在职的工作人员才能处理年报。"
    else:
        user = make_staff("actor", role, team["body"])
        user.is_staff = False
        user.save()
        message = "只有在职的工作人员才能处理年报。"
    before = snapshot(report)
    at = timezone.now() + datetime.timedelta(days=2)
    with pytest.raises(workflow.TransitionError, match=message):
        workflow.transition(report, user, name, "意见", at)
    assert workflow.allowed_actions(user, report) == []
    assert snapshot(report) == before


def test_unknown_action_is_refused(team):
    before = snapshot(team["report"])
    with pytest.raises(workflow.TransitionError, match="没有“delete”这项操作。可用的操作：submit、return"):
        workflow.transition(team["report"], team["editor"], "delete")
    assert snapshot(team["report"]) == before


def test_submit_records_the_submitter(team):
    workflow.transition(team["report"], team["editor"], "submit")
    team["report"].refresh_from_db()
    assert team["report"].submitted_by == team["editor"]


@pytest.mark.parametrize("also", ["reviewer", "superuser"])
def test_the_submitter_cannot_approve_even_as_reviewer_or_superuser(team, also):
    report = team["report"]
    if also == "reviewer":
        author = make_staff("author", workflow.EDITOR, team["body"])
        author.groups.add(*Group.objects.filter(name=workflow.REVIEWER))
    else:
        author = get_user_model().objects.create_superuser("author", password="x")
    workflow.transition(report, author, "submit")
    before = snapshot(report)
    with pytest.raises(workflow.TransitionError, match="提交人不能审核自己提交的年报"):
        workflow.transition(report, author, "approve")
    assert snapshot(report) == before
    assert workflow.ACTIONS["approve"] not in workflow.allowed_actions(author, report)
    workflow.transition(report, team["reviewer"], "approve")
    report.refresh_from_db()
    assert report.status == S.APPROVED


def test_a_superuser_may_do_everything_without_membership(team):
    chief = get_user_model().objects.create_superuser("chief", password="x")
    report = team["report"]
    workflow.transition(report, team["editor"], "submit")
    workflow.transition(report, chief, "approve")
    revision = workflow.transition(report, chief, "publish")
    assert revision.created_by == chief


@pytest.mark.parametrize(("name", "state"), [("return", "submitted"), ("withdraw", "published")])
@pytest.mark.parametrize("comment", ["", "  \n "])
def test_return_and_withdraw_need_a_comment(team, name, state, comment):
    report = put_in(team["report"], state)
    user = team[{"return": "reviewer", "withdraw": "publisher"}[name]]
    before = snapshot(report)
    with pytest.raises(workflow.TransitionError, match="须写明"):
        workflow.transition(report, user, name, comment)
    assert snapshot(report) == before


def approve(team):
    workflow.transition(team["report"], team["editor"], "submit")
    workflow.transition(team["report"], team["reviewer"], "approve")


def test_schedule_needs_a_future_time(team):
    approve(team)
    before = snapshot(team["report"])
    for at in (timezone.now() - datetime.timedelta(minutes=1), None):
        with pytest.raises(workflow.TransitionError, match="定时发布的时间必须晚于现在"):
            workflow.transition(team["report"], team["publisher"], "schedule", "", at)
    assert snapshot(team["report"]) == before


def test_a_scheduled_revision_becomes_public_when_due_and_publish_due_records_it(team, client):
    approve(team)
    at = timezone.now() + datetime.timedelta(hours=3)
    revision = workflow.transition(team["report"], team["publisher"], "schedule", "", at)
    assert revision.published_at == at
    assert list(Revision.objects.public()) == []
    assert client.get(URL).status_code == 404
    # As of its time it is public, and its report is published, whether or not the command has run.
    assert list(Revision.objects.public(at=at)) == [revision]
    assert workflow.editorial_state(Report.objects.get()) == workflow.SCHEDULED
    assert public_state(team["report"], at=at).label == "已发布第1版"
    assert workflow.publish_due(now=at - datetime.timedelta(seconds=1)) == []

    with later(hours=4):
        assert workflow.editorial_state(Report.objects.get()) == S.PUBLISHED
        assert workflow.describe(Report.objects.get()) == "已发布第1版"
    # The command only writes the history line, once.
    done = workflow.publish_due(now=at + datetime.timedelta(seconds=1))
    assert done == [revision]
    event = Report.objects.get().events.first()
    assert (event.user, event.action, event.from_status, event.to_status) == (None, "publish", "scheduled", "published")
    assert event.revision == revision
    assert event.comment == f"定时发布的第1版已于{timezone.localtime(at).strftime('%Y-%m-%d %H:%M')}公开。"
    assert workflow.publish_due(now=at + datetime.timedelta(seconds=2)) == []
    assert Revision.objects.count() == 1


def test_returning_a_scheduled_report_drops_the_future_revision(team):
    approve(team)
    workflow.transition(team["report"], team["publisher"], "schedule", "", timezone.now() + datetime.timedelta(days=1))
    assert Revision.objects.count() == 1
    workflow.transition(team["report"], team["reviewer"], "return", "时间不对。")
    assert Revision.objects.count() == 0
    assert Report.objects.get().status == S.DRAFT
    assert list(Revision.objects.public(at=timezone.now() + datetime.timedelta(days=2))) == []


def test_withdraw_takes_the_report_off_everything_and_a_later_publish_brings_it_back(team, client):
    approve(team)
    workflow.transition(team["report"], team["publisher"], "publish")
    assert client.get("/reports/").content.decode().count(URL) >= 1
    workflow.transition(team["report"], team["publisher"], "withdraw", "统计数据有误，正在核实。")
    report = Report.objects.get()
    assert report.status == S.PUBLISHED  # the working copy is untouched: withdrawal acts on the public state
    withdrawal = Withdrawal.objects.get()
    assert (withdrawal.revision.number, withdrawal.reason_zh_hans) == (1, "统计数据有误，正在核实。")
    assert public_state(report).is_withdrawn
    assert list(Revision.objects.public()) == []
    assert URL not in client.get("/reports/").content.decode()
    assert URL not in client.get("/sitemap.xml").content.decode()
    response = client.get(URL)
    assert response.status_code == 410
    assert "统计数据有误，正在核实。" in response.content.decode()

    # Back through review, published again: a correction with its note.
    approve(team)
    assert client.get(URL).status_code == 410  # approved is not public yet
    with pytest.raises(workflow.TransitionError, match="请填写更正说明"):
        workflow.transition(team["report"], team["publisher"], "publish")
    workflow.transition(team["report"], team["publisher"], "publish", "核实后重新发布。")
    assert Withdrawal.objects.count() == 1  # the record stays: revision 1 was withdrawn, revision 2 is public
    assert client.get(URL).status_code == 200
    assert URL in client.get("/sitemap.xml").content.decode()
    assert [r.number for r in Revision.objects.public()] == [2]


def test_a_correction_goes_through_review_while_the_public_keeps_revision_1(team, client):
    approve(team)
    report = team["report"]
    workflow.transition(report, team["publisher"], "publish")
    report.refresh_from_db()
    section = report.sections.first()
    section.heading_zh_hans = "更正后的标题"
    section.save()
    workflow.edited(
        report, team["editor"], [{"where": "章节 一、 标题（简体）", "before": "第1节标题", "after": "更正后的标题"}]
    )
    report.refresh_from_db()
    assert report.status == S.DRAFT
    assert report.events.first().action == "edit"
    assert report.events.first().from_status == S.PUBLISHED

    def public_page():
        return client.get(URL).content.decode()

    assert "第1节标题" in public_page() and "更正后的标题" not in public_page()
    workflow.transition(report, team["editor"], "submit")
    assert "更正后的标题" not in public_page()
    workflow.transition(report, team["reviewer"], "approve")
    assert "更正后的标题" not in public_page()
    before = snapshot(report)
    with pytest.raises(workflow.TransitionError, match="请填写更正说明"):
        workflow.transition(report, team["publisher"], "publish", "  ")
    assert snapshot(report) == before
    revision = workflow.transition(report, team["publisher"], "publish", "更正了第一部分的标题。")
    assert revision.number == 2
    page = dom.parse(client.get(URL))
    assert page.find("h2", class_="part-heading").text == "一、更正后的标题"
    history = [li.text for li in page.find("section", class_="history").find("ol").find_all("li")]
    assert len(history) == 2
    assert "首次发布" in history[0]
    assert "更正了第一部分的标题。" in history[1]


def test_editing_a_draft_stays_draft_and_records_the_changes(team):
    report = team["report"]
    workflow.edited(report, team["editor"], [{"where": "标题（简体）", "before": "a", "after": "b"}])
    event = report.events.get()
    assert (event.action, event.from_status, event.to_status) == ("edit", "draft", "draft")
    assert event.changes == [{"where": "标题（简体）", "before": "a", "after": "b"}]


# --- issue 14: the public state derived from revisions and withdrawals, the review state kept apart ----------


def later(**delta):
    """Django's clock moved forward by `delta` (the public state must follow with no cron run)."""
    from unittest import mock

    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + datetime.timedelta(**delta))


def test_case1_a_withdrawn_report_scheduled_again_stays_withdrawn_until_its_time(team, client):
    report = team["report"]
    approve(team)
    workflow.transition(report, team["publisher"], "publish")
    workflow.transition(report, team["publisher"], "withdraw", "统计数据有误，正在核实。")
    assert client.get(URL).status_code == 410
    approve(team)
    at = timezone.now() + datetime.timedelta(days=3 * 365)
    workflow.transition(report, team["publisher"], "schedule", "核实后重新发布。", at)
    assert Revision.objects.public_report(2016, "sports-bureau") is None
    assert client.get(URL).status_code == 410
    assert URL not in client.get("/reports/").content.decode()
    workflow.transition(report, team["reviewer"], "return", "发布时间不对。")
    assert client.get(URL).status_code == 410
    assert Revision.objects.public_report(2016, "sports-bureau", at=at + datetime.timedelta(days=1)) is None


def test_case2_a_scheduled_correction_is_not_marked_published_before_its_time(team, client):
    report = team["report"]
    approve(team)
    workflow.transition(report, team["publisher"], "publish")
    Section.objects.filter(report=report, position=1).update(heading_zh_hans="尚未到时的更正")
    report.refresh_from_db()
    workflow.edited(report, team["editor"], [])
    approve(team)
    at = timezone.now() + datetime.timedelta(days=2)
    workflow.transition(report, team["publisher"], "schedule", "更正第一部分标题。", at)
    workflow.publish_due()
    # Still scheduled: the reviewer may send it back, which drops the future revision.
    workflow.transition(report, team["reviewer"], "return", "标题仍需推敲。")
    assert Revision.objects.count() == 1
    with later(days=3):
        page = client.get(URL).content.decode()
    assert "第1节标题" in page and "尚未到时的更正" not in page


def test_case4_a_live_report_can_be_withdrawn_while_a_correction_is_being_written(team, client):
    report = team["report"]
    approve(team)
    workflow.transition(report, team["publisher"], "publish")
    report.refresh_from_db()
    workflow.edited(report, team["editor"], [{"where": "标题（简体）", "before": "a", "after": "b"}])
    workflow.transition(report, team["publisher"], "withdraw", "数据有误，正在核实。")
    assert client.get(URL).status_code == 410
    assert list(Revision.objects.public()) == []


# --- issue 14: the change note proposed on the working copy, amended by the publisher ------------------------


def propose(report, simplified, english=None):
    """The editor's proposal, as saved by the change form (and the English by the 英文译文 page)."""
    report.refresh_from_db()
    report.change_note_zh_hans = simplified
    if english is not None:
        report.change_note_en = english
    report.save()
    return report


def corrected(team):
    """The team's report published, then edited: a correction in draft, through review up to approval."""
    report = team["report"]
    publish(report)
    report.refresh_from_db()
    Section.objects.filter(report=report, position=1).update(heading_zh_hans="更正后的标题")
    workflow.edited(report, team["editor"], [])
    return report


def test_publication_carries_the_proposal_into_the_revision_and_clears_it(team):
    report = propose(corrected(team), "  更正了第一部分的标题。 ", "Corrected the heading of part I.")
    assert report.change_note_zh_hant.strip() == "更正了第一部分的標題。"  # derived on the working copy too
    approve(team)
    revision = workflow.transition(report, team["publisher"], "publish")
    assert (revision.change_note_zh_hans, revision.change_note_zh_hant, revision.change_note_en) == (
        "更正了第一部分的标题。",
        "更正了第一部分的標題。",
        "Corrected the heading of part I.",
    )
    report.refresh_from_db()
    assert workflow.proposed_note(report) == {"zh-hans": "", "en": ""}
    assert report.change_note_zh_hant == "" and "change_note" not in report.en_sources
    assert report.events.first().comment == "更正了第一部分的标题。"  # the history says what went out


def test_the_publishers_amendment_wins_language_by_language(team):
    report = propose(corrected(team), "拟写的说明。", "Proposed note.")
    approve(team)
    amended = {"zh-hans": "发布人修改的说明。", "en": "Amended note."}
    revision = workflow.transition(report, team["publisher"], "publish", note=amended)
    assert (revision.change_note_zh_hans, revision.change_note_zh_hant, revision.change_note_en) == (
        "发布人修改的说明。",
        "發佈人修改的說明。",
        "Amended note.",
    )


@pytest.mark.parametrize(
    ("amended", "expected"),
    [
        (None, {"zh-hans": "拟写的说明。", "en": "Proposed note."}),
        ({"zh-hans": "拟写的说明。"}, {"zh-hans": "拟写的说明。", "en": "Proposed note."}),
        ({"en": "Better English."}, {"zh-hans": "拟写的说明。", "en": "Better English."}),
        # The proposal's English translates the proposal's Simplified: rewrite one alone and the other goes.
        ({"zh-hans": "改写的说明。"}, {"zh-hans": "改写的说明。", "en": ""}),
        ({"zh-hans": "改写的说明。", "en": "Rewritten note."}, {"zh-hans": "改写的说明。", "en": "Rewritten note."}),
        ({"zh-hans": " 拟写的说明。 ", "en": ""}, {"zh-hans": "拟写的说明。", "en": ""}),
    ],
)
def test_note_for_puts_the_amendment_over_the_proposal(team, amended, expected):
    report = propose(team["report"], "拟写的说明。", "Proposed note.")
    assert workflow.note_for(report, amended) == expected


def test_a_correction_without_a_simplified_note_is_still_refused(team):
    report = propose(corrected(team), "", "An English note alone.")
    approve(team)
    with pytest.raises(workflow.TransitionError, match="请填写更正说明"):
        workflow.transition(report, team["publisher"], "publish")
    with pytest.raises(workflow.TransitionError, match="请填写更正说明"):
        workflow.transition(report, team["publisher"], "publish", note={"zh-hans": "  "})
    assert Revision.objects.count() == 1
    assert workflow.proposed_note(Report.objects.get(pk=report.pk))["en"] == "An English note alone."


def test_a_comment_still_amends_the_simplified_note(team):
    """The commands' --comment (and publish_report --note) as before the proposal existed."""
    report = propose(corrected(team), "拟写的说明。", "Proposed note.")
    approve(team)
    revision = workflow.transition(report, team["publisher"], "publish", "命令行写的说明。")
    assert (revision.change_note_zh_hans, revision.change_note_en) == ("命令行写的说明。", "")


@pytest.mark.parametrize("how", ["return", "edit", "withdraw"])
def test_a_dropped_scheduled_correction_gives_its_note_back_to_the_working_copy(team, how):
    report = propose(corrected(team), "拟写的说明。", "Proposed note.")
    approve(team)
    at = timezone.now() + datetime.timedelta(days=2)
    workflow.transition(report, team["publisher"], "schedule", at=at, note={"zh-hans": "定时发布的说明。"})
    assert workflow.proposed_note(Report.objects.get(pk=report.pk)) == {"zh-hans": "", "en": ""}
    if how == "return":
        workflow.transition(report, team["reviewer"], "return", "再核对一次。")
    elif how == "edit":
        report.refresh_from_db()
        workflow.edited(report, team["editor"], [])
        assert report.change_note_zh_hans == "定时发布的说明。"  # the caller's copy too
    else:
        workflow.transition(report, team["publisher"], "withdraw", "数据有误。")
    report = Report.objects.get(pk=report.pk)
    assert Revision.objects.count() == 1
    # The note the publisher scheduled (its English dropped with the rewritten Simplified), derived again.
    assert workflow.proposed_note(report) == {"zh-hans": "定时发布的说明。", "en": ""}
    assert report.change_note_zh_hant == "定時發佈的說明。"


def test_a_new_proposal_is_not_overwritten_by_a_dropped_schedule(team):
    report = propose(corrected(team), "拟写的说明。")
    approve(team)
    workflow.transition(report, team["publisher"], "schedule", at=timezone.now() + datetime.timedelta(days=2))
    propose(report, "新写的说明。")  # the form's save, which workflow.edited records next
    workflow.edited(report, team["editor"], [])
    assert workflow.proposed_note(Report.objects.get(pk=report.pk))["zh-hans"] == "新写的说明。"


def test_a_published_note_never_changes_afterwards(team):
    from disclosure.models import GlossaryEntry

    report = propose(corrected(team), "更正了范晓东的职务。")
    approve(team)
    revision = workflow.transition(report, team["publisher"], "publish")
    assert revision.change_note_zh_hant == "更正了範曉東的職務。"
    GlossaryEntry.objects.create(simplified="范晓东", traditional="范曉東")
    propose(report, "下一次更正。", "Next correction.")
    revision.refresh_from_db()
    assert (revision.change_note_zh_hans, revision.change_note_zh_hant, revision.change_note_en) == (
        "更正了范晓东的职务。",
        "更正了範曉東的職務。",  # a record: the next publication carries the glossary's fix
        "",
    )
