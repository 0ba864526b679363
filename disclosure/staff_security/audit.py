"""The access audit trail: every admin sign-in, sign-out, failed sign-in and idle timeout, as AccessEvent.

Django's signals carry them whichever view signs a user in or out, so nothing here depends on the admin's
templates. What staff change is audited elsewhere: LogEntry (admin saves) and ReportEvent (workflow.py).
"""

import ipaddress

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from disclosure.models import AccessEvent
from disclosure.public.feedback import client_address
from disclosure.staff_security import lockout

K = AccessEvent.Kind


def address_of(request):
    """The client's address (behind the proxy, the one it forwarded), or None when it is not an address."""
    if request is None:
        return None
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def record(kind, request, user=None, username=""):
    agent = request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""
    if user is not None and not username:
        username = user.get_username()
    return AccessEvent.objects.create(
        kind=kind, user=user, username=username[:150], address=address_of(request), user_agent=agent
    )


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    record(K.LOGIN, request, user)


@receiver(user_logged_out)
def logged_out(sender, request, user, **kwargs):
    if user is None:
        return  # nobody was signed in: nothing happened
    # The idle-timeout middleware marks the request, so that the trail says why the session ended.
    kind = K.TIMEOUT if getattr(request, "staff_idle_timeout", False) else K.LOGOUT
    record(kind, request, user)


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))
    record(K.FAILED, request, username=username)
    lockout.after_failure(username, address_of(request))
