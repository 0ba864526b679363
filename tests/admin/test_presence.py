"""Working side by side on a report: who has it open (the heartbeat), 锁定, and a stale save merged field by field."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client

from disclosure.models import Report, ReportLock
from disclosure.publishing import locks, presence
from tests import dom
from tests.factories import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # presence and form snapshots are kept in the cache, which outlives a test's transaction
    yield
    cache.clear()


@pytest.fixture
def report(bodies):
    return make_report(bodies[0], year=2016)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def url(report, rest="change/"):
    return f"/admin/disclosure/report/{report.pk}/{rest}"


def panel(response):
    return dom.parse(response).find("section", id="presence")


def report_form(response):
    return dom.form_data(dom.parse(response).find("form", id="report_form"))


def beat(client, report, tab, **extra):
    return client.post(url(report, "presence/"), {"tab": tab, **extra}, HTTP_X_BACKGROUND_REQUEST="1")


def errors(response):
    found = dom.parse(response).find("ul", class_="errorlist")
    return found.text if found else ""


# --- the heartbeat ---------------------------------------------------------------------------------------


def test_the_form_names_who_else_has_it_open_and_the_heartbeat_keeps_it_current(team, report):
    editor, editor2 = signed_in(team["editor"]), signed_in(team["editor2"])
    first = panel(editor.get(url(report)))
    assert "目前没有其他人打开这份年报" in first.text
    second = panel(editor2.get(url(report)))
    assert "正在打开这份年报的还有：王撰稿（" in second.text

    state = beat(editor, report, first.get("data-tab")).json()
    assert [row["text"].split("（")[0] for row in state["others"]] == ["赵撰稿"]
    assert state["lock"] is None and state["version"] == report.version

    # Leaving the page takes its entry away at once.
    assert beat(editor2, report, second.get("data-tab"), leave="1").json() == {"left": True}
    assert beat(editor, report, first.get("data-tab")).json()["others"] == []


def test_a_beat_on_its_way_when_the_page_was_left_does_not_bring_it_back(team, report):
    editor, editor2 = signed_in(team["editor"]), signed_in(team["editor2"])
    tab = panel(editor.get(url(report))).get("data-tab")
    left = panel(editor2.get(url(report))).get("data-tab")
    beat(editor2, report, left, leave="1")
    assert beat(editor2, report, left).json()["others"][0]["text"].startswith("王撰稿")
    assert beat(editor, report, tab).json()["others"] == []


def test_the_same_user_in_another_tab_is_another_session(team, report):
    client = signed_in(team["editor"])
    tab = panel(client.get(url(report))).get("data-tab")
    other = panel(client.get(url(report)))
    assert "您本人（另一个窗口，" in other.text
    assert beat(client, report, tab).json()["others"][0]["self"] is True


def test_a_closed_tab_disappears_after_its_missed_beats(team, report, settings):
    settings.PRESENCE_HEARTBEAT_SECONDS = 20
    editor, editor2 = signed_in(team["editor"]), signed_in(team["editor2"])
    tab = panel(editor.get(url(report))).get("data-tab")
    gone = panel(editor2.get(url(report))).get("data-tab")
    later = presence.time.time() + 61  # three beats of 20 s missed: about a minute
    with mock.patch("disclosure.publishing.presence.time.time", return_value=later):
        assert beat(editor, report, tab).json()["others"] == []
    assert gone


def test_the_heartbeat_is_for_staff_of_the_body_only_and_posts_only(team, report):
    outsider = signed_in(team["outsider"])
    assert beat(outsider, report, "abcdefgh1234").status_code == 404
    editor = signed_in(team["editor"])
    assert editor.get(url(report, "presence/")).status_code == 405
    assert beat(editor, report, "<bad tab>").status_code == 400


def test_the_heartbeat_is_not_activity_for_the_idle_sign_out(team, report):
    from disclosure.staff_security.idle_sessions import LAST_SEEN

    client = signed_in(team["editor"])
    tab = panel(client.get(url(report))).get("data-tab")
    session = client.session
    session[LAST_SEEN] = presence.time.time() - 600
    session.save()
    beat(client, report, tab)
    assert client.session[LAST_SEEN] < presence.time.time() - 500


# --- 锁定 ------------------------------------------------------------------------------------------------


def test_an_editor_locks_others_see_it_and_cannot_save_and_nothing_is_lost(team, report):
    holder, other = signed_in(team["editor"]), signed_in(team["editor2"])
    assert "最长2小时，每次保存重新计时" in panel(holder.get(url(report))).text
    response = holder.post(url(report, "lock/"), {"action": "lock"}, follow=True)
    assert "已锁定：在您解除锁定之前" in response.content.decode()
    assert "您已锁定这份年报（王撰稿于" in panel(response).text

    page = other.get(url(report))
    assert "这份年报已由王撰稿于" in panel(page).text
    assert not panel(page).find_all("button")  # an editor may neither release someone else's lock nor take it
    listed = other.get("/admin/disclosure/report/").content.decode()
    assert "王撰稿锁定（至" in listed

    data = report_form(page)
    data["title_zh_hans"] = "赵撰稿输入的标题"
    refused = other.post(url(report), data)
    assert refused.status_code == 200
    assert "未保存：这份年报已由王撰稿于" in errors(refused)
    assert report_form(refused)["title_zh_hans"] == "赵撰稿输入的标题"
    assert Report.objects.get(pk=report.pk).title_zh_hans != "赵撰稿输入的标题"
    assert beat(other, report, panel(page).get("data-tab")).json()["lock"]["mine"] is False

    # The holder saves (which starts the lock's clock again) and releases it; then the other's form saves.
    mine = report_form(holder.get(url(report)))
    assert holder.post(url(report), mine).status_code == 302
    assert "已解除锁定" in holder.post(url(report, "lock/"), {"action": "unlock"}, follow=True).content.decode()
    fresh = report_form(other.get(url(report)))
    fresh["title_zh_hans"] = "赵撰稿输入的标题"
    assert other.post(url(report), fresh).status_code == 302


def test_only_editors_of_the_body_lock_and_an_editor_cannot_take_a_held_lock(team, report):
    response = signed_in(team["reviewer"]).post(url(report, "lock/"), {"action": "lock"}, follow=True)
    assert "只有撰稿人可以锁定年报。" in response.content.decode()
    assert not ReportLock.objects.exists()
    signed_in(team["editor"]).post(url(report, "lock/"), {"action": "lock"})
    taken = signed_in(team["editor2"]).post(url(report, "lock/"), {"action": "lock"}, follow=True)
    assert "这份年报已由王撰稿于" in taken.content.decode()
    released = signed_in(team["editor2"]).post(url(report, "lock/"), {"action": "unlock"}, follow=True)
    assert "只有锁定人或本机构的发布人可以解除锁定" in released.content.decode()
    assert ReportLock.objects.get().user == team["editor"]


def test_a_publisher_releases_someone_elses_lock(team, report):
    signed_in(team["editor"]).post(url(report, "lock/"), {"action": "lock"})
    publisher = signed_in(team["publisher"])
    assert "解除王撰稿的锁定" in panel(publisher.get(url(report))).text
    response = publisher.post(url(report, "lock/"), {"action": "unlock"}, follow=True)
    assert "已解除王撰稿对这份年报的锁定。" in response.content.decode()
    assert not ReportLock.objects.exists()


def test_a_lock_runs_out_after_its_timeout(team, report, frozen_now):
    signed_in(team["editor"]).post(url(report, "lock/"), {"action": "lock"})
    other = signed_in(team["editor2"])
    data = report_form(other.get(url(report)))
    data["title_zh_hans"] = "超时后保存的标题"
    later = frozen_now + locks.LOCK_TIMEOUT + datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert other.post(url(report), data).status_code == 302
        assert "锁定期间" not in panel(other.get(url(report))).text
        taken = other.post(url(report, "lock/"), {"action": "lock"}, follow=True)  # a lock run out is free
        assert "已锁定：在您解除锁定之前" in taken.content.decode()
    assert Report.objects.get(pk=report.pk).title_zh_hans == "超时后保存的标题"
    assert ReportLock.objects.get().user == team["editor2"]


def test_the_holders_save_renews_the_lock(team, report, frozen_now):
    holder = signed_in(team["editor"])
    holder.post(url(report, "lock/"), {"action": "lock"})
    later = frozen_now + datetime.timedelta(minutes=90)
    with mock.patch("django.utils.timezone.now", return_value=later):
        data = report_form(holder.get(url(report)))
        data["title_zh_hans"] = "持有人保存"
        assert holder.post(url(report), data).status_code == 302
    assert ReportLock.objects.get().locked_at == later


# --- a stale save, merged field by field -------------------------------------------------------------------


def test_a_stale_save_takes_their_untouched_fields_and_shows_both_versions_where_both_changed(team, report):
    mine, theirs = signed_in(team["editor"]), signed_in(team["editor2"])
    form_mine = report_form(mine.get(url(report)))
    form_theirs = report_form(theirs.get(url(report)))
    form_theirs["title_zh_hans"] = "赵撰稿改的标题"
    form_theirs["sections-0-body_zh_hans"] = "赵撰稿改写的第一节。"
    assert theirs.post(url(report), form_theirs).status_code == 302

    form_mine["sections-0-body_zh_hans"] = "王撰稿改写的第一节。"
    form_mine["sections-1-body_zh_hans"] = "王撰稿改写的第二节。"
    refused = mine.post(url(report), form_mine)
    assert refused.status_code == 200
    message = errors(refused)
    assert message.startswith("未保存：在您编辑期间，赵撰稿于")
    assert "对方修改而您没有改动的1处已换成对方的内容" in message and "有1处双方都改过" in message

    shown = report_form(refused)
    assert shown["title_zh_hans"] == "赵撰稿改的标题"  # only they changed it: theirs is in the form
    assert shown["sections-0-body_zh_hans"] == "王撰稿改写的第一节。"  # both did: the input stays
    assert shown["sections-1-body_zh_hans"] == "王撰稿改写的第二节。"  # only I did: the input stays
    page = dom.parse(refused)
    (conflict,) = page.find_all("div", class_="stale-field")
    assert conflict.get("data-for") == "id_sections-0-body_zh_hans"
    assert "章节 一、 正文：对方保存的内容" in conflict.text
    assert [d.text for d in conflict.find_all("del")] == ["王"] and [i.text for i in conflict.find_all("ins")] == ["赵"]
    take = conflict.find("button", class_="stale-take")
    assert take.get("data-value") == "赵撰稿改写的第一节。"
    # The workflow buttons are held back beside text that is not saved.
    workflow_panel = page.find("fieldset", class_="workflow-panel")
    assert not workflow_panel.find_all("a", class_="button")
    assert "表单中有尚未保存的内容" in workflow_panel.text

    # The form now carries the current version: saving it as it stands goes through, with nothing retyped.
    assert mine.post(url(report), shown).status_code == 302
    stored = Report.objects.get(pk=report.pk)
    assert stored.title_zh_hans == "赵撰稿改的标题"
    bodies = list(stored.sections.order_by("position").values_list("body_zh_hans", flat=True))
    assert bodies[:2] == ["王撰稿改写的第一节。", "王撰稿改写的第二节。"]


def test_a_stale_save_without_a_snapshot_shows_every_difference(team, report):
    mine, theirs = signed_in(team["editor"]), signed_in(team["editor2"])
    form_mine = report_form(mine.get(url(report)))
    form_theirs = report_form(theirs.get(url(report)))
    form_theirs["title_zh_hans"] = "赵撰稿改的标题"
    theirs.post(url(report), form_theirs)
    cache.clear()  # the snapshot is gone (evicted, or another process without a shared cache)
    refused = mine.post(url(report), form_mine)
    assert "有1处与对方保存的内容不同" in errors(refused)
    assert report_form(refused)["title_zh_hans"] == report.title_zh_hans
    assert [d.get("data-for") for d in dom.parse(refused).find_all("div", class_="stale-field")] == ["id_title_zh_hans"]


def test_a_stale_save_that_differs_in_nothing_goes_through(team, report):
    mine, theirs = signed_in(team["editor"]), signed_in(team["editor2"])
    form_mine = report_form(mine.get(url(report)))
    form_theirs = report_form(theirs.get(url(report)))
    form_theirs["title_zh_hans"] = "两人都改成的标题"
    theirs.post(url(report), form_theirs)
    form_mine["title_zh_hans"] = "两人都改成的标题"
    form_mine["sections-1-body_zh_hans"] = "只有王撰稿改的第二节。"
    assert mine.post(url(report), form_mine).status_code == 302
    stored = Report.objects.get(pk=report.pk)
    assert stored.title_zh_hans == "两人都改成的标题"
    assert stored.sections.order_by("position")[1].body_zh_hans == "只有王撰稿改的第二节。"


def test_the_lock_is_checked_before_the_version(team, report):
    stale = signed_in(team["editor2"])
    data = report_form(stale.get(url(report)))
    holder = signed_in(team["editor"])
    holder.post(url(report, "lock/"), {"action": "lock"})
    changed = report_form(holder.get(url(report)))
    changed["title_zh_hans"] = "持有人的标题"
    holder.post(url(report), changed)
    assert errors(stale.post(url(report), data)).startswith("未保存：这份年报已由王撰稿于")


def test_the_tables_english_and_word_pages_refuse_others_while_locked(team, bodies):
    from tests.factories import standard_tables

    report = make_report(bodies[0], year=2024, format=Report.Format.STANDARD_2021, tables=standard_tables("2021"))
    signed_in(team["editor"]).post(url(report, "lock/"), {"action": "lock"})
    other = signed_in(team["editor2"])
    before = Report.objects.get(pk=report.pk).version

    tables = dom.form_data(dom.parse(other.get(url(report, "tables/"))).find("form", id="stat-form"))
    refused = other.post(url(report, "tables/"), tables, follow=True)
    assert "未保存：这份年报已由王撰稿于" in refused.content.decode()

    english = dom.form_data(dom.parse(other.get(url(report, "english/"))).find("form", class_="english-form"))
    title = f"report-{report.pk}-title"
    english[title] = "Typed while locked"
    refused = other.post(url(report, "english/"), english)
    assert "未保存：这份年报已由王撰稿于" in refused.content.decode()
    assert "Typed while locked" in refused.content.decode()  # nothing lost

    assert Report.objects.get(pk=report.pk).version == before
    assert "锁定期间不能从Word导入" in other.get(url(report, "word/"), follow=True).content.decode()


def test_a_stale_save_drops_rows_deleted_meanwhile_and_names_rows_added(team, report):
    mine, theirs = signed_in(team["editor"]), signed_in(team["editor2"])
    form_mine = report_form(mine.get(url(report)))
    form_theirs = report_form(theirs.get(url(report)))
    form_theirs["sections-1-DELETE"] = "on"  # 赵 deletes （一） and adds a plan item
    form_theirs.update(
        {
            "plans-TOTAL_FORMS": "1",
            "plans-0-text_zh_hans": "赵撰稿新增的计划",
            "plans-0-report": str(report.pk),
            "plans-0-position": "1",
        }
    )
    response = theirs.post(url(report), form_theirs)
    assert response.status_code == 302

    form_mine["sections-1-body_zh_hans"] = "王撰稿在被删的一节里写的话。"
    form_mine["sections-3-body_zh_hans"] = "王撰稿改写的第四节。"
    refused = mine.post(url(report), form_mine)
    message = errors(refused)
    assert "对方删除了1行，保存时不再保留。" in message and "对方新增了1行，已经保存。" in message
    panel_text = dom.parse(refused).find("fieldset", class_="stale-merge").text
    assert "章节 （一）" in panel_text and "王撰稿在被删的一节里写的话。" in panel_text
    assert "工作计划 1" in panel_text
    shown = report_form(refused)
    assert shown["sections-TOTAL_FORMS"] == "3" and shown["sections-INITIAL_FORMS"] == "3"
    assert shown["sections-2-body_zh_hans"] == "王撰稿改写的第四节。"  # renumbered, the input kept

    assert mine.post(url(report), shown).status_code == 302
    stored = Report.objects.get(pk=report.pk)
    assert (
        stored.sections.count() == 3 and stored.sections.order_by("position")[2].body_zh_hans == "王撰稿改写的第四节。"
    )
    assert list(stored.plans.values_list("text_zh_hans", flat=True)) == ["赵撰稿新增的计划"]
