"""Reader preferences in a real browser: 字体 大/中/小 by keyboard and without scripts, and the
无障碍浏览 mode with its colour schemes and 重置."""

import pytest

from .conftest import REPORT, open_page

pytestmark = pytest.mark.browser

BLACK, YELLOW = "rgb(0, 0, 0)", "rgb(255, 255, 0)"


def html_classes(page):
    return page.locator("html").get_attribute("class").split()


def font_size(locator):
    return locator.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")


def pressed(page, scope, value):
    return page.locator(f'{scope} a[data-value="{value}"]').get_attribute("aria-pressed")


def tab_to(page, locator, limit=100):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {locator}")


def colours(page, selector):
    return page.locator(selector).first.evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]"
    )


def test_text_size_by_keyboard_is_applied_and_remembered(page, site):
    open_page(page, site, REPORT)
    text = page.locator(".report-body p").first
    medium = font_size(text)
    sizes = ".report-meta-size"
    assert pressed(page, sizes, "medium") == "true"

    tab_to(page, page.locator(f'{sizes} a[data-value="large"]'))
    page.keyboard.press("Enter")
    assert page.url.endswith(REPORT), "with scripts on, 大 should apply without leaving the page"
    assert "text-large" in html_classes(page) and "text-medium" not in html_classes(page)
    large = font_size(text)
    assert large > medium
    assert (pressed(page, sizes, "large"), pressed(page, sizes, "medium")) == ("true", "false")
    assert {"name": "pref_size", "value": "large"}.items() <= next(
        c for c in page.context.cookies() if c["name"] == "pref_size"
    ).items()

    page.reload()
    assert "text-large" in html_classes(page)
    assert pressed(page, sizes, "large") == "true"
    assert font_size(text) == large

    # Space works as on a real button, and does not scroll the page instead.
    small = page.locator(f'{sizes} a[data-value="small"]')
    tab_to(page, small)
    scrolled = page.evaluate("() => window.scrollY")
    page.keyboard.press(" ")
    assert "text-small" in html_classes(page)
    assert font_size(text) < medium
    assert pressed(page, sizes, "small") == "true" and pressed(page, sizes, "large") == "false"
    assert page.evaluate("() => window.scrollY") == scrolled


def test_text_size_works_without_javascript(make_context, site):
    page = make_context(java_script_enabled=False).new_page()
    open_page(page, site, REPORT)
    medium = font_size(page.locator(".report-body p").first)
    with page.expect_navigation():
        page.locator('.report-meta-size a[data-value="large"]').click()
    assert page.url.endswith(REPORT), "the server should send the reader back to the report"
    assert "text-large" in html_classes(page)
    assert pressed(page, ".report-meta-size", "large") == "true"
    assert font_size(page.locator(".report-body p").first) > medium


def test_accessibility_mode_scheme_persists_and_reset_restores_defaults(page, site):
    open_page(page, site, REPORT)
    standard = colours(page, "body")
    assert page.locator(".a11y-toolbar").count() == 0

    with page.expect_navigation():
        page.locator(".topbar .a11y-switch").click()
    toolbar = page.locator(".a11y-toolbar")
    assert toolbar.is_visible()
    assert page.locator(".topbar .a11y-switch").get_attribute("aria-pressed") == "true"

    toolbar.locator('a[data-value="yellow-on-black"]').click()
    assert "scheme-yellow-on-black" in html_classes(page)
    assert pressed(page, ".a11y-toolbar", "yellow-on-black") == "true"
    assert pressed(page, ".a11y-toolbar", "default") == "false"
    assert colours(page, "body") == [BLACK, YELLOW]
    assert colours(page, ".report-body p") == [BLACK, YELLOW]
    assert colours(page, ".masthead") == [BLACK, YELLOW]

    with page.expect_navigation():
        page.locator(".mainnav a").first.click()
    assert page.locator(".a11y-toolbar").is_visible()
    assert "scheme-yellow-on-black" in html_classes(page)
    assert colours(page, "body") == [BLACK, YELLOW]
    assert colours(page, "main h1") == [BLACK, YELLOW]

    with page.expect_navigation():
        page.locator(".a11y-toolbar .a11y-reset").click()
    assert page.locator(".a11y-toolbar").count() == 0
    assert not [c for c in html_classes(page) if c.startswith("scheme-")]
    assert "text-medium" in html_classes(page)
    assert colours(page, "body") == standard
    assert not [c for c in page.context.cookies() if c["name"].startswith("pref_")]


def test_the_scripts_save_preferences_through_one_helper_that_encodes_the_value(make_context, site):
    page = make_context(a11y="on").new_page()
    open_page(page, site, REPORT)
    # A value with characters that would end the cookie or start another one comes back as it went in.
    probe = "a b;c=d,é"
    page.evaluate("value => window.savePreference('probe', value)", probe)
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies["pref_probe"] == "a%20b%3Bc%3Dd%2C%C3%A9" and "c" not in cookies
    assert page.evaluate("() => decodeURIComponent(document.cookie.match(/pref_probe=([^;]*)/)[1])") == probe

    # Each of the three scripts saves through it, and the server reads back what they saved.
    page.locator('.a11y-toolbar a[data-value="white-on-black"]').click()  # preferences.js
    page.locator('button[data-tool="guide"]').click()  # a11y-tools.js
    page.locator('button[data-rate="slow"]').click()  # speech.js
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert (cookies["pref_scheme"], cookies["pref_guide"], cookies["pref_rate"]) == ("white-on-black", "on", "slow")
    page.reload()
    assert {"scheme-white-on-black", "guide"} <= set(html_classes(page))
    assert page.locator('button[data-rate="slow"]').get_attribute("aria-pressed") == "true"
