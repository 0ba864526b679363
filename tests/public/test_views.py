"""Public pages: home and site map without reports, report pages made per test, plain pages, previews and
withdrawn reports. The column over a catalogue of reports is in test_column.py, the seed report's page in three
languages in test_report_page.py (their rows are made once per module there)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure.models import Page, Section
from tests import dom
from tests.factories import add_items, make_body, make_report, publish

pytestmark = pytest.mark.django_db

SEED_URL = "/reports/2016/sports-bureau/"


def listed_links(response):
    return [a.get("href") for ul in dom.parse(response).find_all("ul", class_="report-list") for a in ul.find_all("a")]


# --- home ---------------------------------------------------------------------------------------------


def test_home_without_reports(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "目前还没有发布任何年报。" in response.content.decode()


# --- the report page ----------------------------------------------------------------------------------


def test_report_page_source_falls_back_to_the_body_name(client):
    report = make_report(source_zh_hans="")
    publish(report)
    facts = dom.parse(client.get(SEED_URL)).find("p", class_="report-meta-facts")
    assert "来源：锦州市体育局" in facts.text


def test_report_page_shows_a_given_source(client):
    publish(make_report(source_zh_hans="锦州市体育局办公室"))
    facts = dom.parse(client.get(SEED_URL)).find("p", class_="report-meta-facts")
    assert "来源：锦州市体育局办公室" in facts.text


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
