"""The whole 无障碍浏览 toolbar by keyboard alone: from the home page to a report, every function by its
shortcut (Alt+Shift+letter, listed on the 说明 page), Tab through the toolbar and out again, and the
settings still there after a reload."""

import re

import pytest

from .conftest import REPORT, open_page

pytestmark = pytest.mark.browser

# The shortcut of the focused control, or of the group it steps through (语速).
ACTIVE_SHORTCUT = """() => {
    const el = document.activeElement, group = el && el.closest('[data-cycle-keys]');
    return group ? group.getAttribute('data-cycle-keys') : el && el.getAttribute('aria-keyshortcuts');
}"""


def classes(page):
    return page.locator("html").get_attribute("class").split()


def press(page, key, navigates=False):
    if navigates:
        with page.expect_navigation():
            page.keyboard.press(f"Alt+Shift+{key}")
        page.wait_for_load_state()
    else:
        page.keyboard.press(f"Alt+Shift+{key}")
        # Focus moves to the control, so that a screen reader says what changed.
        assert page.evaluate(ACTIVE_SHORTCUT) == f"Alt+Shift+{key}"


def test_keyboard_journey_through_every_toolbar_function(make_context, site):
    page = make_context().new_page()
    open_page(page, site, "/")
    press(page, "A", navigates=True)
    assert page.locator(".a11y-toolbar").is_visible()

    # To the report by Tab and Enter only.
    for _ in range(120):
        page.keyboard.press("Tab")
        if re.fullmatch(
            r"/reports/\d{4}/[\w-]+/", page.evaluate("() => document.activeElement.getAttribute('href')") or ""
        ):
            break
    else:
        pytest.fail("Tab never reached a link to the report")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("article.report h1").is_visible()

    press(page, "2")
    assert "scheme-yellow-on-black" in classes(page)
    press(page, "L")
    assert "text-large" in classes(page)
    press(page, "I")
    press(page, "I")
    assert "zoom-150" in classes(page)
    press(page, "O")
    assert "zoom-125" in classes(page)
    assert "当前放大比例 125%" in page.locator(".zoom-status").text_content()
    press(page, "G")
    assert "guide" in classes(page) and page.locator(".reading-guide").is_visible()
    press(page, "U")
    assert "captions" in classes(page) and page.locator(".caption-strip").is_visible()
    press(page, "V")
    assert page.locator('button[data-rate="fast"]').get_attribute("aria-pressed") == "true"
    press(page, "F")
    assert page.locator('button[data-speech="point"]').get_attribute("aria-pressed") == "true"
    press(page, "R")
    # 连读 answers once a voice is found, or not (Chromium here has none).
    page.wait_for_function("() => /正在朗读|语音/.test(document.querySelector('.speech-status').textContent)")
    press(page, "E")
    press(page, "X")
    assert page.locator(".speech-status").text_content() == "朗读已停止。"
    press(page, "P", navigates=True)
    assert "big-cursor" in classes(page)

    # Everything chosen so far survives a reload, and a new visit in the same browser.
    page.reload()
    kept = {"scheme-yellow-on-black", "text-large", "zoom-125", "guide", "captions", "big-cursor"}
    assert kept <= set(classes(page))
    again = page.context.new_page()
    open_page(again, site, "/en/")
    assert kept <= set(classes(again))
    assert again.locator('button[data-rate="fast"]').get_attribute("aria-pressed") == "true"
    again.close()

    press(page, "T", navigates=True)
    assert "textonly" in classes(page)
    press(page, "T", navigates=True)
    assert "textonly" not in classes(page)
    press(page, "H", navigates=True)
    assert page.url.endswith("/accessibility/help/")
    page.go_back()
    press(page, "Z", navigates=True)
    assert page.locator(".a11y-toolbar").count() == 0
    assert classes(page) == ["text-medium"]


def test_shortcuts_leave_text_fields_alone(make_context, site):
    page = make_context(a11y="on").new_page()
    page.goto(site + "/feedback/")
    page.locator("#id_message").focus()
    page.keyboard.press("Alt+Shift+2")
    assert "scheme-default" in classes(page)
    assert page.evaluate("() => document.activeElement.id") == "id_message"


def test_tab_goes_through_the_toolbar_and_out_again(make_context, site):
    """Labelled region with a heading; every control reached by Tab, in order, and no trap."""
    page = make_context(a11y="on").new_page()
    open_page(page, site, REPORT)
    toolbar = page.locator("section.a11y-toolbar")
    assert toolbar.get_attribute("aria-labelledby") == "a11y-toolbar-title"
    assert page.locator("#a11y-toolbar-title").evaluate("el => el.tagName") == "H2"
    controls = toolbar.locator("a:visible, button:visible")
    expected = controls.count()
    assert expected >= 20
    page.locator(".topbar .a11y-switch").focus()
    visited = 0
    for _ in range(expected + 5):
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('.a11y-toolbar')")
        if not inside:
            break
        visited += 1
    assert visited == expected, "every toolbar control should take focus, once each"
    assert page.evaluate("() => !!document.activeElement.closest('.masthead')"), "Tab should leave the toolbar"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.a11y-toolbar')")
