"""年报发布情况 with a summary, 仅看逾期, and a province's governments instead of one row per body."""

import datetime

import pytest
from django.utils import timezone

from disclosure.publishing import deadlines
from tests import dom
from tests.factories import make_report, publish

pytestmark = pytest.mark.django_db

URL = "/reports/deadlines/2024/"


def figures(response):
    summary = dom.parse(response).find("dl", class_="deadline-figures")
    return [dd.text for dd in summary.find_all("dd")]


def row_heads(response):
    table = dom.parse(response).find("table", class_="deadlines-table")
    return [th.text for th in table.find("tbody").find_all("th")]


def test_a_province_lists_its_governments_with_their_figures(client, province):
    response = client.get(URL)
    assert response.status_code == 200
    # 应发布, 按时, 逾期发布, 逾期未发布 (大连市人民政府, 省民政厅), 尚未到期
    assert figures(response) == ["7", "5", "0", "2", "0"]
    table = dom.parse(response).find("table", class_="deadline-areas")
    rows = [[cell.text for cell in tr.find_all("th", "td")] for tr in table.find("tbody").find_all("tr")]
    assert rows == [
        ["辽宁省人民政府", "3", "2", "0", "1", "0"],
        ["沈阳市人民政府", "3", "3", "0", "0", "0"],
        ["大连市人民政府", "1", "0", "0", "1", "0"],
    ]
    assert table.find("a").get("href") == "?area=liaoning"
    assert "省民政厅" not in response.content.decode()


def test_a_government_s_rows_and_late_only(client, province):
    response = client.get(URL, {"area": "liaoning"})
    assert row_heads(response) == ["辽宁省人民政府", "省教育厅", "省民政厅"]
    assert figures(response) == ["3", "2", "0", "1", "0"]
    late = client.get(URL, {"area": "liaoning", "late": "1"})
    assert row_heads(late) == ["省民政厅"]
    assert figures(late) == ["3", "2", "0", "1", "0"]  # the summary stays the government's
    nav = dom.parse(late).find("nav", class_="deadline-filter")
    assert nav.find("span", aria_current="page").text == "仅看逾期"
    assert nav.find("a").get("href") == "?area=liaoning"


def test_late_only_keeps_the_governments_with_late_bodies(client, province):
    table = dom.parse(client.get(URL, {"late": "1"})).find("table", class_="deadline-areas")
    assert [th.text for th in table.find("tbody").find_all("th")] == ["辽宁省人民政府", "大连市人民政府"]


def test_a_small_portal_keeps_one_table_with_the_summary(client, province, settings):
    settings.COLUMN_BODY_CHOICES_LIMIT = 200
    response = client.get(URL)
    assert len(row_heads(response)) == 7
    assert figures(response) == ["7", "5", "0", "2", "0"]
    assert row_heads(client.get(URL, {"late": "1"})) == ["大连市人民政府", "省民政厅"]


@pytest.mark.parametrize("area", ["nowhere", "a b", "\x00"])
def test_an_unknown_area_is_a_404(client, province, area):
    assert client.get(URL, {"area": area}).status_code == 404


def test_the_tally_is_the_overview_s_standing(province):
    """The summary's figures and the staff dashboard's rows are one rule: the same bodies, order and dates."""
    province["dalian"].first_year = 2025  # left out of 2024
    province["dalian"].save()
    late = make_report(province["liaoning-1"], year=2024, published_on=datetime.date(2025, 2, 3))
    publish(late)
    today = timezone.localdate()
    rows = deadlines.overview(2024, today)
    assert [(r.body.pk, r.standing) for r in rows] == [(t.body_id, t.standing) for t in deadlines.tally(2024, today)]
    assert deadlines.PUBLISHED_LATE in {r.standing.state for r in rows}
    assert province["dalian"].pk not in {r.body.pk for r in rows}
    public_only = deadlines.overview(2024, today, working_copies=False)
    assert [(r.body, r.revision, r.standing) for r in public_only] == [(r.body, r.revision, r.standing) for r in rows]
    assert {r.report for r in public_only} == {None}
