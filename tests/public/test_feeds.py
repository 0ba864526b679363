"""订阅: RSS 2.0 and Atom feeds of published reports and corrections, per language, parsed as XML."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from disclosure.languages.traditional import to_traditional
from disclosure.publishing import workflow
from tests import dom
from tests.factories import approved, make_body, make_report, make_staff, publish

pytestmark = pytest.mark.django_db
ATOM = {"a": "http://www.w3.org/2005/Atom"}
TITLE = "锦州市体育局2016年政府信息公开工作年度报告"


def rss_items(client, prefix=""):
    response = client.get(f"{prefix}/feeds/reports.rss")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def atom_entries(client, prefix=""):
    response = client.get(f"{prefix}/feeds/reports.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return root, root.findall("a:entry", ATOM)


@pytest.fixture
def corrected():
    """The 2016 report published, then corrected a day later with a change note."""
    report = make_report()
    first = publish(report, at=timezone.now() - datetime.timedelta(days=2))
    report.title_en = "Jinzhou Sports Bureau Annual Report 2016"
    report.save()
    second = publish(report, note="更正表二中行政许可数量。", at=timezone.now() - datetime.timedelta(days=1))
    return first, second


def test_rss_lists_the_publication_and_the_correction_newest_first(client, corrected):
    first, second = corrected
    channel, items = rss_items(client)
    assert channel.findtext("title") == "信息公开年报订阅"
    assert channel.findtext("language") == "zh-hans"
    assert channel.findtext("link") == "http://testserver/reports/"
    assert [item.findtext("title") for item in items] == [f"更正：{TITLE}", TITLE]
    assert {item.findtext("link") for item in items} == {"http://testserver/reports/2016/sports-bureau/"}
    correction, publication = items
    assert correction.findtext("description") == (
        "锦州市体育局更正了2016年度政府信息公开工作年度报告（第2版）。更正说明：更正表二中行政许可数量。"
    )
    assert publication.findtext("description") == "锦州市体育局发布了2016年度政府信息公开工作年度报告。"
    assert correction.findtext("guid") != publication.findtext("guid")
    published = datetime.datetime.strptime(publication.findtext("pubDate"), "%a, %d %b %Y %H:%M:%S %z")
    assert published == first.published_at.replace(microsecond=0)


def test_atom_feed_has_the_same_items_with_publication_times(client, corrected):
    first, second = corrected
    root, entries = atom_entries(client)
    assert root.findtext("a:title", namespaces=ATOM) == "信息公开年报订阅"
    assert [e.findtext("a:title", namespaces=ATOM) for e in entries] == [f"更正：{TITLE}", TITLE]
    link = entries[0].find("a:link", ATOM).get("href")
    assert link == "http://testserver/reports/2016/sports-bureau/"
    published = datetime.datetime.fromisoformat(entries[1].findtext("a:published", namespaces=ATOM))
    assert published == first.published_at
    assert len({e.findtext("a:id", namespaces=ATOM) for e in entries}) == 2


def test_each_language_has_its_own_feed(client, corrected):
    channel, items = rss_items(client, "/zh-hant")
    assert channel.findtext("language") == "zh-hant"
    assert channel.findtext("title") == to_traditional("信息公开年报订阅")
    assert items[1].findtext("title") == to_traditional(TITLE)
    assert items[1].findtext("link") == "http://testserver/zh-hant/reports/2016/sports-bureau/"
    _root, entries = atom_entries(client, "/en")
    titles = [e.findtext("a:title", namespaces=ATOM) for e in entries]
    # The first revision had no English title: its item falls back to the Simplified original.
    assert titles == ["Correction: Jinzhou Sports Bureau Annual Report 2016", TITLE]
    assert entries[0].find("a:link", ATOM).get("href") == "http://testserver/en/reports/2016/sports-bureau/"


def test_drafts_scheduled_and_withdrawn_reports_are_never_announced(client):
    body = make_body()
    make_report(body=body, year=2013)
    publish(make_report(body=body, year=2014), at=timezone.now() + datetime.timedelta(days=3))
    withdrawn = approved(make_report(body=body, year=2015))
    publisher = make_staff("publisher", workflow.PUBLISHER, body)
    workflow.transition(withdrawn, publisher, "publish")
    workflow.transition(withdrawn, publisher, "withdraw", "数据有误。")
    publish(make_report(body=body, year=2016))
    _channel, items = rss_items(client)
    assert [item.findtext("title") for item in items] == [TITLE]
    _root, entries = atom_entries(client)
    assert len(entries) == 1


def test_feeds_are_linked_from_every_page_and_the_column(client, corrected):
    for url in ("/", "/reports/", "/reports/2016/sports-bureau/", "/en/search/"):
        page = dom.parse(client.get(url))
        types = {link.get("type"): link.get("href") for link in page.find_all("link", rel="alternate")}
        prefix = "/en" if url.startswith("/en/") else ""
        assert types["application/rss+xml"] == f"{prefix}/feeds/reports.rss", url
        assert types["application/atom+xml"] == f"{prefix}/feeds/reports.atom", url
    column = dom.parse(client.get("/reports/"))
    assert column.find("a", href="/feeds/reports.rss").text == "订阅"


def test_feeds_answer_304_when_nothing_changed(client, corrected):
    for url in ("/feeds/reports.rss", "/en/feeds/reports.atom"):
        etag = client.get(url)["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
