"""publishing/digest.py and `manage.py send_deadline_digest`: each member of staff's deadlines within 7 days."""

import datetime
from unittest import mock

import pytest
from django.core.management.base import CommandError

from disclosure.models import NotificationPreference
from disclosure.publishing import digest, workflow
from tests.applications.factories import make_application
from tests.commands import run
from tests.factories import make_body, make_report, make_staff

pytestmark = pytest.mark.django_db

D = datetime.date
DAY = D(2026, 1, 27)  # four days before the departments' deadline for 2025


@pytest.fixture
def staff(settings):
    settings.SITE_URL = "https://xxgk.jz.gov.cn"
    sports, education = make_body(), make_body("education-bureau", "锦州市教育局")
    make_report(body=sports, year=2025, published_on=None)
    return {
        "editor": make_staff("editor", workflow.EDITOR, sports, first_name="王撰稿", email="wang@jz.gov.cn"),
        "handler": make_staff("handler", "申请办理人", sports, first_name="赵办理", email="zhao@jz.gov.cn"),
        "other": make_staff("other", workflow.EDITOR, education, email="other@jz.gov.cn"),
        "no_address": make_staff("quiet", workflow.EDITOR, sports),
        "sports": sports,
    }


def test_each_member_gets_the_deadlines_of_their_bodies(staff, mailoutbox):
    make_application(staff["sports"], D(2025, 12, 26), ref="2025-0311", handler=staff["handler"])  # due 01-26

    assert digest.send_all(DAY) == (3, 3)

    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"wang@jz.gov.cn", "zhao@jz.gov.cn", "other@jz.gov.cn"}
    editor = by_address["wang@jz.gov.cn"]
    assert editor.subject == "【到期提醒】7天内到期的事项1项（2026年1月27日）"
    assert editor.body.startswith("王撰稿：\n\n截至2026年1月27日，您所在机构有以下1项事项7天内到期或已经逾期：")
    assert "一、年报\n1. 锦州市体育局2025年政府信息公开工作年度报告（未发布 · 草稿）" in editor.body
    assert "   法定发布期限：2026年1月31日，还剩4天" in editor.body
    assert "https://xxgk.jz.gov.cn/admin/disclosure/report/" in editor.body
    assert "政府信息公开申请" not in editor.body  # the register is the handlers'
    handler = by_address["zhao@jz.gov.cn"]
    assert handler.subject == "【到期提醒】7天内到期的事项2项（2026年1月27日）"
    assert "（其中已逾期1项）" in handler.body
    assert "二、政府信息公开申请\n1. 政府信息公开申请 2025-0311（办理中，承办人：赵办理）" in handler.body
    assert "   答复期限：2026年1月26日，已逾期1天" in handler.body
    assert "锦州市教育局2025年政府信息公开工作年度报告（尚未创建）" in by_address["other@jz.gov.cn"].body


def test_nothing_due_means_no_mail(staff, mailoutbox):
    assert digest.send_all(D(2026, 1, 10)) == (0, 0)  # 21 days before the deadline
    assert mailoutbox == []


def test_a_member_who_turned_the_digest_off_gets_none(staff, mailoutbox):
    NotificationPreference.objects.create(user=staff["editor"], digest_mail=False)

    digest.send_all(DAY)

    assert "wang@jz.gov.cn" not in [message.to[0] for message in mailoutbox]


def test_the_command_sends_todays_digest_and_says_how_many(staff, mailoutbox):
    noon = datetime.datetime(2026, 1, 27, 4, 0, tzinfo=datetime.UTC)  # 12:00 in Beijing
    with mock.patch("django.utils.timezone.now", return_value=noon):
        out, _ = run("send_deadline_digest")

    assert out.strip() == "到期提醒：应发3封，已发出3封。"
    assert len(mailoutbox) == 3


def test_the_command_fails_when_mail_could_not_go_out(staff, settings):
    settings.EMAIL_BACKEND = "tests.publishing.test_notifications.BrokenBackend"
    with pytest.raises(CommandError, match="有3封到期提醒未能发出"):
        digest_day = datetime.datetime(2026, 1, 27, 4, 0, tzinfo=datetime.UTC)
        with mock.patch("django.utils.timezone.now", return_value=digest_day):
            run("send_deadline_digest")
