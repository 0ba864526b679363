"""The work queue between two members of staff in two browsers: what the editor submits waits in the
reviewer's 待我审核 (the menu counts it), and what the reviewer returns waits, with the comment, in the
editor's 退回给我的."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import signed_in

pytestmark = pytest.mark.browser


def test_a_submission_and_a_return_reach_the_other_persons_queue(make_context, site):
    from disclosure.models import Report
    from disclosure.publishing import workflow
    from tests.factories import make_body, make_report, make_staff

    # A small report of its own: the demo's long ones cost seconds per form drawn.
    body = make_body("queue-test", "锦州市测试局")
    editor = make_staff("wang", workflow.EDITOR, body, first_name="王撰稿")
    reviewer = make_staff("li", workflow.REVIEWER, body, first_name="李审核")
    report = make_report(body, year=2020, format=Report.Format.LEGACY)
    dashboard = f"{site}/admin/"

    wang, li = signed_in(make_context, site, editor), signed_in(make_context, site, reviewer)
    li.goto(dashboard)
    expect(li.locator("#queue-review caption")).to_have_text("待我审核（0项）")

    wang.goto(f"{site}/admin/disclosure/report/{report.pk}/change/")
    wang.locator(".workflow-actions").get_by_role("link", name="提交审核").click()
    with wang.expect_navigation():
        wang.get_by_role("button", name="确认提交审核").click()

    li.reload()
    waiting = li.locator("#queue-review")
    expect(waiting.locator("caption")).to_have_text("待我审核（1项）")
    expect(li.locator(".work-counts").get_by_role("link", name="待我审核")).to_contain_text("1")
    waiting.get_by_role("link", name=report.title).click()
    li.locator(".workflow-actions").get_by_role("link", name="退回修改").click()
    li.get_by_label("退回意见（必填）").fill("第二部分缺少本年度数据，请补充。")
    with li.expect_navigation():
        li.get_by_role("button", name="确认退回修改").click()

    wang.goto(dashboard)
    returned = wang.locator("#queue-returned")
    expect(returned.locator("caption")).to_have_text("退回给我的（1项）")
    expect(returned.get_by_role("row", name=report.title)).to_contain_text("第二部分缺少本年度数据，请补充。")
    li.goto(dashboard)
    expect(li.locator("#queue-review caption")).to_have_text("待我审核（0项）")
