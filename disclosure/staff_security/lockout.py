"""Admin sign-in throttling: too many failed attempts lock a user name, or an address, for a while.

The failed attempts are the AccessEvent rows the audit writes (audit.py), so the count is shared by every
worker and host on the same database; a cache per process would let an attacker spread guesses over them.
A user name is locked after LOGIN_FAILURE_LIMIT failures within LOGIN_LOCKOUT_MINUTES (counting only
since its last successful sign-in); an address after LOGIN_IP_FAILURE_LIMIT, set higher because an office
often reaches the site through one address. A lock lasts LOGIN_LOCKOUT_MINUTES from the failure that set it.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosure.models import AccessEvent

K = AccessEvent.Kind


@dataclass(frozen=True)
class Lock:
    until: datetime.datetime
    by_address: bool

    @property
    def message(self):
        when = timezone.localtime(self.until).strftime("%H:%M")
        if self.by_address:
            text = _(
                "您所在网络地址的登录失败次数过多，为保护系统安全，已暂停从该地址登录%(minutes)d分钟，"
                "请于%(time)s后再试。"
            )
        else:
            text = _(
                "该用户名的登录失败次数过多，为保护账号安全，已暂停登录%(minutes)d分钟，请于%(time)s后再试。"
                "如忘记密码，请联系系统管理员重置。"
            )
        return text % {"minutes": settings.LOGIN_LOCKOUT_MINUTES, "time": when}


def _window(now):
    return now - datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def current_lock(username, address, now=None):
    """The lock that refuses a sign-in as `username` from `address` now, or None."""
    now = now or timezone.now()
    since = _window(now)
    recent = AccessEvent.objects.filter(created_at__gt=since)
    by_name = recent.filter(kind=K.LOCKED, username__iexact=username).aggregate(at=Max("created_at"))["at"]
    by_address = None
    if address:
        by_address = recent.filter(kind=K.ADDRESS_LOCKED, address=address).aggregate(at=Max("created_at"))["at"]
    minutes = datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    if by_name and (not by_address or by_name >= by_address):
        return Lock(by_name + minutes, by_address=False)
    if by_address:
        return Lock(by_address + minutes, by_address=True)
    return None


def after_failure(username, address, now=None):
    """Lock the name or the address if the failure just recorded reached a limit. Returns the new Lock."""
    now = now or timezone.now()
    since = _window(now)
    last_login = AccessEvent.objects.filter(kind=K.LOGIN, username__iexact=username, created_at__gt=since).aggregate(
        at=Max("created_at")
    )["at"]
    failures = AccessEvent.objects.filter(kind=K.FAILED, created_at__gt=max(since, last_login or since))
    lock = None
    if username and failures.filter(username__iexact=username).count() >= settings.LOGIN_FAILURE_LIMIT:
        AccessEvent.objects.create(kind=K.LOCKED, username=username, address=address)
        lock = Lock(now + datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES), by_address=False)
    address_failures = AccessEvent.objects.filter(kind=K.FAILED, created_at__gt=since, address=address)
    if address and address_failures.count() >= settings.LOGIN_IP_FAILURE_LIMIT:
        AccessEvent.objects.create(kind=K.ADDRESS_LOCKED, username=username, address=address)
        lock = lock or Lock(now + datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES), by_address=True)
    return lock
