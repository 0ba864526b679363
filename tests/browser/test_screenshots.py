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


WIDTHS = (1280, 320)


def each_view(make_context, views):
    """(page, name, width) for each view at each width, on one browser page per view, resized between its shots
    (a browser page of its own per shot cost a renderer and the demo put back)."""
    for name, prefs in views:
        page = make_context(width=WIDTHS[0], height=900, **prefs).new_page()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            yield page, name, width


def shoot(page, path):
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    return png_size(path)


def test_report_screenshot(make_context, site, artifacts):
    shots = {}
    for page, name, width in each_view(make_context, VIEWS):
        open_page(page, site, REPORT)
        shots[name, width] = shoot(page, artifacts / "screenshots" / f"report-{name}-{width}.png")
    assert len(shots) == len(VIEWS) * len(WIDTHS)
    for (name, width), (shot_width, shot_height) in shots.items():
        # A wider image would mean the page scrolls sideways; a short one, that the report did not render.
        assert shot_width == width, (name, width)
        assert shot_height > 1500, (name, width)


def test_tables_report_screenshot(make_context, site, artifacts):
    """The 2024 demo report: its three tables, the CSV link and 主要数据与上年对比."""
    shots = {}
    for page, name, width in each_view(make_context, VIEWS[:1]):
        for prefix in ("", "/en"):
            open_page(page, site, TABLES_REPORT, prefix)
            path = artifacts / "screenshots" / f"report-tables-{name}{prefix.replace('/', '-')}-{width}.png"
            shots[name, prefix, width] = shoot(page, path)
    assert len(shots) == 2 * len(WIDTHS)
    for (name, prefix, width), (shot_width, _height) in shots.items():
        assert shot_width == width, (name, prefix, width)
