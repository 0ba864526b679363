"""Public pages: home, the 信息公开年报 column, report pages in three languages, site map, plain pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure.models import Page, Section
from tests import dom
from tests.factories import add_items, import_seed, make_body, make_report, publish

pytestmark = pytest.mark.django_db

SEED_URL = "/reports/2016/sports-bureau/"
SEED_TITLE = "市体育局2016年度政府信息公开工作报告"


@pytest.fixture
def seed():
    report, _ = import_seed()
    publish(report)
    return report


@pytest.fixture
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


# --- home ---------------------------------------------------------------------------------------------


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


def test_home_without_reports(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "目前还没有发布任何年报。" in response.content.decode()


# --- the column ---------------------------------------------------------------------------------------


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


LAST_PAGE = ["锦州市体育局2016年政府信息公开工作年度报告", "锦州市体育局2015年政府信息公开工作年度报告"]
FIRST_PAGE = ["锦州市人民政府2017年政府信息公开工作年度报告", "锦州市教育局2017年政府信息公开工作年度报告"]


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


# --- the report page ----------------------------------------------------------------------------------


def test_report_page_breadcrumb(client, seed):
    page = dom.parse(client.get(SEED_URL))
    crumbs = page.find("nav", class_="breadcrumb").find_all("li")
    assert [li.text for li in crumbs] == ["首页", "信息公开年报", SEED_TITLE]
    assert [a.get("href") for a in page.find("nav", class_="breadcrumb").find_all("a")] == ["/", "/reports/"]
    assert crumbs[-1].find("span").get("aria-current") == "page"


def test_report_page_title_date_and_source(client, seed):
    page = dom.parse(client.get(SEED_URL))
    assert page.find("h1").text == SEED_TITLE
    assert page.find("title").text == f"{SEED_TITLE} - 政府信息公开"
    facts = page.find("p", class_="report-meta-facts")
    assert "发布时间：2017年3月28日" in facts.text
    assert facts.find("time").get("datetime") == "2017-03-28"
    assert "来源：锦州市体育局" in facts.text


def test_report_page_source_falls_back_to_the_body_name(client):
    report = make_report(source_zh_hans="")
    publish(report)
    facts = dom.parse(client.get(SEED_URL)).find("p", class_="report-meta-facts")
    assert "来源：锦州市体育局" in facts.text


def test_report_page_shows_a_given_source(client):
    publish(make_report(source_zh_hans="锦州市体育局办公室"))
    facts = dom.parse(client.get(SEED_URL)).find("p", class_="report-meta-facts")
    assert "来源：锦州市体育局办公室" in facts.text


def test_seed_report_headings_in_order(client, seed):
    body = dom.parse(client.get(SEED_URL)).find("div", class_="report-body")
    headings = [(h.tag, h.text) for h in body.find_all("h2", "h3", "h4")]
    # find_all filters by tag but keeps document order.
    assert headings == [
        ("h2", "一、扎实有效地推进信息公开工作"),
        ("h3", "（一）加强信息公开组织领导"),
        ("h3", "（二）信息公开建设持续加强"),
        ("h4", "1.进一步推进对政府信息公开工作开展"),
        ("h4", "2.进一步加强对政府信息公开工作的认识"),
        ("h4", "3.进一步做好政府信息公开协调工作"),
        ("h4", "4.进一步加强对政府信息公开工作的领导和监督"),
        ("h3", "（三）拓宽渠道，创新形式，及时准确全面地公开了信息"),
        ("h4", "1.拓宽公开渠道，主动开展信息公开"),
        ("h4", "2.积极开展依申请公开工作"),
        ("h4", "3.规范工作制度建立，提高认识"),
        ("h4", "4.关切提高认识，及时回应社会关切"),
        ("h4", "5.重大政策征求意见和解读"),
        ("h4", "6.建议提案办理"),
        ("h3", "（四）网站、公报、新闻发布会及查阅场所等公开渠道建设及作用发挥情况"),
        ("h3", "（五）积极开展“5·15政务公开日”宣传活动，加强政府信息公开工作的宣传和引导，提高认识"),
        ("h3", "（六）积极参加学习政府信息公开培训"),
        ("h2", "二、存在的问题及整改情况"),
        ("h2", "三、2017年的主要工作打算"),
    ]


def test_seed_report_contents_links_to_each_part(client, seed):
    contents = dom.parse(client.get(SEED_URL)).find("nav", class_="contents")
    links = [(a.get("href"), a.text) for a in contents.find_all("a")]
    assert links == [
        ("#part-1", "一、扎实有效地推进信息公开工作"),
        ("#part-2", "二、存在的问题及整改情况"),
        ("#part-3", "三、2017年的主要工作打算"),
    ]
    page = dom.parse(client.get(SEED_URL))
    assert page.find(id="part-2").text == "二、存在的问题及整改情况"
    assert page.find(id="part-1-3-6").text == "6.建议提案办理"


def test_seed_report_preamble_and_section_text(client, seed):
    page = dom.parse(client.get(SEED_URL))
    assert page.find("div", class_="preamble").text.startswith("按照《关于贯彻落实辽宁省人民政府办公厅")
    # The first （一） is followed by its paragraph.
    heading = page.find(id="part-1-1")
    texts = heading.parent.children
    after = texts[texts.index(heading) + 1 :]
    following = next(e for e in after if isinstance(e, dom.Element))
    assert "part-text" in following.classes
    assert following.text.startswith("2016年市体育局认真贯彻落实《中华人民共和国政府信息公开条例》")


def test_seed_report_rectification_items_with_status(client, seed):
    page = dom.parse(client.get(SEED_URL))
    [items] = page.find_all("ol", class_="rectifications")
    entries = items.find_all("li", class_="item")
    assert [li.find("p", class_="item-text").text for li in entries] == [
        "对政府信息公开工作的重要性和意义的认识还需要进一步深化和提高。",
        "政府信息公开的广度和深度还需要进一步拓展和延伸。",
        "公开的方式、渠道、方法还需要进一步探索和完善。",
        "各相关部门协调和沟通还需要进一步密切和加强。",
    ]
    assert [li.find("span", class_="status").text for li in entries] == ["计划整改"] * 4
    # Shown inside part 二, the part about problems, not in a separate block at the end.
    assert items.parent.find_all("h2", id="part-2")
    assert not page.find_all(id="rectifications")


def test_seed_report_plan_items(client, seed):
    page = dom.parse(client.get(SEED_URL))
    [items] = page.find_all("ol", class_="plans")
    assert [p.text for p in items.find_all("p", class_="item-text")] == [
        "加强培训学习，造就一支信息公开技术过硬的队伍。",
        "主动开展调查研究，关注社会各方需要。不断完善公开的渠道方式。",
        "加强宣传，提高认识。要进一步加强政府信息公开工作的宣传和引导，提高各级机关人员和民众对政府信息公开重要性的认识。",
        "抓好抓实规章制度的落实，按规定及时报送公开信息，及时进行政府信息公开、考核和监督检查工作。",
        "严格政府信息公开纪律，规范信息公开行为。",
        "加强联系沟通和协调，查缺补漏，着力解决各方面存在的问题。",
    ]
    assert not page.find_all(id="plans")


def test_items_of_a_report_without_problem_or_plan_parts_are_shown_at_the_end(client):
    report = make_report(levels=(1,))
    add_items(report, problems=("公开不及时",), plans=("完善制度",))
    item = report.rectifications.get()
    item.status = "done"
    item.due = datetime.date(2017, 6, 30)
    item.save()
    publish(report)
    page = dom.parse(client.get(SEED_URL))
    assert page.find("h2", id="rectifications").text == "存在的问题及整改情况"
    assert page.find("h2", id="plans").text == "下一步工作计划"
    rectification = page.find("ol", class_="rectifications").find("li")
    assert rectification.find("span", class_="status").text == "已完成整改"
    assert rectification.find("time").get("datetime") == "2017-06-30"
    assert page.find("ol", class_="plans").find("p").text == "完善制度"


def test_draft_is_404(client):
    make_report()
    response = client.get(SEED_URL)
    assert response.status_code == 404
    assert "第1节标题" not in response.content.decode()


@pytest.mark.parametrize("url", ["/reports/2015/sports-bureau/", "/reports/2016/no-such-body/", "/no-such-page/"])
def test_unknown_report_is_404_with_the_friendly_page(client, seed, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    page = dom.parse(response)
    assert page.find("h1").text == "页面不存在"
    assert [a.get("href") for a in page.find("main").find_all("a")] == ["/", "/reports/", "/sitemap/"]
    assert page.find("html").get("lang") == "zh-Hans"


def test_traditional_page(client, seed):
    response = client.get(f"/zh-hant{SEED_URL}")
    assert response.status_code == 200
    page = dom.parse(response)
    assert page.find("html").get("lang") == "zh-Hant"
    assert page.find("h1").text == "市體育局2016年度政府信息公開工作報告"
    headings = [h.text for h in page.find("div", class_="report-body").find_all("h2")]
    assert headings == ["一、紮實有效地推進信息公開工作", "二、存在的問題及整改情況", "三、2017年的主要工作打算"]
    assert [li.text for li in page.find("nav", class_="breadcrumb").find_all("li")][:2] == ["首頁", "信息公開年報"]
    assert "發佈時間：" in page.find("p", class_="report-meta-facts").text
    assert "來源：錦州市體育局" in page.find("p", class_="report-meta-facts").text
    # Nothing is marked as falling back: Traditional text exists for every field.
    assert not page.find_all(lang="zh-Hans", class_="part-text")
    assert not page.find_all("p", class_="notice")


def test_english_page_without_translation_says_so_and_marks_the_chinese(client, seed):
    response = client.get(f"/en{SEED_URL}")
    assert response.status_code == 200
    page = dom.parse(response)
    assert page.find("html").get("lang") == "en"
    notice = page.find("p", class_="notice")
    assert notice.text == (
        "This report is not available in English yet. The original Simplified Chinese is shown below."
    )
    assert page.find("h1").get("lang") == "zh-Hans"
    assert page.find("h1").text == SEED_TITLE
    assert page.find("div", class_="preamble").get("lang") == "zh-Hans"
    heading = page.find("h2", id="part-1")
    assert heading.find_all("span")[1].get("lang") == "zh-Hans"
    assert heading.text == "I.扎实有效地推进信息公开工作"  # English outline numbers, Chinese heading
    for item in page.find_all("p", class_="item-text"):
        assert item.get("lang") == "zh-Hans"


def test_english_page_with_translation_has_no_notice(client):
    report = make_report(levels=(1,))
    report.title_en = "Annual Report 2016"
    report.source_en = "Sports Bureau"
    report.save()
    section = report.sections.get()
    section.heading_en = "Overview"
    section.body_en = "Text."
    section.save()
    publish(report)
    page = dom.parse(client.get(f"/en{SEED_URL}"))
    assert page.find("h1").text == "Annual Report 2016"
    assert page.find("h1").get("lang") is None
    assert page.find("h2", id="part-1").text == "I.Overview"
    assert not page.find_all("p", class_="notice")


def test_canonical_link(client, seed):
    page = dom.parse(client.get(SEED_URL))
    [canonical] = page.find_all("link", rel="canonical")
    assert canonical.get("href") == "http://testserver/reports/2016/sports-bureau/"
    # Language versions only: the feeds are alternates too (rel=alternate with a type, no hreflang).
    languages = [link for link in page.find_all("link", rel="alternate") if link.get("hreflang")]
    alternates = {link.get("hreflang"): link.get("href") for link in languages}
    assert alternates == {
        "zh-Hans": "http://testserver/reports/2016/sports-bureau/",
        "zh-Hant": "http://testserver/zh-hant/reports/2016/sports-bureau/",
        "en": "http://testserver/en/reports/2016/sports-bureau/",
        "x-default": "http://testserver/reports/2016/sports-bureau/",
    }


def test_canonical_link_ignores_the_query_string(client, seed):
    page = dom.parse(client.get(SEED_URL, {"utm_source": "x"}, follow=True))
    assert page.find("link", rel="canonical").get("href") == "http://testserver/reports/2016/sports-bureau/"


def make_long_report(body, year, sections):
    report = make_report(body, year=year, levels=())
    Section.objects.bulk_create(
        Section(
            report=report,
            position=i,
            level=1 if i % 10 == 1 else 2,
            heading_zh_hans=f"标题{i}",
            body_zh_hans=f"正文{i}。",
        )
        for i in range(1, sections + 1)
    )
    add_items(report, problems=("问题一", "问题二"), plans=("计划一",))
    publish(report)
    return report.get_absolute_url()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_report_page_query_count_does_not_grow_with_the_report(client):
    body = make_body()
    short = make_long_report(body, 2016, 5)
    long = make_long_report(body, 2017, 200)
    client.get(short)  # the first request of the site creates SiteSettings
    client.get(long)  # the first request of a page stores its rendered body (rendered_bodies.py)
    short_count = queries_for(client, short)
    long_count = queries_for(client, long)
    assert short_count == long_count
    assert short_count <= 5, short_count  # revision, stored body, site settings, top links: not per section
    assert "标题200" in client.get(long).content.decode()


# --- site map and plain pages ---------------------------------------------------------------------


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


def test_site_map_without_reports(client):
    response = client.get("/sitemap/")
    assert response.status_code == 200
    assert "目前还没有发布任何年报。" in response.content.decode()


@pytest.mark.parametrize(("slug", "title"), [("about", "关于我们"), ("copyright", "版权声明")])
def test_plain_pages(client, slug, title):
    Page.objects.create(slug=slug, title_zh_hans=title, body_zh_hans="第一段。\n\n第二段。")
    response = client.get(f"/pages/{slug}/")
    assert response.status_code == 200
    page = dom.parse(response)
    assert page.find("h1").text == title
    assert [p.text for p in page.find("div", class_="page-text").find_all("p")] == ["第一段。", "第二段。"]
    assert [li.text for li in page.find("nav", class_="breadcrumb").find_all("li")] == ["首页", title]
    footer_links = [a.get("href") for a in page.find("footer").find_all("a")]
    assert f"/pages/{slug}/" in footer_links


def test_plain_page_in_english_falls_back_to_chinese_with_a_notice(client):
    Page.objects.create(slug="about", title_zh_hans="关于我们", body_zh_hans="本网站由市政府办公室主办。")
    page = dom.parse(client.get("/en/pages/about/"))
    assert page.find("h1").get("lang") == "zh-Hans"
    assert page.find("div", class_="page-text").get("lang") == "zh-Hans"
    assert page.find("p", class_="notice").text.startswith("This page is not available in English yet.")


def test_plain_page_in_traditional(client):
    Page.objects.create(slug="about", title_zh_hans="关于我们", body_zh_hans="本网站由市政府办公室主办。")
    page = dom.parse(client.get("/zh-hant/pages/about/"))
    assert page.find("h1").text == "關於我們"
    assert page.find("div", class_="page-text").text == "本網站由市政府辦公室主辦。"


def test_unknown_plain_page_is_404(client):
    response = client.get("/pages/nope/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_links_still_work_after_a_body_slug_changes(client):
    body = make_body()
    publish(make_report(body))
    body.slug = "sports-administration"
    body.save()
    [link] = listed_links(client.get("/reports/"))
    assert client.get(link).status_code == 200


# --- preview and withdrawn reports ---------------------------------------------------------------------


def preview_url(report):
    return f"/reports/preview/{report.pk}/"


@pytest.fixture
def working_copy():
    """A published report whose working copy has a heading the public page does not have yet."""
    from disclosure.publishing import workflow

    report = make_report(make_body(), year=2016)
    publish(report)
    Section.objects.filter(report=report, position=1).update(heading_zh_hans="工作稿中的新标题")
    report.refresh_from_db()
    workflow.edited(report, None, [])
    return report


def test_preview_is_404_for_anonymous_visitors(client, working_copy):
    assert client.get(preview_url(working_copy)).status_code == 404
    assert client.get("/reports/preview/999999/").status_code == 404


def test_preview_is_404_for_staff_of_another_body(client, working_copy):
    from disclosure.publishing import workflow
    from tests.factories import make_staff

    outsider = make_staff("outsider", workflow.EDITOR, make_body("education-bureau", "锦州市教育局"))
    client.force_login(outsider)
    assert client.get(preview_url(working_copy)).status_code == 404
    not_staff = make_staff("member", workflow.EDITOR, working_copy.body)
    not_staff.is_staff = False
    not_staff.save()
    client.force_login(not_staff)
    assert client.get(preview_url(working_copy)).status_code == 404


def test_preview_shows_the_working_copy_to_members_marked_and_uncached(client, working_copy):
    from disclosure.publishing import workflow
    from tests.factories import make_staff

    client.force_login(make_staff("member", workflow.REVIEWER, working_copy.body))
    response = client.get(preview_url(working_copy))
    assert response.status_code == 200
    page = dom.parse(response)
    banner = page.find("div", class_="preview-banner")
    assert "预览" in banner.text
    # Both states, as the admin says them (workflow.describe), not the stored review state.
    assert "这是尚未发布的工作稿（已发布第1版 · 有未发布的修改：草稿），公众看不到本页。" in banner.text
    assert page.find("h2", class_="part-heading").text == "一、工作稿中的新标题"
    cache_control = response["Cache-Control"]
    for word in ("no-cache", "no-store", "must-revalidate"):
        assert word in cache_control
    assert "noindex" in response["X-Robots-Tag"]
    assert page.find("meta", name="robots").get("content") == "noindex, nofollow"
    assert not page.find_all("link", rel="canonical")

    public = client.get(SEED_URL.replace("sports-bureau", working_copy.body.slug)).content.decode()
    assert "工作稿中的新标题" not in public
    assert "第1节标题" in public


def preview_banner(client, report, prefix=""):
    return dom.parse(client.get(f"{prefix}{preview_url(report)}")).find("div", class_="preview-banner")


def test_the_preview_banner_of_a_report_in_step_with_the_public_does_not_call_it_unpublished(client):
    """Issue 14: an unchanged published report read "尚未发布的工作稿（已发布）"."""
    from django.utils import timezone

    from disclosure.publishing import workflow
    from tests.factories import make_staff, withdraw

    body = make_body()
    live, scheduled, withdrawn = (make_report(body, year=year) for year in (2016, 2017, 2018))
    publish(live)
    publish(scheduled, at=timezone.now() + datetime.timedelta(days=1))
    publish(withdrawn)
    withdraw(withdrawn)
    client.force_login(make_staff("member", workflow.EDITOR, body))

    banner = preview_banner(client, live).text
    assert "这是工作稿（已发布第1版），与公众看到的页面相同。" in banner
    assert "尚未发布" not in banner
    banner = preview_banner(client, scheduled).text
    assert "这是定时发布的工作稿（定时发布：" in banner and "到发布时间后，公众页面将与此相同" in banner
    assert "这是工作稿（已撤回（" in preview_banner(client, withdrawn).text
    # The state is staff's Simplified words: on the other languages' previews it is marked as such.
    banner = preview_banner(client, live, "/en")
    assert "This is the working copy" in banner.text
    assert banner.find("span", lang="zh-Hans").text == "已发布第1版"
    assert not preview_banner(client, live).find_all("span", lang="zh-Hans")


def test_the_preview_of_a_correction_shows_its_proposed_note_as_the_next_revision(client, working_copy):
    from disclosure.publishing import workflow
    from tests.factories import make_staff

    client.force_login(make_staff("member", workflow.EDITOR, working_copy.body))
    entries = dom.parse(client.get(preview_url(working_copy))).find("section", class_="history").find_all("li")
    assert "首次发布" in entries[0].text and "当前版本" not in entries[0].text
    assert entries[1].text == "待发布 第2版更正（尚未填写更正说明） （当前版本）"
    working_copy.change_note_zh_hans = "更正了第一部分的标题。"
    working_copy.save()
    entries = dom.parse(client.get(preview_url(working_copy))).find("section", class_="history").find_all("li")
    assert entries[1].text == "待发布 第2版更正：更正了第一部分的标题。 （当前版本）"
    entry = dom.parse(client.get(f"/en{preview_url(working_copy)}")).find("section", class_="history").find_all("li")[1]
    assert entry.find("span", lang="zh-Hans").text == "更正了第一部分的标题。"
    # Never on the public page before it is published.
    assert "更正了第一部分的标题" not in client.get(SEED_URL).content.decode()


def test_preview_for_a_superuser_of_no_body(client, working_copy, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("chief", password="pw-for-tests-only"))
    assert client.get(preview_url(working_copy)).status_code == 200


def test_a_withdrawn_report_answers_410_with_the_reason(client):
    from disclosure.publishing import workflow
    from tests.factories import approved, make_staff

    report = approved(make_report(make_body(), year=2016))
    publisher = make_staff("publisher", workflow.PUBLISHER, report.body)
    workflow.transition(report, publisher, "publish")
    workflow.transition(report, publisher, "withdraw", "统计口径有误，正在重新核实。")
    response = client.get(SEED_URL)
    assert response.status_code == 410
    page = dom.parse(response)
    assert page.find("h1").text == "锦州市体育局2016年政府信息公开工作年度报告"
    notice = page.find("div", class_="notice").text
    assert "该年报已于" in notice and "撤回" in notice
    assert "撤回理由：统计口径有误，正在重新核实。" in notice
    assert client.get("/zh-hant" + SEED_URL).status_code == 410
    # A draft that was never published is still simply not there.
    make_report(report.body, year=2017)
    assert client.get("/reports/2017/sports-bureau/").status_code == 404


def test_case6_the_410_page_shows_the_published_title_not_a_later_edit(client):
    from disclosure.publishing import workflow
    from tests.factories import make_team

    body = make_body()
    report = make_report(body, title="已发布的标题")
    team = make_team(body)
    publish(report)
    workflow.transition(report, team["publisher"], "withdraw", "数据有误，正在核实。")
    report.refresh_from_db()
    report.title_zh_hans = "撤回后才保存的标题"
    report.save()
    response = client.get("/reports/2016/sports-bureau/")
    assert response.status_code == 410
    page = response.content.decode()
    assert "已发布的标题" in page
    assert "撤回后才保存的标题" not in page
