"""Error pages in the site's style: the 404 with its way back, the 500 without touching the database."""

import pytest
from django.test import RequestFactory

from disclosure import errors


def test_server_error_page_renders_without_the_database():
    # No django_db mark: pytest-django fails this test if rendering the page runs any query.
    response = errors.server_error(RequestFactory().get("/reports/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "系统暂时无法访问" in html
    assert 'lang="zh-Hans"' in html and 'lang="en"' in html


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
