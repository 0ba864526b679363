"""Admin access: sign-in lockout, staff idle timeout, password rules, the moved admin URL, the audit trail."""

import datetime
import importlib.util
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from disclosure.models import AccessEvent, ReportEvent
from disclosure.publishing import workflow
from disclosure.staff_security import idle_sessions, lockout
from tests import dom
from tests.factories import PASSWORD, approved, make_body, make_report, make_staff

pytestmark = pytest.mark.django_db
K = AccessEvent.Kind
LOGIN = "/admin/login/"


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN + "?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT="Mozilla/5.0 test",
    )


def errors(response):
    return [e.text for e in dom.parse(response).find_all(class_="errornote")] + [
        e.text for e in dom.parse(response).find_all("ul", class_="errorlist")
    ]


def test_a_sign_in_and_a_sign_out_are_recorded_with_address_and_browser(client, chief):
    response = sign_in(client, "chief", PASSWORD)
    assert response.status_code == 302
    client.post("/admin/logout/", REMOTE_ADDR="203.0.113.7")
    kinds = list(AccessEvent.objects.order_by("pk").values_list("kind", "username", "address", "user_agent"))
    assert kinds == [
        (K.LOGIN, "chief", "203.0.113.7", "Mozilla/5.0 test"),
        (K.LOGOUT, "chief", "203.0.113.7", ""),
    ]


def test_five_failures_lock_the_user_name_for_fifteen_minutes_with_a_clear_message(client, chief):
    for attempt in range(4):
        response = sign_in(client, "chief", "wrong-password", address=f"198.51.100.{attempt}")
        assert response.status_code == 200
        assert not any("暂停登录" in e for e in errors(response))
    response = sign_in(client, "chief", "wrong-password", address="198.51.100.9")
    assert any("该用户名的登录失败次数过多" in e and "15分钟" in e for e in errors(response))
    # Locked: even the right password is refused, without being checked, from any address.
    response = sign_in(client, "chief", PASSWORD, address="192.0.2.50")
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert any("请于" in e and "后再试" in e for e in errors(response))
    assert AccessEvent.objects.filter(kind=K.LOCKED, username="chief").count() == 1
    assert AccessEvent.objects.filter(kind=K.REFUSED, username="chief").count() == 1
    assert AccessEvent.objects.filter(kind=K.FAILED).count() == 5


def test_the_lock_ends_after_fifteen_minutes(client, chief):
    for _ in range(5):
        sign_in(client, "chief", "wrong-password")
    assert lockout.current_lock("chief", "203.0.113.7") is not None
    later = timezone.now() + datetime.timedelta(minutes=16)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert lockout.current_lock("chief", "203.0.113.7") is None
        assert sign_in(client, "chief", PASSWORD).status_code == 302


def test_the_user_name_lock_ignores_case_and_a_success_resets_the_count(client, chief):
    for _ in range(4):
        sign_in(client, "chief", "wrong-password")
    assert sign_in(client, "chief", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "CHIEF", "wrong-password")
    assert lockout.current_lock("chief", None) is None  # four since the success
    sign_in(client, "Chief", "wrong-password")
    assert lockout.current_lock("chief", None) is not None


def test_many_failures_from_one_address_lock_the_address(client, chief, settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 6
    for number in range(6):
        sign_in(client, f"guess-{number}", "wrong-password", address="198.51.100.66")
    response = sign_in(client, "chief", PASSWORD, address="198.51.100.66")
    assert response.status_code == 200
    assert any("您所在网络地址的登录失败次数过多" in e for e in errors(response))
    # The same account from another address is not affected.
    assert sign_in(client, "chief", PASSWORD, address="198.51.100.67").status_code == 302


def test_behind_the_proxy_the_forwarded_address_is_counted(client, chief, settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 3
    for number in range(3):
        client.post(
            LOGIN,
            {"username": f"x{number}", "password": "no"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.80",
        )
    assert lockout.current_lock("anyone", "198.51.100.80").by_address
    assert lockout.current_lock("anyone", "127.0.0.1") is None


def test_the_lockout_message_is_english_on_an_english_admin(client, chief):
    for _ in range(5):
        sign_in(client, "chief", "wrong-password")
    with translation.override("en"):
        assert "Too many failed sign-ins for this user name" in lockout.current_lock("chief", None).message


def staff_client(client, user):
    client.force_login(user)
    return client


def test_staff_are_signed_out_after_the_idle_time_with_a_message_on_the_login_page(client, chief, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    staff_client(client, chief)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[idle_sessions.LAST_SEEN] = time.time() - 31 * 60
    session.save()
    response = client.get("/admin/disclosure/report/", follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    notes = [li.text for li in dom.parse(response).find_all("ul", class_="messagelist")]
    assert any("超过30分钟没有操作" in n and "自动退出登录" in n for n in notes)
    assert AccessEvent.objects.filter(kind=K.TIMEOUT, username="chief").exists()
    assert not AccessEvent.objects.filter(kind=K.LOGOUT).exists()


def test_staff_active_within_the_idle_time_stay_signed_in(client, chief):
    staff_client(client, chief)
    client.get("/admin/")
    session = client.session
    session[idle_sessions.LAST_SEEN] = time.time() - 29 * 60
    session.save()
    assert client.get("/admin/disclosure/report/").status_code == 200
    assert time.time() - client.session[idle_sessions.LAST_SEEN] < 5  # the clock starts again


def test_passwords_need_twelve_characters_with_the_message_in_chinese(chief):
    with pytest.raises(ValidationError) as short:
        validate_password("Jz#2017x", chief)
    assert "密码太短，至少需要12个字符。" in short.value.messages
    with pytest.raises(ValidationError) as common:
        validate_password("123456654321", chief)
    assert any("常见" in m for m in common.value.messages) and any("数字" in m for m in common.value.messages)
    validate_password("锦州市体育局年报2024审核", chief)


def test_the_admin_password_change_form_refuses_a_short_password(client, chief):
    staff_client(client, chief)
    response = client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": "short-pw", "new_password2": "short-pw"},
    )
    assert response.status_code == 200
    assert "密码太短，至少需要12个字符。" in response.content.decode()


@pytest.fixture
def moved_admin(settings):
    """The site's URLs loaded again with ADMIN_URL moved, as a server started with ADMIN_URL=… would."""
    settings.ADMIN_URL = "guanli-7f3c/"
    spec = importlib.util.spec_from_file_location(
        "tests._moved_admin_urls", Path(__file__).resolve().parents[2] / "portal" / "urls.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    settings.ROOT_URLCONF = spec.name
    yield "/guanli-7f3c/"
    del sys.modules[spec.name]


def test_the_admin_url_is_configurable_and_not_given_away(client, chief, moved_admin):
    assert client.get("/admin/").status_code == 404
    response = client.get(moved_admin)
    assert response.status_code == 302 and response["Location"].startswith(moved_admin + "login/")
    # robots.txt must not publish a path chosen to be hard to find.
    assert "guanli" not in client.get("/robots.txt").content.decode()


def test_the_audit_trails_are_read_only_and_for_superusers_only(client, chief):
    body = make_body()
    editor = make_staff("editor", workflow.EDITOR, body, is_superuser=False)
    AccessEvent.objects.create(kind=K.FAILED, username="someone", address="192.0.2.1")
    staff_client(client, editor)
    assert client.get("/admin/disclosure/accessevent/").status_code == 403
    assert client.get("/admin/admin/logentry/").status_code == 403
    client.force_login(chief)
    listing = client.get("/admin/disclosure/accessevent/")
    assert listing.status_code == 200 and "someone" in listing.content.decode()
    assert client.get("/admin/disclosure/accessevent/add/").status_code == 403
    event = AccessEvent.objects.get(username="someone")
    detail = client.get(f"/admin/disclosure/accessevent/{event.pk}/change/")
    assert detail.status_code == 200 and not dom.parse(detail).find_all("input", type="submit")
    assert client.post(f"/admin/disclosure/accessevent/{event.pk}/delete/").status_code == 403
    assert client.get("/admin/admin/logentry/").status_code == 200


def test_admin_saves_are_logged_and_every_workflow_action_writes_a_report_event(client, chief):
    body = make_body()
    staff_client(client, chief)
    response = client.post(
        "/admin/disclosure/glossaryentry/add/", {"simplified": "于洪区", "traditional": "于洪區", "note": "地名"}
    )
    assert response.status_code == 302
    assert LogEntry.objects.filter(object_repr__contains="于洪区", user=chief).exists()

    report = make_report(body, year=2016)
    publisher = make_staff("publisher", workflow.PUBLISHER, body)
    report = approved(report)
    workflow.transition(report, publisher, "publish")
    workflow.transition(report, publisher, "withdraw", "信息有误，核实后重新发布。")
    actions = list(ReportEvent.objects.filter(report=report).order_by("pk").values_list("action", flat=True))
    assert actions == ["submit", "approve", "publish", "withdraw"]
    assert all(event.user is not None for event in ReportEvent.objects.filter(report=report))
