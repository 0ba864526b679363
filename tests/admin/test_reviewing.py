"""The editorial admin: body scoping, workflow buttons and pages, lost-update refusal, history and diff."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from disclosure.models import Report, ReportEvent, Revision
from disclosure.publishing import workflow
from tests import dom
from tests.factories import PASSWORD, approved, make_report, publish

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/disclosure/report/"
S = Report.Status


@pytest.fixture
def reports(bodies):
    sports, education = bodies
    return {"sports": make_report(sports, year=2016), "education": make_report(education, year=2017)}


def login(client, user):
    client.force_login(user)
    return client


def url(report, rest="change/"):
    return f"/admin/disclosure/report/{report.pk}/{rest}"


def titles(response):
    return [th.text for th in dom.parse(response).find_all("th", class_="field-title")]


def report_form(response):
    return dom.form_data(dom.parse(response).find("form", id="report_form"))


def buttons(response):
    panel = dom.parse(response).find("fieldset", class_="workflow-panel")
    return [a.text for a in panel.find_all("a", class_="button")]


def messages_of(response):
    lists = dom.parse(response).find_all("ul", class_="messagelist")
    return [li.text for li in lists[0].find_all("li")] if lists else []


def snapshot(report):
    report = Report.objects.get(pk=report.pk)
    return (report.status, report.version, report.title_zh_hans, Revision.objects.count(), report.events.count())


# --- body scoping -------------------------------------------------------------------------------------


def test_a_member_sees_only_their_bodies_reports(client, team, reports):
    login(client, team["editor"])
    assert titles(client.get(CHANGELIST)) == ["锦州市体育局2016年政府信息公开工作年度报告"]
    other = reports["education"]
    # Django's change view redirects a missing object to the admin index with a message.
    response = client.get(url(other))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(url(other, "transition/submit/")).status_code == 404
    assert client.get(url(other, "history/")).status_code == 404
    assert client.get(url(other, "english/")).status_code == 404
    before = snapshot(other)
    assert client.post(url(other, "transition/submit/"), {"comment": ""}).status_code == 404
    assert snapshot(other) == before


def test_the_body_select_lists_only_the_users_bodies(client, team, reports):
    login(client, team["editor"])
    page = dom.parse(client.get(url(reports["sports"])))
    options = [o.text for o in page.find("select", name="body").find_all("option") if o.get("value")]
    assert options == ["锦州市体育局"]
    page = dom.parse(client.get(CHANGELIST + "add/"))
    options = [o.text for o in page.find("select", name="body").find_all("option") if o.get("value")]
    assert options == ["锦州市体育局"]


def test_a_superuser_sees_every_body(client, team, reports):
    chief = get_user_model().objects.create_superuser("chief", password=PASSWORD)
    login(client, chief)
    assert len(titles(client.get(CHANGELIST))) == 2
    page = dom.parse(client.get(url(reports["education"])))
    options = [o.text for o in page.find("select", name="body").find_all("option") if o.get("value")]
    assert set(options) == {"锦州市教育局", "锦州市体育局"}
    assert client.get(url(reports["education"], "history/")).status_code == 200


# --- workflow buttons and transition pages --------------------------------------------------------------


def test_the_change_form_offers_the_actions_of_the_role_and_state(client, team, reports):
    report = reports["sports"]
    assert buttons(login(client, team["editor"]).get(url(report))) == ["提交审核"]
    assert buttons(login(client, team["reviewer"]).get(url(report))) == []
    workflow.transition(report, team["editor"], "submit")
    assert buttons(login(client, team["editor"]).get(url(report))) == []
    assert buttons(login(client, team["reviewer"]).get(url(report))) == ["退回修改", "审核通过"]
    assert buttons(login(client, team["publisher"]).get(url(report))) == ["退回修改"]
    workflow.transition(report, team["reviewer"], "approve")
    assert buttons(login(client, team["publisher"]).get(url(report))) == ["退回修改", "发布", "定时发布"]
    workflow.transition(report, team["publisher"], "publish")
    assert buttons(login(client, team["publisher"]).get(url(report))) == ["撤回"]
    assert buttons(login(client, team["editor"]).get(url(report))) == []


def test_a_crafted_post_without_the_role_is_refused(client, team, reports):
    report = reports["sports"]
    workflow.transition(report, team["editor"], "submit")
    workflow.transition(report, team["reviewer"], "approve")
    before = snapshot(report)
    response = login(client, team["editor"]).post(url(report, "transition/publish/"), {"comment": ""}, follow=True)
    assert response.redirect_chain[-1][0] == url(report)
    assert messages_of(response) == ["发布需要“发布人”角色。"]
    assert snapshot(report) == before
    response = login(client, team["reviewer"]).post(url(report, "transition/nonsense/"), {}, follow=True)
    assert messages_of(response) == [workflow.refusal(team["reviewer"], report, "nonsense")]
    assert snapshot(report) == before


def test_return_without_a_comment_shows_the_error_and_keeps_the_report(client, team, reports):
    report = reports["sports"]
    workflow.transition(report, team["editor"], "submit")
    before = snapshot(report)
    response = login(client, team["reviewer"]).post(url(report, "transition/return/"), {"comment": "  "})
    assert response.status_code == 200
    page = dom.parse(response)
    assert page.find("ul", class_="errorlist").text == "退回修改须写明需要修改的内容。"
    [form] = [f for f in page.find_all("form") if f.find_all("textarea", name="comment")]
    assert "退回意见（必填）" in form.text
    assert dom.form_data(form)["comment"] == "  "
    assert snapshot(report) == before


def test_the_whole_journey_through_the_admin(client, team, reports):
    report = reports["sports"]
    response = login(client, team["editor"]).get(url(report, "transition/submit/"))
    assert response.status_code == 200
    response = client.post(url(report, "transition/submit/"), {"comment": "请审核。"}, follow=True)
    assert messages_of(response) == ["《锦州市体育局2016年政府信息公开工作年度报告》已提交审核。"]
    response = login(client, team["reviewer"]).post(url(report, "transition/approve/"), {"comment": ""}, follow=True)
    assert messages_of(response) == ["《锦州市体育局2016年政府信息公开工作年度报告》已审核通过。"]
    response = login(client, team["publisher"]).post(url(report, "transition/publish/"), {"comment": ""}, follow=True)
    [message] = messages_of(response)
    assert message.startswith("《锦州市体育局2016年政府信息公开工作年度报告》第1版已发布（")
    report.refresh_from_db()
    assert report.status == S.PUBLISHED
    assert Revision.objects.get().created_by == team["publisher"]
    assert list(report.events.order_by("pk").values_list("action", "user__username", "comment")) == [
        ("submit", "editor", "请审核。"),
        ("approve", "reviewer", ""),
        ("publish", "publisher", ""),
    ]
    assert client.get("/reports/2016/sports-bureau/").status_code == 200


def test_schedule_through_the_admin(client, team, reports):
    report = approved(reports["sports"])
    at = timezone.localtime() + datetime.timedelta(days=3)
    response = login(client, team["publisher"]).post(
        url(report, "transition/schedule/"), {"comment": "", "at": at.strftime("%Y-%m-%dT%H:%M")}, follow=True
    )
    [message] = messages_of(response)
    assert f"第1版已定时发布（{at.strftime('%Y-%m-%d %H:%M')}）" in message
    assert workflow.editorial_state(Report.objects.get(pk=report.pk)) == workflow.SCHEDULED
    assert not Revision.objects.public().exists()


# --- lost updates -------------------------------------------------------------------------------------------


def test_a_stale_form_is_refused_and_keeps_what_was_typed(client, team, reports):
    report = reports["sports"]
    a, b = login(client, team["editor"]), login(Client(), team["editor2"])
    form_a = report_form(a.get(url(report)))
    form_b = report_form(b.get(url(report)))
    form_b["title_zh_hans"] = "乙修改的标题"
    assert b.post(url(report), form_b).status_code == 302

    saved = snapshot(report)
    form_a["title_zh_hans"] = "甲输入的标题"
    response = a.post(url(report), form_a)
    assert response.status_code == 200
    page = dom.parse(response)
    errors = page.find("ul", class_="errorlist").text
    assert errors.startswith("未保存：在您编辑期间，赵撰稿于")
    assert report_form(response)["title_zh_hans"] == "甲输入的标题"
    assert snapshot(report) == saved
    assert Report.objects.get(pk=report.pk).title_zh_hans == "乙修改的标题"

    # Starting again from the current version works.
    fresh = report_form(a.get(url(report)))
    fresh["title_zh_hans"] = "甲合并后的标题"
    assert a.post(url(report), fresh).status_code == 302
    assert Report.objects.get(pk=report.pk).title_zh_hans == "甲合并后的标题"


def test_saving_records_an_edit_and_sends_an_approved_report_back_to_draft(client, team, reports):
    report = approved(reports["sports"])
    login(client, team["editor"])
    data = report_form(client.get(url(report)))
    data["sections-0-body_zh_hans"] = "第1节正文已修改。\n\n第1节第二段。"
    response = client.post(url(report), data, follow=True)
    assert "内容已修改，年报由“已审核”退回草稿，需重新提交审核。" in messages_of(response)
    report.refresh_from_db()
    assert report.status == S.DRAFT
    event = report.events.first()
    assert (event.action, event.user, event.from_status, event.to_status) == (
        "edit",
        team["editor"],
        "approved",
        "draft",
    )
    places = [c["where"] for c in event.changes]
    assert "章节 一、 正文（简体）" in places
    assert "章节 一、 正文（繁体）" in places
    assert event.changes[0]["after"] == "第1节正文已修改。\n\n第1节第二段。"


def test_saving_without_changes_records_nothing(client, team, reports):
    report = reports["sports"]
    login(client, team["editor"])
    assert client.post(url(report), report_form(client.get(url(report)))).status_code == 302
    assert not ReportEvent.objects.filter(report=report).exists()


def test_history_shows_events_and_the_diff_to_the_working_copy(client, team, reports):
    report = reports["sports"]
    publish(report)
    report.refresh_from_db()
    section = report.sections.first()
    section.heading_zh_hans = "第1节新标题"
    section.save()
    workflow.edited(report, team["editor"], [{"where": "章节 一、 标题（简体）", "before": "", "after": ""}])
    response = login(client, team["editor"]).get(url(report, "history/"), {"from": "1", "to": "working"})
    assert response.status_code == 200
    page = dom.parse(response)
    table = page.find("table", class_="diff-table")
    row = [tr for tr in table.find("tbody").find_all("tr") if tr.find("th").text == "章节 一、 标题（简体）"][0]
    assert row.find_all("del") == []
    assert [i.text for i in row.find_all("ins")] == ["新"]
    assert row.find("td").text == "第1节新标题"
    # From revision 1 to revision 1: nothing; to the working copy: only what the editor changed.
    assert [tr.find("th").text for tr in table.find("tbody").find_all("tr")] == [
        "章节 一、 标题（简体）",
        "章节 一、 标题（繁体）",
    ]
    events = [tr.text for tr in page.find("table", class_="events-table").find("tbody").find_all("tr")]
    assert len(events) == 2
    assert "王撰稿" in events[0] and "修改内容" in events[0] and "已发布 → 草稿" in events[0]
    assert "系统" in events[1] and "发布" in events[1]


def test_history_between_identical_versions(client, team, reports):
    report = reports["sports"]
    publish(report)
    response = login(client, team["editor"]).get(url(report, "history/"), {"from": "1", "to": "1"})
    assert "两个版本内容相同。" in response.content.decode()


# --- issue 14: every public field goes back through review; both states shown -------------------------------


@pytest.mark.parametrize(
    ("field", "value", "place"),
    [("year", "2015", "年度"), ("format", "2019", "格式"), ("body", "education", "发布机构")],
)
def test_case3_an_editor_changing_year_body_or_format_sends_it_back_to_draft(
    client, team, reports, bodies, field, value, place
):
    # A reviewer reads the form without saving it (test_role_forms.py); an editor's edit is what sends it back.
    report = approved(reports["sports"])
    bodies[1].members.add(team["editor"])
    login(client, team["editor"])
    data = report_form(client.get(url(report)))
    data[field] = str(bodies[1].pk) if value == "education" else value
    response = client.post(url(report), data, follow=True)
    assert "内容已修改，年报由“已审核”退回草稿，需重新提交审核。" in messages_of(response)
    report.refresh_from_db()
    assert report.status == S.DRAFT
    event = report.events.first()
    assert event.action == "edit"
    assert place in [c["where"] for c in event.changes]


def test_case5_the_admin_follows_a_scheduled_publication_without_cron(client, team, reports):
    from unittest import mock

    report = approved(reports["sports"])
    at = timezone.localtime() + datetime.timedelta(hours=1)
    workflow.transition(report, team["publisher"], "schedule", "", at)
    login(client, team["publisher"])
    panel = dom.parse(client.get(url(report))).find("fieldset", class_="workflow-panel").text
    assert f"定时发布：{at.strftime('%Y-%m-%d %H:%M')}" in panel
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + datetime.timedelta(hours=2)):
        response = client.get(url(report))
        panel = dom.parse(response).find("fieldset", class_="workflow-panel").text
        assert "已发布第1版" in panel
        assert "退回修改" not in buttons(response)
        assert "已发布第1版" in dom.parse(client.get(CHANGELIST)).find("table", id="result_list").text
