"""Reader preferences (字体 大/中/小, 无障碍浏览 and its colour scheme), kept in cookies.

The server renders them as classes on <html>, so a page never flashes in the wrong size or colours,
and every control works as a plain link when scripts are off; a small script only saves the reload.
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

COOKIE_AGE = 365 * 24 * 3600
CHOICES = {
    "size": ("medium", "large", "small"),  # the first value is the default
    "a11y": ("off", "on"),
    "scheme": ("default", "yellow-on-black", "white-on-black", "black-on-white"),
}


def read(request):
    prefs = {}
    for name, values in CHOICES.items():
        value = request.COOKIES.get(f"pref_{name}")
        prefs[name] = value if value in values else values[0]
    return prefs


def html_classes(prefs):
    classes = [f"text-{prefs['size']}"]
    if prefs["a11y"] == "on":
        classes += ["a11y", f"scheme-{prefs['scheme']}"]
    return " ".join(classes)


def link(name, value, next_url):
    return f"{reverse('disclosure:preference')}?{urlencode({name: value, 'next': next_url})}"


def set_preference(request):
    """GET /preferences/?size=large&next=/reports/…: remember the choice, go back to the page."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response["Cache-Control"] = "no-store"
    for name, values in CHOICES.items():
        if "reset" in request.GET:
            response.delete_cookie(f"pref_{name}")
        elif request.GET.get(name) in values:
            response.set_cookie(f"pref_{name}", request.GET[name], max_age=COOKIE_AGE, samesite="Lax")
    return response
