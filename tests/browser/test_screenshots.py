"""Full-page screenshots of the report for people to look at (in $ARTIFACTS/screenshots/), at desktop
and phone widths and in each colour scheme of 无障碍浏览."""

import struct

import pytest

from .conftest import REPORT, SCHEMES, open_page

pytestmark = pytest.mark.browser

VIEWS = [("standard", {})] + [(scheme, {"a11y": "on", "scheme": scheme}) for scheme in SCHEMES]


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
