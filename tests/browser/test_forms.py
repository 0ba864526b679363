"""Forms that come back with errors, as a keyboard or screen-reader user meets them."""

import pytest

from tests.browser.conftest import submit_empty_feedback

pytestmark = pytest.mark.browser


def test_focus_moves_to_the_error_summary_and_its_links_reach_the_fields(page, site):
    submit_empty_feedback(page, site)
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_name"
    page.keyboard.press("Enter")
    page.keyboard.type("张")
    assert page.input_value("#id_name") == "张"
