"""Rate limits of the public 依申请公开 pages: so many tries per client address per hour, in the database.

The form and the status page are open to anyone; without a limit the status page would let a script try
tracking codes and phone numbers at will. The count is kept in the shared database (not the cache, which may
be one process's memory or down), in the counter table the sign-in lockout uses (SignInGuesses, keys
"apply:…" / "status:…" beside its "name:…" / "address:…"), taken by its one atomic statement (lockout.take),
so requests arriving together cannot all slip under the limit. The address is stored only as a keyed digest.
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from disclosure.staff_security import lockout
from disclosure.staff_security.client_address import client_address

WINDOW = datetime.timedelta(hours=1)


def _key(kind, request):
    digest = hmac.new(settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256).hexdigest()
    return f"{kind}:{digest}"


def take(kind, request, limit, now=None):
    """Count one try of `kind` from the request's address: True, or False when its hour's tries are used up."""
    return lockout.take(_key(kind, request), limit, WINDOW, now or timezone.now())
