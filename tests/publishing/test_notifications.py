"""publishing/notifications.py: who is mailed at each step, what the mail says, after the commit only."""

import datetime
import logging

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from disclosure.models import NotificationPreference
from disclosure.publishing import workflow
from tests.factories import PASSWORD, make_body, make_report, make_staff

pytestmark = pytest.mark.django_db

TITLE = "锦州市体育局2025年政府信息公开工作年度报告"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://xxgk.jz.gov.cn"


@pytest.fixture
def staff():
    sports, education = make_body(), make_body("education-bureau", "锦州市教育局")
    return {
        "editor": make_staff("editor", workflow.EDITOR, sports, first_name="王撰稿", email="wang@jz.gov.cn"),
        "reviewer": make_staff("reviewer", workflow.REVIEWER, sports, first_name="李审核", email="li@jz.gov.cn"),
        "reviewer2": make_staff("reviewer2", workflow.REVIEWER, sports, first_name="周审核", email="zhou@jz.gov.cn"),
        "no_address": make_staff("reviewer3", workflow.REVIEWER, sports),
        "publisher": make_staff("publisher", workflow.PUBLISHER, sports, first_name="张发布", email="zhang@jz.gov.cn"),
        "other": make_staff("other", workflow.REVIEWER, education, email="other@jz.gov.cn"),
    }


@pytest.fixture
def report(staff):
    return make_report(body=staff["editor"].bodies.get(), year=2025, published_on=None)


@pytest.fixture
def step(django_capture_on_commit_callbacks):
    """A transition whose after-commit mail is sent, as at the end of a request."""

    def run(report, user, name, comment="", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return workflow.transition(report, user, name, comment, **extra)

    return run


def sent_to(outbox):
    return sorted(address for message in outbox for address in message.to)


def test_submit_mails_each_reviewer_of_the_body(staff, report, step, mailoutbox, frozen_now):
    step(report, staff["editor"], "submit")

    assert sent_to(mailoutbox) == ["li@jz.gov.cn", "zhou@jz.gov.cn"]  # not the publisher, not another body's
    message = mailoutbox[0]
    assert message.subject == f"【待审核】{TITLE}"
    assert len(message.to) == 1  # one message each: colleagues' addresses are not handed around
    assert message.body.startswith("李审核：\n\n王撰稿于")
    assert f"将《{TITLE}》提交审核，请您审核。" in message.body
    assert "发布机构：锦州市体育局" in message.body
    assert "法定发布期限：2026年1月31日" in message.body
    url = reverse("admin:disclosure_report_change", args=[report.pk])
    assert f"管理页面：https://xxgk.jz.gov.cn{url}" in message.body
    assert "https://xxgk.jz.gov.cn/admin/notifications/" in message.body


def test_return_mails_the_author_with_the_comment(staff, report, step, mailoutbox):
    step(report, staff["editor"], "submit")
    mailoutbox.clear()
    step(report, staff["reviewer"], "return", "“二、主动公开政府信息情况”的表格数字与正文不一致，请核对。")

    assert sent_to(mailoutbox) == ["wang@jz.gov.cn"]
    message = mailoutbox[0]
    assert message.subject == f"【已退回】{TITLE}"
    assert "李审核于" in message.body and f"将《{TITLE}》退回修改。" in message.body
    assert "退回意见：\n“二、主动公开政府信息情况”的表格数字与正文不一致，请核对。" in message.body


def test_approve_mails_the_publishers_and_publish_mails_the_author(staff, report, step, mailoutbox):
    step(report, staff["editor"], "submit")
    mailoutbox.clear()
    step(report, staff["reviewer"], "approve")

    assert sent_to(mailoutbox) == ["zhang@jz.gov.cn"]
    assert mailoutbox[0].subject == f"【待发布】{TITLE}"
    assert "李审核于" in mailoutbox[0].body and "请您发布" in mailoutbox[0].body

    mailoutbox.clear()
    step(report, staff["publisher"], "publish")
    assert sent_to(mailoutbox) == ["wang@jz.gov.cn"]
    assert mailoutbox[0].subject == f"【已发布】{TITLE}"
    assert "张发布于" in mailoutbox[0].body and "（第1版）" in mailoutbox[0].body
    assert "公开页面：https://xxgk.jz.gov.cn/reports/2025/sports-bureau/" in mailoutbox[0].body


def test_a_scheduled_publication_gone_public_mails_the_author(
    staff, report, step, mailoutbox, django_capture_on_commit_callbacks
):
    step(report, staff["editor"], "submit")
    step(report, staff["reviewer"], "approve")
    at = timezone.now() + datetime.timedelta(hours=1)
    step(report, staff["publisher"], "schedule", at=at)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert workflow.publish_due(at + datetime.timedelta(minutes=1))

    assert sent_to(mailoutbox) == ["wang@jz.gov.cn"]
    assert mailoutbox[0].subject == f"【已公开】{TITLE}"
    assert f"《{TITLE}》定时发布的第1版已于" in mailoutbox[0].body


def test_nobody_is_told_of_their_own_step(staff, report, step, mailoutbox):
    staff["reviewer"].groups.add(staff["publisher"].groups.get())
    step(report, staff["editor"], "submit")
    mailoutbox.clear()
    step(report, staff["reviewer"], "approve")

    assert sent_to(mailoutbox) == ["zhang@jz.gov.cn"]


def test_opting_out_on_the_own_settings_page(staff, report, step, mailoutbox, client):
    client.login(username="reviewer2", password=PASSWORD)
    page = client.get(reverse("admin_notifications"))
    assert page.status_code == 200 and "zhou@jz.gov.cn" in page.content.decode()

    saved = client.post(reverse("admin_notifications"), {"digest_mail": "on"}, follow=True)

    assert "通知设置已保存。" in saved.content.decode()
    assert not NotificationPreference.wants(staff["reviewer2"], NotificationPreference.WORKFLOW)
    assert NotificationPreference.wants(staff["reviewer2"], NotificationPreference.DIGEST)
    step(report, staff["editor"], "submit")
    assert sent_to(mailoutbox) == ["li@jz.gov.cn"]


def test_nothing_is_sent_when_the_step_is_refused_or_rolled_back(staff, report, step, mailoutbox):
    with pytest.raises(workflow.TransitionError):
        step(report, staff["editor"], "approve")
    assert mailoutbox == []


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_failing_mail_server_never_fails_the_step(staff, report, step, mailoutbox, settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"

    with caplog.at_level(logging.ERROR, logger="disclosure.publishing.notifications"):
        step(report, staff["editor"], "submit")

    report.refresh_from_db()
    assert report.status == report.Status.SUBMITTED
    assert "通知邮件未发出" in caplog.text and "mail server down" in caplog.text


def test_the_demo_loader_publishing_as_the_system_mails_nobody(
    staff, report, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(report)
    assert mailoutbox == []
