"""Keyboard focus (WCAG 2.4.1, 2.4.7): the first Tab reaches the skip link, which moves focus to the
main content; every element Tab reaches shows a focus indicator it does not have otherwise."""

import pytest

from .conftest import REPORT, open_page, use_prefs

pytestmark = pytest.mark.browser

# Marks the focused element with its position in the tab order; null once focus leaves the page
# or comes back round to an element already seen.
FOCUSED = """index => {
    const el = document.activeElement;
    if (!el || el === document.body || el.hasAttribute('data-tab-stop')) return null;
    el.setAttribute('data-tab-stop', index);
    return el.outerHTML.slice(0, 120);
}"""
# What a sighted keyboard user can see of focus: the outline, if it is drawn at all, and any box shadow.
INDICATOR = """el => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
        ? `outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor} offset ${style.outlineOffset}`
        : 'no outline';
    return `${outline}; box-shadow ${style.boxShadow}`;
}"""
NOTHING = "no outline; box-shadow none"


def tab_stops(page, limit=250):
    """Tab through the whole page; for each stop, its markup and its style while focused."""
    stops = []
    for index in range(limit):
        page.keyboard.press("Tab")
        markup = page.evaluate(FOCUSED, index)
        if markup is None:
            return stops
        stops.append((index, markup, page.evaluate(f"() => ({INDICATOR})(document.activeElement)")))
    pytest.fail(f"Tab never left the page after {limit} presses")


VIEWS = {
    "standard": {},
    "a11y-mode": {"a11y": "on", "scheme": "yellow-on-black"},
    "text-only": {"a11y": "on", "textonly": "on"},
}


def test_every_tab_stop_on_the_report_shows_focus(make_context, site):
    context = make_context()
    page = context.new_page()
    for view, prefs in VIEWS.items():  # one browser page, its preferences set for each view
        use_prefs(context, site, **prefs)
        open_page(page, site, REPORT)
        stops = tab_stops(page)
        assert len(stops) > 20, (
            f"{view}: the report page should have its navigation, 字体 buttons and contents in the tab order"
        )
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        unmarked = []
        for index, markup, focused in stops:
            unfocused = page.locator(f'[data-tab-stop="{index}"]').evaluate(INDICATOR)
            if focused in (unfocused, NOTHING):
                unmarked.append(f"{markup}\n    focused:   {focused}\n    unfocused: {unfocused}")
        assert not unmarked, f"{view}: no visible focus indicator on:\n" + "\n".join(unmarked)


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page, site):
    open_page(page, site, REPORT)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement"), "the first Tab should land on the skip link"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["x"] >= 0 and box["height"] > 0, f"the focused skip link is off screen: {box}"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null"), "Tab after the skip link left main"
