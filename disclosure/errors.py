"""Error pages in the site's style. The 500 page renders without the database: it may be what failed."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation

from disclosure import outage


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # A query that failed outside any view (a middleware's) is an outage too: 503, not 500.
    if outage.in_flight():
        return outage.unavailable(request)
    # Simplified Chinese with a line in English whatever the address, and a home link that needs no URL lookup.
    with translation.override(settings.LANGUAGE_CODE):
        context = {"request": request, "html_lang": "zh-Hans", "home_url": "/"}
        return HttpResponseServerError(loader.get_template("500.html").render(context))
