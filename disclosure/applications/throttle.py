"""Rate limits of the public 依申请公开 pages: so many tries per client address per hour, in the database.

The form and the status page are open to anyone; without a limit the status page would let a script try
tracking codes and phone numbers at will. The count is kept in the shared database (not the cache, which may
be one process's memory or down), in the counter table the sign-in lockout uses (SignInGuesses, keys
"apply:…" / "status:…" beside its "name:…" / "address:…"), taken by one atomic statement as there, so
requests arriving together cannot all slip under the limit. The address is stored only as a keyed digest.
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import connections, router
from django.utils import timezone

from disclosure.models.access import SignInGuesses
from disclosure.staff_security.client_address import client_address

WINDOW = datetime.timedelta(hours=1)


def _key(kind, request):
    digest = hmac.new(settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256).hexdigest()
    return f"{kind}:{digest}"


def take(kind, request, limit, now=None):
    """Count one try of `kind` from the request's address: True, or False when its hour's tries are used up."""
    now = now or timezone.now()
    connection = connections[router.db_for_write(SignInGuesses)]
    qn = connection.ops.quote_name
    table, key, count, failures, expires, locked = (
        qn(name) for name in (SignInGuesses._meta.db_table, "key", "count", "failures", "expires", "locked")
    )
    start = connection.ops.adapt_datetimefield_value(now)
    end = connection.ops.adapt_datetimefield_value(now + WINDOW)
    ended = f"{table}.{expires} <= %s"
    sql = (
        f"INSERT INTO {table} ({key}, {count}, {failures}, {expires}, {locked}) VALUES (%s, 1, 0, %s, %s) "
        f"ON CONFLICT ({key}) DO UPDATE SET "
        f"{count} = CASE WHEN {ended} THEN 1 ELSE {table}.{count} + 1 END, "
        f"{expires} = CASE WHEN {ended} THEN %s ELSE {table}.{expires} END "
        f"WHERE {ended} OR {table}.{count} < %s "
        f"RETURNING {count}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_key(kind, request), end, False, start, start, end, start, limit])
        row = cursor.fetchone()
    return row is not None
