"""无障碍浏览 说明 and 无障碍声明 pages, and the keyboard shortcuts declared in disclosure/shortcuts.py."""

from urllib.parse import parse_qs, urlsplit

import pytest

from disclosure.accessibility import shortcuts
from tests import dom

pytestmark = pytest.mark.django_db


def with_shortcuts(page):
    return [el for el in page.iter() if el.get("aria-keyshortcuts")]


def test_every_shortcut_has_its_own_key():
    keys = [key for key, _label in shortcuts.SHORTCUTS.values()]
    assert len(keys) == len(set(keys))
    assert all(len(key) == 1 and key.isalnum() and key.upper() == key for key in keys)


@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/en"])
def test_help_page_lists_every_shortcut(client, prefix):
    response = client.get(f"{prefix}/accessibility/help/")
    assert response.status_code == 200
    table = dom.parse(response).find("table", class_="shortcuts-table")
    rows = [row.find("kbd").text for row in table.find("tbody").find_all("tr")]
    assert rows == list(shortcuts.keys().values())
    assert [th.get("scope") for th in table.find("thead").find_all("th")] == ["col", "col"]


def test_toolbar_marks_every_function_with_its_shortcut_once(client):
    client.cookies["pref_a11y"] = "on"
    page = dom.parse(client.get("/reports/"))
    marked = [el.get("aria-keyshortcuts") for el in with_shortcuts(page)]
    expected = set(shortcuts.keys().values()) - {shortcuts.keys()["rate"]}
    assert sorted(marked) == sorted(expected), "each shortcut on exactly one control"
    # 语速 has no single control: its key steps through the three speeds.
    assert page.find("ul", data_cycle_keys=shortcuts.keys()["rate"])


def test_shortcuts_without_the_toolbar_open_it_and_the_help_page(client):
    page = dom.parse(client.get("/"))
    marked = {el.get("aria-keyshortcuts"): el for el in with_shortcuts(page)}
    keys = shortcuts.keys()
    assert set(marked) == {keys["a11y"], keys["help"]}
    assert marked[keys["help"]].get("href") == "/accessibility/help/"


def test_statement_names_the_standard_and_links_prefilled_feedback(client):
    response = client.get("/accessibility/")
    assert response.status_code == 200
    text = dom.parse(response).find("main").text
    assert "WCAG" in text and "2.1 AA" in text and "GB/T 37668-2019" in text and "axe-core" in text
    link = next(a for a in dom.parse(response).find("main").find_all("a") if a.get("href").startswith("/feedback/"))
    query = parse_qs(urlsplit(link.get("href")).query)
    assert query == {"subject": ["无障碍问题反馈"], "from": ["/accessibility/"]}
    assert "无障碍问题反馈" in client.get(link.get("href")).content.decode()


def test_english_statement_prefills_an_english_subject(client):
    page = dom.parse(client.get("/en/accessibility/"))
    link = next(a for a in page.find("main").find_all("a") if "/feedback/" in a.get("href"))
    assert parse_qs(urlsplit(link.get("href")).query)["subject"] == ["Accessibility problem"]


def test_footer_and_site_map_link_both_pages(client):
    for url in ("/", "/sitemap/"):
        hrefs = [a.get("href") for a in dom.parse(client.get(url)).find_all("a")]
        assert "/accessibility/" in hrefs and "/accessibility/help/" in hrefs, url
    section = dom.parse(client.get("/sitemap/")).find("section", aria_labelledby="map-a11y")
    assert [a.get("href") for a in section.find_all("a")] == ["/accessibility/help/", "/accessibility/"]


def test_toolbar_links_both_pages(client):
    client.cookies["pref_a11y"] = "on"
    toolbar = dom.parse(client.get("/en/")).find("section", class_="a11y-toolbar")
    hrefs = [a.get("href") for a in toolbar.find_all("a")]
    assert "/en/accessibility/help/" in hrefs and "/en/accessibility/" in hrefs


def test_sitemap_xml_lists_both_pages_in_every_language(client):
    content = client.get("/sitemap.xml").content.decode()
    for prefix in ("", "/zh-hant", "/en"):
        assert f"http://testserver{prefix}/accessibility/</loc>" in content
        assert f"http://testserver{prefix}/accessibility/help/</loc>" in content
