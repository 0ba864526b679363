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
