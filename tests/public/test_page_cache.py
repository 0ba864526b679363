"""Public pages cached under the site's generation: fresh after every public change, ETags and 304s."""

import datetime
import logging
import secrets
import socket
from unittest import mock

import pytest
from django.core.cache import caches
from django.utils import timezone

from disclosure.models import Link, SiteSettings
from disclosure.publishing import workflow
from tests.factories import PASSWORD, make_body, make_report, make_staff, publish, through_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_ALIAS = "default"
    SiteSettings.load()  # made by the site's very first request otherwise, which starts a generation
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def published_report(title="锦州市体育局2016年政府信息公开工作年度报告"):
    report = make_report(title=title)
    publish(report)
    return report


def test_second_request_is_served_from_the_cache(client, page_cache):
    url = published_report().get_absolute_url()
    first, second = client.get(url), client.get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert first.content == second.content
    assert first["ETag"] == second["ETag"] and not first["ETag"].startswith("W/")


def test_a_correction_is_seen_at_once(client, page_cache):
    report = published_report()
    url = report.get_absolute_url()
    client.get(url)
    report.title_zh_hans = "锦州市体育局2016年政府信息公开工作年度报告（更正）"
    report.save()
    publish(report, note="更正标题")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "（更正）" in response.content.decode()
    assert "（更正）" in client.get("/reports/").content.decode()


def test_withdrawal_takes_the_report_off_the_column_at_once(client, page_cache):
    report = published_report()
    publisher = make_staff("publisher", workflow.PUBLISHER, report.body)
    assert report.title_zh_hans in client.get("/reports/").content.decode()
    workflow.transition(report, publisher, "withdraw", "数据有误，核实后重新发布。")
    assert report.title_zh_hans not in client.get("/reports/").content.decode()
    assert client.get(report.get_absolute_url()).status_code == 410


def test_a_scheduled_report_appears_when_its_time_comes(client, page_cache):
    body = make_body()
    publish(make_report(body, 2015))
    scheduled = through_review(make_report(body, 2016, title="锦州市体育局2016年定时发布的年报"))
    at = timezone.now() + datetime.timedelta(hours=1)
    workflow.transition(scheduled, make_staff("publisher", workflow.PUBLISHER, body), "schedule", at=at)
    assert "定时发布的年报" not in client.get("/reports/").content.decode()
    assert client.get("/reports/")["X-Page-Cache"] == "hit"
    later = at + datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get("/reports/")
    assert response["X-Page-Cache"] == "miss"
    assert "定时发布的年报" in response.content.decode()


def test_site_settings_and_links_start_a_new_generation(client, page_cache):
    published_report()
    client.get("/")
    site = SiteSettings.load()
    site.phone = "0416-1234567"
    site.save()
    assert "0416-1234567" in client.get("/").content.decode()
    Link.objects.create(label_zh_hans="市人大", url="https://rd.example.gov.cn/")
    assert "rd.example.gov.cn" in client.get("/").content.decode()


def test_pages_differ_by_language_and_preference(client, page_cache):
    url = published_report().get_absolute_url()
    plain = client.get(url)
    client.cookies["pref_size"] = "large"
    large = client.get(url)
    assert large["X-Page-Cache"] == "miss" and "text-large" in large.content.decode()
    del client.cookies["pref_size"]
    english = client.get("/en" + url)
    assert english["X-Page-Cache"] == "miss"
    assert plain.content != large.content != english.content


def test_not_modified_when_the_reader_has_the_page(client, page_cache):
    url = published_report().get_absolute_url()
    etag = client.get(url)["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_etag_and_304_without_a_cache_too(client):
    url = published_report().get_absolute_url()
    response = client.get(url)
    assert "X-Page-Cache" not in response and response["ETag"].startswith('"')
    assert "no-cache" in response["Cache-Control"] and "Cookie" in response["Vary"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_signed_in_staff_bypass_the_cache(client, page_cache):
    report = published_report()
    make_staff("editor", workflow.EDITOR, report.body)
    assert client.login(username="editor", password=PASSWORD)
    response = client.get(report.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert response.status_code == 200


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_pages_are_served_with_the_cache_down(client, settings, caplog):
    pytest.importorskip("redis")
    from portal.cache import caches_from_url

    settings.CACHES = caches_from_url(f"redis://127.0.0.1:{closed_port()}/0")
    settings.PAGE_CACHE_ALIAS = "default"
    url = published_report().get_absolute_url()
    with caplog.at_level(logging.ERROR, logger="portal.cache"):
        responses = [client.get(url) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert all("X-Page-Cache" not in r for r in responses)
    assert len([r for r in caplog.records if "Cache unavailable" in r.getMessage()]) == 1


def test_cache_settings_from_cache_url():
    from portal.cache import caches_from_url

    assert caches_from_url("")["default"]["BACKEND"].endswith("LocMemCache")
    shared = caches_from_url("redis://cache.internal:6379/0")["default"]
    assert shared["BACKEND"] == "portal.cache.DegradingRedisCache"
    assert shared["LOCATION"] == "redis://cache.internal:6379/0"
    assert shared["OPTIONS"]["socket_connect_timeout"] <= 1  # a dead cache must not hold a request for long


def test_the_middleware_answers_before_the_view_runs(client, page_cache):
    url = published_report().get_absolute_url()
    client.get(url)
    with mock.patch("disclosure.public.views.report_view", side_effect=AssertionError("rendered again")):
        response = client.get(url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    assert response["Content-Language"] == "zh-hans" and "X-Frame-Options" in response


def entries(cache):
    return len(cache._cache)  # the locmem backend's own dict: every key it holds


def test_random_parameters_add_no_entries(client, page_cache):
    url = published_report().get_absolute_url()
    client.get(url)
    client.get("/reports/")
    before = entries(page_cache)
    for n in range(10):
        response = client.get(url, {"utm": secrets.token_hex(8)})
        assert response.status_code == 301 and response["Location"] == url
        assert client.get("/reports/", {"year": 2016, "utm": n}).status_code == 301
        assert client.get("/reports/", {"year": str(3000 + n)}).status_code == 400
        assert client.get("/reports/", {"page": str(2 + n)}).status_code == 400
        assert client.get("/reports/", {"body": secrets.token_hex(4)}).status_code == 400
        assert client.get(url.replace("/2016/", "/" + "0" * (n + 1) + "2016/")).status_code == 301
    assert entries(page_cache) == before


def test_canonical_addresses_are_served_and_cached(client, page_cache):
    published_report()
    assert client.get("/reports/?body=sports-bureau&year=2016")["Location"] == "/reports/?year=2016&body=sports-bureau"
    assert client.get("/reports/?year=2016&year=2017")["Location"] == "/reports/?year=2016"
    assert client.get("/reports/?year=&body=")["Location"] == "/reports/"
    first, second = (client.get("/reports/?year=2016&body=sports-bureau") for _ in range(2))
    assert (first.status_code, first["X-Page-Cache"], second["X-Page-Cache"]) == (200, "miss", "hit")


def test_another_host_port_adds_no_entries(client, page_cache):
    url = published_report().get_absolute_url()
    client.get(url)
    before = entries(page_cache)
    for port in range(8000, 8020):
        response = client.get(url, HTTP_HOST=f"testserver:{port}")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert entries(page_cache) == before
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_made_up_session_cookie_is_served_from_the_cache(client, page_cache):
    url = published_report().get_absolute_url()
    client.get(url)
    for value in ("x", "abcdefghijklmnopqrstuvwxyz012345"):
        client.cookies["sessionid"] = value
        assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_session_of_someone_not_staff_is_served_from_the_cache(client, page_cache):
    from django.contrib.auth import get_user_model

    url = published_report().get_absolute_url()
    client.get(url)
    client.force_login(get_user_model().objects.create_user("reader", password=PASSWORD))
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_real_staff_session_bypasses_the_cache(client, page_cache):
    report = published_report()
    url = report.get_absolute_url()
    client.get(url)
    editor = make_staff("editor", workflow.EDITOR, report.body)
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and "X-Page-Cache" not in response
    editor.is_active = False
    editor.save()
    assert client.get(url)["X-Page-Cache"] == "hit"
