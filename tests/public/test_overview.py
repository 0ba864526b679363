"""公开情况: each listed unit's report with its date and whether it was on time, the government's figures summed
from the units' published reports only — never a draft, a scheduled revision or a withdrawn report — as a chart
and the same figures as a table, in three languages, and as CSV."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from disclosure.models import Body, Report
from disclosure.public import overview
from disclosure.rollup import units
from tests import dom
from tests.factories import make_report, publish, withdraw
from tests.rollup.factories import YEAR, listed_city, scaled_tables

pytestmark = pytest.mark.django_db

PAGE = f"/reports/overview/{YEAR}/"
# Only the office (×1) and education (×2) count: transport published in the 2019 format.
NEW_RECEIVED = 14069 * 3
SECRET = 14069 * 1000  # a unit's figures the public must never see in any sum


@pytest.fixture
def city():
    city = listed_city()
    # The health commission: a draft with figures, then a revision scheduled for next month.
    draft = make_report(city["health"], year=YEAR, format=Report.Format.STANDARD_2021)
    draft.tables = scaled_tables(1000)
    draft.save()
    city["draft"] = draft
    return city


def test_the_page_lists_every_unit_with_its_date_and_status(client, city):
    page = dom.parse(client.get(PAGE))
    table = page.find("table", class_="deadlines-table")
    rows = {row.find("th").text: row.text for row in table.find("tbody").find_all("tr")}
    assert set(rows) == {"锦州市人民政府办公室", "锦州市教育局", "锦州市卫生健康委员会", "锦州市交通运输局"}
    assert "尚未发布" in rows["锦州市卫生健康委员会"] and "否" in rows["锦州市卫生健康委员会"]
    assert "是" in rows["锦州市教育局"]
    links = [a.get("href") for a in table.find_all("a")]
    assert f"/reports/{YEAR}/education-bureau/" in links
    assert f"/reports/{YEAR}/health-commission/" not in links


def test_the_figures_are_summed_from_published_reports_only_as_chart_and_table(client, city):
    publish(city["draft"], at=timezone.now() + datetime.timedelta(days=30))  # scheduled: not public yet
    response = client.get(PAGE)
    html = response.content.decode()
    assert str(SECRET) not in html and str(NEW_RECEIVED + SECRET) not in html
    page = dom.parse(response)
    assert "以下数字由4个报告单位中已发布年报的2个单位的年报汇总而成。" in page.text
    chart = page.find("svg", class_="trend-chart")
    assert chart.get("role") == "img"
    assert f"本年新收申请：{NEW_RECEIVED}件。" in chart.find("desc").text
    table = page.find("table", class_="trend-table")
    figures = {row.find("th").text: row.find("td").text for row in table.find("tbody").find_all("tr")}
    assert figures["本年新收申请"] == str(NEW_RECEIVED)
    # Chart and table hold the same figures.
    assert [t.text for t in chart.find_all("text") if "trend-value" in t.classes] == list(figures.values())


def test_a_withdrawn_report_leaves_the_sums(client, city):
    withdraw(Report.objects.get(body=city["education"], year=YEAR))
    page = dom.parse(client.get(PAGE))
    assert "已发布年报的1个单位" in page.text
    table = page.find("table", class_="trend-table")
    assert {row.find("th").text: row.find("td").text for row in table.find_all("tr")[1:]}["本年新收申请"] == "14069"


def test_a_unit_published_late_is_marked_so(client, city):
    report = make_report(city["health"], year=YEAR - 1, format=Report.Format.STANDARD_2021)
    report.tables = scaled_tables(1)
    report.save()
    units.change(city["government"], YEAR - 1, add=["health-commission"])
    late = timezone.make_aware(datetime.datetime(YEAR, 2, 18, 9))
    report.published_on = late.date()
    report.save()
    publish(report, at=late)
    page = dom.parse(client.get(f"/reports/overview/{YEAR - 1}/"))
    row = page.find("table", class_="deadlines-table").find("tbody").find("tr")
    assert "逾期发布（逾期18天）" in row.text and "deadline-late" in row.classes


@pytest.mark.parametrize(
    ("prefix", "title", "label"),
    [
        ("", f"{YEAR}年度政府信息公开工作年度报告公开情况", "本年新收申请"),
        ("/zh-hant", f"{YEAR}年度政府信息公開工作年度報告公開情況", "本年新收申請"),
        (
            "/en",
            f"Annual reports on government information disclosure for {YEAR}: publication and figures",
            "New requests",
        ),
    ],
)
def test_three_languages(client, city, prefix, title, label):
    page = dom.parse(client.get(prefix + PAGE))
    assert page.find("h1").text == title
    assert label in page.find("table", class_="trend-table").text


def test_a_year_without_a_list_is_not_found_and_the_latest_is_offered(client, city):
    assert client.get("/reports/overview/2019/").status_code == 404
    response = client.get("/reports/overview/")
    assert response.status_code == 302 and response["Location"] == PAGE


def test_the_reports_column_links_the_page(client, city):
    page = dom.parse(client.get("/reports/"))
    assert "/reports/overview/" in [a.get("href") for a in page.find_all("a")]


def test_csv_holds_the_units_and_the_published_figures(client, city):
    response = client.get(f"{PAGE}overview.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff") and str(SECRET) not in text
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert lines[0] == ["锦州市人民政府", str(YEAR)]
    assert ["本年新收申请", str(NEW_RECEIVED)] in lines
    assert [row[0] for row in lines[2:6]] == [entry.unit.name for entry in units.listed(city["government"], YEAR)]


def test_the_sums_read_public_revisions_only(city):
    city["draft"].tables = scaled_tables(1)
    city["draft"].save()
    publish(city["draft"])  # health publishes: now three units
    (found,) = overview.year_overview(YEAR)
    assert found.summed == 3
    assert next(f for f in found.received if f.key == "new_received").value == 14069 * 4


def test_csv_never_hands_a_spreadsheet_a_formula(client, city):
    name = '=HYPERLINK("http://example.com","锦州")'
    Body.objects.filter(pk=city["health"].pk).update(name_zh_hans=name)
    text = client.get(f"{PAGE}overview.csv").content.decode("utf-8").lstrip("\ufeff")
    firsts = [row[0] for row in csv.reader(io.StringIO(text)) if row and "HYPERLINK" in row[0]]
    assert firsts == ["'" + name]
