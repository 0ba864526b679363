"""sitemap.xml and robots.txt: every public report in every language, nothing unpublished."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_body, make_report, publish

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_published_reports_in_every_language_with_alternates(client):
    body = make_body()
    publish(make_report(body=body, year=2016))
    make_report(body=body, year=2017, title="草稿年报")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [url.findtext("s:loc", namespaces=NS) for url in root.findall("s:url", NS)]
    for prefix in ("", "/zh-hant", "/en"):
        assert f"http://testserver{prefix}/reports/2016/sports-bureau/" in locations
    assert not [loc for loc in locations if "/reports/2017/" in loc]
    report_url = next(
        u
        for u in root.findall("s:url", NS)
        if u.findtext("s:loc", namespaces=NS).endswith("/en/reports/2016/sports-bureau/")
    )
    alternates = {link.get("hreflang"): link.get("href") for link in report_url.findall("x:link", NS)}
    assert set(alternates) == {"zh-hans", "zh-hant", "en", "x-default"}
    assert report_url.findtext("s:lastmod", namespaces=NS)


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, settings):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /\n" not in text


def _report_urls(root):
    """{loc: (lastmod, {hreflang: href})} for every report address in sitemap.xml."""
    found = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        if "/reports/" in loc and loc.rstrip("/").split("/")[-2].isdigit():
            links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
            found[loc] = (url.findtext("s:lastmod", namespaces=NS), links)
    return found


def test_every_public_report_in_every_language_with_alternates_and_lastmod(client):
    import datetime

    from django.utils import timezone

    from disclosure.publishing import workflow
    from tests.factories import approved, make_staff

    bureau, office = make_body(), make_body(slug="office", name="锦州市人民政府办公室")
    first = publish(make_report(body=bureau, year=2016))
    corrected = make_report(body=office, year=2017)
    publish(corrected)
    latest = publish(corrected, note="更正错字。")
    publish(make_report(body=office, year=2018), at=timezone.now() + datetime.timedelta(days=1))
    withdrawn = approved(make_report(body=bureau, year=2015))
    publisher = make_staff("publisher", workflow.PUBLISHER, bureau)
    workflow.transition(withdrawn, publisher, "publish")
    workflow.transition(withdrawn, publisher, "withdraw", "数据有误。")

    urls = _report_urls(ET.fromstring(client.get("/sitemap.xml").content))
    paths = ["/reports/2016/sports-bureau/", "/reports/2017/office/"]
    assert set(urls) == {f"http://testserver{p}{path}" for p in ("", "/zh-hant", "/en") for path in paths}
    for path, revision in zip(paths, (first, latest), strict=True):
        for prefix in ("", "/zh-hant", "/en"):
            lastmod, links = urls[f"http://testserver{prefix}{path}"]
            # The date on the site's calendar (Asia/Shanghai), as Django writes an aware lastmod; UTC's differs
            # from 00:00 to 08:00 there.
            assert lastmod == timezone.localdate(revision.published_at).isoformat()
            assert links == {
                "zh-hans": f"http://testserver{path}",
                "zh-hant": f"http://testserver/zh-hant{path}",
                "en": f"http://testserver/en{path}",
                "x-default": f"http://testserver{path}",
            }


def test_html_site_map_lists_exactly_the_reports_of_sitemap_xml(client):
    from tests import dom

    bureau, office = make_body(), make_body(slug="office", name="锦州市人民政府办公室")
    for body, year in ((bureau, 2016), (bureau, 2017), (office, 2017)):
        publish(make_report(body=body, year=year))
    make_report(body=office, year=2018)  # a draft: in neither
    xml_paths = {
        loc.removeprefix("http://testserver") for loc in _report_urls(ET.fromstring(client.get("/sitemap.xml").content))
    }
    for prefix in ("", "/zh-hant", "/en"):
        page = dom.parse(client.get(f"{prefix}/sitemap/"))
        html_paths = {a.get("href") for ul in page.find_all("ul", class_="report-list") for a in ul.find_all("a")}
        assert html_paths == {path for path in xml_paths if path.startswith(f"{prefix}/reports/")}, prefix
        assert len(html_paths) == 3


def _urlset(response):
    """[(loc, {hreflang: href})] of one sitemap file, in order."""
    assert response.status_code == 200, response.status_code
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}urlset"
    return [
        (
            url.findtext("s:loc", namespaces=NS),
            {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)},
        )
        for url in root.findall("s:url", NS)
    ]


def test_past_the_limit_sitemap_xml_is_an_index_of_parts_holding_the_same_addresses(client, settings):
    bureau, office = make_body(), make_body(slug="office", name="锦州市人民政府办公室")
    for body, year in ((bureau, 2016), (bureau, 2017), (office, 2017), (office, 2015)):
        publish(make_report(body=body, year=year))
    whole = _urlset(client.get("/sitemap.xml"))
    assert len(whole) > 12  # four reports in three languages, and the other pages

    settings.SITEMAP_LIMIT = 5  # not a multiple of three: a report's languages may straddle two parts
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    parts = [entry.findtext("s:loc", namespaces=NS) for entry in root.findall("s:sitemap", NS)]
    assert parts[:3] == [
        "http://testserver/sitemap-reports.xml",
        "http://testserver/sitemap-reports.xml?p=2",
        "http://testserver/sitemap-reports.xml?p=3",
    ]
    assert "http://testserver/sitemap-pages.xml" in parts
    joined = []
    for part in parts:
        urls = _urlset(client.get(part.removeprefix("http://testserver")))
        assert 0 < len(urls) <= 5
        joined += urls
    assert joined == whole  # the same addresses with the same alternates, in the same order, none twice
    assert client.get("/sitemap-reports.xml?p=4").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404

    settings.SITEMAP_LIMIT = len(whole)  # at the limit, still one file
    assert _urlset(client.get("/sitemap.xml")) == whole


def test_a_part_of_the_index_reads_only_its_own_reports(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    body = make_body()
    for year in range(2010, 2020):
        publish(make_report(body=body, year=year))
    settings.SITEMAP_LIMIT = 3
    with CaptureQueriesContext(connection) as queries:
        urls = _urlset(client.get("/sitemap-reports.xml?p=4"))
    assert [loc for loc, _ in urls] == [
        f"http://testserver{prefix}/reports/2016/sports-bureau/" for prefix in ("", "/zh-hant", "/en")
    ]
    revisions = [q["sql"] for q in queries.captured_queries if 'FROM "disclosure_revision"' in q["sql"]]
    assert len(revisions) == 2  # a count, then one report's row (not every report's, nor its document)
    assert "LIMIT 1" in revisions[1] and '"document"' not in revisions[1]


def test_each_year_of_the_transparency_overview_is_listed_in_every_language(client):
    from tests.rollup.factories import YEAR, listed_city

    def locations():
        root = ET.fromstring(client.get("/sitemap.xml").content)
        return [url.findtext("s:loc", namespaces=NS) for url in root.findall("s:url", NS)]

    assert not [loc for loc in locations() if "/reports/overview/" in loc]  # no list of units, no page
    listed_city()
    listed = [loc for loc in locations() if "/reports/overview/" in loc]
    assert sorted(listed) == sorted(f"http://testserver{p}/reports/overview/{YEAR}/" for p in ("", "/zh-hant", "/en"))
    assert all(client.get(loc.removeprefix("http://testserver")).status_code == 200 for loc in listed)
