"""Reflow (WCAG 1.4.10) and resize text (1.4.4): no horizontal scrolling at 320 CSS px, nor with
字体 大 on top of a 200 % browser text size."""

import pytest

from .conftest import (
    PAGES,
    PREFIXES,
    REPORT,
    TABLES_REPORT,
    assert_none_found,
    open_page,
    submit_empty_feedback,
)

pytestmark = pytest.mark.browser

WIDTH_SCRIPT = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# Name what sticks out, so that a failure says where to look.
WIDEST_SCRIPT = """() => [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 8)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
         + (el.classList.length ? '.' + [...el.classList].join('.') : '')
         + ' right=' + Math.round(el.getBoundingClientRect().right))"""


def horizontal_scroll(page):
    """What makes the page scroll sideways, for a failure message ('' when nothing does)."""
    scroll_width, inner_width = page.evaluate(WIDTH_SCRIPT)
    if scroll_width <= inner_width:
        return ""
    return (
        f"{page.url} scrolls sideways at {inner_width}px (scrollWidth {scroll_width}); "
        f"too wide: {page.evaluate(WIDEST_SCRIPT)}"
    )


def assert_no_horizontal_scroll(page):
    found = horizontal_scroll(page)
    assert not found, found


def assert_each_reflows(page, visits):
    """Each visit in turn; every page that scrolls sideways is reported together."""
    assert_none_found(visits, lambda: horizontal_scroll(page))


def test_every_kind_of_page_reflows_at_320px(make_context, site):
    page = make_context(width=320, height=640).new_page()
    visits = [lambda path=path: open_page(page, site, path) for path in PAGES.values()]
    assert_each_reflows(page, visits + [lambda: submit_empty_feedback(page, site)])


# A body whose name is 40 characters long in each language: the column's 发布机构 <select> is as wide as
# its longest option unless the layout holds it to the column.
LONG_BODY = {
    "slug": "sasac-logistics-beijing-liaison-office",
    "name": "锦州市人民政府国有资产监督管理委员会机关后勤服务中心综合事务管理办公室驻京联络处",
    "name_en": "Jinzhou SASAC Logistics Office (Beijing)",
}


@pytest.fixture
def long_named_body(site):
    """LONG_BODY with a published report, so that it is among the column's filter choices."""
    from tests.factories import make_body, make_report, publish

    body = make_body(LONG_BODY["slug"], LONG_BODY["name"], name_en=LONG_BODY["name_en"])
    publish(make_report(body, year=2016))
    body.refresh_from_db()
    assert [len(body.name_zh_hans), len(body.name_zh_hant), len(body.name_en)] == [40, 40, 40]
    return body


def test_column_filters_with_a_long_body_name_reflow_at_320px(make_context, site, long_named_body):
    """The column with its filters in each language, unfiltered and filtered to the long-named body, at
    320 px: as it comes, at 200 % (the toolbar's 放大, the toolbar shown) with the site's other forms, and
    in 纯文本 at 200 %."""
    context = make_context(width=320, height=640)
    page = context.new_page()
    names = {"": long_named_body.name_zh_hans, "/zh-hant": long_named_body.name_zh_hant, "/en": long_named_body.name_en}
    columns = [
        (path, prefix) for prefix in PREFIXES for path in ("/reports/", f"/reports/?body={long_named_body.slug}")
    ]
    forms = [(path, prefix) for prefix in PREFIXES for path in ("/feedback/", PAGES["search"], PAGES["deadlines"])]
    zoomed = {"a11y": "on", "zoom": "200", "textonly": "off"}
    passes = [({}, columns), (zoomed, columns + forms), ({**zoomed, "textonly": "on"}, columns)]

    def visit(prefs, path, prefix):
        context.add_cookies([{"name": f"pref_{name}", "value": value, "url": site} for name, value in prefs.items()])
        open_page(page, site, path, prefix)
        classes = page.locator("html").get_attribute("class").split()
        assert ("zoom-200" in classes) == bool(prefs) and ("textonly" in classes) == (prefs.get("textonly") == "on")
        if path.startswith("/reports/?"):
            assert page.locator("#id_body option:checked").inner_text() == names[prefix]

    visits = [lambda v=(prefs, *url): visit(*v) for prefs, urls in passes for url in urls]
    assert_each_reflows(page, visits)


def test_report_with_toolbar_and_large_text_reflows_at_320px(make_context, site):
    page = make_context(width=320, height=640, a11y="on", scheme="yellow-on-black", size="large").new_page()
    open_page(page, site, REPORT)
    assert page.locator(".a11y-toolbar").is_visible()
    assert_no_horizontal_scroll(page)


def test_large_text_at_200_percent_text_zoom_does_not_scroll_sideways(make_context, site):
    """A browser's text-only zoom of 200 % doubles the root font size under the site's 字体 大;
    640 px is what a 1280 px window leaves at 200 % page zoom. One browser page, resized, for both widths."""
    page = make_context(width=1280, height=800, size="large", user_styles=True).new_page()

    def visit(width, path):
        page.set_viewport_size({"width": width, "height": 800})
        open_page(page, site, path)
        assert "text-large" in page.locator("html").get_attribute("class").split()
        large = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
        page.add_style_tag(content=f"html {{ font-size: {2 * large}px !important; }}")
        body_size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
        assert body_size >= 2 * large - 0.5

    paths = [REPORT, TABLES_REPORT, "/reports/", "/feedback/"]
    assert_each_reflows(page, [lambda w=width, p=path: visit(w, p) for width in (1280, 640) for path in paths])


# The WCAG 1.4.12 text-spacing bookmarklet's values, forced over the site's own.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""
# Text cut off: a box that hides overflow and has more content than room.
CLIPPED_SCRIPT = """() => [...document.querySelectorAll('body *')].filter(el => {
    const style = getComputedStyle(el);
    if (el.closest('.visually-hidden, .honeypot') || style.display === 'none') return false;
    // A focusable scrolling region (a wide table) loses nothing: its content scrolls into view.
    if (el.matches('[role=region][tabindex="0"]') && style.overflowY !== 'hidden') return false;
    const hides = v => v !== 'visible';
    return (hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
        || (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
}).map(el => el.outerHTML.slice(0, 100))"""


def test_text_spacing_overrides_lose_nothing_at_320px(make_context, site):
    page = make_context(width=320, height=640, user_styles=True).new_page()
    clipped = {}

    def visit(path):
        open_page(page, site, path)
        page.add_style_tag(content=TEXT_SPACING)
        clipped[path] = page.evaluate(CLIPPED_SCRIPT)

    paths = [REPORT, TABLES_REPORT, "/", "/reports/"]
    assert_each_reflows(page, [lambda path=path: visit(path) for path in paths])
    assert clipped == {path: [] for path in paths}


# Each statistical table keeps the official form's columns: at 320 px it scrolls inside its own region.
REGIONS_SCRIPT = """() => [...document.querySelectorAll('.stat-table-region')].map(region => ({
    key: region.querySelector('table').id,
    inside: region.getBoundingClientRect().right <= window.innerWidth + 0.5,
    scrolls: region.scrollWidth > region.clientWidth,
}))"""


def test_statistical_tables_scroll_in_their_own_region_at_320px(make_context, site):
    page = make_context(width=320, height=640).new_page()
    for prefix in PREFIXES:  # one browser page for the three languages
        open_page(page, site, TABLES_REPORT, prefix)
        assert_no_horizontal_scroll(page)
        regions = {region["key"]: region for region in page.evaluate(REGIONS_SCRIPT)}
        assert sorted(regions) == ["table-active", "table-appeals", "table-requests"], prefix
        assert all(region["inside"] for region in regions.values()), (prefix, regions)
        # Tables 3 and 4 are wider than a phone: their regions scroll, the page does not.
        assert regions["table-requests"]["scrolls"] and regions["table-appeals"]["scrolls"], (prefix, regions)


def test_table_2_row_labels_stay_in_view_while_its_figures_scroll(make_context, site):
    page = make_context(width=320, height=640, size="large").new_page()
    open_page(page, site, TABLES_REPORT)
    region = page.locator(".stat-table-region").filter(has=page.locator("#table-active"))
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "at 320 px with large text table 2 should scroll"
    label = page.locator("#t-active-licensing")
    before = label.bounding_box()["x"]
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    assert region.evaluate("el => el.scrollLeft") > 0
    assert abs(label.bounding_box()["x"] - before) < 1, "the row label scrolled away with the figures"
    # The figures did move under it.
    assert page.locator("#table-active td").first.bounding_box()["x"] < before + 200


def test_statistical_table_region_scrolls_from_the_keyboard(make_context, site):
    page = make_context(width=320, height=640).new_page()
    open_page(page, site, TABLES_REPORT)
    region = page.locator(".stat-table-region").filter(has=page.locator("#table-requests"))
    region.focus()
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "region"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())


def test_table_3_label_block_stays_in_view_where_there_is_room(make_context, site):
    """At 640 px with 字体 大 table 3 scrolls; its three label columns stay put, side by side, unmoved; in
    Simplified and in English, on one browser page."""
    page = make_context(width=640, height=800, size="large").new_page()
    for prefix in ("", "/en"):
        open_page(page, site, TABLES_REPORT, prefix)
        region = page.locator(".stat-table-region").filter(has=page.locator("#table-requests"))
        assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "table 3 should scroll at 640 px, large text"
        labels = [
            "#t-requests-new_received",
            "#t-requests-results",
            "#t-requests-sg1",
            "#t-requests-denied_state_secret",
        ]
        before = {name: page.locator(name).bounding_box() for name in labels}
        region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        assert region.evaluate("el => el.scrollLeft") > 0
        after = {name: page.locator(name).bounding_box() for name in labels}
        for name in labels:
            assert abs(after[name]["x"] - before[name]["x"]) < 1, f"{name} scrolled away with the figures"
        group, subgroup, item = (after[name] for name in labels[1:])
        # Side by side, not stacked over one another: each starts where the one to its left ends.
        assert abs(group["x"] + group["width"] - subgroup["x"]) < 1.5
        assert abs(subgroup["x"] + subgroup["width"] - item["x"]) < 1.5
        # The whole-width row labels (一、二、四) cover exactly the same block.
        first = after["#t-requests-new_received"]
        assert abs(first["x"] + first["width"] - (item["x"] + item["width"])) < 1.5
