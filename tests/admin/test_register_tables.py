"""统计表 page, issue 16: 从依申请公开登记生成 fills tables 3 and 4 from a varied register, keeps the other tables as
on screen, stores the origins; a figure typed over is a warning acknowledged on the approve page; the cases
behind a figure are listed for staff of the body only, with names for the handler role only."""

import datetime

import pytest
from django.contrib.auth.models import Group

from disclosure.applications import counting
from disclosure.applications.privacy import HANDLER
from disclosure.models import ApplicationAppeal, RegisterCount, Report
from disclosure.tables import assessment
from tests import dom
from tests.applications.factories import PERSON, varied_register
from tests.factories import make_report, make_staff, standard_tables

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def report(bodies):
    report = make_report(bodies[0], year=2026, format=Report.Format.STANDARD_2021)
    report.tables = standard_tables("2021")
    report.save()
    cases = varied_register(bodies[0], 2026)
    ApplicationAppeal.objects.create(application=cases[4], kind="reconsideration", filed_on=D(2026, 2, 1))
    return report


def url(report):
    return f"/admin/disclosure/report/{report.pk}/tables/"


def form_of(response):
    return dom.form_data(dom.parse(response).find("form", id="stat-form"))


def messages_of(response):
    lists = dom.parse(response).find_all("ul", class_="messagelist")
    return [li.text for li in lists[0].find_all("li")] if lists else []


def fill(client, report, table="requests", **typed):
    data = form_of(client.get(url(report)))
    data.update(typed)
    return client.post(url(report), {**data, "action": f"count-{table}"}, follow=True)


def test_the_button_fills_table_3_keeps_typed_figures_and_passes_the_checks(client, team, report):
    client.force_login(team["editor"])
    page = dom.parse(client.get(url(report)))
    assert [b.text for b in page.find_all("button", name="action")][2:] == [
        "从依申请公开登记生成表三",
        "从依申请公开登记生成表四",
    ]
    response = fill(client, report, **{"tables.active.licensing.decisions": "12"})
    assert any(
        "已从依申请公开登记生成表三（2026年度，锦州市体育局，175个数字）并保存" in m for m in messages_of(response)
    )
    report.refresh_from_db()
    assert report.tables["requests"] == counting.table3(report.body, 2026)["requests"]
    assert report.tables["active"]["licensing"]["decisions"] == 12  # typed on screen, saved with the count
    assert RegisterCount.objects.get(report=report, table="requests").user == team["editor"]
    assert assessment.blocking(report) == []
    page = dom.parse(response)
    links = page.find("table", id="entry-requests").find_all("a", class_="stat-origin")
    assert len(links) == 175
    assert not page.find("table", id="entry-active").find_all("a", class_="stat-origin")


def test_the_button_fills_table_4(client, team, report):
    client.force_login(team["editor"])
    fill(client, report, "appeals")
    report.refresh_from_db()
    assert report.tables["appeals"]["reconsideration"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    }
    assert report.tables["requests"] == standard_tables("2021")["requests"]  # table 3 untouched


def test_a_reader_has_no_button_and_an_older_page_is_refused(client, team, report):
    client.force_login(team["editor"])
    data = form_of(client.get(url(report)))
    report.save()  # someone else saved meanwhile
    response = client.post(url(report), {**data, "action": "count-requests"}, follow=True)
    assert RegisterCount.objects.count() == 0
    report.refresh_from_db()
    assert report.tables["requests"] == standard_tables("2021")["requests"]
    assert response.status_code == 200


def test_a_figure_typed_over_is_a_warning_acknowledged_at_approval(client, team, report):
    client.force_login(team["editor"])
    fill(client, report)
    data = form_of(client.get(url(report)))
    report.refresh_from_db()
    granted = report.tables["requests"]["granted"]["natural_person"]
    for row, change in (("granted", 1), ("unable_no_info", -1)):
        for column in ("natural_person", "total"):
            key = f"tables.requests.{row}.{column}"
            data[key] = str(int(data[key]) + change)
    client.post(url(report), {**data, "action": "save"})
    page = dom.parse(client.get(url(report)))
    warnings = [li.text for li in page.find("ul", class_="stat-warnings").find_all("li")]
    expected = f"表三“予以公开·自然人”与依申请公开登记不符：登记 {granted} 件，表中 {granted + 1} 件"
    assert expected in warnings and len(warnings) == 4

    client.post(f"/admin/disclosure/report/{report.pk}/transition/submit/", {"comment": ""})
    client.force_login(team["reviewer"])
    approve = f"/admin/disclosure/report/{report.pk}/transition/approve/"
    page = client.get(approve).content.decode()
    assert expected in page
    refused = client.post(approve, {"comment": ""})
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED and refused.status_code == 200
    notes = {f"ack-{i}": "登记漏录两件邮寄申请，以表中数字为准。" for i in range(4)}
    client.post(approve, {"comment": "", **notes})
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    assert report.acknowledgements.count() == 4


def behind(client, report, cell):
    return client.get(f"/admin/disclosure/report/{report.pk}/tables/behind/", {"cell": cell})


def test_the_cases_behind_a_figure_for_staff_of_the_body_only(client, team, report):
    client.force_login(team["editor"])
    fill(client, report)
    client.force_login(team["reviewer"])
    response = behind(client, report, "tables.requests.carried_over.total")
    assert response.status_code == 200
    page = dom.parse(response)
    refs = [a.text for a in page.find("tbody").find_all("a")]
    assert len(refs) == 3 and all(ref.startswith("2025-") for ref in refs)  # varied_register's three carried over
    text = page.find("tbody").text
    assert "2025-12-08" in text and "未答复" in text and "（一）予以公开" in text
    assert all(value not in response.content.decode() for value in PERSON.values())
    assert "不显示申请人个人信息" in page.text

    client.force_login(team["outsider"])
    assert behind(client, report, "tables.requests.carried_over.total").status_code == 404
    client.force_login(team["reviewer"])
    assert behind(client, report, "tables.active.licensing.decisions").status_code == 404  # not counted
    assert behind(client, report, "nonsense").status_code == 404


def test_the_handler_sees_the_names_behind_a_figure(client, team, report):
    client.force_login(team["editor"])
    fill(client, report)
    handler = make_staff("handler", "审核人", report.body)  # the report's reviewer and the cases' handler
    handler.groups.add(Group.objects.get_or_create(name=HANDLER)[0])
    client.force_login(handler)
    response = behind(client, report, "tables.requests.carried_over.natural_person")
    assert response.status_code == 200
    assert PERSON["name"] in response.content.decode()
