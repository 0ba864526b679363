"""The notifications through a real SMTP server (aiosmtpd on loopback), read back as a mail client would."""

import email
import socket
from email import policy
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller

from disclosure.publishing import workflow
from tests.factories import make_body, make_report, make_staff

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"

    def received_by_address(self):
        return [(recipients[0], raw) for recipients, raw in self.received]


@pytest.fixture
def smtp_server(settings):
    with socket.socket() as probe:  # a free port: the Controller needs to know its own to check it is up
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "政府信息公开年报管理 <xxgk@jz.gov.cn>"
    settings.SITE_URL = "https://xxgk.jz.gov.cn"
    yield inbox
    controller.stop()


def test_submitting_mails_the_reviewers_through_smtp(smtp_server, django_capture_on_commit_callbacks):
    body = make_body()
    editor = make_staff("editor", workflow.EDITOR, body, first_name="王撰稿")
    make_staff("reviewer", workflow.REVIEWER, body, first_name="李审核", email="li@jz.gov.cn")
    make_staff("reviewer2", workflow.REVIEWER, body, first_name="周审核", email="zhou@jz.gov.cn")
    report = make_report(body=body, year=2025, published_on=None)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(report, editor, "submit")

    assert sorted(recipients for recipients, _ in smtp_server.received) == [["li@jz.gov.cn"], ["zhou@jz.gov.cn"]]
    messages = {
        recipients[0]: email.message_from_bytes(raw, policy=policy.default) for recipients, raw in smtp_server.received
    }
    message = messages["li@jz.gov.cn"]
    # Decoded as mail clients do, word by word (RFC 2047): the modern parser keeps the blank of the folded line.
    raw_subject = email.message_from_bytes(dict(smtp_server.received_by_address())["li@jz.gov.cn"])["Subject"]
    assert str(make_header(decode_header(raw_subject))) == "【待审核】锦州市体育局2025年政府信息公开工作年度报告"
    assert message["From"].addresses[0].display_name == "政府信息公开年报管理"
    assert message["To"] == "li@jz.gov.cn"
    text = message.get_content().replace("\r\n", "\n")  # SMTP carries CRLF line ends
    assert text.startswith("李审核：\n\n王撰稿于")
    assert "将《锦州市体育局2025年政府信息公开工作年度报告》提交审核，请您审核。" in text
    assert f"管理页面：https://xxgk.jz.gov.cn/admin/disclosure/report/{report.pk}/change/" in text
