"""What staff read in the admin is natural Chinese: field labels without language codes, Django's own strings
reworded (locale/zh_Hans), 您 throughout, a favicon on every page."""

import datetime
import json
import re

import pytest

from tests import dom
from tests.applications.factories import make_application, replied
from tests.factories import make_report

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/disclosure/report/"


@pytest.fixture
def editor(client, team):
    client.force_login(team["editor"])
    return client


@pytest.fixture
def report(bodies):
    return make_report(bodies[0], year=2016)


def text(response):
    return response.content.decode()


def test_the_report_list_is_titled_and_offers_a_new_report_in_plain_words(editor, report):
    page = editor.get(CHANGELIST)
    html = text(page)
    assert dom.parse(page).find("h1").text == "年报列表"
    assert "选择 年报 来修改" not in html and "增加 年报" not in html
    assert "新建年报" in html


def test_a_reviewer_sees_the_same_title_on_a_view_only_list(client, team, report):
    client.force_login(team["reviewer"])
    assert dom.parse(client.get(CHANGELIST)).find("h1").text == "年报列表"


def test_field_labels_name_the_language_not_its_code(editor, report):
    html = text(editor.get(f"{CHANGELIST}{report.pk}/change/"))
    assert not re.search(r"\[(zh-hans|zh-hant|en)\]", html, re.IGNORECASE)
    assert "标题（简体）" in html and "标题（繁体）" in html


def test_the_dashboard_has_no_english_or_awkward_defaults(editor):
    html = text(editor.get("/admin/"))
    for phrase in ("Model name", "Add link", "Change or view list link", "无可选的", "增加"):
        assert phrase not in html, phrase
    assert "数据类别" in html


def test_the_message_after_a_save_says_您(editor, report):
    page = editor.get(f"{CHANGELIST}{report.pk}/change/")
    form = dom.parse(page).find("form", id="report_form")
    data = {}
    for element in form.find_all("input", "textarea", "select"):
        name = element.get("name")
        if not name or element.get("type") in ("submit", "checkbox"):
            continue
        if element.tag == "select":
            chosen = [o for o in element.find_all("option") if o.get("selected") is not None]
            data[name] = chosen[0].get("value") if chosen else ""
        elif element.tag == "textarea":
            data[name] = element.text.strip("\n")
        else:
            data[name] = element.get("value", "")
    data["_continue"] = "1"
    html = text(editor.post(f"{CHANGELIST}{report.pk}/change/", data, follow=True))
    message = dom.parse(html).find("li", class_="success").text
    assert message == f"已修改年报“{report}”。您可以在下方继续编辑。"
    assert "你" not in html


def test_every_admin_page_links_the_favicon(editor):
    icons = [link for link in dom.parse(editor.get("/admin/")).find_all("link") if link.get("rel") == "icon"]
    assert icons and icons[0].get("href").endswith(".svg")


def test_favicon_ico_is_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code in (301, 302)
    assert re.search(r"/static/img/favicon(\.[0-9a-f]+)?\.svg$", response["Location"])


def test_a_reader_of_a_case_sees_no_column_headed_by_a_field_name(client, team, bodies):
    application = make_application(bodies[0], datetime.date(2024, 3, 4), replied(datetime.date(2024, 3, 8)))
    client.force_login(team["reviewer"])
    response = client.get(f"/admin/disclosure/application/{application.pk}/change/")
    assert response.status_code == 200
    headers = " ".join(th.text for th in dom.parse(response).find_all("th"))
    assert "Fee" not in headers and "办理步骤" in response.content.decode()


def test_the_admin_scripts_say_您_too(editor):
    script = editor.get("/admin/jsi18n/").content.decode()
    expected = json.dumps("注意：您的时间比服务器时间快%s小时。")  # the catalogue is JSON, \u-escaped
    assert expected in script and json.dumps("注意：你比服务器时间超前 %s 个小时。") not in script
