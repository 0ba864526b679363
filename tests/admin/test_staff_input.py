"""Staff input that broke things (issue 15): the 英文译文 page's lost updates and length limits, a change form
without its version, a locked SQLite database, and a body's edit log shown to staff of other bodies."""

from unittest import mock

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError
from django.test import Client

from disclosure.languages import english
from disclosure.models import Body, Report
from tests import dom
from tests.factories import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(bodies):
    return make_report(bodies[0], year=2024, format=Report.Format.STANDARD_2021)


def login(user, client=None):
    client = client or Client()
    client.force_login(user)
    return client


def english_url(report):
    return f"/admin/disclosure/report/{report.pk}/english/"


def change_url(report):
    return f"/admin/disclosure/report/{report.pk}/change/"


def english_form(response):
    return dom.form_data(dom.parse(response).find("form", class_="english-form"))


def report_form(response):
    return dom.form_data(dom.parse(response).find("form", id="report_form"))


def messages_of(response):
    lists = dom.parse(response).find_all("ul", class_="messagelist")
    return [li.text for li in lists[0].find_all("li")] if lists else []


def stored(report):
    report = Report.objects.get(pk=report.pk)
    return report.version, report.title_en, report.events.count()


# --- 英文译文: lost updates ------------------------------------------------------------------------------


def test_english_page_refuses_a_save_based_on_an_older_version_and_keeps_the_input(team, report):
    a, b = login(team["editor"]), login(team["editor2"])
    key = f"report-{report.pk}-title"
    form_a, form_b = english_form(a.get(english_url(report))), english_form(b.get(english_url(report)))
    form_b[key] = "Sports Bureau annual report (B)"
    assert b.post(english_url(report), form_b).status_code == 302

    saved = stored(report)
    form_a[key] = "Sports Bureau annual report (A)"
    response = a.post(english_url(report), form_a)
    assert response.status_code == 200
    assert any(m.startswith("未保存：在您编辑期间，赵撰稿于") for m in messages_of(response))
    assert english_form(response)[key] == "Sports Bureau annual report (A)"
    assert stored(report) == saved
    assert saved[1] == "Sports Bureau annual report (B)"

    # Starting again from the current version works.
    fresh = english_form(a.get(english_url(report)))
    fresh[key] = "Sports Bureau annual report (merged)"
    assert a.post(english_url(report), fresh).status_code == 302
    assert Report.objects.get(pk=report.pk).title_en == "Sports Bureau annual report (merged)"


def test_english_page_counts_a_section_change_as_a_new_version(team, report):
    """Only a section's English changes: that is a new version, so the report's change form opened before is
    stale and merged (admin/stale_merge.py); the English is on no field of that form, so the merge has nothing
    to show, the title is saved and the English heading stays."""
    a = login(team["editor"])
    change = report_form(a.get(change_url(report)))
    before = stored(report)[0]
    data = english_form(a.get(english_url(report)))
    data[f"section-{report.sections.first().pk}-heading"] = "Overview"
    assert a.post(english_url(report), data).status_code == 302
    assert stored(report)[0] == before + 1
    change["title_zh_hans"] = "改过的标题"
    assert a.post(change_url(report), change).status_code == 302
    saved = Report.objects.get(pk=report.pk)
    assert saved.title_zh_hans == "改过的标题"
    assert saved.sections.first().heading_en == "Overview"


def test_english_page_without_a_version_is_refused(team, report):
    a = login(team["editor"])
    data = english_form(a.get(english_url(report)))
    del data["edit_version"]
    data[f"report-{report.pk}-title"] = "No version"
    saved = stored(report)
    response = a.post(english_url(report), data)
    assert response.status_code == 200
    assert any(m.startswith("未保存：") for m in messages_of(response))
    assert stored(report) == saved


# --- 英文译文: length limits -----------------------------------------------------------------------------


def test_english_page_refuses_text_longer_than_the_field_with_a_message_beside_it(team, report):
    a = login(team["editor"])
    data = english_form(a.get(english_url(report)))
    title, heading = f"report-{report.pk}-title", f"section-{report.sections.first().pk}-heading"
    data[title] = "A" * 300
    data[heading] = "Overview"
    saved = stored(report)
    response = a.post(english_url(report), data)
    assert response.status_code == 200
    assert stored(report) == saved
    assert Report.objects.get(pk=report.pk).sections.first().heading_en in ("", None)  # nothing saved at all
    page = dom.parse(response)
    error = page.find(id=f"error_{title}")
    assert error.text == "不能超过200个字符（现有300个）。"
    assert page.find(id=f"id_{title}").get("aria-describedby") == f"error_{title}"
    assert english_form(response)[title] == "A" * 300
    assert english_form(response)[heading] == "Overview"
    assert any("未保存" in m for m in messages_of(response))


def test_english_save_refuses_text_longer_than_the_field(report):
    key = f"report-{report.pk}-title"
    with pytest.raises(english.TooLong) as refused:
        english.save(report, {key: "A" * 201})
    assert refused.value.errors == {key: "不能超过200个字符（现有201个）。"}
    assert english.save(Report.objects.get(pk=report.pk), {key: "A" * 200}) == 1


# --- the change form -----------------------------------------------------------------------------------


def test_a_change_form_without_its_version_is_refused_like_a_stale_one(team, report):
    a = login(team["editor"])
    data = report_form(a.get(change_url(report)))
    del data["edit_version"]
    data["title_zh_hans"] = "没有版本号的标题"
    before = stored(report)
    response = a.post(change_url(report), data)
    assert response.status_code == 200
    assert dom.parse(response).find("ul", class_="errorlist").text.startswith("未保存：")
    assert report_form(response)["title_zh_hans"] == "没有版本号的标题"
    assert stored(report) == before


def test_the_tables_page_without_a_version_is_refused(team, report):
    a = login(team["editor"])
    url = f"/admin/disclosure/report/{report.pk}/tables/"
    data = dom.form_data(dom.parse(a.get(url)).find("form", id="stat-form"))
    del data["edit_version"]
    before = stored(report)
    response = a.post(url, data)
    assert response.status_code == 200
    assert any(m.startswith("未保存：") for m in messages_of(response))
    assert stored(report) == before


# --- a locked SQLite database ----------------------------------------------------------------------------

LOCKED = OperationalError("database is locked")


def test_a_locked_database_keeps_the_change_form_and_its_input(team, report):
    a = login(team["editor"])
    data = report_form(a.get(change_url(report)))
    data["title_zh_hans"] = "锁定时输入的标题"
    with mock.patch.object(Report, "save", side_effect=LOCKED):
        response = a.post(change_url(report), data)
    assert response.status_code == 200
    assert "数据库正忙" in dom.parse(response).find("ul", class_="errorlist").text
    assert report_form(response)["title_zh_hans"] == "锁定时输入的标题"
    assert Report.objects.get(pk=report.pk).title_zh_hans != "锁定时输入的标题"
    # Saving again once the database is free works.
    assert a.post(change_url(report), report_form(response)).status_code == 302
    assert Report.objects.get(pk=report.pk).title_zh_hans == "锁定时输入的标题"


def test_a_locked_database_keeps_the_english_page_and_its_input(team, report):
    a = login(team["editor"])
    data = english_form(a.get(english_url(report)))
    key = f"report-{report.pk}-title"
    data[key] = "Typed while locked"
    with mock.patch.object(english, "save", side_effect=LOCKED):
        response = a.post(english_url(report), data)
    assert response.status_code == 200
    assert any("数据库正忙" in m for m in messages_of(response))
    assert english_form(response)[key] == "Typed while locked"


def test_a_locked_database_keeps_the_tables_page_and_its_input(team, report):
    a = login(team["editor"])
    url = f"/admin/disclosure/report/{report.pk}/tables/"
    data = dom.form_data(dom.parse(a.get(url)).find("form", id="stat-form"))
    data[next(name for name in data if name.startswith("tables."))] = "7"
    with mock.patch.object(Report, "save", side_effect=LOCKED):
        response = a.post(url, data)
    assert response.status_code == 200
    assert any("数据库正忙" in m for m in messages_of(response))


def test_a_locked_database_is_not_an_outage():
    from disclosure import outage

    assert not outage.is_outage(OperationalError("database is locked"))
    assert not outage.is_outage(OperationalError("database table is locked"))
    assert outage.is_outage(OperationalError("could not connect to server"))


# --- a body's edit log -----------------------------------------------------------------------------------


def test_a_bodys_history_is_for_its_members_and_superusers(team, bodies, django_user_model):
    sports, education = bodies
    for body in bodies:
        LogEntry.objects.log_actions(
            team["editor"].pk, [body], CHANGE, change_message=f"改了{body.slug}的名称", single_object=True
        )
    assert ContentType.objects.get_for_model(Body)
    member = login(team["editor"])
    page = member.get(f"/admin/disclosure/body/{sports.pk}/history/")
    assert page.status_code == 200 and "改了sports-bureau的名称" in page.content.decode()
    outsider = member.get(f"/admin/disclosure/body/{education.pk}/history/")
    assert outsider.status_code == 404
    assert "改了education-bureau的名称" not in outsider.content.decode()
    chief = django_user_model.objects.create_superuser("chief", "chief@example.com", "pw-for-tests-only")
    assert login(chief).get(f"/admin/disclosure/body/{education.pk}/history/").status_code == 200
