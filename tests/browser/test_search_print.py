"""The header search box by keyboard alone (full layout, 320 px, 纯文本) and the report page's 打印 button
with the printout it gives (print media emulated, screenshot kept in test-artifacts/screenshots/)."""

import pytest

from .conftest import REPORT, open_page, use_prefs

pytestmark = pytest.mark.browser
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def tab_to(page, selector, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def search_by_keyboard(page, site, query, prefix=""):
    open_page(page, site, "/", prefix)
    tab_to(page, "#site-search-q")
    page.keyboard.type(query)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page.locator(".result-count[role=status]").inner_text()


VIEWS = [(1280, {}, "search"), (320, {}, "search-320"), (1280, {"a11y": "on", "textonly": "on"}, "search-textonly")]


def test_search_by_keyboard_and_from_the_traditional_site(make_context, site, artifacts):
    """Two checks of search, each on a browser context of its own as when they were two tests (each had the demo
    put back)."""
    search_box_by_keyboard(make_context, site, artifacts)
    traditional_site_finds_a_simplified_query(make_context, site)


def test_print_button_and_printout_with_and_without_scripts(make_context, site, artifacts):
    """Two checks of 打印, each on a browser context of its own as when they were two tests (each had the demo
    put back)."""
    print_button_and_printout(make_context, site, artifacts)
    print_button_is_hidden_without_scripts(make_context, site)


def search_box_by_keyboard(make_context, site, artifacts):
    context = make_context()
    page = context.new_page()
    for width, prefs, name in VIEWS:  # one browser page, resized and its preferences set for each view
        use_prefs(context, site, **prefs)
        page.set_viewport_size({"width": width, "height": 900})
        status = search_by_keyboard(page, site, "政府信息公开 依申请")
        assert status.startswith("找到") and status != "找到0份相关年报", name
        assert page.locator(".search-hit-excerpt mark").first.is_visible(), name
        assert page.evaluate(NO_SIDEWAYS_SCROLL), name
        page.screenshot(path=str(artifacts / "screenshots" / f"{name}.png"), full_page=True)
        # On to the first report by Tab and Enter.
        tab_to(page, ".search-hit-title a")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("article.report h1").is_visible(), name


def traditional_site_finds_a_simplified_query(make_context, site):
    page = make_context().new_page()
    status = search_by_keyboard(page, site, "依申请公开", prefix="/zh-hant")
    assert not status.startswith("找到0")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"


def print_button_and_printout(make_context, site, artifacts):
    page = make_context().new_page()
    open_page(page, site, REPORT)
    button = page.get_by_role("button", name="打印")
    assert button.is_visible()
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.printed === true")

    page.emulate_media(media="print")
    for hidden in (".topbar", ".mainnav", ".search-box", ".print-button", ".breadcrumb", ".contents"):
        assert not page.locator(hidden).first.is_visible(), hidden
    source = page.locator(".print-source")
    assert source.is_visible()
    assert f"{site}{REPORT}" in source.inner_text() and "发布时间：" in source.inner_text()
    page.screenshot(path=str(artifacts / "screenshots" / "report-print.png"), full_page=True)


def print_button_is_hidden_without_scripts(make_context, site):
    page = make_context(java_script_enabled=False).new_page()
    open_page(page, site, REPORT)
    assert page.locator(".print-button").count() == 1
    assert not page.locator(".print-button").is_visible()
    assert not page.locator(".print-source").is_visible()
