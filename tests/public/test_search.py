"""站内搜索: the matching in disclosure/public/search.py (pure) and the /search/ page over published revisions."""

import datetime

import pytest
from django.utils import timezone

from disclosure.languages.traditional import fold, to_traditional
from disclosure.models import Section
from disclosure.public import search
from tests import dom
from tests.factories import make_body, make_report, publish

NOW = timezone.now()


def document(title, sections=(), body="锦州市体育局", preamble=""):
    """A minimal disclosure-report/1 document: sections as (heading, body) pairs, Simplified only."""
    return {
        "schema": "disclosure-report/1",
        "format": "legacy",
        "year": 2016,
        "body": {"slug": "sports-bureau", "name": body, "kind": "department"},
        "title": title,
        "published_on": "2017-01-20",
        "preamble": preamble,
        "sections": [{"heading": h, "body": b, "children": []} for h, b in sections],
        "rectifications": [],
        "plans": [],
    }


def indexed(doc, year=2016, revision_id=1, lang="zh-hans"):
    return search.index_report(revision_id, year, NOW, f"/reports/{year}/x/", doc, lang)


# --- pure functions ----------------------------------------------------------------------------------------


def test_fold_keeps_length_and_meets_simplified_and_traditional_halfway():
    for simplified in ("政府信息公开", "着力推进", "里面", "台湾为了"):
        traditional = to_traditional(simplified)
        assert traditional != simplified and fold(simplified) == fold(traditional)
        assert len(fold(traditional)) == len(traditional)
    assert fold("ＡＢＣ１２３ Annual") == "abc123 annual"


def test_parse_splits_on_spaces_and_punctuation_and_drops_repeats():
    assert search.parse("依申请公开  行政复议")[0] == ["依申请公开", "行政复议"]
    assert search.parse("《条例》，行政复议、行政复议")[0] == ["条例", "行政复议"]
    assert search.parse("Annual REPORT")[0] == ["annual", "report"]
    # A term inside a longer one adds nothing and would split the longer one's highlight.
    assert search.parse("公开 依申请公开")[0] == ["依申请公开"]


def test_parse_of_nothing_punctuation_or_an_absurd_query():
    assert search.parse("") == ([], False)
    assert search.parse(None) == ([], False)
    assert search.parse("，。！？…… ——!!! ///")[0] == []
    terms, truncated = search.parse("公开" * 5000)
    assert truncated and len("".join(terms)) <= search.MAX_QUERY_LENGTH
    terms, truncated = search.parse(" ".join(f"词{i}" for i in range(50)))
    assert len(terms) == search.MAX_TERMS


def test_every_term_must_occur_somewhere_in_the_report():
    doc = indexed(document("年度报告", [("总体情况", "本年度收到依申请公开申请13件。"), ("复议", "行政复议1件。")]))
    assert search.matches(doc, search.parse("依申请公开 行政复议")[0])
    assert not search.matches(doc, search.parse("依申请公开 行政诉讼")[0])
    assert not search.matches(doc, [])


def test_title_hits_come_before_body_hits_then_newer_years():
    old_title = indexed(document("2015年行政复议专题报告"), year=2015, revision_id=1)
    new_body = indexed(document("年度报告", [("情况", "行政复议1件。")]), year=2018, revision_id=2)
    new_title = indexed(document("2016年行政复议专题报告"), year=2016, revision_id=3)
    older_body = indexed(document("年度报告", [("情况", "行政复议2件。")]), year=2017, revision_id=4)
    unrelated = indexed(document("年度报告", [("情况", "无")]), year=2019, revision_id=5)
    found = search.search([old_title, new_body, new_title, older_body, unrelated], ["行政复议"])
    assert [e.revision_id for e in found] == [3, 1, 2, 4]


def test_hit_names_the_numbered_section_and_marks_the_terms():
    doc = document(
        "锦州市体育局2016年政府信息公开工作年度报告",
        [("总体情况", "本年度主动公开信息120条。"), ("依申请公开情况", "收到政府信息公开申请13件，均已办结。")],
    )
    hit = search.hit(indexed(doc), search.parse("申请 办结")[0])
    assert hit.section == "二、依申请公开情况"
    assert hit.anchor == "part-2"
    assert hit.excerpt_html == "收到政府信息公开<mark>申请</mark>13件，均已<mark>办结</mark>。"


def test_highlighting_escapes_the_text_around_and_inside_the_marks():
    doc = document("报告", [("说明", 'A <script>alert("x")</script> & <b>公开</b>')])
    hit = search.hit(indexed(doc), search.parse("script")[0])
    assert "<script>" not in hit.excerpt_html and "<b>" not in hit.excerpt_html
    assert hit.excerpt_html == (
        "A &lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; &lt;b&gt;公开&lt;/b&gt;"
    )


def test_a_traditional_text_is_found_and_marked_by_a_simplified_query():
    text = to_traditional("收到信息公开申请。")
    doc = document("年报", [("概述", {"zh-hans": "收到信息公开申请。", "zh-hant": text})])
    found = indexed(doc, lang="zh-hant")
    terms = search.parse("信息公开")[0]
    assert search.matches(found, terms)
    assert (
        search.hit(found, terms).excerpt_html
        == f"收到<mark>{to_traditional('信息公开')}</mark>{to_traditional('申请')}。"
    )


def test_a_long_passage_is_cut_around_the_first_match():
    doc = document("报告", [("情况", "甲" * 300 + "行政复议" + "乙" * 300)])
    html = search.hit(indexed(doc), ["行政复议"]).excerpt_html
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>行政复议</mark>" in html and len(html) < 200


# --- the page ------------------------------------------------------------------------------------------------


def with_text(report, position, heading, body, lang="zh_hans"):
    section = Section.objects.get(report=report, position=position)
    setattr(section, f"heading_{lang}", heading)
    setattr(section, f"body_{lang}", body)
    section.save()
    return report


def results(client, url):
    page = dom.parse(client.get(url))
    return page, [h.find("a").text for h in page.find_all("h2", class_="search-hit-title")]


@pytest.mark.django_db
def test_results_page_orders_title_hits_first_and_links_the_section(client):
    body = make_body()
    publish(with_text(make_report(body=body, year=2018), 1, "总体情况", "本年度办理行政复议案件1件。"))
    publish(make_report(body=body, year=2016, title="锦州市体育局2016年行政复议工作报告"))
    page, titles = results(client, "/search/?q=行政复议")
    assert titles == ["锦州市体育局2016年行政复议工作报告", "锦州市体育局2018年政府信息公开工作年度报告"]
    assert page.find("p", role="status").text == "找到2份相关年报"
    second = page.find_all("li", class_="search-hit")[1]
    assert second.find("a", href="/reports/2018/sports-bureau/#part-1").text == "一、总体情况"
    assert "<mark>行政复议</mark>" in client.get("/search/?q=行政复议").content.decode()


@pytest.mark.django_db
def test_traditional_site_searches_traditional_text_with_either_script(client):
    publish(with_text(make_report(), 1, "依申请公开情况", "收到政府信息公开申请13件。"))
    for query in ("信息公开申请", to_traditional("信息公开申请")):
        page, titles = results(client, f"/zh-hant/search/?q={query}")
        assert titles == [to_traditional("锦州市体育局2016年政府信息公开工作年度报告")], query
        assert page.find("p", class_="search-hit-excerpt").text == to_traditional("收到政府信息公开申请13件。")
    # …and a Traditional query finds the Simplified text on the Simplified site.
    query = to_traditional("信息公开申请")
    assert results(client, f"/search/?q={query}")[1] == ["锦州市体育局2016年政府信息公开工作年度报告"]


@pytest.mark.django_db
def test_english_site_searches_the_english_text(client):
    report = make_report()
    report.title_en = "Jinzhou Sports Bureau Annual Report 2016"
    report.save()
    publish(with_text(report, 1, "Overview", "We received 13 requests for information.", lang="en"))
    page, titles = results(client, "/en/search/?q=REQUESTS information")
    assert titles == ["Jinzhou Sports Bureau Annual Report 2016"]
    assert page.find("a", href="/en/reports/2016/sports-bureau/#part-1").text == "I.Overview"
    assert results(client, "/en/search/?q=nothing-like-this")[1] == []


@pytest.mark.django_db
def test_results_are_paginated(client, settings):
    settings.REPORTS_PER_PAGE = 2
    body = make_body()
    for year in (2014, 2015, 2016):
        publish(make_report(body=body, year=year))
    first, titles = results(client, "/search/?q=年度报告")
    assert len(titles) == 2 and first.find("p", role="status").text == "找到3份相关年报"
    _page, titles = results(client, "/search/?q=年度报告&page=2")
    assert titles == ["锦州市体育局2014年政府信息公开工作年度报告"]
    assert first.find("a", rel="next").get("href") == "?q=%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A&page=2"


@pytest.mark.django_db
def test_a_term_in_more_reports_than_the_limit_says_more_than_and_pages_only_that_far(client, settings):
    settings.REPORTS_PER_PAGE, settings.SEARCH_RESULTS_LIMIT = 1, 2
    body = make_body()
    for year in (2014, 2015, 2016):
        publish(make_report(body=body, year=year))
    first, titles = results(client, "/search/?q=年度报告")
    assert titles == ["锦州市体育局2016年政府信息公开工作年度报告"]
    more = "找到超过2份相关年报，以下按相关程度列出前2份。增加检索词可以缩小范围。"
    assert first.find("p", role="status").text == more
    pages = [li.text for li in first.find("nav", class_="pagination").find_all("li")]
    assert pages == ["第1页", "第2页", "下一页"]
    assert results(client, "/search/?q=年度报告&page=2")[1] == ["锦州市体育局2015年政府信息公开工作年度报告"]
    assert client.get("/search/?q=年度报告&page=3").status_code == 400
    settings.SEARCH_RESULTS_LIMIT = 3  # exactly at the limit: the count is exact
    assert results(client, "/search/?q=年度报告")[0].find("p", role="status").text == "找到3份相关年报"


@pytest.mark.django_db
def test_many_pages_of_results_link_the_first_last_and_nearby_pages_only(client, settings):
    settings.REPORTS_PER_PAGE = 1
    body = make_body()
    for year in range(2010, 2022):
        publish(make_report(body=body, year=year))
    page, _titles = results(client, "/search/?q=年度报告&page=6")
    pages = [li.text for li in page.find("nav", class_="pagination").find_all("li")]
    assert pages == ["上一页", "第1页", "…", "第4页", "第5页", "第6页", "第7页", "第8页", "…", "第12页", "下一页"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "？？？ ，。", "   "])
def test_empty_or_punctuation_query_gets_tips_not_an_error(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    page = dom.parse(response)
    assert page.find("h2").text == "检索提示"
    assert page.find("a", href="/reports/")


@pytest.mark.django_db
def test_absurdly_long_query_is_cut_and_said_so(client):
    publish(make_report())
    response = client.get("/search/", {"q": "年度报告" * 10000})
    assert response.status_code == 200
    page = dom.parse(response)
    assert "检索词过长，只按前100个字检索。" in page.find("p", class_="notice").text
    assert len(page.find("input", id="search-page-q").get("value")) == 100


@pytest.mark.django_db
def test_drafts_scheduled_and_withdrawn_reports_are_never_found(client):
    from disclosure.publishing import workflow
    from tests.factories import approved, make_staff

    body = make_body()
    make_report(body=body, year=2013, title="草稿中的秘密年报")
    publish(make_report(body=body, year=2014, title="定时发布的秘密年报"), at=NOW + datetime.timedelta(days=3))
    withdrawn = approved(make_report(body=body, year=2015, title="已撤回的秘密年报"))
    publisher = make_staff("publisher", workflow.PUBLISHER, body)
    workflow.transition(withdrawn, publisher, "publish")
    workflow.transition(withdrawn, publisher, "withdraw", "数据有误。")
    publish(make_report(body=body, year=2016, title="公开的秘密年报"))
    assert results(client, "/search/?q=秘密")[1] == ["公开的秘密年报"]


@pytest.mark.django_db
def test_a_correction_is_found_by_its_new_text_only(client):
    report = with_text(make_report(), 1, "总体情况", "旧的说法。")
    publish(report)
    with_text(report, 1, "总体情况", "更正后的说法。")
    publish(report, note="更正表述。")
    assert results(client, "/search/?q=更正后")[1] == ["锦州市体育局2016年政府信息公开工作年度报告"]
    assert results(client, "/search/?q=旧的说法")[1] == []


@pytest.mark.django_db
def test_the_header_search_box_is_labelled_on_every_page(client):
    page = dom.parse(client.get("/reports/"))
    form = page.find("form", class_="search-box")
    assert form.get("role") == "search" and form.get("action") == "/search/"
    field = form.find("input", type="search")
    assert page.find("label", **{"for": field.get("id")}).text == "搜索年报"
    assert dom.parse(client.get("/en/")).find("form", class_="search-box").get("action") == "/en/search/"
