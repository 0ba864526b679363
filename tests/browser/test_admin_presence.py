"""Two editors on one report in two browsers: the second sees the first's presence and lock, and a stale save
shows the other's version beside the field, to take it without retyping."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import signed_in

pytestmark = pytest.mark.browser


def test_two_editors_see_each_other_the_lock_and_a_merge(make_context, site, settings):
    from disclosure.models import Report
    from disclosure.publishing import workflow
    from tests.factories import make_body, make_report, make_staff

    settings.PRESENCE_HEARTBEAT_SECONDS = 0.2  # the live server runs in this process: beats come at once
    # A small report of its own: the demo's long ones cost seconds per form drawn.
    body = make_body("presence-test", "锦州市测试局")
    users = [
        make_staff(name, workflow.EDITOR, body, first_name=first)
        for name, first in (("wang", "王撰稿"), ("zhao", "赵撰稿"))
    ]
    report = make_report(body, year=2020, format=Report.Format.LEGACY)
    change = f"{site}/admin/disclosure/report/{report.pk}/change/"

    wang, zhao = (signed_in(make_context, site, user) for user in users)
    wang.goto(change)
    with wang.expect_navigation():
        wang.get_by_role("button", name="锁定", exact=True).click()
    expect(wang.locator(".presence-lock-text")).to_contain_text("您已锁定这份年报")

    zhao.goto(change)
    expect(zhao.locator(".presence-names")).to_contain_text("王撰稿")
    expect(zhao.locator(".presence-lock-text")).to_contain_text("这份年报已由王撰稿于")
    expect(wang.locator(".presence-names")).to_contain_text("赵撰稿")  # the holder's page learns it by a beat

    # 王 releases the lock and saves a new title; 赵's form, opened before, is now stale.
    with wang.expect_navigation():
        wang.get_by_role("button", name="解除锁定").click()
    wang.fill("#id_title_zh_hans", "王撰稿修改的标题")
    with wang.expect_navigation():
        wang.locator("input[name=_continue]").click()
    expect(zhao.locator(".presence-newer")).to_be_visible()

    zhao.fill("#id_title_zh_hans", "赵撰稿修改的标题")
    expect(zhao.locator(".workflow-actions")).to_be_hidden()  # no 提交审核 beside unsaved text
    with zhao.expect_navigation():
        zhao.locator("input[name=_continue]").click()
    difference = zhao.locator(".stale-field[data-for=id_title_zh_hans]")
    expect(difference).to_contain_text("王撰稿修改的标题"[:2])
    # Placed beside its field, not only in the list at the top.
    assert zhao.evaluate(
        "document.querySelector('.stale-field').parentNode.contains(document.getElementById('id_title_zh_hans'))"
    )
    difference.get_by_role("button", name="采用对方的内容").click()
    expect(zhao.locator("#id_title_zh_hans")).to_have_value("王撰稿修改的标题")
    with zhao.expect_navigation():
        zhao.locator("input[name=_continue]").click()
    expect(zhao.locator(".messagelist")).not_to_contain_text("未保存")
    report.refresh_from_db()
    assert report.title_zh_hans == "王撰稿修改的标题"
