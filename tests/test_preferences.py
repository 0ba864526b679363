"""Reader preferences kept in cookies and rendered as classes on <html>."""

import pytest
from django.test import RequestFactory

from disclosure import preferences
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
    assert prefs == {"size": "small", "a11y": "off", "scheme": "white-on-black"}
    assert preferences.html_classes(prefs) == "text-small"
    assert preferences.html_classes({**prefs, "a11y": "on"}) == "text-small a11y scheme-white-on-black"


def test_next_cannot_inject_headers(client):
    response = client.get("/preferences/", {"size": "large", "next": "/reports/\r\nSet-Cookie: pwned=1"})
    assert response.status_code == 302
    assert "\n" not in response["Location"] and "\r" not in response["Location"]
    assert response["Location"].startswith("/reports/")
    assert "pwned" not in response.cookies
