"""Reader preferences kept in cookies and rendered as classes on <html>."""

import pytest
from django.test import RequestFactory

from disclosure.accessibility import preferences, shortcuts
from tests import dom
from tests.factories import make_report, publish

pytestmark = pytest.mark.django_db


def html_classes(response):
    return dom.parse(response).find("html").get("class").split()


def test_size_sets_the_cookie_and_redirects_to_next(client):
    response = client.get("/preferences/", {"size": "large", "next": "/reports/"})
    assert response.status_code == 302
    assert response["Location"] == "/reports/"
    cookie = response.cookies["pref_size"]
    assert cookie.value == "large"
    assert cookie["max-age"] == 365 * 24 * 3600
    assert cookie["samesite"] == "Lax"
    assert response["Cache-Control"] == "no-store"


def test_the_page_then_renders_the_size_class(client):
    client.get("/preferences/", {"size": "large", "next": "/reports/"})
    assert html_classes(client.get("/reports/")) == ["text-large"]
    publish(make_report())
    response = client.get("/reports/2016/sports-bureau/")
    assert html_classes(response) == ["text-large"]
    # The report page's 字体 control marks the chosen size as pressed.
    sizes = dom.parse(response).find("ul", class_="text-size")
    pressed = [a.get("data-value") for a in sizes.find_all("a", aria_pressed="true")]
    assert pressed == ["large"]


def test_default_classes(client):
    assert html_classes(client.get("/")) == ["text-medium"]


def test_accessibility_mode_and_scheme(client):
    client.get("/preferences/", {"a11y": "on", "next": "/"})
    client.get("/preferences/", {"scheme": "yellow-on-black", "next": "/"})
    response = client.get("/")
    assert html_classes(response) == ["text-medium", "a11y", "scheme-yellow-on-black"]
    page = dom.parse(response)
    assert page.find_all("section", class_="a11y-toolbar")
    assert page.find("a", class_="a11y-switch").text == "退出无障碍浏览"


def test_scheme_is_ignored_while_accessibility_mode_is_off(client):
    client.get("/preferences/", {"scheme": "white-on-black", "next": "/"})
    response = client.get("/")
    assert html_classes(response) == ["text-medium"]
    assert not dom.parse(response).find_all("section", class_="a11y-toolbar")


def test_several_preferences_at_once(client):
    response = client.get("/preferences/", {"size": "small", "a11y": "on", "scheme": "black-on-white", "next": "/"})
    assert {name: morsel.value for name, morsel in response.cookies.items()} == {
        "pref_size": "small",
        "pref_a11y": "on",
        "pref_scheme": "black-on-white",
    }
    assert html_classes(client.get("/")) == ["text-small", "a11y", "scheme-black-on-white"]


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://evil.example/reports/",
        "javascript:alert(1)",
        "https:///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
    ],
)
def test_external_next_redirects_home(client, next_url):
    response = client.get("/preferences/", {"size": "large", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["pref_size"].value == "large"


def test_missing_next_redirects_home(client):
    response = client.get("/preferences/", {"size": "large"})
    assert response["Location"] == "/"


def test_next_on_the_same_host_keeps_its_query(client):
    response = client.get("/preferences/", {"size": "large", "next": "/reports/?year=2016&page=2"})
    assert response["Location"] == "/reports/?year=2016&page=2"


def test_next_with_a_language_prefix(client):
    response = client.get("/en/preferences/", {"size": "small", "next": "/en/reports/"})
    assert response["Location"] == "/en/reports/"


@pytest.mark.parametrize(
    "query",
    [{"size": "huge"}, {"a11y": "maybe"}, {"scheme": "pink-on-green"}, {"size": ""}, {"colour": "red"}, {}],
)
def test_invalid_values_are_ignored(client, query):
    response = client.get("/preferences/", {**query, "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not response.cookies


def test_invalid_cookie_values_fall_back_to_the_defaults(client):
    client.cookies["pref_size"] = "enormous"
    client.cookies["pref_a11y"] = "on"
    client.cookies["pref_scheme"] = "<script>"
    assert html_classes(client.get("/")) == ["text-medium", "a11y", "scheme-default"]


def test_reset_deletes_the_cookies(client):
    client.get("/preferences/", {"size": "large", "a11y": "on", "scheme": "white-on-black", "next": "/"})
    assert html_classes(client.get("/")) == ["text-large", "a11y", "scheme-white-on-black"]
    response = client.get("/preferences/", {"reset": "1", "next": "/reports/"})
    assert response["Location"] == "/reports/"
    for name in ("pref_size", "pref_a11y", "pref_scheme"):
        assert response.cookies[name].value == ""
        assert response.cookies[name]["max-age"] == 0
    assert html_classes(client.get("/")) == ["text-medium"]


def test_reset_wins_over_values_in_the_same_request(client):
    response = client.get("/preferences/", {"reset": "1", "size": "large", "next": "/"})
    assert response.cookies["pref_size"].value == ""


def test_preference_links_come_back_to_the_current_page(client):
    page = dom.parse(client.get("/reports/", {"year": "2016"}))
    switch = page.find("a", data_pref="a11y", data_value="on")
    assert switch.get("href") == "/preferences/?a11y=on&next=%2Freports%2F%3Fyear%3D2016"
    response = client.get(switch.get("href"))
    assert response["Location"] == "/reports/?year=2016"
    assert response.cookies["pref_a11y"].value == "on"


def test_read_and_html_classes():
    request = RequestFactory().get("/")
    request.COOKIES = {"pref_size": "small", "pref_a11y": "off", "pref_scheme": "white-on-black"}
    prefs = preferences.read(request)
    assert prefs == {
        "size": "small",
        "a11y": "off",
        "scheme": "white-on-black",
        "zoom": "100",
        "textonly": "off",
        **dict.fromkeys(("cursor", "guide", "captions", "reading"), "off"),
        "rate": "normal",
    }
    assert preferences.html_classes(prefs) == "text-small"
    assert preferences.html_classes({**prefs, "a11y": "on"}) == "text-small a11y scheme-white-on-black"


def test_next_cannot_inject_headers(client):
    response = client.get("/preferences/", {"size": "large", "next": "/reports/\r\nSet-Cookie: pwned=1"})
    assert response.status_code == 302
    assert "\n" not in response["Location"] and "\r" not in response["Location"]
    assert response["Location"].startswith("/reports/")
    assert "pwned" not in response.cookies


# 放大/缩小 (page zoom) ------------------------------------------------------------------------------


def test_zoom_is_remembered_and_rendered_only_in_accessibility_mode(client):
    response = client.get("/preferences/", {"zoom": "150", "next": "/"})
    assert response.cookies["pref_zoom"].value == "150"
    assert html_classes(client.get("/")) == ["text-medium"]
    client.get("/preferences/", {"a11y": "on", "next": "/"})
    assert html_classes(client.get("/")) == ["text-medium", "a11y", "scheme-default", "zoom-150"]


def test_default_zoom_adds_no_class(client):
    client.cookies["pref_a11y"] = "on"
    client.cookies["pref_zoom"] = "100"
    assert html_classes(client.get("/")) == ["text-medium", "a11y", "scheme-default"]


@pytest.mark.parametrize("value", ["90", "300", "150%", "1.5"])
def test_zoom_outside_the_steps_is_ignored(client, value):
    assert not client.get("/preferences/", {"zoom": value, "next": "/"}).cookies


@pytest.mark.parametrize("current,steps", [("100", ("100", "125")), ("150", ("125", "175")), ("200", ("175", "200"))])
def test_zoom_steps(current, steps):
    assert preferences.zoom_steps(current) == steps


def test_toolbar_zoom_links_and_status(client):
    client.cookies["pref_a11y"] = "on"
    client.cookies["pref_zoom"] = "150"
    toolbar = dom.parse(client.get("/reports/")).find("section", class_="a11y-toolbar")
    out, in_ = toolbar.find_all("a", data_pref="zoom")
    assert out.get("href") == "/preferences/?zoom=125&next=%2Freports%2F"
    assert in_.get("href") == "/preferences/?zoom=175&next=%2Freports%2F"
    assert not out.get("aria-disabled") and not in_.get("aria-disabled")
    status = toolbar.find(class_="zoom-status")
    assert status.get("role") == "status"
    assert status.text == "当前放大比例 150%"
    client.cookies["pref_zoom"] = "200"
    toolbar = dom.parse(client.get("/reports/")).find("section", class_="a11y-toolbar")
    assert toolbar.find("a", data_pref="zoom", data_step="1").get("aria-disabled") == "true"


def test_reset_forgets_the_zoom(client):
    client.cookies["pref_zoom"] = "175"
    response = client.get("/preferences/", {"reset": "1", "next": "/"})
    assert response.cookies["pref_zoom"]["max-age"] == 0


# 纯文本 (text-only view) -----------------------------------------------------------------------------


def stylesheets(response):
    return [link.get("href") for link in dom.parse(response).find_all("link", rel="stylesheet")]


def test_text_only_swaps_the_stylesheet_in_accessibility_mode(client):
    client.get("/preferences/", {"textonly": "on", "next": "/"})
    assert not any("textonly" in href for href in stylesheets(client.get("/")))
    client.get("/preferences/", {"a11y": "on", "next": "/"})
    response = client.get("/")
    assert html_classes(response) == ["text-medium", "a11y", "scheme-default", "textonly"]
    sheets = stylesheets(response)
    assert any(href.endswith("css/textonly.css") for href in sheets)
    assert not any(href.endswith("css/site.css") for href in sheets)
    assert any(href.endswith("css/schemes.css") for href in sheets)
    button = dom.parse(response).find("a", data_pref="textonly")
    assert (button.get("aria-pressed"), button.get("data-value")) == ("true", "off")


def test_text_only_button_is_off_by_default(client):
    client.cookies["pref_a11y"] = "on"
    response = client.get("/reports/")
    button = dom.parse(response).find("a", data_pref="textonly")
    assert button.get("aria-pressed") == "false"
    assert button.get("href") == "/preferences/?textonly=on&next=%2Freports%2F"
    assert any(href.endswith("css/site.css") for href in stylesheets(response))


def test_text_only_helper():
    assert preferences.text_only({"a11y": "on", "textonly": "on"})
    assert not preferences.text_only({"a11y": "off", "textonly": "on"})
    assert not preferences.text_only({"a11y": "on", "textonly": "off"})


# 大鼠标, 辅助线, 大字幕 ---------------------------------------------------------------------------------


def test_switches_render_their_classes_in_accessibility_mode(client):
    for name in ("cursor", "guide", "captions"):
        client.cookies[f"pref_{name}"] = "on"
    assert html_classes(client.get("/")) == ["text-medium"]
    client.cookies["pref_a11y"] = "on"
    response = client.get("/")
    assert html_classes(response) == ["text-medium", "a11y", "scheme-default", "big-cursor", "guide", "captions"]
    page = dom.parse(response)
    assert page.find("a", data_pref="cursor").get("aria-pressed") == "true"
    for tool in ("guide", "captions"):
        button = page.find("button", data_tool=tool)
        # Hidden until the script that makes them work shows them.
        assert "hidden" in button.attrs and button.get("aria-pressed") == "true"
    assert page.find(class_="caption-strip").get("aria-hidden") == "true"
    assert page.find(class_="reading-guide").get("aria-hidden") == "true"


def test_reset_forgets_the_switches(client):
    response = client.get("/preferences/", {"reset": "1", "next": "/"})
    for name in ("textonly", "cursor", "guide", "captions"):
        assert response.cookies[f"pref_{name}"]["max-age"] == 0


# The toolbar drawn from the declarations ----------------------------------------------------------------


def test_every_choice_offered_one_by_one_has_a_label_and_every_switch_a_button():
    for name, labels in preferences.CHOICE_LABELS.items():
        assert sorted(labels) == sorted(preferences.CHOICES[name]), name
    assert set(preferences.SIZE_FACES) == set(preferences.CHOICES["size"])
    assert list(preferences.SWITCH_LABELS) == list(preferences.SWITCH_CLASSES)
    assert set(preferences.SCRIPT_ONLY) <= set(preferences.SWITCH_LABELS)


def test_the_toolbar_has_one_button_per_declared_choice(client):
    client.cookies["pref_a11y"] = "on"
    client.cookies["pref_scheme"] = "white-on-black"
    client.cookies["pref_rate"] = "fast"
    toolbar = dom.parse(client.get("/reports/")).find(class_="a11y-toolbar")
    for name in ("scheme", "size"):
        buttons = toolbar.find_all("a", data_pref=name)
        assert [b.get("data-value") for b in buttons] == list(preferences.CHOICE_LABELS[name])
        assert [b.get("aria-keyshortcuts") for b in buttons] == [
            shortcuts.PREFIX + shortcuts.SHORTCUTS[f"{name}_{value.replace('-', '_')}"][0]
            for value in preferences.CHOICE_LABELS[name]
        ]
    schemes = toolbar.find_all("a", data_pref="scheme")
    assert [b.text for b in schemes] == ["标准", "黑底黄字", "黑底白字", "白底黑字"]
    assert [b.get("aria-pressed") for b in schemes] == ["false", "false", "true", "false"]
    assert schemes[1].get("href") == "/preferences/?scheme=yellow-on-black&next=%2Freports%2F"
    sizes = toolbar.find_all("a", data_pref="size")
    assert [(b.get("title"), b.find("span", aria_hidden="true").text) for b in sizes] == [
        ("大号字体", "大"),
        ("中号字体", "中"),
        ("小号字体", "小"),
    ]
    rates = toolbar.find_all("button", class_="a11y-button")
    assert [(b.get("data-rate"), b.text, b.get("aria-pressed")) for b in rates if b.get("data-rate")] == [
        ("slow", "慢速", "false"),
        ("normal", "正常", "false"),
        ("fast", "快速", "true"),
    ]
    switches = [b.get("data-pref") or b.get("data-tool") for b in toolbar.find_all(class_="a11y-button")]
    assert [s for s in switches if s in preferences.SWITCH_CLASSES] == list(preferences.SWITCH_LABELS)


def test_cookie_values_encoded_by_the_scripts_are_read_back():
    # static/js/cookies.js percent-encodes every value; the declared values read the same either way.
    request = RequestFactory().get("/")
    request.COOKIES = {"pref_a11y": "on", "pref_scheme": "yellow%2Don%2Dblack", "pref_size": "%6Carge"}
    prefs = preferences.read(request)
    assert (prefs["scheme"], prefs["size"]) == ("yellow-on-black", "large")
    request.COOKIES = {"pref_scheme": "yellow-on-black%3B", "pref_size": "%"}
    prefs = preferences.read(request)
    assert (prefs["scheme"], prefs["size"]) == ("default", "medium")
