"""The Content-Security-Policy in a real browser: no page, public or admin, breaks a rule of it.

Chromium reports every blocked inline script, inline style or style attribute (ours, Django's admin's, or
one added by a script) in the console and as a securitypolicyviolation event; both are collected.
"""

import pytest
from django.contrib.auth import get_user_model

from disclosure.models import Report
from tests.browser.conftest import PAGES, PREFIXES, submit_empty_feedback

pytestmark = pytest.mark.browser
PASSWORD = "a-long-browser-test-password"
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""


@pytest.fixture
def watched(make_context):
    """A page whose CSP reports are collected; returns (page, reports)."""
    context = make_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    reports = []
    page.on("console", lambda m: "Content Security Policy" in m.text and reports.append(m.text))
    page.on("pageerror", lambda e: reports.append(f"script error: {e}"))
    return page, reports


def violations(page, reports, url):
    page.wait_for_load_state("load")
    found = reports + page.evaluate("window.__violations || []")
    reports.clear()
    return [f"{url}: {item}" for item in found]


def test_public_pages_break_no_rule_of_the_policy(site, watched):
    page, reports = watched
    found = []
    for prefix in PREFIXES:
        for path in PAGES.values():
            page.goto(site + prefix + path)
            found += violations(page, reports, prefix + path)
    # The accessibility toolbar and its scripts, and a form with errors.
    page.goto(site + "/preferences/?a11y=on&next=" + PAGES["report"])
    page.goto(site + PAGES["report"])
    page.mouse.move(200, 300)  # the reading guide and captions follow the pointer through element.style
    found += violations(page, reports, "a11y " + PAGES["report"])
    submit_empty_feedback(page, site)
    found += violations(page, reports, "/feedback/ (errors)")
    assert found == []


def test_admin_pages_break_no_rule_of_the_policy(site, watched):
    page, reports = watched
    get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)
    report = Report.objects.order_by("pk").first()
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")
    found = violations(page, reports, "/admin/login/ → /admin/")
    paths = [
        "/admin/disclosure/report/",
        "/admin/disclosure/report/?status=draft",
        f"/admin/disclosure/report/{report.pk}/change/",
        "/admin/disclosure/report/add/",
        f"/admin/disclosure/report/{report.pk}/english/",
        f"/admin/disclosure/report/{report.pk}/history/",
        f"/admin/disclosure/report/{report.pk}/transition/return/",
        "/admin/deadlines/",
        "/admin/disclosure/glossaryentry/",
        "/admin/disclosure/glossaryentry/add/",
        "/admin/disclosure/page/add/",
        "/admin/disclosure/body/",
        "/admin/disclosure/feedback/",
        "/admin/disclosure/accessevent/",
        "/admin/admin/logentry/",
        "/admin/auth/user/",
        "/admin/auth/user/1/change/",
        "/admin/password_change/",
    ]
    for path in paths:
        response = page.goto(site + path)
        assert response.status in (200, 302), f"{path} answered {response.status}"
        found += violations(page, reports, path)
    # The inline widgets that scripts build: add a section row, open the calendar.
    page.goto(site + f"/admin/disclosure/report/{report.pk}/change/")
    page.locator(".add-row a").first.click()
    calendar = page.locator(".datetimeshortcuts a[id^=calendarlink]").first
    if calendar.count():
        calendar.click()
    found += violations(page, reports, "change form widgets")
    assert found == []
