"""Hand-written, not django-axes: axes counts a failure after the password check (its issue 592, won't fix).

Admin sign-in throttling: too many failed attempts lock a user name, or an address, for a while. Every
password check first takes a guess (take_guess), in one atomic statement on a counter row per user name and
per address (SignInGuesses) in the shared database, so every worker and host sees the same count and no more
than LOGIN_FAILURE_LIMIT guesses at a name, or LOGIN_IP_FAILURE_LIMIT from an address, are ever checked in
a window, however many requests arrive at once. The window is LOGIN_LOCKOUT_MINUTES from the first guess;
the failure that uses up the last guess locks the name or address for LOGIN_LOCKOUT_MINUTES from then. A
successful sign-in forgives the name's failures and gives the address back the guess it took (only failures
count against an office that shares one address behind its NAT), unless other guesses are being checked at
that moment. The backend here is the only one (settings.py).
The access log (AccessEvent) gets the locks from here, the failures and refusals from audit.py.
"""

import contextvars
import datetime
from dataclasses import dataclass

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import connections, router
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosure.models import AccessEvent
from disclosure.models.access import SignInGuesses
from disclosure.staff_security.client_address import address_of

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


@dataclass(frozen=True)
class Counter:
    key: str
    limit: int
    by_address: bool


@dataclass(frozen=True)
class Guess:
    """The guesses one sign-in took: what after_failure or succeeded settles once the password is checked."""

    username: str
    address: str | None
    counters: tuple


def _window():
    return datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def _counters(username, address):
    counters = []
    if username:
        counters.append(Counter("name:" + username.lower()[:150], settings.LOGIN_FAILURE_LIMIT, False))
    if address:
        counters.append(Counter("address:" + address, settings.LOGIN_IP_FAILURE_LIMIT, True))
    return counters


def _take(counter, now):
    """Take one guess from the counter (a new window if it has run out): True, or False when none is left."""
    return take(counter.key, counter.limit, _window(), now)


def take(key, limit, window, now):
    """Count one try under `key`, at most `limit` per `window`: True, or False when the window's are used up.

    Also the public forms' rate limit (applications/throttle.py). One INSERT … ON CONFLICT DO UPDATE …
    RETURNING (PostgreSQL; SQLite 3.35+): atomic on both databases, so requests arriving together each get a
    different count and those beyond the limit none.
    """
    connection = connections[router.db_for_write(SignInGuesses)]
    qn = connection.ops.quote_name
    table, key_column, count, failures, expires, locked = (
        qn(name) for name in (SignInGuesses._meta.db_table, "key", "count", "failures", "expires", "locked")
    )
    start = connection.ops.adapt_datetimefield_value(now)
    end = connection.ops.adapt_datetimefield_value(now + window)
    ended = f"{table}.{expires} <= %s"  # the window has run out: this guess starts a new one
    sql = (
        f"INSERT INTO {table} ({key_column}, {count}, {failures}, {expires}, {locked}) VALUES (%s, 1, 0, %s, %s) "
        f"ON CONFLICT ({key_column}) DO UPDATE SET "
        f"{count} = CASE WHEN {ended} THEN 1 ELSE {table}.{count} + 1 END, "
        f"{failures} = CASE WHEN {ended} THEN 0 ELSE {table}.{failures} END, "
        f"{locked} = CASE WHEN {ended} THEN %s ELSE {table}.{locked} END, "
        f"{expires} = CASE WHEN {ended} THEN %s ELSE {table}.{expires} END "
        f"WHERE {ended} OR {table}.{count} < %s "
        f"RETURNING {count}"
    )
    params = [key, end, False, start, start, start, False, start, end, start, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is not None and row[0] == 1:
        # A new window: the time to forget the counters whose windows ended long ago.
        SignInGuesses.objects.filter(expires__lt=now - window).delete()
    return row is not None


def _give_back(counter):
    """Return a guess taken but never checked (the address had none left)."""
    SignInGuesses.objects.filter(key=counter.key, count__gt=0).update(count=F("count") - 1)


def take_guess(username, address, now=None):
    """Take a guess at `username`'s password from `address`, before it is checked.

    Returns (Guess, None), or (None, Lock) when the name or the address has no guess left in its window.
    """
    now = now or timezone.now()
    taken = []
    for counter in _counters(username, address):
        if not _take(counter, now):
            for earlier in taken:
                _give_back(earlier)
            until = SignInGuesses.objects.filter(key=counter.key).values_list("expires", flat=True).first()
            return None, Lock(until or now + _window(), counter.by_address)
        taken.append(counter)
    return Guess(username, address, tuple(taken)), None


def current_lock(username, address, now=None):
    """The lock that refuses a sign-in as `username` from `address` now, or None.

    A name or address is refused while its guesses are used up: by failures, or by checks still under way.
    """
    now = now or timezone.now()
    counters = _counters(username, address)
    rows = {row.key: row for row in SignInGuesses.objects.filter(key__in=[c.key for c in counters], expires__gt=now)}
    for counter in counters:
        row = rows.get(counter.key)
        if row is not None and row.count >= counter.limit:
            return Lock(row.expires, counter.by_address)
    return None


def after_failure(guess, now=None):
    """The guess was wrong: lock what it used up the last guess of (once). Returns the new Lock, or None."""
    now = now or timezone.now()
    lock = None
    for counter in guess.counters:
        SignInGuesses.objects.filter(key=counter.key).update(failures=F("failures") + 1)
        locked = SignInGuesses.objects.filter(
            key=counter.key, locked=False, failures__gte=counter.limit, expires__gt=now
        ).update(locked=True, expires=now + _window())
        if locked:
            kind = K.ADDRESS_LOCKED if counter.by_address else K.LOCKED
            AccessEvent.objects.create(kind=kind, username=guess.username[:150], address=guess.address)
            lock = lock or Lock(now + _window(), counter.by_address)
    return lock


def succeeded(guess):
    """The password was right: the name's failures are forgiven, and the address gets back the guess this took.

    Only when no other guess is being checked at the same time (all but this one have failed): a success in a
    burst of guesses gives none back, so that however they are timed no more than the limit are checked.
    """
    for counter in guess.counters:
        alone = SignInGuesses.objects.filter(key=counter.key, count=F("failures") + 1)
        if counter.by_address:
            alone.update(count=F("count") - 1)
        else:
            alone.update(count=0, failures=0, locked=False)


# What the backend learnt, for audit.login_failed: Django sends user_login_failed in the same thread, right
# after the backend returns or refuses. ("refused", None): locked, the password was not checked (recorded as
# a refusal, not a failure); ("failed", Guess): checked and wrong.
_outcome = contextvars.ContextVar("sign_in_outcome", default=None)


def outcome_of_failure():
    outcome = _outcome.get()
    _outcome.set(None)
    return outcome


class LockoutBackend(ModelBackend):
    """Django's model backend, taking a guess before the password is checked and settling it after."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        name = username if username is not None else kwargs.get(get_user_model().USERNAME_FIELD)
        if name is None or password is None:
            return None
        name = str(name)
        guess, lock = take_guess(name, address_of(request))
        if lock is not None:
            _outcome.set(("refused", None))
            raise PermissionDenied(lock.message)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            _outcome.set(("failed", guess))
        else:
            succeeded(guess)
        return user

    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        return await sync_to_async(self.authenticate)(request, username=username, password=password, **kwargs)
