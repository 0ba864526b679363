"""开放数据 and the 下载 box in a real browser: no axe violations in any language, reflow at 320 px and
at 200 % text, and a download that arrives as a file."""

import pytest

from .conftest import PREFIXES, REPORT, open_page
from .test_axe import assert_no_violations, assert_none_in_any_language
from .test_reflow import assert_each_reflows, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser

OPENDATA = "/opendata/"
STANDARD_REPORT = "/reports/2024/sports-bureau/"  # the demo's 2021-format report, with tables


# Each test visits its pages on one browser page: a page of its own each cost a renderer and the demo put back.


def test_opendata_page_has_no_axe_violations(page, site):
    assert_none_in_any_language(page, lambda prefix: open_page(page, site, OPENDATA, prefix))


def test_opendata_page_reflows_at_320px(make_context, site):
    page = make_context(width=320, height=640).new_page()
    assert_each_reflows(page, [lambda prefix=prefix: open_page(page, site, OPENDATA, prefix) for prefix in PREFIXES])


def test_large_text_at_200_percent_does_not_scroll_sideways(make_context, site):
    page = make_context(width=640, height=800, size="large").new_page()

    def visit(path):
        open_page(page, site, path)
        large = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
        # Through the CSSOM: the Content-Security-Policy (style-src 'self') refuses an injected <style>.
        page.evaluate(f"document.documentElement.style.setProperty('font-size', '{2 * large}px', 'important')")
        assert page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)") == 2 * large

    assert_each_reflows(page, [lambda path=path: visit(path) for path in (OPENDATA, STANDARD_REPORT)])


def test_the_downloads_box_reflows_and_passes_axe(make_context, site, artifacts):
    page = make_context(width=320, height=640).new_page()
    open_page(page, site, STANDARD_REPORT, "/en")
    box = page.locator("section.downloads")
    box.scroll_into_view_if_needed()
    assert box.locator("a").count() == 5  # Word, PDF, JSON, CSV and 开放数据
    assert_no_horizontal_scroll(page)
    assert_no_violations(page)
    page.screenshot(path=str(artifacts / "screenshots" / "downloads-en-320.png"))


def test_a_download_arrives_as_a_file(page, site):
    open_page(page, site, REPORT)
    with page.expect_download() as download:
        page.locator("section.downloads a", has_text="Word").click()
    assert download.value.suggested_filename == "市体育局2016年度政府信息公开工作报告.docx"
