"""The roll-up in the admin: the list of reporting units kept by the government's staff, the 统计表 page's
button and coverage, each summed figure's contributions with links to the units' reports; staff of the
government body only."""

import pytest

from disclosure.models import Report, ReportingUnit
from disclosure.publishing import workflow
from tests import dom
from tests.factories import make_staff, publish
from tests.rollup.factories import YEAR, listed_city, scaled_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    city = listed_city()
    city["editor"] = make_staff("office-editor", workflow.EDITOR, city["government"])
    city["outsider"] = make_staff("outsider", workflow.EDITOR, city["education"])
    return city


def tables_url(report):
    return f"/admin/disclosure/report/{report.pk}/tables/"


def messages_of(response):
    lists = dom.parse(response).find_all("ul", class_="messagelist")
    return [li.text for li in lists[0].find_all("li")] if lists else []


def roll_up(client, report):
    return client.post(f"{tables_url(report)}rollup/", {"action": "rollup"}, follow=True)


def test_the_button_sums_shows_the_coverage_and_links_each_summed_figure(client, city):
    report = city["report"]
    client.force_login(city["editor"])
    page = dom.parse(client.get(tables_url(report)))
    button = page.find("button", value="rollup")
    assert button.text == "从下级单位年报汇总" and button.get("formaction") == f"{tables_url(report)}rollup/"
    assert "尚未从下级单位年报汇总。" in page.text
    response = roll_up(client, report)
    assert response.redirect_chain[-1][0] == tables_url(report)
    shown = messages_of(response)
    assert any("已从下级单位年报汇总表二、表三、表四并保存：已汇总 4 个单位中的 2 个。" in m for m in shown)
    assert "未汇总：锦州市卫生健康委员会，尚未发布2026年度年报。" in shown
    report.refresh_from_db()
    assert report.tables["requests"] == scaled_tables(3)["requests"]
    page = dom.parse(response)
    assert "已汇总 4 个单位中的 2 个，未汇总：锦州市交通运输局" in page.text
    links = page.find_all("a", class_="stat-origin")
    assert len(links) == 200 and {a.text for a in links} == {"来源"}  # 10 + 175 + 15 cells


def test_a_summed_figure_shows_each_units_contribution_and_links_to_its_report(client, city):
    report = city["report"]
    client.force_login(city["editor"])
    roll_up(client, report)
    page = dom.parse(client.get(f"{tables_url(report)}summed/?cell=tables.requests.granted.total"))
    assert "表三“予以公开·总计”的汇总来源" in page.find("h1").text
    assert "汇总数 27000（已汇总 4 个单位中的 2 个）" in page.text
    rows = [[c.text.strip() for c in tr.find_all("th", "td")] for tr in page.find("tbody").find_all("tr")]
    assert rows == [
        ["锦州市人民政府办公室", "9000", "第1版", "未变"],
        ["锦州市教育局", "18000", "第1版", "未变"],
    ]
    links = {a.text: a.get("href") for a in page.find("tbody").find_all("a")}
    assert links["锦州市教育局"] == f"/reports/{YEAR}/education-bureau/"
    assert "锦州市卫生健康委员会：尚未发布2026年度年报" in page.text
    education = Report.objects.get(body=city["education"], year=YEAR)
    education.tables = scaled_tables(4)
    education.save()
    publish(education, "更正了表三。")
    page = dom.parse(client.get(f"{tables_url(report)}summed/?cell=tables.requests.granted.total"))
    assert "已更正为第2版，请重新汇总" in page.text
    tables_page = dom.parse(client.get(tables_url(report)))
    assert any(
        "锦州市教育局的2026年度年报在汇总后有更正" in li.text
        for li in tables_page.find("ul", class_="stat-warnings").find_all("li")
    )


def test_a_figure_not_summed_is_a_404(client, city):
    client.force_login(city["editor"])
    base = f"{tables_url(city['report'])}summed/"
    assert client.get(f"{base}?cell=tables.requests.granted.total").status_code == 404  # not summed yet
    roll_up(client, city["report"])
    for cell in ("tables.requests.nothing.total", "nonsense", ""):
        assert client.get(f"{base}?cell={cell}").status_code == 404


def test_only_staff_of_the_government_body_may_sum_or_see_the_sources(client, city):
    report = city["report"]
    client.force_login(city["editor"])
    roll_up(client, report)
    client.force_login(city["outsider"])
    assert client.get(f"{tables_url(report)}summed/?cell=tables.requests.granted.total").status_code == 404
    report.refresh_from_db()
    before = report.version
    assert client.post(f"{tables_url(report)}rollup/", {"action": "rollup"}).status_code == 404
    report.refresh_from_db()
    assert report.version == before
    client.force_login(city["editor"])
    assert client.get(f"{tables_url(report)}rollup/").status_code == 405


def test_no_button_on_a_departments_report(client, city):
    client.force_login(city["outsider"])
    education = Report.objects.get(body=city["education"], year=YEAR)
    page = dom.parse(client.get(tables_url(education)))
    assert not page.find_all("button", value="rollup") and "从下级单位年报汇总" not in page.text


def test_reporting_units_are_kept_by_the_governments_staff_only(client, city):
    government = city["government"]
    client.force_login(city["editor"])
    listing = client.get("/admin/disclosure/reportingunit/")
    assert listing.status_code == 200 and "锦州市卫生健康委员会" in listing.content.decode()
    form = dom.parse(client.get("/admin/disclosure/reportingunit/add/"))
    governments = [o.text for o in form.find("select", name="body").find_all("option") if o.get("value")]
    assert governments == ["锦州市人民政府"]
    data = {"body": government.pk, "year": YEAR, "unit": city["education"].pk, "excluded": "on", "reason": ""}
    response = client.post("/admin/disclosure/reportingunit/add/", data)
    assert "不纳入汇总的，请写明理由" in response.content.decode()  # and the unit is already listed
    data = {"body": government.pk, "year": YEAR + 1, "unit": government.pk}
    assert "不能列为自己的报告单位" in client.post("/admin/disclosure/reportingunit/add/", data).content.decode()
    entries = ReportingUnit.objects.filter(body=government, year=YEAR)
    client.post(
        "/admin/disclosure/reportingunit/",
        {"action": "copy_to_next_year", "_selected_action": [e.pk for e in entries]},
    )
    assert ReportingUnit.objects.filter(body=government, year=YEAR + 1).count() == 4
    client.force_login(city["outsider"])
    assert "锦州市卫生健康委员会" not in client.get("/admin/disclosure/reportingunit/").content.decode()
    entry = entries.first()
    assert client.get(f"/admin/disclosure/reportingunit/{entry.pk}/change/").status_code == 302  # not theirs
