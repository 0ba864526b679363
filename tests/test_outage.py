"""The database unreachable: a styled 503 in the reader's language, then recovery without a restart."""

import os
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from tests import dom
from tests.factories import make_report, make_staff, publish

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def database_down():
    """Every query fails as it does when the server is gone (the driver's OperationalError)."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("could not connect to server: Connection refused")

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def published():
    report = make_report(year=2016)
    publish(report)
    return report


def test_the_public_gets_a_styled_503_with_retry_after_and_the_site_recovers(client, published, settings):
    settings.OUTAGE_RETRY_AFTER = 90
    assert client.get("/reports/2016/sports-bureau/").status_code == 200
    with database_down():
        response = client.get("/reports/2016/sports-bureau/")
    assert response.status_code == 503
    assert response["Retry-After"] == "90"
    assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" in response.headers
    page = dom.parse(response)
    assert page.find("html").get("lang") == "zh-Hans"
    assert page.find("h1").text == "系统维护中，暂时无法访问"
    assert page.find("link", rel="stylesheet").get("href") == "/static/css/site.css"
    html = response.content.decode()
    assert "Traceback" not in html and "OperationalError" not in html and "Connection refused" not in html
    # The database is back: the very next request is served, nobody restarted anything.
    assert client.get("/reports/2016/sports-bureau/").status_code == 200


@pytest.mark.parametrize(
    ("prefix", "lang", "title", "skip"),
    [
        ("/zh-hant", "zh-Hant", "系統維護中，暫時無法訪問", "跳到正文"),
        ("/en", "en", "The site is temporarily unavailable", "Skip to main content"),
    ],
)
def test_the_503_page_speaks_the_language_of_the_address(client, published, prefix, lang, title, skip):
    with database_down():
        response = client.get(prefix + "/reports/")
    assert response.status_code == 503
    page = dom.parse(response)
    assert page.find("html").get("lang") == lang
    assert page.find("h1").text == title
    assert page.find("a", class_="site-name").get("href") == prefix + "/"
    assert [a.get("href") for a in page.find("main").find_all("a")] == [prefix + "/"]
    assert page.find("meta", name="robots").get("content") == "noindex"
    assert page.find("a", class_="skip-link").text == skip


def test_a_query_failing_outside_a_view_is_a_503_too(client, published):
    # A signed-in member of staff: the idle-timeout middleware loads the session before any view runs.
    staff = make_staff("editor")
    client.force_login(staff)
    client.raise_request_exception = False
    with database_down():
        response = client.get("/")
    assert response.status_code == 503 and response["Retry-After"]
    assert client.get("/").status_code == 200


def test_other_database_faults_stay_500s(client, settings):
    settings.ROOT_URLCONF = "tests.urls_broken"
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500 and "Retry-After" not in response


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db(False)
def test_a_real_postgresql_address_with_nothing_listening_gives_the_503():
    """The whole stack, started as production would be, against a port where no server listens."""
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client(raise_request_exception=False).get('/en/reports/'); "
        "print(r.status_code, r['Retry-After'], 'temporarily unavailable' in r.content.decode())"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings_test",
        DATABASE_URL=f"postgres://portal:portal@127.0.0.1:{free_port()}/portal",
        DB_CONN_MAX_AGE="0",
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["503", "120", "True"], result.stderr[-2000:]


def test_with_the_shared_page_cache_pages_already_cached_are_still_served(client, published, settings):
    from django.core.cache import caches

    from disclosure.models import SiteSettings

    settings.PAGE_CACHE_ALIAS = "default"
    SiteSettings.load()
    caches["default"].clear()
    try:
        assert client.get("/reports/2016/sports-bureau/").status_code == 200  # now cached
        with database_down():
            cached = client.get("/reports/2016/sports-bureau/")
            uncached = client.get("/en/reports/2016/sports-bureau/")
        assert cached.status_code == 200 and cached["X-Page-Cache"] == "hit"
        assert uncached.status_code == 503
    finally:
        caches["default"].clear()
