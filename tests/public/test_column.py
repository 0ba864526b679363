"""The home page and the 信息公开年报 column (filters, pages) and the site map over one catalogue of reports,
made once for the module (tests/conftest.py made_once_per_module): each test had published its seven reports."""

import pytest

from disclosure.models import Page
from tests import dom
from tests.conftest import made_once_per_module
from tests.factories import make_body, make_report, publish

pytestmark = pytest.mark.django_db


@made_once_per_module
def catalogue():
    """Published reports of three bodies over three years, and one draft."""
    government = make_body("municipal-government", "锦州市人民政府", position=1)
    education = make_body("education-bureau", "锦州市教育局", position=10)
    sports = make_body("sports-bureau", "锦州市体育局", position=40)
    for body, year in [
        (sports, 2015),
        (government, 2016),
        (sports, 2016),
        (education, 2017),
        (government, 2017),
        (sports, 2017),
    ]:
        publish(make_report(body, year=year))
    make_report(education, year=2018, title="锦州市教育局2018年草稿年报")
    return {"government": government, "education": education, "sports": sports}


def listed(response):
    """The report titles of a list page, in order."""
    return [a.text for ul in dom.parse(response).find_all("ul", class_="report-list") for a in ul.find_all("a")]


def listed_links(response):
    return [a.get("href") for ul in dom.parse(response).find_all("ul", class_="report-list") for a in ul.find_all("a")]


LAST_PAGE = ["锦州市体育局2016年政府信息公开工作年度报告", "锦州市体育局2015年政府信息公开工作年度报告"]
FIRST_PAGE = ["锦州市人民政府2017年政府信息公开工作年度报告", "锦州市教育局2017年政府信息公开工作年度报告"]


def test_home_lists_the_latest_published_reports_and_the_bodies(client, catalogue):
    response = client.get("/")
    assert response.status_code == 200
    titles = listed(response)
    assert len(titles) == 6
    assert "锦州市教育局2018年草稿年报" not in response.content.decode()
    bodies = [a.text for a in dom.parse(response).find("ul", class_="body-list").find_all("a")]
    assert bodies == ["锦州市人民政府", "锦州市教育局", "锦州市体育局"]
    assert dom.parse(response).find("ul", class_="body-list").find("a").get("href") == (
        "/reports/?body=municipal-government"
    )


def test_home_shows_at_most_six_newest(client, catalogue):
    publish(make_report(catalogue["education"], year=2016))
    titles = listed(client.get("/"))
    assert len(titles) == 6
    assert titles[0] == "锦州市教育局2016年政府信息公开工作年度报告"  # published last


def test_column_lists_newest_year_first_then_body_order(client, catalogue):
    response = client.get("/reports/")
    assert response.status_code == 200
    assert listed(response) == [
        "锦州市人民政府2017年政府信息公开工作年度报告",
        "锦州市教育局2017年政府信息公开工作年度报告",
        "锦州市体育局2017年政府信息公开工作年度报告",
        "锦州市人民政府2016年政府信息公开工作年度报告",
        "锦州市体育局2016年政府信息公开工作年度报告",
        "锦州市体育局2015年政府信息公开工作年度报告",
    ]
    assert listed_links(response)[0] == "/reports/2017/municipal-government/"
    assert "共6份年报" in response.content.decode()


def test_column_filter_choices_come_from_what_is_published(client, catalogue):
    page = dom.parse(client.get("/reports/"))
    years = [o.get("value") for o in page.find("select", id="id_year").find_all("option")]
    assert years == ["", "2017", "2016", "2015"]  # 2018 has only a draft
    bodies = [o.get("value") for o in page.find("select", id="id_body").find_all("option")]
    assert bodies == ["", "municipal-government", "education-bureau", "sports-bureau"]


def test_column_filter_by_year(client, catalogue):
    response = client.get("/reports/", {"year": "2016"})
    assert listed(response) == [
        "锦州市人民政府2016年政府信息公开工作年度报告",
        "锦州市体育局2016年政府信息公开工作年度报告",
    ]
    selected = dom.parse(response).find("select", id="id_year").find_all("option", selected="")
    assert [o.get("value") for o in selected] == ["2016"]


def test_column_filter_by_body(client, catalogue):
    response = client.get("/reports/", {"body": "sports-bureau"})
    assert listed(response) == [
        "锦州市体育局2017年政府信息公开工作年度报告",
        "锦州市体育局2016年政府信息公开工作年度报告",
        "锦州市体育局2015年政府信息公开工作年度报告",
    ]


def test_column_filter_by_year_and_body(client, catalogue):
    response = client.get("/reports/", {"year": "2017", "body": "education-bureau"})
    assert listed(response) == ["锦州市教育局2017年政府信息公开工作年度报告"]


def test_column_empty_filters_list_everything(client, catalogue):
    response = client.get("/reports/", {"year": "", "body": ""}, follow=True)
    assert response.redirect_chain == [("/reports/", 301)]  # one address per page (the page cache's key)
    assert len(listed(response)) == 6


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "2018"},  # only a draft: not a choice
        {"year": "99999999999999999999999"},
        {"body": "no-such-body"},
        {"body": "<script>"},
        {"year": "2016", "body": "nope"},
    ],
)
def test_column_invalid_filter_value_does_not_crash(client, catalogue, query):
    response = client.get("/reports/", query)
    assert response.status_code == 400
    assert listed(response) == []
    assert "没有符合条件的年报" in response.content.decode()
    assert dom.parse(response).find_all("p", class_="field-error")


def test_column_pagination(client, catalogue, settings):
    settings.REPORTS_PER_PAGE = 2
    first = client.get("/reports/")
    assert listed(first) == [
        "锦州市人民政府2017年政府信息公开工作年度报告",
        "锦州市教育局2017年政府信息公开工作年度报告",
    ]
    second = client.get("/reports/", {"page": "2"})
    assert second.status_code == 200
    assert listed(second) == [
        "锦州市体育局2017年政府信息公开工作年度报告",
        "锦州市人民政府2016年政府信息公开工作年度报告",
    ]
    nav = dom.parse(second).find("nav", class_="pagination")
    assert nav.find("span", aria_current="page").text == "第2页"
    assert nav.find("a", rel="prev").get("href") == "?page=1"
    assert nav.find("a", rel="next").get("href") == "?page=3"
    assert "第2页" in dom.parse(second).find("title").text


def test_column_pagination_keeps_the_filters(client, catalogue, settings):
    settings.REPORTS_PER_PAGE = 2
    response = client.get("/reports/", {"body": "sports-bureau", "page": "2"})
    assert listed(response) == ["锦州市体育局2015年政府信息公开工作年度报告"]
    nav = dom.parse(response).find("nav", class_="pagination")
    assert nav.find("a", rel="prev").get("href") == "?body=sports-bureau&page=1"


@pytest.mark.parametrize("page", ["99", "0", "-1", "abc", "03", "²"])
def test_column_out_of_range_or_invalid_page(client, catalogue, settings, page):
    # A 400, never stored in the page cache: a page number per request would add an entry per request.
    settings.REPORTS_PER_PAGE = 2
    response = client.get("/reports/", {"page": page})
    assert response.status_code == 400
    assert "参数page应为1至3之间的整数。" in response.content.decode()


def test_column_empty_page_is_the_first(client, catalogue, settings):
    settings.REPORTS_PER_PAGE = 2
    assert listed(client.get("/reports/", {"page": "3"})) == LAST_PAGE
    assert listed(client.get("/reports/", {"page": ""}, follow=True)) == FIRST_PAGE


def test_column_without_pagination_when_one_page(client, catalogue):
    assert not dom.parse(client.get("/reports/")).find_all("nav", class_="pagination")


def test_site_map_lists_every_published_report_and_no_draft(client, catalogue):
    Page.objects.create(slug="about", title_zh_hans="关于我们", body_zh_hans="正文")
    response = client.get("/sitemap/")
    assert response.status_code == 200
    page = dom.parse(response)
    links = listed_links(response)
    assert sorted(links) == sorted(
        [
            "/reports/2015/sports-bureau/",
            "/reports/2016/municipal-government/",
            "/reports/2016/sports-bureau/",
            "/reports/2017/education-bureau/",
            "/reports/2017/municipal-government/",
            "/reports/2017/sports-bureau/",
        ]
    )
    assert "/reports/2018/education-bureau/" not in response.content.decode()
    assert [h.text for h in page.find_all("h3")] == ["2017年度", "2016年度", "2015年度"]
    main_links = [a.get("href") for a in page.find("section", aria_labelledby="map-main").find_all("a")]
    # The 依申请公开 guide (a Page made by migration 0016) is listed at its section's address.
    assert main_links == ["/", "/reports/", "/feedback/", "/opendata/", "/pages/about/", "/applications/"]
