"""A province's cluster on one portal (public/hierarchy.py, listing.py): past COLUMN_BODY_CHOICES_LIMIT bodies the
column offers 所属政府 and then that government's own bodies, instead of one list of every body."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure.models import Body
from disclosure.public import hierarchy, listing, sitemaps
from tests import dom
from tests.factories import make_body, withdraw

pytestmark = pytest.mark.django_db

GOVERNMENT, DEPARTMENT = Body.Kind.GOVERNMENT, Body.Kind.DEPARTMENT

PROVINCE_2024 = ["辽宁省人民政府2024年政府信息公开工作年度报告", "省教育厅2024年政府信息公开工作年度报告"]


def listed_links(response):
    return [a.get("href") for a in dom.parse(response).find("ul", class_="report-list").find_all("a")]


def titles(response):
    return [a.text for a in dom.parse(response).find("ul", class_="report-list").find_all("a")]


def options(page, name):
    return [o.get("value") for o in page.find("select", id=f"id_{name}").find_all("option")]


def test_the_column_offers_governments_then_the_chosen_one_s_bodies(client, province):
    page = dom.parse(client.get("/reports/"))
    assert options(page, "area") == ["", "liaoning", "shenyang", "dalian"]
    assert not page.find_all("select", id="id_body")  # until a government is chosen
    assert "选择所属政府并点击“筛选”后" in page.find("form", class_="filters").text

    response = client.get("/reports/", {"area": "shenyang"})
    page = dom.parse(response)
    assert options(page, "body") == ["", "shenyang", "shenyang-0", "shenyang-1"]
    assert titles(response) == [
        "沈阳市人民政府2024年政府信息公开工作年度报告",
        "沈阳市教育局2024年政府信息公开工作年度报告",
        "沈阳市民政局2024年政府信息公开工作年度报告",
        "沈阳市人民政府2023年政府信息公开工作年度报告",
        "沈阳市教育局2023年政府信息公开工作年度报告",
    ]


def test_the_province_s_area_is_its_government_and_departments_not_the_cities(client, province):
    response = client.get("/reports/", {"year": "2024", "area": "liaoning"})
    assert response.status_code == 200, response.content.decode()
    assert titles(response) == PROVINCE_2024
    assert options(dom.parse(response), "body") == ["", "liaoning", "liaoning-0"]  # 省民政厅 has nothing public


def test_an_old_body_link_selects_its_government(client, province):
    response = client.get("/reports/", {"body": "shenyang-0"})
    assert response.status_code == 200
    page = dom.parse(response)
    assert page.find("select", id="id_area").find("option", selected="").get("value") == "shenyang"
    assert page.find("select", id="id_body").find("option", selected="").get("value") == "shenyang-0"
    assert len(titles(response)) == 2


def test_choosing_another_government_drops_the_body_of_the_previous_one(client, province):
    response = client.get("/reports/", {"area": "liaoning", "body": "shenyang-0"})
    assert response.status_code == 200
    assert titles(response) == PROVINCE_2024


@pytest.mark.parametrize("query", [{"area": "nowhere"}, {"area": "shenyang-0"}, {"area": "<script>"}])
def test_an_unknown_government_is_a_400_with_a_plain_message(client, province, query):
    response = client.get("/reports/", query)
    assert response.status_code == 400
    assert dom.parse(response).find("p", class_="field-error").text == "没有找到这个地区的人民政府，请从列表中选择。"


def test_a_body_whose_reports_were_withdrawn_still_lists_everything_with_the_notice(client, province):
    withdraw(province["liaoning-0"].reports.get())
    response = client.get("/reports/", {"body": "liaoning-0"})
    assert response.status_code == 200
    assert dom.parse(response).find("p", class_="notice").text == "省教育厅目前没有公开的年报，下面列出全部年报。"
    assert len(titles(response)) == 6


def test_the_count_stops_at_the_limit_and_asks_the_reader_to_narrow(client, province, settings):
    settings.COLUMN_COUNT_LIMIT, settings.REPORTS_PER_PAGE = 4, 2
    response = client.get("/reports/")
    assert "共4余份年报，以下列出前4份。" in dom.parse(response).find("p", class_="result-count").text
    assert client.get("/reports/", {"page": "2"}).status_code == 200
    assert client.get("/reports/", {"page": "3"}).status_code == 400
    narrowed = client.get("/reports/", {"area": "shenyang"})
    assert "共5份年报" not in narrowed.content.decode()  # 5 > 4: still capped
    assert "共2份年报" in client.get("/reports/", {"body": "shenyang"}).content.decode()


def test_a_small_portal_lists_every_body_without_governments(client, province, settings):
    settings.COLUMN_BODY_CHOICES_LIMIT = 200
    page = dom.parse(client.get("/reports/"))
    assert not page.find_all("select", id="id_area")
    # By position, then name: 沈 sorts before 省.
    assert options(page, "body") == ["", "liaoning", "shenyang", "shenyang-0", "liaoning-0", "shenyang-1"]


def test_years_come_from_public_revisions_only(province):
    withdraw(province["shenyang"].reports.get(year=2023))
    assert listing.public_years() == [2024, 2023]
    withdraw(province["shenyang-0"].reports.get(year=2023))
    assert listing.public_years() == [2024]


def test_governments_as_a_tree_and_grouped_choices(province):
    tree = hierarchy.governments()
    assert [(n.body.slug, n.depth) for n in hierarchy.flatten(tree)] == [
        ("liaoning", 0),
        ("shenyang", 1),
        ("dalian", 1),
    ]
    county = make_body("sujiatun", "苏家屯区人民政府", kind=GOVERNMENT, parent=province["shenyang"], position=5)
    choices = hierarchy.area_choices(hierarchy.governments())
    assert choices == [
        ("liaoning", "辽宁省人民政府"),
        ("沈阳市人民政府", [("shenyang", "沈阳市人民政府"), ("sujiatun", county.name)]),
        ("dalian", "大连市人民政府"),
    ]


def test_the_column_reads_no_list_of_every_body(client, province, settings):
    for index in range(20):
        make_body(f"extra-{index}", f"沈阳市第{index}局", kind=DEPARTMENT, parent=province["shenyang"], position=50)
    client.get("/reports/")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/reports/").content.decode()
    assert "沈阳市第1局" not in html
    assert not any('FROM "disclosure_body" ORDER BY' in q["sql"] for q in queries.captured_queries)


# --- home -----------------------------------------------------------------------------------------------------


def test_home_lists_the_top_governments_and_those_under_them(client, province):
    make_body("sujiatun", "苏家屯区人民政府", kind=GOVERNMENT, parent=province["shenyang"], position=5)
    links = dom.parse(client.get("/")).find("section", aria_labelledby="bodies-title").find_all("a")
    assert [(a.text, a.get("href")) for a in links] == [
        ("辽宁省人民政府", "/reports/?area=liaoning"),
        ("沈阳市人民政府", "/reports/?area=shenyang"),
        ("大连市人民政府", "/reports/?area=dalian"),
        ("按年度和地区浏览全部年报", "/sitemap/"),
    ]


# --- 网站地图 --------------------------------------------------------------------------------------------------


def test_a_large_site_map_lists_years_then_governments_then_reports(client, province, settings):
    settings.SITE_MAP_REPORTS_PER_PAGE = 3
    page = dom.parse(client.get("/sitemap/"))
    years = page.find("section", aria_labelledby="map-reports").find_all("li")
    assert [(li.find("a").get("href"), li.find("span").text) for li in years] == [
        ("/sitemap/2024/", "5份年报"),
        ("/sitemap/2023/", "2份年报"),
    ]
    assert not page.find_all("ul", class_="report-list")

    year = dom.parse(client.get("/sitemap/2024/"))
    areas = [
        (li.find("a").get("href"), li.find("span").text) for li in year.find("ul", class_="map-counts").find_all("li")
    ]
    assert areas == [("/sitemap/2024/liaoning/", "2份年报"), ("/sitemap/2024/shenyang/", "3份年报")]

    area = client.get("/sitemap/2024/liaoning/")
    assert titles(area) == PROVINCE_2024
    crumbs = [a.get("href") for a in dom.parse(area).find("nav", class_="breadcrumb").find_all("a")]
    assert crumbs == ["/", "/sitemap/", "/sitemap/2024/"]


def test_a_year_that_fits_lists_its_reports_under_each_government(client, province):
    page = dom.parse(client.get("/sitemap/2024/"))
    sections = page.find("div", class_="site-map").find_all("section")
    assert [s.find("h2").text for s in sections] == ["辽宁省人民政府", "沈阳市人民政府"]
    assert [a.text for a in sections[0].find_all("a")] == PROVINCE_2024


@pytest.mark.parametrize("url", ["/sitemap/2019/", "/sitemap/2024/dalian/", "/sitemap/2024/nowhere/"])
def test_a_site_map_page_with_nothing_public_is_a_404(client, province, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("limit", [3, 200])
def test_pages_read_body_by_body_are_slices_of_the_column_s_order(client, province, settings, limit):
    settings.COLUMN_BODY_CHOICES_LIMIT, settings.REPORTS_PER_PAGE = limit, 2
    order = [revision.get_absolute_url() for revision in sitemaps.public_reports()]
    pages = [listed_links(client.get("/reports/", {"page": str(n)} if n > 1 else {})) for n in range(1, 5)]
    assert pages == [order[0:2], order[2:4], order[4:6], order[6:7]]  # the third page spans 2024 and 2023
    assert listed_links(client.get("/reports/", {"year": "2023"})) == order[5:7]
