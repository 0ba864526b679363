"""Full-page screenshots of the report for people to look at (in $ARTIFACTS/screenshots/), at desktop
and phone widths and in each colour scheme of 无障碍浏览."""

import struct

import pytest

from .conftest import REPORT, SCHEMES, TABLES_REPORT, open_page

pytestmark = pytest.mark.browser

# The standard view and two colour schemes of 无障碍浏览 (every scheme is checked by axe and for reflow; these
# pictures are for people to look at, and each full-page shot costs seconds of Chromium).
VIEWS = [("standard", {})] + [(scheme, {"a11y": "on", "scheme": scheme}) for scheme in SCHEMES[:2]]


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("name,prefs", VIEWS, ids=[name for name, _ in VIEWS])
def test_report_screenshot(make_context, site, artifacts, name, prefs, width):
    page = make_context(width=width, height=900, **prefs).new_page()
    open_page(page, site, REPORT)
    path = artifacts / "screenshots" / f"report-{name}-{width}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    shot_width, shot_height = png_size(path)
    # A wider image would mean the page scrolls sideways; a short one, that the report did not render.
    assert shot_width == width
    assert shot_height > 1500


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh-hans", "en"])
@pytest.mark.parametrize("name,prefs", VIEWS[:1], ids=[name for name, _ in VIEWS[:1]])
def test_tables_report_screenshot(make_context, site, artifacts, name, prefs, width, prefix):
    """The 2024 demo report: its three tables, the CSV link and 主要数据与上年对比."""
    page = make_context(width=width, height=900, **prefs).new_page()
    open_page(page, site, TABLES_REPORT, prefix)
    path = artifacts / "screenshots" / f"report-tables-{name}{prefix.replace('/', '-')}-{width}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    assert png_size(path)[0] == width
