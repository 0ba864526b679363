"""The database unreachable: the public gets a styled 503 with Retry-After, not a 500 with a stack.

DatabaseOutageMiddleware answers for a view (or its template) that could not reach the database;
errors.server_error answers the same for a query that failed outside a view, in another middleware. The page
is rendered without a query (no context processors), in the language the URL chose. Nothing needs
resetting afterwards: Django drops a connection that failed when the request ends, so the first request
after the database returns opens a fresh one and the site recovers by itself.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

from disclosure.languages.declared import HTML_LANG

logger = logging.getLogger(__name__)

# Could not connect, connection lost, server shutting down. Not ProgrammingError or IntegrityError: those
# are faults of the code or the data, and stay 500s.
OUTAGE = (OperationalError, InterfaceError)


def is_locked(exception):
    """SQLite's "database is locked" (or "database table is locked"): another save held the database longer than
    the busy timeout. The database is there; the admin's forms say "try again" with the input kept."""
    return isinstance(exception, OperationalError) and "is locked" in str(exception)


def is_outage(exception):
    return isinstance(exception, OUTAGE) and not is_locked(exception)


def in_flight():
    """Whether the exception being handled right now (in handler500) is a database outage."""
    return is_outage(sys.exc_info()[1])


def unavailable(request, exception=None):
    logger.warning("Database unavailable, answering 503 for %s: %s", request.path, exception or sys.exc_info()[1])
    lang = get_language() or settings.LANGUAGE_CODE
    context = {"request": request, "html_lang": HTML_LANG.get(lang, lang), "home_url": reverse("disclosure:home")}
    html = loader.get_template("503.html").render(context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
    add_never_cache_headers(response)  # no proxy or browser may keep the outage once the site is back
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return unavailable(request, exception) if is_outage(exception) else None
