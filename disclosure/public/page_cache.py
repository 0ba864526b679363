"""Public pages cached in the shared cache, and answered with strong ETags and 304s.

A public page is a function of what is public (published revisions, bodies, site settings and pages), of
the address (language prefix, query string) and of the reader's preference cookies. The first is
summed up by one token, the site's *generation*: a random value kept in the shared cache and replaced
whenever something public changes (signals below: publish, withdraw, a correction, site settings, top-bar
links, plain pages, bodies) and when the next scheduled publication falls due, so that a scheduled report
appears on time without anybody touching the site. A page is cached under a key made of the generation,
the address and the preferences: after a change no host can find a stale page, since the old keys are
never asked for again and simply expire. The address is the canonical one only (public_page redirects any
other spelling of it, and a page answers a bad parameter with a 400, never stored) on a host named in
ALLOWED_HOSTS (cache_host), so nothing a visitor appends to an address adds an entry to the cache.

Why a random token and not a counter: if the cache evicts or loses the token, a counter starting again at
1 could meet pages cached under an old 1; a fresh random token never does.

Views opt in with @public_page; PageCacheMiddleware, placed right after WhiteNoise, answers from the cache
and stores what those views produced. Requests of signed-in staff (a session cookie that really is theirs)
are never served from or stored in the cache; responses that set a cookie or use a CSRF token are never stored.
"""

import hashlib
import secrets
from functools import wraps
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db.models import Min
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language_from_path

from disclosure import cached
from disclosure.accessibility import preferences
from disclosure.public.parameters import canonical_query

GENERATION_KEY = "pages:generation"


def store():
    """The cache pages live in, or None when page caching is off or the cache is down."""
    alias = settings.PAGE_CACHE_ALIAS
    if not alias:
        return None
    cache = caches[alias]
    return None if _down(cache) else cache


def _down(cache):
    # portal.cache.DegradingRedisCache knows when Redis has failed; other backends are always up.
    return getattr(cache, "is_down", lambda: False)()


def _next_due():
    """When the next scheduled revision becomes public (a POSIX timestamp), or None."""
    from disclosure.models import Revision

    due = Revision.objects.filter(published_at__gt=timezone.now()).aggregate(due=Min("published_at"))["due"]
    return due.timestamp() if due else None


def generation(cache):
    """The current generation token: one cache read, and one query when it has to be made anew."""
    state = cache.get(GENERATION_KEY)
    if state is None or (state["due"] is not None and timezone.now().timestamp() >= state["due"]):
        state = {"token": secrets.token_hex(8), "due": _next_due()}
        cache.set(GENERATION_KEY, state, None)
    return state["token"]


def invalidate(**kwargs):
    """Start a new generation. Again after the commit: another host may have read the old data meanwhile."""
    cache = store()
    if cache is None:
        return
    cached.forget(GENERATION_KEY, cache)


def cache_host(request):
    """The host a page may be cached for, or None: exactly a name of ALLOWED_HOSTS (not a pattern such as
    `.example.gov.cn`), with no port or the port the server itself listens on. Absolute links in a page (the
    feeds, the open-data guide) carry the host, so a page for any other Host header is made afresh and never
    stored: a random port or subdomain adds no entry and cannot plant its own address in a cached page."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    domain, port = split_domain_port(host)
    if not domain or host != (f"{domain}:{port}" if port else domain):
        return None  # upper case, a trailing dot: a spelling of its own
    if port and port != str(request.META.get("SERVER_PORT", "")):
        return None
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = ["localhost", "127.0.0.1", "[::1]"]  # Django's own default with debug on, without patterns
    return host if domain in {name.lower() for name in allowed} else None


def page_key(request, token, host):
    """The key of a page: generation, scheme, configured host, path and query string, language, preferences.

    Only canonical addresses are ever stored (public_page redirects any other away, and answers a bad value
    with a 400), so the path and query string here take only the values that name a page that exists."""
    prefs = preferences.read(request)
    # The language comes from the path (i18n_patterns); the middleware runs before LocaleMiddleware.
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    parts = [token, request.scheme, host, request.get_full_path(), language]
    parts += [f"{name}={value}" for name, value in sorted(prefs.items())]
    return "pages:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def signed_in_staff(request):
    """Whether the session cookie belongs to a signed-in, active staff member (checked as django.contrib.auth
    checks it, without changing the session). A made-up or expired cookie is no reason to skip the cache."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    session = import_module(settings.SESSION_ENGINE).SessionStore(key)
    user_id, backend_path = session.get(SESSION_KEY), session.get(BACKEND_SESSION_KEY)
    if user_id is None or backend_path not in settings.AUTHENTICATION_BACKENDS:
        return False
    user = load_backend(backend_path).get_user(user_id)
    return bool(
        user is not None
        and user.is_active
        and user.is_staff
        and constant_time_compare(session.get(HASH_SESSION_KEY, ""), user.get_session_auth_hash())
    )


def _bypass(request):
    return request.method not in ("GET", "HEAD") or signed_in_staff(request)


def _storable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _tag(response):
    """Strong ETag (a hash of the bytes) and revalidation on every use."""
    if response.status_code != 200 or response.streaming:
        return response
    set_response_etag(response)
    # The reader's browser may keep the page but must ask again each time (a 304 costs next to nothing);
    # preference cookies change the page, hence Vary: Cookie for any cache on the way.
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ("Cookie",))
    return response


def _answer(request, response):
    """A 304 instead of the page when the reader already has these bytes (If-None-Match)."""
    if not response.has_header("ETag"):
        return response
    return get_conditional_response(request, etag=response["ETag"], response=response)


def public_page(view=None, *, query=()):
    """Mark a view's pages as public: strong ETag, and cached by PageCacheMiddleware under the site's
    generation. Add it to any view that reads only what is public (Revision.objects.public(), bodies, site
    settings, pages) and the request's address; `query` names the parameters it reads, in their canonical
    order. Any other address of the page (another parameter such as ?utm=, one repeated or empty, another
    order or spelling, /reports/02024/… for /reports/2024/…) is redirected to the canonical one, so that
    the cache holds one entry per page, whatever is appended to its address."""
    if view is None:
        return lambda view: public_page(view, query=query)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        canonical = _canonical_address(request, query)
        if canonical is not None:
            return HttpResponsePermanentRedirect(canonical)
        response = _tag(_render(view(request, *args, **kwargs)))
        if response.status_code == 200 and not response.streaming:
            response.public_page = True
        if not hasattr(request, "page_cache"):  # without the middleware: ETag and 304 all the same
            return _answer(request, response)
        return response

    return wrapper


def _canonical_address(request, names):
    """The canonical address of this request's page, when the request came by another; None otherwise."""
    match = request.resolver_match
    path = reverse(match.view_name, args=match.args, kwargs=match.kwargs) if match else request.path
    query = canonical_query(request, names)
    if path == request.path and query == request.META.get("QUERY_STRING", ""):
        return None
    return f"{path}?{query}" if query else path


class PageCacheMiddleware:
    """Serve public pages from the shared cache before the rest of the stack runs, and store them.

    It sits right after WhiteNoise: a cached page skips sessions, locale, CSRF, authentication and URL
    resolution, and costs two cache reads (generation, page). It stores only responses that a
    @public_page view produced, after every inner middleware has added its headers, so a cached answer is
    byte for byte what the stack would have sent.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = cache_host(request)
        cache = None if host is None or _bypass(request) else store()
        key = None
        if cache is not None:
            key = page_key(request, generation(cache), host)
            snapshot = cache.get(key)
            if _down(cache):  # it failed just now: this answer, too, comes without the cache
                cache = key = None
            elif snapshot is not None:
                return _answer(request, _from_snapshot(snapshot))
        request.page_cache = key
        response = self.get_response(request)
        if not getattr(response, "public_page", False):
            return response
        if key is not None and _storable(request, response):
            cache.set(key, _snapshot(response), settings.PAGE_CACHE_SECONDS)
            if not _down(cache):
                response["X-Page-Cache"] = "miss"
        return _answer(request, response)


def _snapshot(response):
    return {"content": response.content, "headers": list(response.items())}


def _from_snapshot(snapshot):
    response = HttpResponse(snapshot["content"])
    for name, value in snapshot["headers"]:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def _render(response):
    if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
        response.render()
    return response


def connect():
    """Everything whose change alters a public page starts a new generation (called from apps.ready)."""
    from disclosure.models import Body, Link, Page, Report, Revision, SiteSettings, Withdrawal

    for model in (Revision, Withdrawal, Report, Body, SiteSettings, Link, Page):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")
