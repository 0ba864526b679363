"""The 统计表 page in a browser: moving like a spreadsheet, pasting a block from Excel, live sums, totals."""

import pytest

from tests.factories import PASSWORD

from .conftest import signed_in

pytestmark = pytest.mark.browser

PASTE = """([selector, text]) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  const event = new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true});
  document.querySelector(selector).dispatchEvent(event);
}"""


def field(path):
    return f"input[name='{path}']"


@pytest.fixture
def tables_page(make_context, site):
    """The demo's 2024 report's 统计表, for a superuser signed in through a session made on the server (signing in
    through the form, and the dashboard it leads to, cost each of these tests a second and more)."""
    from django.contrib.auth import get_user_model

    from disclosure.models import Report

    chief = get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)
    report = Report.objects.get(year=2024, body__slug="sports-bureau")
    page = signed_in(make_context, site, chief)
    page.goto(f"{site}/admin/disclosure/report/{report.pk}/tables/")
    assert page.locator(".stat-entry").count() >= 1, "the 统计表 page did not open for the signed-in superuser"
    return page


def focused(page):
    return page.evaluate("document.activeElement.name")


def test_the_grid_moves_types_and_pastes_like_a_spreadsheet(tables_page, artifacts):
    """Three uses of one signed-in page (each a test of its own before, which cost a renderer, a sign-in and the
    demo put back): typing and pasting each start from the page opened afresh, as the server holds it."""
    page = tables_page
    address = page.url
    tab_moves_across_and_enter_moves_down(page)
    page.goto(address)
    typing_shows_the_sum_that_no_longer_adds_up_and_totals_fix_it(page, artifacts)
    page.goto(address)
    pasting_a_block_from_excel_fills_it_from_the_cell(page)


def tab_moves_across_and_enter_moves_down(page):
    page.focus(field("tables.requests.granted.natural_person"))
    # The demo's table 3 is counted from the register: Tab passes each figure's 案件 link on its way across.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "stat-origin"
    page.keyboard.press("Tab")
    assert focused(page) == "tables.requests.granted.commercial"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert focused(page) == "tables.requests.partially_granted.natural_person"
    page.keyboard.press("Enter")
    assert focused(page) == "tables.requests.denied_state_secret.natural_person"
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("ArrowUp")
    assert focused(page) == "tables.requests.granted.natural_person"
    assert page.url.endswith("/tables/")  # Enter never submitted the form


def typing_shows_the_sum_that_no_longer_adds_up_and_totals_fix_it(page, artifacts):
    before = int(page.input_value(field("tables.requests.granted.natural_person")))
    total = page.input_value(field("tables.requests.granted.total"))
    page.fill(field("tables.requests.granted.natural_person"), str(before + 2))
    note = page.locator("#note-cell-tables-requests-granted-total")
    expected = f"予以公开：总计 {total} ≠ 各列之和 {int(total) + 2}"
    assert note.inner_text() == expected
    assert page.get_attribute(field("tables.requests.granted.total"), "aria-invalid") == "true"
    assert "当前有" in page.locator("#stat-live").inner_text()
    page.fill(field("tables.requests.denied_state_secret.research"), "三")
    assert "“三”不是数字" in page.locator("#note-cell-tables-requests-denied-state-secret-research").inner_text()
    page.locator(field("tables.requests.granted.total")).scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "screenshots" / "admin-tables-live.png"), full_page=False)

    page.fill(field("tables.requests.denied_state_secret.research"), "0")
    page.click("#stat-totals")
    assert page.input_value(field("tables.requests.granted.total")) == str(int(total) + 2)
    assert note.inner_text() == ""
    assert page.url.endswith("/tables/")  # computed in the browser, nothing submitted


def pasting_a_block_from_excel_fills_it_from_the_cell(page):
    start = field("tables.requests.denied_state_secret.natural_person")
    page.focus(start)
    page.evaluate(PASTE, [start, "1\t2\t３\r\n4\t5\t6\r\n"])
    values = [
        page.input_value(field(f"tables.requests.{row}.{column}"))
        for row in ("denied_state_secret", "denied_law_forbidden")
        for column in ("natural_person", "commercial", "research")
    ]
    assert values == ["1", "2", "３", "4", "5", "6"]
    assert page.locator("#stat-live").inner_text().startswith("已粘贴6格")
    # A single value is pasted by the browser as usual.
    page.fill(start, "")
    page.evaluate(PASTE, [start, "7"])
    assert page.input_value(field("tables.requests.denied_law_forbidden.natural_person")) == "4"


# At 320 px the page itself does not scroll sideways: a table wider than the screen scrolls inside its region.
FITS_SCRIPT = """() => ({
    page: [document.documentElement.scrollWidth, innerWidth],
    wide: [...document.querySelectorAll('.stat-scroll')]
        .filter(region => region.querySelector('table').scrollWidth > region.clientWidth)
        .map(region => [region.querySelector('table').id, getComputedStyle(region).overflowX]),
})"""


def test_the_grid_has_no_axe_violations_with_live_messages_and_fits_320_px(tables_page, artifacts):
    """Also the page's screenshots, whole at 1366 px and at 320 px, taken with the messages showing (they were a
    test of their own, with nothing to assert, that cost a renderer and a sign-in)."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.test_axe import AXE_OPTIONS, describe

    page = tables_page
    page.fill(field("tables.appeals.reconsideration.upheld"), "1")
    page.fill(field("tables.requests.granted.research"), "abc")
    violations = Axe().run(page, context=".stat-entry", options=AXE_OPTIONS).response["violations"]
    assert not violations, describe(violations)

    page.screenshot(path=str(artifacts / "screenshots" / "admin-tables.png"), full_page=True)
    page.set_viewport_size({"width": 320, "height": 800})
    page.screenshot(path=str(artifacts / "screenshots" / "admin-tables-320.png"))
    found = page.evaluate(FITS_SCRIPT)
    scroll_width, inner_width = found["page"]
    assert scroll_width <= inner_width, f"the 统计表 page scrolls sideways at 320 px (scrollWidth {scroll_width})"
    assert found["wide"], "at 320 px some table should be wider than the screen"
    assert all(overflow == "auto" for _, overflow in found["wide"]), found["wide"]


def test_typing_pasting_and_totals_break_no_rule_of_the_policy(tables_page):
    from tests.browser.test_csp import LISTEN

    page = tables_page
    errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(f"script error: {e}"))
    page.add_init_script(LISTEN)
    page.reload()
    page.fill(field("tables.requests.granted.natural_person"), "999")
    page.evaluate(PASTE, [field("tables.appeals.reconsideration.upheld"), "1\t2\t3\t4\t10"])
    page.click("#stat-totals")
    assert errors + page.evaluate("window.__violations") == []
