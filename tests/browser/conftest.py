"""Fixtures for the browser tests: one headless Chromium per session, a fresh context per test,
the demo data served by pytest-django's live server.

Playwright's sync API runs an asyncio event loop in this thread, and Django refuses database work
from a thread with a running loop unless told that it is safe; here it is (the loop only drives the
browser), so the switch is set before Django is touched.
"""

import io
import os
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPORT = "/reports/2016/sports-bureau/"
# A standard-format report (2021) with its three statistical tables and a previous year to compare with.
TABLES_REPORT = "/reports/2024/sports-bureau/"
SCHEMES = ("yellow-on-black", "white-on-black", "black-on-white")
# One of each kind of public page, and the report in the other two languages.
PAGES = {
    "home": "/",
    "column": "/reports/",
    "column-filtered": "/reports/?year=2016&body=sports-bureau",
    "report": REPORT,
    "report-tables": TABLES_REPORT,
    "site-map": "/sitemap/",
    "search": "/search/?q=政府信息公开 依申请",
    "deadlines": "/reports/deadlines/2018/",
    # 公开情况: the demo's 锦州市人民政府 with its units, one late and one missing, and the summed figures' chart.
    "overview": "/reports/overview/2024/",
    "about": "/pages/about/",
    "not-found": "/reports/1999/no-such-body/",
    "statement": "/accessibility/",
    "help": "/accessibility/help/",
    "applications-guide": "/applications/",
    "applications-apply": "/applications/apply/",
    "applications-status": "/applications/status/",
    "applications-statistics": "/applications/statistics/",
    "report-zh-hant": f"/zh-hant{REPORT}",
    "report-en": f"/en{REPORT}",
}


# The language prefixes of i18n_patterns: Simplified (none), Traditional, English.
PREFIXES = ("", "/zh-hant", "/en")


def open_page(page, site, path, prefix=""):
    """Load a page of the list above (in the language of `prefix`) and check it answered as expected."""
    response = page.goto(site + prefix + path)
    assert response.status == (404 if path == PAGES["not-found"] else 200), f"{path} answered {response.status}"
    return response


def assert_none_found(visits, finding):
    """Each visit in turn, then `finding()` of what it shows ('' for nothing wrong); every finding is
    reported together. One browser page visits them all: a page of its own each would cost a renderer
    process each."""
    found = []
    for visit in visits:
        visit()
        found.append(finding())
    found = "\n".join(filter(None, found))
    assert not found, found


def submit_empty_application(page, site, prefix=""):
    """The online application sent empty: the page comes back with its error summary and field errors."""
    page.goto(site + prefix + PAGES["applications-apply"])
    with page.expect_navigation(wait_until="load"):
        page.locator(".application-form button[type=submit]").click()
    page.wait_for_selector(".error-summary")


def submit_empty_feedback(page, site, prefix=""):
    """The feedback form sent empty: the page comes back with its error summary and field errors."""
    page.goto(site + prefix + "/feedback/")
    # Wait for the answer's load event, not just its summary element: the element is parsed before the
    # deferred scripts run, and forms.js moves focus only then (waiting for the element alone was flaky).
    with page.expect_navigation(wait_until="load"):
        page.locator(".feedback-form button[type=submit]").click()
    page.wait_for_selector(".error-summary")


def use_prefs(context, site, **prefs):
    """The reader's preferences of `context` become `prefs` alone (cookies, as make_context sets them): one
    browser page can then visit a page in several views, where a page of its own each cost a renderer."""
    context.clear_cookies()
    if prefs:
        context.add_cookies([{"name": f"pref_{name}", "value": value, "url": site} for name, value in prefs.items()])


def signed_in(make_context, site, user):
    """A browser of its own, signed in as `user` through a session made on the server (the sign-in page is
    tested elsewhere; here it would cost seconds)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = make_context()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site}])
    return context.new_page()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"The browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artifacts():
    folder = Path(os.environ.get("ARTIFACTS") or Path(__file__).resolve().parents[2] / "test-artifacts")
    (folder / "screenshots").mkdir(parents=True, exist_ok=True)
    return folder


class DemoSnapshot:
    """The demo data, loaded by `load_demo` once per test process and put back row for row afterwards.

    Every browser test starts from an emptied database (transactional_db flushes after each test), and
    load_demo's imports, Traditional conversion and publishing cost seconds each time, the same seconds a
    hundred times over. The rows it adds are kept and bulk-inserted again instead (no save(), no signals: the
    rows already hold everything those derived), sequences moved past them. A table may already hold rows
    the migrations' data gives every test (the roles, the 依申请公开 guide page: tests/conftest.py `_roles`):
    those are left alone. If a table load_demo added to holds anything else when a test starts, load_demo runs.
    """

    def __init__(self):
        self.rows = None
        self.base = {}

    def load(self):
        from django.core.management import call_command

        if self.rows is None:
            self.rows = self.first_load()
        elif any(model._base_manager.count() != count for model, count in self.base.items()):
            call_command("load_demo", stdout=io.StringIO())
        else:
            self.restore()

    def first_load(self):
        """Run load_demo; the rows it added, by model."""
        from django.apps import apps
        from django.core.management import call_command

        models = [model for model in apps.get_models(include_auto_created=True) if model._meta.managed]
        before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in models}
        call_command("load_demo", stdout=io.StringIO())
        added = {
            model: [row for row in model._base_manager.order_by("pk") if row.pk not in before[model]]
            for model in models
        }
        self.base = {model: len(before[model]) for model, rows in added.items() if rows}
        return {model: rows for model, rows in added.items() if rows}

    def restore(self):
        from django.core.management.color import no_style
        from django.db import connection, transaction

        with transaction.atomic():
            for model, rows in self.rows.items():
                if connection.vendor == "postgresql":
                    _copy(connection, model, rows)
                else:
                    model._base_manager.bulk_create(rows)
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), list(self.rows)):
                    cursor.execute(statement)


def _copy(connection, model, rows):
    """bulk_create(rows) through PostgreSQL's COPY, with the values bulk_create would write (pre_save, then
    get_db_prep_save). bulk_create sends them as arrays for UNNEST, which psycopg quotes in Python a character at a
    time: the demo's revisions and search entries (JSON, full texts) took 0.5 s of every browser test's start."""
    fields = [field for field in model._meta.concrete_fields if not field.generated]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([field.get_db_prep_save(field.pre_save(row, True), connection) for field in fields])


DEMO = DemoSnapshot()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the demo reports published; returns its base URL."""
    DEMO.load()
    return live_server.url


@pytest.fixture
def make_context(browser, site):
    """Build a browser context for this test (viewport, cookies, scripts on or off); closed afterwards.

    user_styles=True lets a test add a stylesheet of its own, as a reader's user stylesheet or a
    text-spacing bookmarklet would: the site's Content-Security-Policy refuses injected <style> otherwise,
    while a browser applies a reader's own styles whatever the page's policy."""
    contexts = []

    def make(width=1280, height=900, java_script_enabled=True, user_styles=False, **prefs):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=java_script_enabled,
            locale="zh-CN",
            bypass_csp=user_styles,
        )
        context.set_default_timeout(10_000)
        if prefs:
            cookies = [{"name": f"pref_{name}", "value": value, "url": site} for name, value in prefs.items()]
            context.add_cookies(cookies)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_context):
    return make_context().new_page()
