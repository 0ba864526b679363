"""The three languages through rendered pages: prefixes, lang attributes, switching, fallback, catalogues."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from disclosure.languages.traditional import to_traditional
from disclosure.templatetags.fallback_lang import lang_attr
from tests import dom
from tests.factories import make_body, make_report, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    body = make_body()
    body.name_en = "Jinzhou Municipal Sports Bureau"
    body.save()
    report = make_report(body=body, levels=(1, 2, 3, 4, 1))
    publish(report)
    return report


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return dom.parse(response.content.decode())


@pytest.mark.parametrize(
    ("prefix", "lang", "nav"),
    [("", "zh-Hans", "信息公开年报"), ("/zh-hant", "zh-Hant", "信息公開年報"), ("/en", "en", "Annual reports")],
)
@pytest.mark.parametrize("path", ["/", "/reports/", "/reports/2016/sports-bureau/", "/sitemap/", "/feedback/"])
def test_every_page_in_every_language(client, report, prefix, lang, nav, path):
    tree = page(client, prefix + path)
    assert tree.find("html").get("lang") == lang
    assert nav in tree.find("nav", class_="mainnav").text


def test_language_links_keep_the_reader_on_the_same_report(client, report):
    tree = page(client, "/reports/2016/sports-bureau/")
    links = {
        a.get("hreflang"): a.get("href") for a in tree.find("div", class_="topbar").find_all("a") if a.get("hreflang")
    }
    assert links == {"zh-Hant": "/zh-hant/reports/2016/sports-bureau/", "en": "/en/reports/2016/sports-bureau/"}
    tree = page(client, "/en/reports/2016/sports-bureau/")
    links = {
        a.get("hreflang"): a.get("href") for a in tree.find("div", class_="topbar").find_all("a") if a.get("hreflang")
    }
    assert links == {"zh-Hans": "/reports/2016/sports-bureau/", "zh-Hant": "/zh-hant/reports/2016/sports-bureau/"}


def test_filters_survive_a_language_switch(client, report):
    tree = page(client, "/reports/?year=2016")
    hrefs = [a.get("href") for a in tree.find("div", class_="topbar").find_all("a") if a.get("hreflang")]
    assert "/en/reports/?year=2016" in hrefs


def test_alternate_links_in_the_head_cover_every_language(client, report):
    tree = page(client, "/zh-hant/reports/2016/sports-bureau/")
    alternates = {link.get("hreflang"): link.get("href") for link in tree.find_all("link", rel="alternate")}
    assert alternates["zh-Hans"].endswith("/reports/2016/sports-bureau/")
    assert alternates["zh-Hant"].endswith("/zh-hant/reports/2016/sports-bureau/")
    assert alternates["en"].endswith("/en/reports/2016/sports-bureau/")
    assert alternates["x-default"] == alternates["zh-Hans"]
    canonical = tree.find("link", rel="canonical").get("href")
    assert canonical.endswith("/zh-hant/reports/2016/sports-bureau/")


def test_english_page_without_english_content_says_so_and_marks_the_chinese(client, report):
    tree = page(client, "/en/reports/2016/sports-bureau/")
    assert "not available in English yet" in tree.find("p", class_="notice").text
    title = tree.find("h1")
    assert title.get("lang") == "zh-Hans"
    assert title.text == report.title_zh_hans
    headings = [h for h in tree.find_all("h2", "h3", "h4", "h5") if "part-heading" in h.classes]
    assert [h.find("span", class_="part-number").text for h in headings] == ["I.", "A.", "1.", "(a)", "II."]
    assert all(h.find_all("span")[1].get("lang") == "zh-Hans" for h in headings)


def test_the_lang_attribute_of_fallback_text_is_written_once():
    assert lang_attr("zh-Hans") == ' lang="zh-Hans"'
    assert lang_attr(None) == "" and lang_attr("") == ""
    assert lang_attr('x" onclick="y') == ' lang="x&quot; onclick=&quot;y"'


def test_english_page_with_english_content(client, report):
    report.title_en = "Sports Bureau: annual report 2016"
    report.save()
    for section in report.sections.all():
        section.heading_en = f"Heading {section.position}"
        section.body_en = f"Text {section.position}."
        section.save()
    publish(report, note="English translation added.")
    tree = page(client, "/en/reports/2016/sports-bureau/")
    assert tree.find_all("p", class_="notice") == []
    title = tree.find("h1")
    assert title.text == "Sports Bureau: annual report 2016" and title.get("lang") is None
    assert "Published: 20 January 2017" in tree.find("p", class_="report-meta-facts").text
    assert "Jinzhou Municipal Sports Bureau" in tree.find("p", class_="report-meta-facts").text


def test_dates_read_naturally_in_each_language(client, report):
    assert "2017年1月20日" in page(client, "/reports/2016/sports-bureau/").find("p", class_="report-meta-facts").text
    assert (
        "2017年1月20日"
        in page(client, "/zh-hant/reports/2016/sports-bureau/").find("p", class_="report-meta-facts").text
    )


def test_text_size_control_is_labelled_in_each_language(client, report):
    en = page(client, "/en/reports/2016/sports-bureau/").find("div", class_="report-meta-size").text
    assert "Text size" in en and "Large" in en
    hant = page(client, "/zh-hant/reports/2016/sports-bureau/").find("div", class_="report-meta-size").text
    assert "字體" in hant


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", ["黑底黄字", "大鼠标", "快速", "大号字体"]),
        ("/zh-hant", ["黑底黃字", "大鼠標", "快速", "大號字體"]),
        ("/en", ["Yellow on black", "Large pointer", "Fast", "Large text"]),
    ],
)
def test_the_toolbar_drawn_from_the_declared_choices_speaks_each_language(client, report, prefix, expected):
    client.cookies["pref_a11y"] = "on"
    toolbar = page(client, prefix + "/reports/").find(class_="a11y-toolbar")
    scheme = toolbar.find("a", data_pref="scheme", data_value="yellow-on-black").text
    cursor = toolbar.find("a", data_pref="cursor").text
    rate = toolbar.find("button", data_rate="fast").text
    size = toolbar.find("a", data_pref="size", data_value="large").get("title")
    assert [scheme, cursor, rate, size] == expected


def test_english_catalogue_is_complete_and_traditional_is_derived_from_the_msgids():
    locale = Path(settings.LOCALE_PATHS[0])
    english = polib.pofile(str(locale / "en" / "LC_MESSAGES" / "django.po"))
    assert english.percent_translated() == 100
    traditional = polib.pofile(str(locale / "zh_Hant" / "LC_MESSAGES" / "django.po"))
    # The project's msgids are Chinese; an ASCII one is Django's own string in an overridden admin template,
    # which Django's catalogue translates (a derived entry would put the English over it).
    assert len(traditional) == len([e for e in english if not e.obsolete and not e.msgid.isascii()])
    with translation.override("zh-hant"):
        assert translation.gettext("Toggle navigation") == "切換導航"
    for entry in traditional:
        expected = to_traditional(entry.msgid_plural or entry.msgid)
        assert (entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr) == expected
