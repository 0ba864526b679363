"""Reflow (WCAG 1.4.10) and resize text (1.4.4): no horizontal scrolling at 320 CSS px, nor with
字体 大 on top of a 200 % browser text size."""

import pytest

from .conftest import PAGES, REPORT, open_page, submit_empty_feedback

pytestmark = pytest.mark.browser

WIDTH_SCRIPT = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# Name what sticks out, so that a failure says where to look.
WIDEST_SCRIPT = """() => [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 8)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
         + (el.classList.length ? '.' + [...el.classList].join('.') : '')
         + ' right=' + Math.round(el.getBoundingClientRect().right))"""


def assert_no_horizontal_scroll(page):
    scroll_width, inner_width = page.evaluate(WIDTH_SCRIPT)
    assert scroll_width <= inner_width, (
        f"{page.url} scrolls sideways at {inner_width}px (scrollWidth {scroll_width}); "
        f"too wide: {page.evaluate(WIDEST_SCRIPT)}"
    )


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_reflows_at_320px(make_context, site, path):
    page = make_context(width=320, height=640).new_page()
    open_page(page, site, path)
    assert_no_horizontal_scroll(page)


def test_feedback_with_errors_reflows_at_320px(make_context, site):
    page = make_context(width=320, height=640).new_page()
    submit_empty_feedback(page, site)
    assert_no_horizontal_scroll(page)


def test_report_with_toolbar_and_large_text_reflows_at_320px(make_context, site):
    page = make_context(width=320, height=640, a11y="on", scheme="yellow-on-black", size="large").new_page()
    open_page(page, site, REPORT)
    assert page.locator(".a11y-toolbar").is_visible()
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("width", [1280, 640])
@pytest.mark.parametrize("path", [REPORT, "/reports/", "/feedback/"])
def test_large_text_at_200_percent_text_zoom_does_not_scroll_sideways(make_context, site, path, width):
    """A browser's text-only zoom of 200 % doubles the root font size under the site's 字体 大;
    640 px is what a 1280 px window leaves at 200 % page zoom."""
    page = make_context(width=width, height=800, size="large").new_page()
    open_page(page, site, path)
    assert "text-large" in page.locator("html").get_attribute("class").split()
    large = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.add_style_tag(content=f"html {{ font-size: {2 * large}px !important; }}")
    body_size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert body_size >= 2 * large - 0.5
    assert_no_horizontal_scroll(page)


# The WCAG 1.4.12 text-spacing bookmarklet's values, forced over the site's own.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""
# Text cut off: a box that hides overflow and has more content than room.
CLIPPED_SCRIPT = """() => [...document.querySelectorAll('body *')].filter(el => {
    const style = getComputedStyle(el);
    if (el.closest('.visually-hidden, .honeypot') || style.display === 'none') return false;
    const hides = v => v !== 'visible';
    return (hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
        || (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
}).map(el => el.outerHTML.slice(0, 100))"""


@pytest.mark.parametrize("path", [REPORT, "/", "/reports/"])
def test_text_spacing_overrides_lose_nothing_at_320px(make_context, site, path):
    page = make_context(width=320, height=640).new_page()
    open_page(page, site, path)
    page.add_style_tag(content=TEXT_SPACING)
    assert_no_horizontal_scroll(page)
    assert page.evaluate(CLIPPED_SCRIPT) == []
