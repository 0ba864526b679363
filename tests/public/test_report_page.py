"""The report page of the seed report (市体育局2016年度, imported from its Word file) in three languages: its
breadcrumb, facts, outline, text, items, canonical address, and the friendly 404 beside it. The seed is imported
and published once for the module (tests/conftest.py made_once_per_module), not once per test."""

import pytest

from tests import dom
from tests.conftest import made_once_per_module
from tests.factories import import_seed, publish

pytestmark = pytest.mark.django_db

SEED_URL = "/reports/2016/sports-bureau/"
SEED_TITLE = "市体育局2016年度政府信息公开工作报告"


@made_once_per_module
def seed():
    report, _ = import_seed()
    publish(report)
    return report


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
