"""Who writes the 更正说明 (issue 14): the editor proposes it while editing a published report, the reviewer sees it,
the publisher confirms or amends it, and 修订记录 and the feeds show it in the reader's language, or the Simplified
marked as such."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from disclosure.languages.traditional import to_traditional
from disclosure.models import Report, Revision
from disclosure.publishing import workflow
from tests import dom
from tests.factories import make_report, publish

pytestmark = pytest.mark.django_db

PAGE = "/reports/2016/sports-bureau/"
NOTE = "更正了第一部分的发布日期。"
NOTE_EN = "Corrected the date in part I."


def url(report, rest="change/"):
    return f"/admin/disclosure/report/{report.pk}/{rest}"


def report_form(response):
    return dom.form_data(dom.parse(response).find("form", id="report_form"))


def messages_of(response):
    lists = dom.parse(response).find_all("ul", class_="messagelist")
    return [li.text for li in lists[0].find_all("li")] if lists else []


def confirmation(response):
    """What the transition (or action) page's own form sends unchanged (not the header's sign-out form)."""
    [form] = [f for f in dom.parse(response).find_all("form", method="post") if f.get("id") != "logout-form"]
    return dom.form_data(form)


def note_field(response):
    return dom.parse(response).find_all("textarea", name="change_note_zh_hans")


@pytest.fixture
def live(bodies):
    report = make_report(bodies[0], year=2016, levels=(1, 1))
    publish(report)
    report.refresh_from_db()
    return report


def history(client, prefix=""):
    """The 修订记录 entries of the public page in one language, as <li> elements."""
    page = dom.parse(client.get(f"{prefix}{PAGE}"))
    return page.find("section", class_="history").find("ol").find_all("li")


def note_span(entry):
    """The element holding the note of a 修订记录 entry when it is marked as another language, else None."""
    marked = [span for span in entry.find_all("span") if span.get("lang")]
    return marked[0] if marked else None


# --- the field: only for a report that has been public -------------------------------------------------------


def test_the_field_is_absent_for_a_report_never_published(client, team, bodies):
    report = make_report(bodies[0], year=2016)
    client.force_login(team["editor"])
    response = client.get(url(report))
    assert not note_field(response)
    assert "change_note_zh_hans" not in report_form(response)
    assert "更正说明" not in response.content.decode()
    # A first publication scheduled is still no correction: editing it drops the schedule.
    workflow.transition(report, team["editor"], "submit")
    workflow.transition(report, team["reviewer"], "approve")
    workflow.transition(report, team["publisher"], "schedule", at=timezone.now() + datetime.timedelta(days=1))
    assert not note_field(client.get(url(report)))
    # Crafted into a POST anyway, it is ignored.
    data = report_form(client.get(url(report)))
    data["change_note_zh_hans"] = "不应保存的说明"
    client.post(url(report), data)
    assert not Report.objects.get(pk=report.pk).change_note_zh_hans


def test_the_field_is_offered_once_the_report_has_been_public_and_after_a_withdrawal(client, team, live):
    client.force_login(team["editor"])
    response = client.get(url(live))
    [textarea] = note_field(response)
    page = dom.parse(response)
    fieldset = [f for f in page.find_all("fieldset") if f.find_all("h2") and f.find("h2").text == "更正说明"][0]
    assert "再次发布属于更正" in fieldset.text
    assert "尚未填写，英文页面将显示简体说明" in fieldset.text  # the English, typed on the English page
    # The Traditional is derived, shown read-only with the other derived texts.
    assert "change_note_zh_hant" not in report_form(response)
    workflow.transition(live, team["publisher"], "withdraw", "数据有误。")
    assert note_field(client.get(url(live)))


# --- the journey: editor, reviewer, publisher, public ------------------------------------------------------


def test_the_editors_proposal_reaches_the_public_page_in_every_language(client, team, live):
    editor, reviewer, publisher = team["editor"], team["reviewer"], team["publisher"]
    client.force_login(editor)
    data = report_form(client.get(url(live)))
    data["sections-0-heading_zh_hans"] = "更正后的标题"
    data["change_note_zh_hans"] = NOTE
    response = client.post(url(live), data, follow=True)
    assert "内容已修改，年报由“已发布”退回草稿，需重新提交审核。" in messages_of(response)
    event = Report.objects.get(pk=live.pk).events.first()
    places = {c["where"]: c["after"] for c in event.changes}
    assert places["更正说明（拟）（简体）"] == NOTE
    assert places["更正说明（拟）（繁体）"] == to_traditional(NOTE)

    # English on the 英文译文 page, like every other text.
    english = dom.parse(client.get(url(live, "english/")))
    key = f"report-{live.pk}-change_note"
    assert english.find("textarea", name=key)
    version = Report.objects.get(pk=live.pk).version
    response = client.post(url(live, "english/"), {"edit_version": version, key: NOTE_EN})
    assert response.status_code == 302
    assert Report.objects.get(pk=live.pk).english_status("change_note") == "current"

    # The reviewer sees the proposal, in every language, where they approve.
    client.post(url(live, "transition/submit/"), {"comment": ""})
    client.force_login(reviewer)
    proposal = dom.parse(client.get(url(live, "transition/approve/"))).find("div", class_="change-note-proposal")
    assert [dd.text for dd in proposal.find_all("dd")] == [NOTE, to_traditional(NOTE), NOTE_EN]
    assert [dd.get("lang") for dd in proposal.find_all("dd")] == ["zh-Hans", "zh-Hant", "en"]
    client.post(url(live, "transition/approve/"), {"comment": ""})

    # The publisher finds it filled in, and publishes it as it is.
    client.force_login(publisher)
    confirm = confirmation(client.get(url(live, "transition/publish/")))
    assert (confirm["note-zh_hans"], confirm["note-en"]) == (NOTE, NOTE_EN)
    assert "comment" not in confirm  # the note is what this page asks for
    response = client.post(url(live, "transition/publish/"), confirm, follow=True)
    assert "第2版已发布" in messages_of(response)[0]
    revision = Revision.objects.get(number=2)
    assert (revision.change_note_zh_hans, revision.change_note_zh_hant, revision.change_note_en) == (
        NOTE,
        to_traditional(NOTE),
        NOTE_EN,
    )
    assert workflow.proposed_note(Report.objects.get(pk=live.pk)) == {"zh-hans": "", "en": ""}

    client.logout()
    for prefix, expected in (("", f"第2版更正：{NOTE}"), ("/zh-hant", f"第2版更正：{to_traditional(NOTE)}")):
        entry = history(client, prefix)[1]
        assert expected in entry.text
        assert note_span(entry) is None  # in the page's own language: nothing to mark
    entry = history(client, "/en")[1]
    assert f"Correction (version 2): {NOTE_EN}" in entry.text
    assert note_span(entry) is None


def test_a_note_without_english_shows_the_simplified_marked_on_english_pages_and_feeds(client, team, live):
    live.change_note_zh_hans = NOTE
    live.save()
    workflow.edited(live, team["editor"], [])
    workflow.transition(live, team["editor"], "submit")
    workflow.transition(live, team["reviewer"], "approve")
    workflow.transition(live, team["publisher"], "publish")

    entry = history(client, "/en")[1]
    span = note_span(entry)
    assert (span.get("lang"), span.text) == ("zh-Hans", NOTE)
    assert entry.text.startswith(entry.find("time").text)
    assert "Correction (version 2):" in entry.text
    # Traditional is derived, never missing: shown in its own language.
    entry = history(client, "/zh-hant")[1]
    assert note_span(entry) is None and to_traditional(NOTE) in entry.text

    def description(prefix):
        channel = ET.fromstring(client.get(f"{prefix}/feeds/reports.rss").content).find("channel")
        return channel.findall("item")[0].findtext("description")

    assert description("").endswith(f"更正说明：{NOTE}")
    assert description("/zh-hant").endswith(f"更正說明：{to_traditional(NOTE)}")
    assert description("/en").endswith(f"Correction note (not yet in English; the Chinese original follows): {NOTE}")


def test_the_publishers_amendment_wins(client, team, live):
    live.change_note_zh_hans, live.change_note_en = "撰稿人拟写的说明。", "The editor's note."
    live.save()
    workflow.edited(live, team["editor"], [])
    workflow.transition(live, team["editor"], "submit")
    workflow.transition(live, team["reviewer"], "approve")
    client.force_login(team["publisher"])
    confirm = confirmation(client.get(url(live, "transition/publish/")))
    confirm["note-zh_hans"], confirm["note-en"] = "发布人修改后的说明。", "The publisher's note."
    client.post(url(live, "transition/publish/"), confirm)

    revision = Revision.objects.get(number=2)
    assert (revision.change_note_zh_hans, revision.change_note_en) == ("发布人修改后的说明。", "The publisher's note.")
    assert Report.objects.get(pk=live.pk).events.first().comment == "发布人修改后的说明。"
    client.logout()
    assert "发布人修改后的说明。" in history(client)[1].text
    assert "發佈人修改後的說明。" in history(client, "/zh-hant")[1].text
    assert "The publisher's note." in history(client, "/en")[1].text
    assert "拟写" not in client.get(PAGE).content.decode()


def test_the_publisher_writes_the_note_the_editor_did_not(client, team, live):
    workflow.edited(live, team["editor"], [])
    workflow.transition(live, team["editor"], "submit")
    client.force_login(team["reviewer"])
    assert "撰稿人尚未拟写更正说明" in client.get(url(live, "transition/approve/")).content.decode()
    workflow.transition(live, team["reviewer"], "approve")
    client.force_login(team["publisher"])
    confirm = confirmation(client.get(url(live, "transition/publish/")))
    assert (confirm["note-zh_hans"], confirm["note-en"]) == ("", "")
    response = client.post(url(live, "transition/publish/"), confirm)
    assert "请填写更正说明" in dom.parse(response).find("ul", class_="errorlist").text
    assert Revision.objects.count() == 1
    confirm["note-zh_hans"] = "发布人填写的说明。"
    client.post(url(live, "transition/publish/"), confirm)
    assert Revision.objects.get(number=2).change_note_zh_hans == "发布人填写的说明。"


def test_scheduling_a_correction_takes_the_note_from_the_same_form(client, team, live):
    live.change_note_zh_hans = NOTE
    live.save()
    workflow.edited(live, team["editor"], [])
    workflow.transition(live, team["editor"], "submit")
    workflow.transition(live, team["reviewer"], "approve")
    client.force_login(team["publisher"])
    confirm = confirmation(client.get(url(live, "transition/schedule/")))
    assert confirm["note-zh_hans"] == NOTE
    confirm["at"] = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client.post(url(live, "transition/schedule/"), confirm)
    assert Revision.objects.get(number=2).change_note_zh_hans == NOTE
    assert workflow.editorial_state(Report.objects.get(pk=live.pk)) == workflow.SCHEDULED


def test_changing_only_the_note_sends_an_approved_correction_back_to_draft(client, team, live):
    live.change_note_zh_hans = NOTE
    live.save()
    workflow.edited(live, team["editor"], [])
    workflow.transition(live, team["editor"], "submit")
    workflow.transition(live, team["reviewer"], "approve")
    client.force_login(team["editor"])
    data = report_form(client.get(url(live)))
    data["change_note_zh_hans"] = "撰稿人改写的说明。"
    response = client.post(url(live), data, follow=True)
    assert "内容已修改，年报由“已审核”退回草稿，需重新提交审核。" in messages_of(response)
    event = Report.objects.get(pk=live.pk).events.first()
    assert [(c["where"], c["before"], c["after"]) for c in event.changes][0] == (
        "更正说明（拟）（简体）",
        NOTE,
        "撰稿人改写的说明。",
    )


def test_the_english_page_lists_the_note_only_once_it_has_simplified_text(client, team, live):
    client.force_login(team["editor"])
    key = f"report-{live.pk}-change_note"
    assert not dom.parse(client.get(url(live, "english/"))).find_all("textarea", name=key)
    live.change_note_zh_hans = NOTE
    live.save()
    assert dom.parse(client.get(url(live, "english/"))).find_all("textarea", name=key)


def test_the_change_form_shows_the_english_proposal_and_whether_it_is_stale(client, team, live):
    live.change_note_zh_hans, live.change_note_en = NOTE, NOTE_EN
    live.save()
    client.force_login(team["editor"])
    english = dom.parse(client.get(url(live))).find("div", class_="field-change_note_english")
    assert english.find("span", lang="en").text == NOTE_EN
    assert "已翻译" in english.text
    live.change_note_zh_hans = "更正了第一部分的发布日期和标题。"
    live.save()
    english = dom.parse(client.get(url(live))).find("div", class_="field-change_note_english")
    assert "原文已修改，译文可能过时" in english.text


def test_the_history_compares_the_proposal_with_the_last_revision(client, team, live):
    live.change_note_zh_hans = NOTE
    live.save()
    client.force_login(team["editor"])
    page = dom.parse(client.get(url(live, "history/"), {"from": "1", "to": "working"}))
    rows = [tr.find("th").text for tr in page.find("table", class_="diff-table").find("tbody").find_all("tr")]
    assert rows == ["更正说明（拟）（简体）", "更正说明（拟）（繁体）"]


# --- the bulk 发布所选年报 action: one note per correction -------------------------------------------------------


def test_the_publish_action_fills_in_each_corrections_proposal(client, team, bodies, live):
    live.change_note_zh_hans = NOTE
    live.save()
    workflow.edited(live, team["editor"], [])
    workflow.transition(live, team["editor"], "submit")
    workflow.transition(live, team["reviewer"], "approve")
    fresh = make_report(bodies[0], year=2017, levels=(1,))
    workflow.transition(fresh, team["editor"], "submit")
    workflow.transition(fresh, team["reviewer"], "approve")
    client.force_login(team["publisher"])
    selected = {"action": "publish", "_selected_action": [str(live.pk), str(fresh.pk)]}
    confirm = confirmation(client.post("/admin/disclosure/report/", selected))
    assert confirm[f"note-{live.pk}-zh_hans"] == NOTE
    assert f"note-{fresh.pk}-zh_hans" not in confirm  # a first publication has no note
    confirm[f"note-{live.pk}-en"] = NOTE_EN
    client.post("/admin/disclosure/report/", confirm)
    revision = Revision.objects.get(report=live, number=2)
    assert (revision.change_note_zh_hans, revision.change_note_en) == (NOTE, NOTE_EN)
    assert Revision.objects.filter(report=fresh).count() == 1
