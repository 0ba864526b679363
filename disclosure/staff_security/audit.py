"""The access audit trail: every admin sign-in, sign-out, failed sign-in and idle timeout, as AccessEvent.

Django's signals carry them whichever view signs a user in or out, so nothing here depends on the admin's
templates. What staff change is audited elsewhere: LogEntry (admin saves) and ReportEvent (workflow.py).
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from disclosure.models import AccessEvent
from disclosure.staff_security import client_address, lockout

K = AccessEvent.Kind

# The client's address (behind trusted proxies, the one they forwarded), or None: one helper for all.
address_of = client_address.address_of


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
    outcome, guess = lockout.outcome_of_failure() or (None, None)
    if outcome == "refused":
        # The lockout backend refused it before the password was checked: a refusal, not a failure.
        record(K.REFUSED, request, username=username)
        return
    record(K.FAILED, request, username=username)
    if guess is not None:
        lockout.after_failure(guess)
