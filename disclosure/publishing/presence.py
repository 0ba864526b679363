"""Who else has a report's change form open: one entry per open page (a tab), kept in the cache by a heartbeat.

Presence is a hint, not a record: it lives in the cache (Redis in production, shared by every worker; each
process's memory without CACHE_URL, which only `make run`'s single process uses), never in the database. Each
open change form is a "tab" of its own, with a random id handed out when the page is drawn, so that the same
person in two tabs is two entries (and is told so). A tab beats every PRESENCE_HEARTBEAT_SECONDS; an entry not
renewed for EXPIRY_BEATS beats is gone, so a closed tab (or a laptop put to sleep) disappears within about a
minute even when its goodbye (`leave`) never arrived.

Two beats at the same moment may each write the list without the other's entry (read, change, write): the
lost entry comes back at its next beat, which a hint can afford, and it saves a lock per beat.
"""

import re
import secrets
import time

from django.conf import settings
from django.core.cache import cache

# Missed beats forgiven before an entry counts as gone: a slow network or a busy server may delay one or two.
EXPIRY_BEATS = 3
EXPIRY_FLOOR = 10  # seconds
TAB_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,40}$")


def heartbeat_seconds():
    return settings.PRESENCE_HEARTBEAT_SECONDS


def expiry_seconds():
    # Never under EXPIRY_FLOOR: a heartbeat shortened for tests must not let entries lapse between two slow requests.
    return max(heartbeat_seconds() * EXPIRY_BEATS, EXPIRY_FLOOR)


def new_tab():
    return secrets.token_urlsafe(12)


def _key(report_id):
    return f"presence:report:{report_id}"


def _alive(entries, now):
    return {tab: entry for tab, entry in entries.items() if now - entry["seen"] <= expiry_seconds()}


def beat(report_id, tab, user, now=None):
    """`tab` of `user` has the report open; returns the other tabs' entries (see `others`)."""
    now = time.time() if now is None else now
    entries = _alive(cache.get(_key(report_id)) or {}, now)
    mine = entries.get(tab)
    if mine and (mine["user"] != user.pk or mine.get("left")):
        return _others(entries, tab, user)  # somebody else's tab id, or a page already left: nothing to renew
    name = user.get_full_name() or user.username
    entries[tab] = {"user": user.pk, "name": name, "since": mine["since"] if mine else now, "seen": now}
    cache.set(_key(report_id), entries, expiry_seconds())
    return _others(entries, tab, user)


def leave(report_id, tab, user, now=None):
    """The page was closed or left: its entry goes at once instead of at its expiry. A mark stays in its place
    until then, so that a beat already on its way when the page was left does not bring it back."""
    now = time.time() if now is None else now
    entries = cache.get(_key(report_id)) or {}
    if entries.get(tab, {}).get("user") in (None, user.pk):
        entries[tab] = {"user": user.pk, "left": True, "seen": now}
        cache.set(_key(report_id), entries, expiry_seconds())


def others(report_id, tab, user, now=None):
    """[{name, since, self}] of every other open tab, oldest first; `self` marks the same user elsewhere."""
    now = time.time() if now is None else now
    return _others(_alive(cache.get(_key(report_id)) or {}, now), tab, user)


def _others(entries, tab, user):
    rows = [
        {"name": entry["name"], "since": entry["since"], "self": entry["user"] == user.pk}
        for key, entry in entries.items()
        if key != tab and not entry.get("left")
    ]
    return sorted(rows, key=lambda row: row["since"])
