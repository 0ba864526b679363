import pytest

from .conftest import TABLES_REPORT, open_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_look(make_context, site, artifacts, prefix):
    page = make_context(width=640, height=800, size="large").new_page()
    open_page(page, site, TABLES_REPORT, prefix)
    region = page.locator(".stat-table-region").filter(has=page.locator("#table-requests"))
    region.evaluate("el => { el.scrollLeft = 250; }")
    region.screenshot(path=str(artifacts / "screenshots" / f"look-scrolled{prefix.replace('/', '-')}.png"))
    region = page.locator(".stat-table-region").filter(has=page.locator("#table-active"))
    region.evaluate("el => { el.scrollLeft = 250; }")
    region.screenshot(path=str(artifacts / "screenshots" / f"look-scrolled-active{prefix.replace('/', '-')}.png"))
