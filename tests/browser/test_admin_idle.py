"""The warning before the staff idle timeout: shown two minutes before, and one click keeps the session."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.browser
PASSWORD = "a-long-browser-test-password"


def test_staff_are_warned_before_the_idle_timeout_and_can_stay(site, make_context, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)
    page = make_context().new_page()
    page.clock.install()
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")
    warning = page.locator(".idle-warning[role=alert]")
    page.clock.run_for("27:00")
    assert warning.count() == 0
    page.clock.run_for("01:30")
    assert "2分钟后自动退出登录" in warning.inner_text()
    with page.expect_response(lambda r: r.url == site + "/admin/" and r.status == 200):
        warning.get_by_role("button", name="继续工作").click()
    warning.wait_for(state="detached")
    page.clock.run_for("27:00")
    assert warning.count() == 0  # the clock started again
    page.clock.run_for("03:10")
    assert "已自动退出登录" in warning.inner_text()
