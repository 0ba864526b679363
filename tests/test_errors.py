"""Error pages in the site's style: the 404 with its way back, the 500 without touching the database."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from disclosure import errors
from tests import dom


def test_server_error_page_renders_without_the_database():
    # No django_db mark: pytest-django fails this test if rendering the page runs any query.
    response = errors.server_error(RequestFactory().get("/reports/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "系统暂时无法访问" in html
    assert 'lang="zh-Hans"' in html and 'lang="en"' in html


def test_server_error_page_keeps_simplified_chinese_at_an_english_address():
    # It shares its shell with the 503 page, which speaks the address's language; the 500 page does not.
    with translation.override("en"):
        response = errors.server_error(RequestFactory().get("/en/reports/"))
        assert translation.get_language() == "en"
    page = dom.parse(response)
    assert page.find("html").get("lang") == "zh-Hans"
    assert page.find("a", class_="skip-link").text == "跳到正文"
    assert page.find("a", class_="site-name").text == "政府信息公开"
    assert page.find("a", class_="site-name").get("href") == "/"
    assert [a.get("href") for a in page.find("main").find_all("a")] == ["/"]
    assert page.find("meta", name="viewport") and not page.find_all("meta", name="robots")


@pytest.mark.django_db
def test_a_failing_view_gives_the_styled_500_without_a_traceback(client, settings):
    settings.ROOT_URLCONF = "tests.urls_broken"
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "系统暂时无法访问" in html
    assert "Traceback" not in html and "a fault the visitor must not see" not in html


@pytest.mark.django_db
def test_not_found_page_offers_a_way_back(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and 'href="/reports/"' in html and 'href="/sitemap/"' in html
