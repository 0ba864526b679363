"""The client's address behind the reverse proxy, in both documented layouts (no network traffic: REMOTE_ADDR is
the proxy's address, X-Forwarded-For what it forwarded).

One helper (disclosure/staff_security/client_address.py) gives the address to the audit, the sign-in lockout
and the feedback form's rate limit; these tests go through all three.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from disclosure.models import AccessEvent, Feedback
from disclosure.staff_security import lockout
from disclosure.staff_security.client_address import client_address
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
K = AccessEvent.Kind
LOGIN = "/admin/login/"
NGINX_ELSEWHERE = "10.0.0.5"  # the several-hosts setup: nginx on a host of its own, on the private network


def address(peer, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=peer, **extra))


def test_nginx_on_the_same_host_forwards_the_visitor():
    assert address("127.0.0.1", "203.0.113.5") == "203.0.113.5"
    assert address("::1", "2001:db8::7") == "2001:db8::7"
    # What the visitor wrote himself is left of what nginx appended, and proves nothing.
    assert address("127.0.0.1", "192.0.2.1, 203.0.113.5") == "203.0.113.5"
    assert address("127.0.0.1") == "127.0.0.1"  # a request on the host itself


def test_nginx_on_another_host_is_trusted_once_it_is_listed(settings):
    # By default only loopback is a proxy: the header from 10.0.0.5 would be anyone's claim.
    assert address(NGINX_ELSEWHERE, "203.0.113.5") == NGINX_ELSEWHERE
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert address(NGINX_ELSEWHERE, "203.0.113.5") == "203.0.113.5"
    assert address(NGINX_ELSEWHERE, "192.0.2.1, 203.0.113.5") == "203.0.113.5"
    # Through two trusted proxies (a load balancer, then nginx): the right-most address not trusted.
    assert address(NGINX_ELSEWHERE, "192.0.2.1, 203.0.113.5, 10.0.0.9") == "203.0.113.5"
    # Only the listed networks: loopback is no longer one, a visitor at another address is himself.
    assert address("127.0.0.1", "203.0.113.5") == "127.0.0.1"
    assert address("198.51.100.3", "203.0.113.5") == "198.51.100.3"
    # Not an address where the proxy's entry should be: the last proxy it came through, never the claim left of it.
    assert address(NGINX_ELSEWHERE, "192.0.2.1, unknown") == NGINX_ELSEWHERE
    assert address("::ffff:10.0.0.5", "203.0.113.5") == "203.0.113.5"


def test_trusted_proxies_may_be_single_addresses_and_a_bad_entry_is_reported(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5", "::1"]
    assert address(NGINX_ELSEWHERE, "203.0.113.5") == "203.0.113.5"
    assert address("10.0.0.6", "203.0.113.5") == "10.0.0.6"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "nginx.internal"]
    with pytest.raises(ImproperlyConfigured, match="nginx.internal"):
        address(NGINX_ELSEWHERE, "203.0.113.5")
    assert [error.id for error in run_checks() if error.id == "disclosure.E101"] == ["disclosure.E101"]


def test_trusted_proxies_come_from_the_environment_with_loopback_the_default(settings):
    assert settings.TRUSTED_PROXIES == ["127.0.0.0/8", "::1"]  # the suite's environment sets none
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "TRUSTED_PROXIES": " 10.0.0.5, 10.0.0.0/8 "}
    code = "from django.conf import settings; print(settings.TRUSTED_PROXIES)"
    shown = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.stdout.strip() == "['10.0.0.5', '10.0.0.0/8']", shown.stderr


def sign_in(client, username, password, visitor):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=NGINX_ELSEWHERE, HTTP_X_FORWARDED_FOR=visitor
    )


def test_behind_nginx_on_another_host_one_visitors_failures_do_not_lock_out_the_others(client, chief, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.LOGIN_IP_FAILURE_LIMIT = 3
    for number in range(3):
        sign_in(client, f"guess-{number}", "wrong-password", visitor="203.0.113.66")
    assert lockout.current_lock("anyone", "203.0.113.66").by_address
    assert lockout.current_lock("anyone", NGINX_ELSEWHERE) is None
    # Another visitor through the same nginx signs in.
    assert sign_in(client, "chief", PASSWORD, visitor="198.51.100.8").status_code == 302
    events = AccessEvent.objects.values_list("kind", "address")
    assert set(events.filter(kind=K.FAILED)) == {(K.FAILED, "203.0.113.66")}
    assert list(events.filter(kind=K.LOGIN)) == [(K.LOGIN, "198.51.100.8")]


def test_behind_nginx_on_another_host_the_feedback_limit_is_per_visitor(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.FEEDBACK_RATE_LIMIT = 1
    form = {"name": "张三", "contact": "zhangsan@example.com", "subject": "咨询", "message": "请问年报何时发布？"}

    def send(visitor):
        return client.post("/feedback/", form, REMOTE_ADDR=NGINX_ELSEWHERE, HTTP_X_FORWARDED_FOR=visitor)

    assert send("203.0.113.5").status_code == 302
    assert send("203.0.113.5").status_code == 400
    assert send("198.51.100.7").status_code == 302
    assert Feedback.objects.count() == 2
