"""What the report admin offers each role (admin/role_forms.py): the editor edits; a reviewer and a publisher
read the whole form with no 保存 button; 发布所选年报 only for publishers; 在站点上查看 only for a public report."""

import pytest

from disclosure.models import Report
from tests import dom
from tests.factories import approved, make_report, publish, withdraw

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/disclosure/report/"


@pytest.fixture
def report(bodies):
    return make_report(bodies[0], year=2016)


def change(client, user, report):
    client.force_login(user)
    response = client.get(f"{CHANGELIST}{report.pk}/change/")
    assert response.status_code == 200
    return response


def editable_names(response):
    form = dom.parse(response).find("form", id="report_form")
    return {
        element.get("name")
        for element in form.find_all("input", "textarea", "select")
        if element.get("type") not in ("hidden", "submit", "checkbox") and element.get("name")
    }


def save_buttons(response):
    return [b for b in dom.parse(response).find_all("input") if b.get("type") == "submit"]


def test_the_editor_edits_the_report_and_saves_it(client, team, report):
    page = change(client, team["editor"], report)
    assert {"body", "year", "format", "title_zh_hans", "preamble_zh_hans"} <= editable_names(page)
    assert {b.get("name") for b in save_buttons(page)} >= {"_save", "_continue"}


@pytest.mark.parametrize("role", ["reviewer", "publisher"])
def test_a_reviewer_or_publisher_reads_the_whole_form_without_save_buttons(client, team, report, role):
    page = change(client, team[role], report)
    assert editable_names(page) == set()
    assert save_buttons(page) == []
    html = page.content.decode()
    # The fields are there as text, and the version the editor's save is checked against is not a row.
    assert report.title in dom.parse(page).find("div", class_="field-title_zh_hans").text
    assert "field-edit_version" not in html
    # The workflow panel stays: that is where their work is done.
    assert "审核与发布" in html


def test_a_reviewer_cannot_save_by_a_crafted_post(client, team, report):
    client.force_login(team["reviewer"])
    response = client.post(f"{CHANGELIST}{report.pk}/change/", {"title_zh_hans": "改过的标题"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.title_zh_hans != "改过的标题"


def test_the_english_page_is_read_only_for_a_reviewer(client, team, report):
    client.force_login(team["reviewer"])
    url = f"{CHANGELIST}{report.pk}/english/"
    page = client.get(url)
    assert page.status_code == 200
    assert dom.parse(page).find_all("textarea") == [] and "保存英文译文" not in page.content.decode()
    assert client.post(url, {"edit_version": report.version}).status_code == 403
    client.force_login(team["editor"])
    assert "保存英文译文" in client.get(url).content.decode()


def action_names(response):
    return {
        option.get("value")
        for select in dom.parse(response).find_all("select", name="action")
        for option in select.find_all("option")
    }


def test_only_a_publisher_is_offered_the_bulk_publication(client, team, report):
    client.force_login(team["publisher"])
    assert "publish" in action_names(client.get(CHANGELIST))
    for role in ("reviewer", "editor"):
        client.force_login(team[role])
        page = client.get(CHANGELIST)
        assert "publish" not in action_names(page)
        assert "发布所选年报" not in page.content.decode()


def test_a_reviewer_posting_the_bulk_publication_gets_no_confirmation_page(client, team, report):
    approved(report)
    client.force_login(team["reviewer"])
    response = client.post(CHANGELIST, {"action": "publish", "_selected_action": [report.pk]}, follow=True)
    assert "将发布以下年报" not in response.content.decode()
    response = client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [report.pk], "apply": "1"}, follow=True
    )
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED and not report.revisions.exists()


def test_view_on_site_only_for_a_public_report(client, team, report):
    page = change(client, team["editor"], report)
    assert "在站点上查看" not in page.content.decode()
    assert "预览" in page.content.decode()
    publish(report)
    page = change(client, team["editor"], report)
    link = next(a for a in dom.parse(page).find_all("a") if "在站点上查看" in a.text)
    assert client.get(link.get("href"), follow=True).status_code == 200
    withdraw(report)
    assert "在站点上查看" not in change(client, team["editor"], report).content.decode()


def test_the_list_links_only_public_reports(client, team, report):
    publish(report)
    withdraw(report)
    client.force_login(team["editor"])
    cells = dom.parse(client.get(CHANGELIST)).find_all("td", class_="field-public_link")
    assert [cell.text for cell in cells] == ["已撤回"]


def test_a_publisher_publishes_from_the_list_through_the_confirmation_page(client, team, report):
    approved(report)
    client.force_login(team["publisher"])
    selected = {"action": "publish", "_selected_action": [report.pk]}
    assert "将发布以下年报" in client.post(CHANGELIST, selected).content.decode()
    client.post(CHANGELIST, {**selected, "apply": "1"})
    assert report.revisions.count() == 1
