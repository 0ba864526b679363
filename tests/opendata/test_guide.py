"""开放数据: the page explains the API as it really is, in every language, and is easy to find."""

import re

import pytest

from disclosure.opendata import api, guide
from tests import dom
from tests.factories import make_body, make_report, publish

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def published():
    report = make_report(make_body(), year=2024)
    return publish(report)


@pytest.mark.parametrize("prefix, title", [("", "开放数据"), ("/zh-hant", "開放數據"), ("/en", "Open data")])
def test_the_page_in_every_language(client, published, prefix, title):
    response = client.get(f"{prefix}/opendata/")
    assert response.status_code == 200
    page = dom.parse(response)
    assert page.find("h1").text == title
    headings = [h.text for h in page.find("main").find_all("h2")]
    assert len(headings) == 9  # the contents and its eight parts


def test_the_english_page_is_english(client, published):
    page = dom.parse(client.get("/en/opendata/"))
    article = page.find("article")
    for element in article.find_all("pre") + article.find_all("code"):
        element.children = []  # code samples quote the data, which is Chinese
    leftover = HAN.findall(article.text)
    assert leftover == [], "".join(leftover)


def test_the_parameters_listed_are_those_the_api_accepts(client, published):
    page = dom.parse(client.get("/opendata/"))
    table = page.find("table", class_="data-table", id=None)
    tables = page.find("main").find_all("table")
    listed = [th.text for th in tables[1].find("tbody").find_all("th")]
    assert listed == list(api.PARAMETERS) == [name for name, _ in guide.PARAMETERS]
    assert table is not None


def test_the_document_fields_listed_are_those_of_the_format(client, published):
    page = dom.parse(client.get("/opendata/"))
    names = [dt.text for dt in page.find("main").find_all("dt")]
    item = client.get("/api/v1/reports/").json()["results"][0]
    document = published.document
    assert names[: len(guide.ITEM_FIELDS)] == list(item)
    assert set(names[len(guide.ITEM_FIELDS) :]) == set(document) | {"tables"}


def test_every_example_address_works(client, published):
    page = dom.parse(client.get("/opendata/"))
    samples = [pre.text for pre in page.find("main").find_all("pre")]
    addresses = [m.group(1) for sample in samples for m in re.finditer(r'curl "([^"]+)"', sample)]
    assert len(addresses) == 3
    for address in addresses:
        response = client.get(address.removeprefix("http://testserver"))
        assert response.status_code == 200, address
        assert response["Access-Control-Allow-Origin"] == "*"
    # The sample error is what the API really answers for that mistake.
    error = client.get("/api/v1/reports/", {"year": "2024年"}).json()
    assert samples[0].replace("\n", "").replace(" ", "") == _compact(error)


def _compact(data):
    import json

    return json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "").replace(" ", "")


def test_the_page_shows_a_live_entry_of_the_list(client, published):
    page = dom.parse(client.get("/opendata/"))
    samples = [pre.text for pre in page.find("main").find_all("pre")]
    assert any('"revision": 1' in sample and "锦州市体育局2024年" in sample for sample in samples)


def test_without_reports_the_examples_still_read_well(client):
    response = client.get("/opendata/")
    assert response.status_code == 200
    assert "/api/v1/reports/2024/sports-bureau/" in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/sitemap/", "/en/sitemap/"])
def test_linked_from_the_footer_and_the_site_map(client, published, url):
    page = dom.parse(client.get(url))
    footer_links = [a.get("href") for a in page.find("footer").find_all("a")]
    prefix = "/en" if url.startswith("/en") else ""
    assert f"{prefix}/opendata/" in footer_links
    if "sitemap" in url:
        main_links = [a.get("href") for a in page.find("main").find_all("a")]
        assert f"{prefix}/opendata/" in main_links


def test_listed_in_sitemap_xml_in_every_language(client):
    content = client.get("/sitemap.xml").content.decode()
    for address in (
        "http://testserver/opendata/",
        "http://testserver/zh-hant/opendata/",
        "http://testserver/en/opendata/",
    ):
        assert f"<loc>{address}</loc>" in content


@pytest.mark.parametrize("page_cache", [None, "default"], ids=["uncached", "page-cache"])
def test_the_live_example_follows_a_publication(client, settings, page_cache):
    settings.PAGE_CACHE_ALIAS = page_cache

    def samples():
        return " ".join(pre.text for pre in dom.parse(client.get("/opendata/")).find("main").find_all("pre"))

    assert '"revision": 1' not in samples()
    publish(make_report(make_body(), year=2024))
    assert '"revision": 1' in samples()


@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/en"])
def test_the_page_links_the_json_schema(client, prefix):
    page = dom.parse(client.get(f"{prefix}/opendata/"))
    links = [
        a for a in page.find_all("a") if a.get("href") == "http://testserver/api/v1/schema/disclosure-report-1.json"
    ]
    assert len(links) == 1
    assert client.get(links[0].get("href")).status_code == 200
