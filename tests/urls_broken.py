"""The site's URLs plus one view that fails, to see the 500 page a visitor would get."""

from django.urls import path

from portal.urls import handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as site_patterns


def broken(request):
    raise RuntimeError("a fault the visitor must not see")


urlpatterns = [path("broken/", broken), *site_patterns]
