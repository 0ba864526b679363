"""axe-core finds no WCAG 2.1 A/AA or best-practice violations on any kind of public page, in any
language, nor in the high-contrast schemes of 无障碍浏览."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import (
    PAGES,
    PREFIXES,
    REPORT,
    SCHEMES,
    TABLES_REPORT,
    assert_none_found,
    open_page,
    submit_empty_application,
    submit_empty_feedback,
)

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


def violations_on(page):
    """axe's findings on the page as it stands, described for a failure message ('' when there are none)."""
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return f"axe found violations on {page.url}:\n{describe(violations)}" if violations else ""


def assert_no_violations(page):
    found = violations_on(page)
    assert not found, found


def assert_none_in_any_language(page, visit, prefixes=PREFIXES):
    """Visit the page in each language in turn and report every language's violations together."""
    assert_none_found([lambda prefix=prefix: visit(prefix) for prefix in prefixes], lambda: violations_on(page))


# Every kind of page in Simplified Chinese, and these again in Traditional Chinese and English.
EVERY_LANGUAGE = {
    "home",
    "column-filtered",
    "report",
    "report-tables",
    "site-map",
    "about",
    "not-found",
    "statement",
    "help",
    "applications-apply",
    "overview",
}
# The report's Traditional and English pages are covered by "report" in every language.
KINDS = [name for name in PAGES if name not in ("report-zh-hant", "report-en")]


def test_every_kind_of_page_has_no_axe_violations(page, site):
    """One browser page visits every kind in turn (a test per kind cost a renderer and the demo put back each
    time, about as much as its axe run); the violations of every page are reported together."""
    visits = [
        lambda name=name, prefix=prefix: open_page(page, site, PAGES[name], prefix)
        for name in KINDS
        for prefix in (PREFIXES if name in EVERY_LANGUAGE else PREFIXES[:1])
    ]
    assert len(visits) == len(KINDS) + 2 * len(EVERY_LANGUAGE)
    assert_none_found(visits, lambda: violations_on(page))


# A province's cluster (hierarchy.py): the demo with its limits lowered shows the pages a province's readers get.
PROVINCE_PAGES = [
    "/",
    "/reports/",
    "/reports/?area=municipal-government",
    "/sitemap/",
    "/sitemap/2024/",
    "/sitemap/2024/municipal-government/",
    "/reports/deadlines/2024/",
    "/reports/deadlines/2024/?area=municipal-government&late=1",
]


def test_a_province_s_lists_have_no_axe_violations(page, site, settings):
    settings.COLUMN_BODY_CHOICES_LIMIT, settings.SITE_MAP_REPORTS_PER_PAGE = 2, 3
    open_page(page, site, "/reports/")
    assert page.locator("select#id_area").count() == 1  # the live server reads the lowered limits
    visits = [
        lambda path=path, prefix=prefix: open_page(page, site, path, prefix)
        for path in PROVINCE_PAGES
        for prefix in ("", "/en")
    ]
    assert_none_found(visits, lambda: violations_on(page))


def test_feedback_with_errors_has_no_axe_violations(page, site):
    def visit(prefix):
        submit_empty_feedback(page, site, prefix)
        assert page.locator(".field-error").count() >= 3

    assert_none_in_any_language(page, visit)


def test_online_application_with_errors_has_no_axe_violations(page, site):
    def visit(prefix):
        submit_empty_application(page, site, prefix)
        assert page.locator(".field-error").count() >= 5

    assert_none_in_any_language(page, visit, PREFIXES[::2])


# With the toolbar open: the report (the toolbar over real content), the report with tables and chart, and
# the help page (its table and lists), in every scheme in Simplified, and in the default scheme in the other
# languages too: a scheme's colours are the same whatever the language, while the toolbar's labels and the
# page's lang attributes are not (each language's pages are also checked without the toolbar above). The
# chrome is the same on every other page.
IN_EVERY_LANGUAGE = ("default",)


def in_each_scheme(make_context, site, paths, schemes, **prefs):
    """Visits of `paths` in each of `schemes` (in every language for the default scheme, in Simplified for the
    others), on one browser page whose scheme cookie is set as the reader's toolbar sets it, with `prefs` and
    无障碍浏览 on: (the page, visit(scheme, path, prefix), the visits, axe's finding naming the page's classes)."""
    context = make_context(a11y="on", **prefs)
    page = context.new_page()

    def visit(scheme, path, prefix):
        context.add_cookies([{"name": "pref_scheme", "value": scheme, "url": site}])
        open_page(page, site, path, prefix)
        classes = page.locator("html").get_attribute("class").split()
        assert f"scheme-{scheme}" in classes
        return classes

    visits = [
        (scheme, path, prefix)
        for scheme in schemes
        for path in paths
        for prefix in (PREFIXES if scheme in IN_EVERY_LANGUAGE else PREFIXES[:1])
    ]

    def finding():
        found = violations_on(page)
        return found and f"[html class: {page.locator('html').get_attribute('class')}] {found}"

    return page, visit, visits, finding


def test_accessibility_mode_has_no_axe_violations(make_context, site):
    paths = [REPORT, TABLES_REPORT, PAGES["help"]]
    page, visit, visits, finding = in_each_scheme(make_context, site, paths, ("default",) + SCHEMES)
    assert len(visits) == len(paths) * (3 + len(SCHEMES))

    def visit_with_the_toolbar(*where):
        visit(*where)
        assert page.locator(".a11y-speech").is_visible(), "the script-only controls should be checked too"

    assert_none_found([lambda where=where: visit_with_the_toolbar(*where) for where in visits], finding)


def test_text_only_view_has_no_axe_violations(make_context, site):
    paths = [REPORT, TABLES_REPORT]
    prefs = {"textonly": "on", "captions": "on", "guide": "on"}
    page, visit, visits, finding = in_each_scheme(make_context, site, paths, ("default", "yellow-on-black"), **prefs)
    assert len(visits) == len(paths) * (3 + 1)

    def visit_text_only(*where):
        assert "textonly" in visit(*where)

    assert_none_found([lambda where=where: visit_text_only(*where) for where in visits], finding)


def test_feedback_errors_are_tied_to_their_fields(page, site):
    """axe cannot tell whether an error message belongs to its field: each invalid field must be
    marked invalid and have its own error (and help text) as its accessible description."""
    submit_empty_feedback(page, site)
    fields = page.locator(".feedback-form .has-error :is(input, textarea, select)")
    assert fields.count() >= 3
    for index in range(fields.count()):
        field = fields.nth(index)
        assert field.get_attribute("aria-invalid") == "true"
        ids = (field.get_attribute("aria-describedby") or "").split()
        assert ids, f"{field.get_attribute('name')} has no aria-describedby"
        for id_ in ids:
            assert page.locator(f"#{id_}").count() == 1, f"aria-describedby points at a missing #{id_}"
        error = field.locator("xpath=..").locator(".field-error").text_content()
        description = field.evaluate(
            "el => el.getAttribute('aria-describedby').split(' ')"
            ".map(id => document.getElementById(id).textContent).join(' ')"
        )
        assert error.strip() in description


def test_the_supervising_offices_dashboard_has_no_axe_violations(page, site):
    """报告单位年报监督 (admin, Simplified only like the whole admin), with the demo's signals and findings."""
    from django.contrib.auth import get_user_model

    from tests.factories import PASSWORD

    get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto(site + "/admin/oversight/")
    assert page.locator(".oversight-table tbody tr").count() == 8  # four units, 2023 and 2024
    violations = Axe().run(page, context="#content-main", options=AXE_OPTIONS).response["violations"]
    assert not violations, describe(violations)
