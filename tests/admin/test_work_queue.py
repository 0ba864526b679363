"""The work queue on the dashboard (工作台) and its counts in the admin menu."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse

from disclosure.publishing import workflow
from tests.dom import parse
from tests.factories import PASSWORD, make_report

# 2026-01-20 in Beijing: the departments' reports for 2025 are due in 11 days.
NOW = datetime.datetime(2026, 1, 20, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def submitted(team, bodies):
    report = make_report(body=bodies[0], year=2025, published_on=None)
    workflow.transition(report, team["editor"], "submit")
    return report


def signed_in(client, username):
    client.login(username=username, password=PASSWORD)
    return client


def test_the_reviewers_dashboard_lists_what_waits_for_them(client, team, submitted):
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        page = signed_in(client, "reviewer").get(reverse("admin:index"))

    html = page.content.decode()
    assert page.status_code == 200
    assert "最近动作" not in html and "我的动作" not in html  # Django's recent actions are gone
    doc = parse(html)
    queue = doc.find("section", class_="work-queue")
    captions = [caption.text.strip() for caption in queue.find_all("caption")]
    assert captions == ["待我审核（1项）", "即将到期（1项）"]  # the lists of the reviewer's role only
    review = doc.find(id="queue-review")
    headers = [th.text for th in review.find("thead").find_all("th", scope="col")]
    assert headers == ["事项", "机构", "等待自", "期限", "说明"]
    row = review.find("tbody").find("tr")
    link = row.find("th", scope="row").find("a")
    assert link.get("href") == reverse("admin:disclosure_report_change", args=[submitted.pk])
    assert link.text == "锦州市体育局2025年政府信息公开工作年度报告"
    cells = [cell.text for cell in row.find_all("td")]
    assert cells[0] == "锦州市体育局"
    assert cells[2] == "2026年1月31日，还剩11天"
    counts = doc.find(id="content-related").find(class_="work-counts")
    assert [li.text.strip() for li in counts.find_all("li")] == ["待我审核1项", "即将到期1项"]
    assert counts.find("a", href="/admin/notifications/").text == "通知设置"
    assert "style=" not in html.split('id="content-main"')[1]


def test_the_menu_shows_the_counts_on_every_admin_page(client, team, submitted):
    page = signed_in(client, "reviewer").get(reverse("admin:disclosure_report_changelist"))

    counts = parse(page.content.decode()).find(id="nav-sidebar").find(class_="work-counts").find_all("a")
    assert [a.get("href") for a in counts] == ["/admin/#queue-review", "/admin/#queue-due", "/admin/notifications/"]
    assert counts[0].text.strip() == "待我审核1项"


def test_an_outsider_sees_nothing_of_another_bodys_work(client, team, submitted):
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        page = signed_in(client, "outsider").get(reverse("admin:index"))

    doc = parse(page.content.decode())
    assert "锦州市体育局2025年" not in page.content.decode()
    queue = doc.find("section", class_="work-queue")
    assert [c.text.strip() for c in queue.find_all("caption")] == ["退回给我的（0项）", "即将到期（1项）"]
    assert doc.find(id="queue-returned").find("td").text == "没有退回给您修改的年报。"
