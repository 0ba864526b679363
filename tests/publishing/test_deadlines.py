"""Art. 49 deadlines: the arithmetic, the overview, the staff dashboard and the public page."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from disclosure.publishing import deadlines
from disclosure.publishing.deadlines import (
    DUE,
    OVERDUE,
    PUBLISHED_LATE,
    PUBLISHED_ON_TIME,
    Standing,
    deadline,
    standing,
)
from tests import dom
from tests.factories import PASSWORD, make_body, make_report, publish, withdraw

D = datetime.date
DEPARTMENT, GOVERNMENT = "department", "government"


# --- the arithmetic -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "year", "expected"),
    [
        (DEPARTMENT, 2019, D(2020, 1, 31)),  # the revised text: departments by 31 January
        (GOVERNMENT, 2019, D(2020, 3, 31)),
        (DEPARTMENT, 2024, D(2025, 1, 31)),
        (GOVERNMENT, 2024, D(2025, 3, 31)),
        (DEPARTMENT, 2018, D(2019, 3, 31)),  # before the revision: everyone by 31 March
        (GOVERNMENT, 2018, D(2019, 3, 31)),
        (DEPARTMENT, 2016, D(2017, 3, 31)),
    ],
)
def test_deadline(kind, year, expected):
    assert deadline(kind, year) == expected


def test_deadline_refuses_an_unknown_kind():
    with pytest.raises(ValueError):
        deadline("agency", 2020)


def test_the_seed_report_was_on_time_under_the_old_rule():
    assert standing(DEPARTMENT, 2016, D(2017, 3, 28), D(2026, 1, 1)) == Standing(PUBLISHED_ON_TIME)


@pytest.mark.parametrize(
    ("kind", "year", "published_on", "expected"),
    [
        (DEPARTMENT, 2020, D(2021, 1, 31), Standing(PUBLISHED_ON_TIME)),  # on the deadline day
        (DEPARTMENT, 2020, D(2021, 2, 1), Standing(PUBLISHED_LATE, days_late=1)),
        (GOVERNMENT, 2020, D(2021, 3, 31), Standing(PUBLISHED_ON_TIME)),
        (GOVERNMENT, 2020, D(2021, 4, 1), Standing(PUBLISHED_LATE, days_late=1)),
        (GOVERNMENT, 2020, D(2021, 2, 1), Standing(PUBLISHED_ON_TIME)),  # the department rule is not the government's
        (DEPARTMENT, 2018, D(2019, 3, 31), Standing(PUBLISHED_ON_TIME)),  # old rule
        (DEPARTMENT, 2018, D(2019, 4, 1), Standing(PUBLISHED_LATE, days_late=1)),
        (DEPARTMENT, 2019, D(2020, 3, 31), Standing(PUBLISHED_LATE, days_late=60)),  # new rule, leap February
        (DEPARTMENT, 2023, D(2024, 2, 29), Standing(PUBLISHED_LATE, days_late=29)),  # leap day
        (DEPARTMENT, 2019, D(2020, 3, 1), Standing(PUBLISHED_LATE, days_late=30)),  # across a leap February
        (DEPARTMENT, 2022, D(2023, 3, 1), Standing(PUBLISHED_LATE, days_late=29)),  # a common February
    ],
)
def test_standing_of_a_published_report(kind, year, published_on, expected):
    result = standing(kind, year, published_on, today=D(2026, 6, 1))
    assert result == expected
    assert result.published
    assert result.late == (expected.state == PUBLISHED_LATE)


@pytest.mark.parametrize(
    ("kind", "year", "today", "expected"),
    [
        (DEPARTMENT, 2025, D(2026, 1, 1), Standing(DUE, days_left=30)),
        (DEPARTMENT, 2025, D(2026, 1, 31), Standing(DUE, days_left=0)),  # still on time today
        (DEPARTMENT, 2025, D(2026, 2, 1), Standing(OVERDUE, days_late=1)),
        (GOVERNMENT, 2025, D(2026, 2, 1), Standing(DUE, days_left=58)),
        (GOVERNMENT, 2023, D(2024, 2, 29), Standing(DUE, days_left=31)),  # leap year
        (GOVERNMENT, 2025, D(2026, 4, 1), Standing(OVERDUE, days_late=1)),
        (DEPARTMENT, 2018, D(2019, 3, 1), Standing(DUE, days_left=30)),  # old rule: not overdue in February
    ],
)
def test_standing_of_an_unpublished_report(kind, year, today, expected):
    result = standing(kind, year, None, today)
    assert result == expected
    assert not result.published
    assert result.late == (expected.state == OVERDUE)


def test_default_year_is_last_year():
    assert deadlines.default_year(D(2026, 11, 28)) == 2025


# --- the overview -------------------------------------------------------------------------------------


@pytest.fixture
def bodies(db):
    return {
        "government": make_body("municipal-government", "锦州市人民政府", kind=GOVERNMENT, position=1),
        "education": make_body("education-bureau", "锦州市教育局", position=10),
        "sports": make_body("sports-bureau", "锦州市体育局", position=40),
        "civil": make_body("civil-affairs-bureau", "锦州市民政局", position=30),
    }


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def rows_of(body, year, today):
    """The overview's rows for `body` (one, or none when it is not listed for `year`)."""
    return [r for r in deadlines.overview(year, today=today) if r.body == body]


@pytest.mark.django_db
def test_overview_rows_in_body_order_with_public_facts(bodies):
    publish(make_report(bodies["government"], year=2020, published_on=D(2021, 3, 30)), at=at(D(2021, 3, 30)))
    publish(make_report(bodies["sports"], year=2020, published_on=D(2021, 2, 3)), at=at(D(2021, 2, 3)))
    draft = make_report(bodies["education"], year=2020)
    rows = deadlines.overview(2020, today=D(2021, 6, 1))
    assert [r.body.slug for r in rows] == [
        "municipal-government",
        "education-bureau",
        "civil-affairs-bureau",
        "sports-bureau",
    ]
    by_slug = {r.body.slug: r for r in rows}
    assert by_slug["municipal-government"].standing == Standing(PUBLISHED_ON_TIME)
    assert by_slug["municipal-government"].deadline == D(2021, 3, 31)
    assert by_slug["sports-bureau"].standing == Standing(PUBLISHED_LATE, days_late=3)
    assert by_slug["sports-bureau"].published_on == D(2021, 2, 3)
    assert by_slug["education-bureau"].report == draft
    assert by_slug["education-bureau"].published_on is None
    assert by_slug["education-bureau"].standing == Standing(OVERDUE, days_late=121)
    assert by_slug["civil-affairs-bureau"].report is None


@pytest.mark.django_db
def test_overview_dates_a_corrected_report_by_its_first_public_revision(bodies):
    report = make_report(bodies["sports"], year=2020, published_on=D(2021, 1, 20))
    publish(report, at=at(D(2021, 1, 20)))
    report.refresh_from_db()
    report.published_on = D(2021, 5, 5)  # the correction carries a later date
    report.save()
    publish(report, note="更正数字", at=at(D(2021, 5, 5)))
    [row] = rows_of(bodies["sports"], 2020, D(2021, 6, 1))
    assert row.revision.number == 2
    assert row.published_on == D(2021, 1, 20)
    assert row.standing == Standing(PUBLISHED_ON_TIME)


@pytest.mark.django_db
def test_overview_ignores_a_scheduled_revision_not_yet_due(bodies):
    report = make_report(bodies["sports"], year=2025, published_on=D(2099, 1, 10))
    publish(report, at=timezone.now() + datetime.timedelta(days=30))
    [row] = rows_of(bodies["sports"], 2025, D(2026, 1, 10))
    assert row.published_on is None
    assert row.standing == Standing(DUE, days_left=21)


@pytest.mark.django_db
def test_overview_treats_a_withdrawn_report_as_not_published(bodies):
    report = make_report(bodies["sports"], year=2020)
    publish(report)
    withdraw(report)
    [row] = rows_of(bodies["sports"], 2020, D(2026, 1, 1))
    assert row.published_on is None
    assert row.standing.state == OVERDUE


@pytest.mark.django_db
def test_overview_lists_a_body_from_its_first_year_on(bodies):
    bodies["civil"].first_year = 2021
    bodies["civil"].save()
    assert rows_of(bodies["civil"], 2020, D(2026, 6, 1)) == []
    [row] = rows_of(bodies["civil"], 2021, D(2026, 6, 1))
    assert row.standing.state == OVERDUE


@pytest.mark.django_db
def test_overview_keeps_a_public_report_from_before_the_first_year_but_not_a_draft(bodies):
    bodies["civil"].first_year = 2021
    bodies["civil"].save()
    publish(make_report(bodies["civil"], year=2019, published_on=D(2020, 1, 20)), at=at(D(2020, 1, 20)))
    make_report(bodies["civil"], year=2018)  # a draft of an old report: the row must not give it away
    [row] = rows_of(bodies["civil"], 2019, D(2026, 6, 1))
    assert row.standing == Standing(PUBLISHED_ON_TIME)
    assert rows_of(bodies["civil"], 2018, D(2026, 6, 1)) == []


@pytest.mark.django_db
def test_first_year_cannot_precede_the_first_reports(bodies):
    body = bodies["civil"]
    body.first_year = 2007
    with pytest.raises(ValidationError) as refused:
        body.full_clean()
    assert refused.value.message_dict["first_year"] == ["年报自2008年度起发布，起始年度不能早于2008年。"]
    body.first_year = 2008
    body.full_clean()


@pytest.mark.django_db
def test_overview_query_count_does_not_grow_with_the_bodies(bodies, django_assert_max_num_queries):
    for body in bodies.values():
        publish(make_report(body, year=2020))
    with django_assert_max_num_queries(3):
        rows = deadlines.overview(2020, today=D(2026, 1, 1))
        [row.revision.get_absolute_url() for row in rows]


@pytest.mark.django_db
def test_public_years_run_from_the_first_published_year_to_last_year(bodies):
    assert deadlines.public_years(D(2026, 5, 1)) == [2025]
    publish(make_report(bodies["sports"], year=2016))
    make_report(bodies["sports"], year=2012)  # a draft opens no year
    assert deadlines.public_years(D(2026, 5, 1)) == list(range(2025, 2015, -1))


# --- the staff dashboard ------------------------------------------------------------------------------


@pytest.fixture
def signed_in(client, chief):
    assert client.login(username="chief", password=PASSWORD)
    return client


def dashboard_rows(response):
    table = dom.parse(response).find("table", class_="deadlines-table")
    return [[cell.text for cell in tr.find_all("th", "td")] for tr in table.find("tbody").find_all("tr")]


@pytest.mark.django_db
def test_dashboard_needs_staff(client):
    response = client.get("/admin/deadlines/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    get_user_model().objects.create_user("visitor", "v@example.com", PASSWORD)
    client.login(username="visitor", password=PASSWORD)
    response = client.get("/admin/deadlines/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_dashboard_shows_working_copies_and_standing(signed_in, bodies, frozen_now):
    publish(make_report(bodies["government"], year=2018, published_on=D(2019, 3, 28)), at=at(D(2019, 3, 28)))
    publish(make_report(bodies["sports"], year=2018, published_on=D(2019, 4, 3)), at=at(D(2019, 4, 3)))
    make_report(bodies["education"], year=2018)
    response = signed_in.get("/admin/deadlines/", {"year": "2018"})
    assert response.status_code == 200
    page = dom.parse(response)
    table = page.find("table", class_="deadlines-table")
    assert table.find("caption").text.startswith("2018年度年报发布情况")
    headers = [th.text for th in table.find("thead").find_all("th")]
    assert headers == ["发布机构", "类型", "报告状态", "法定期限", "发布日期", "情况"]
    assert all(th.get("scope") == "col" for th in table.find("thead").find_all("th"))
    days = (timezone.localdate() - D(2019, 3, 31)).days
    assert dashboard_rows(response) == [
        ["锦州市人民政府", "人民政府", "已发布第1版", "2019-03-31", "2019-03-28", "已按时发布"],
        ["锦州市教育局", "政府部门", "未发布 · 草稿", "2019-03-31", "—", f"已逾期{days}天，尚未发布"],
        ["锦州市民政局", "政府部门", "未创建", "2019-03-31", "—", f"已逾期{days}天，尚未发布"],
        ["锦州市体育局", "政府部门", "已发布第1版", "2019-03-31", "2019-04-03", "逾期3天发布"],
    ]
    late = [tr for tr in table.find("tbody").find_all("tr") if "deadline-late" in tr.classes]
    assert len(late) == 3
    label = page.find("label", for_="deadline-year")
    assert label.text == "年度："
    selected = page.find("select", id="deadline-year").find_all("option", selected="")
    assert [o.get("value") for o in selected] == ["2018"]


@pytest.mark.django_db
@pytest.mark.parametrize("year", [None, "abc", "1900", "99999999999999999999"])
def test_dashboard_defaults_to_last_year(signed_in, bodies, year, frozen_now):
    response = signed_in.get("/admin/deadlines/", {"year": year} if year else {})
    assert response.status_code == 200
    expected = timezone.localdate().year - 1
    caption = dom.parse(response).find("table", class_="deadlines-table").find("caption").text
    assert caption.startswith(f"{expected}年度")


@pytest.mark.django_db
def test_dashboard_shows_days_left_before_the_deadline(signed_in, bodies, frozen_now):
    today = timezone.localdate()
    response = signed_in.get("/admin/deadlines/", {"year": str(today.year)})
    government = dashboard_rows(response)[0]
    assert government[-1] == f"还剩{(D(today.year + 1, 3, 31) - today).days}天"


@pytest.mark.django_db
def test_dashboard_shows_other_staff_only_their_bodies(client, bodies):
    user = get_user_model().objects.create_user("editor", "e@example.com", PASSWORD, is_staff=True)
    bodies["sports"].members.add(user)
    client.login(username="editor", password=PASSWORD)
    rows = dashboard_rows(client.get("/admin/deadlines/"))
    assert [row[0] for row in rows] == ["锦州市体育局"]


@pytest.mark.django_db
def test_admin_index_links_the_dashboard(signed_in):
    page = dom.parse(signed_in.get("/admin/"))
    link = page.find("div", id="deadlines-module").find("a")
    assert (link.text, link.get("href")) == ("年报发布期限一览", "/admin/deadlines/")


# --- the public page ----------------------------------------------------------------------------------


@pytest.fixture
def year_2018(bodies):
    publish(make_report(bodies["government"], year=2018, published_on=D(2019, 3, 28)), at=at(D(2019, 3, 28)))
    publish(make_report(bodies["sports"], year=2018, published_on=D(2019, 4, 3)), at=at(D(2019, 4, 3)))
    return make_report(bodies["education"], year=2018, title="锦州市教育局2018年草稿年报")


def public_rows(response):
    table = dom.parse(response).find("table", class_="deadlines-table")
    return {tr.find("th").text: tr for tr in table.find("tbody").find_all("tr")}


@pytest.mark.django_db
def test_public_page_shows_published_facts_only(client, year_2018):
    response = client.get("/reports/deadlines/2018/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "锦州市教育局2018年草稿年报" not in html
    assert "草稿" not in html
    rows = public_rows(response)
    assert rows["锦州市人民政府"].find("td", class_="deadline-situation").text == "已按时发布"
    assert rows["锦州市人民政府"].find("a").get("href") == "/reports/2018/municipal-government/"
    assert rows["锦州市人民政府"].find_all("time")[1].get("datetime") == "2019-03-28"
    assert rows["锦州市体育局"].find("td", class_="deadline-situation").text == "逾期发布（逾期3天）"
    education = rows["锦州市教育局"]
    assert education.find("td", class_="deadline-situation").text.startswith("尚未发布，已逾期")
    assert not education.find_all("a")  # no link to a report the public cannot read
    assert "deadline-late" in education.classes
    assert "deadline-late" not in rows["锦州市人民政府"].classes


@pytest.mark.django_db
def test_public_page_is_an_accessible_table(client, year_2018):
    page = dom.parse(client.get("/reports/deadlines/2018/"))
    region = page.find("div", class_="table-region")
    assert region.get("role") == "region"
    assert region.get("tabindex") == "0"
    caption = region.find("caption")
    assert region.get("aria-labelledby") == caption.get("id")
    assert caption.text.startswith("2018年度年报发布情况")
    assert [th.get("scope") for th in region.find("thead").find_all("th")] == ["col"] * 5
    assert {th.get("scope") for th in region.find("tbody").find_all("th")} == {"row"}
    assert "第四十九条" in page.find("div", class_="deadlines-intro").text
    assert page.find("h1").text == "2018年度年报发布情况"


@pytest.mark.django_db
def test_public_page_year_navigation(client, year_2018, frozen_now):
    nav = dom.parse(client.get("/reports/deadlines/2018/")).find("nav", class_="year-nav")
    assert nav.find("span", aria_current="page").text == "2018年度"
    links = [a.get("href") for a in nav.find_all("a")]
    assert "/reports/deadlines/2019/" in links
    assert "/reports/deadlines/2018/" not in links
    assert f"/reports/deadlines/{timezone.localdate().year - 1}/" in links


@pytest.mark.django_db
def test_public_page_for_a_body_that_has_not_published_yet(client, bodies, frozen_now):
    today = timezone.localdate()
    make_report(bodies["sports"], year=today.year, title="本年度草稿")
    # The current year is offered once something for it is public.
    publish(make_report(bodies["government"], year=today.year))
    response = client.get(f"/reports/deadlines/{today.year}/")
    assert response.status_code == 200
    assert "本年度草稿" not in response.content.decode()
    assert public_rows(response)["锦州市体育局"].find("td", class_="deadline-situation").text == "尚未发布"


@pytest.mark.django_db
def test_public_page_leaves_out_a_body_before_its_first_year_and_says_so(client, bodies, year_2018):
    bodies["civil"].first_year = 2019
    bodies["civil"].save()
    response = client.get("/reports/deadlines/2018/")
    assert set(public_rows(response)) == {"锦州市人民政府", "锦州市教育局", "锦州市体育局"}
    intro = dom.parse(response).find(class_="deadlines-intro").text
    assert "各机构自其在本网站发布年度报告的起始年度起列入本页。" in intro


@pytest.mark.django_db
def test_public_page_redirects_to_last_year(client, frozen_now):
    response = client.get("/reports/deadlines/")
    assert response.status_code == 302
    assert response["Location"] == f"/reports/deadlines/{timezone.localdate().year - 1}/"
    assert client.get("/en/reports/deadlines/")["Location"].startswith("/en/reports/deadlines/")


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["1999", "2100"])
def test_public_page_for_a_year_outside_the_range_is_404(client, bodies, year):
    assert client.get(f"/reports/deadlines/{year}/").status_code == 404


@pytest.mark.django_db
def test_public_page_in_traditional_chinese(client, year_2018):
    response = client.get("/zh-hant/reports/deadlines/2018/")
    assert response.status_code == 200
    page = dom.parse(response)
    assert page.find("html").get("lang") == "zh-Hant"
    assert page.find("h1").text == "2018年度年報發佈情況"
    assert [th.text for th in page.find("thead").find_all("th")][0] == "發佈機構"
    assert "錦州市人民政府" in public_rows(response)


@pytest.mark.django_db
def test_public_page_in_english(client, year_2018):
    response = client.get("/en/reports/deadlines/2018/")
    assert response.status_code == 200
    page = dom.parse(response)
    assert page.find("html").get("lang") == "en"
    assert page.find("h1").text == "Publication of the 2018 annual reports"
    headers = [th.text for th in page.find("thead").find_all("th")]
    assert headers == ["Organisation", "Type", "Legal deadline", "Date published", "Status"]
    rows = public_rows(response)
    government = rows["锦州市人民政府"]  # no English name: the Chinese, marked as such
    assert government.find("th").get("lang") == "zh-Hans"
    assert government.find("td", class_="deadline-situation").text == "Published on time"
    assert government.find_all("time")[0].text == "31 March 2019"
    assert rows["锦州市体育局"].find("td", class_="deadline-situation").text == "Published late (3 days late)"


@pytest.mark.django_db
def test_column_and_site_map_link_the_page(client):
    column = dom.parse(client.get("/reports/")).find("p", class_="column-links").find("a")
    assert column.get("href") == "/reports/deadlines/"
    site_map = dom.parse(client.get("/sitemap/")).find("section", aria_labelledby="map-deadlines")
    assert [a.get("href") for a in site_map.find_all("a")] == ["/reports/deadlines/"]


@pytest.mark.django_db
def test_sitemap_lists_the_page_in_every_language(client, year_2018):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [url.findtext("s:loc", namespaces=ns) for url in root.findall("s:url", ns)]
    for prefix in ("", "/zh-hant", "/en"):
        assert f"http://testserver{prefix}/reports/deadlines/2018/" in locations
    assert "http://testserver/reports/deadlines/2017/" not in locations  # nothing public before 2018
    entry = next(
        u
        for u in root.findall("s:url", ns)
        if u.findtext("s:loc", namespaces=ns).endswith("/en/reports/deadlines/2018/")
    )
    assert {link.get("hreflang") for link in entry.findall("x:link", ns)} == {"zh-hans", "zh-hant", "en", "x-default"}
