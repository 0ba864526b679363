"""The open-data API (/api/v1/): published reports as JSON, for anyone, from any origin.

Read-only and public by design, so CORS is open and there is no session, CSRF or language prefix: the
answer is the same for every reader (the documents carry every language). Each answer has a strong
ETag and a Last-Modified date, so aggregation platforms that poll every night fetch only what changed.
Everything starts from Revision.objects.public(): drafts, reports scheduled for later and withdrawn
reports are never listed and never returned.
"""

import hashlib
import json
import re

from django.conf import settings
from django.db.models import Max
from django.db.models.fields.json import KeyTransform
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.crypto import salted_hmac
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

from disclosure.models import Body, Revision, Withdrawal
from disclosure.opendata import schema
from disclosure.public import listing, parameters, sitemaps
from disclosure.public.pagination import ListPaginator
from disclosure.publishing.document import texts

DEFAULT_PER_PAGE, MAX_PER_PAGE = 20, 100
PARAMETERS = ("year", "body", "page", "per_page")
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
READ_METHODS = ("GET", "HEAD", "OPTIONS")
MAX_AGE = 300  # a correction or a withdrawal reaches pollers within five minutes


class BadParameter(Exception):
    def __init__(self, parameter, zh, en):
        super().__init__(en)
        self.parameter, self.zh, self.en = parameter, zh, en


def _bytes(data):
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json(data, status=200):
    return HttpResponse(_bytes(data), status=status, content_type="application/json; charset=utf-8")


def document_bytes(revision):
    """The published document as the API serves it (and the JSON download saves it)."""
    return _bytes(revision.document)


def _error(status, code, zh, en, **extra):
    # Both languages in every error: the API has no language prefix, and its users read either.
    return _json({"error": {"code": code, "message": {"zh-hans": zh, "en": en}, **extra}}, status)


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    response["Access-Control-Max-Age"] = "86400"
    return response


def read_only(view):
    """GET and HEAD answered by `view`, OPTIONS by a CORS preflight, anything else by a 405 in JSON."""

    @csrf_exempt
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        elif request.method not in ("GET", "HEAD"):
            response = _error(
                405,
                "method_not_allowed",
                f"开放数据接口只读，不接受{request.method}请求；请使用GET。",
                f"The open-data API is read-only and does not accept {request.method}; use GET.",
            )
        else:
            response = view(request, *args, **kwargs)
        response["Allow"] = ", ".join(READ_METHODS)
        return _cors(response)

    return wrapped


# Not ConditionalGetMiddleware: that one skips HEAD and sets no Last-Modified or lifetime, which pollers use.
def _conditional(request, response, etag, last_modified):
    """Sets the validators and turns `response` into a 304 (which keeps them) when the reader's copy is current."""
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)


def _integer(request, name, low, high):
    try:
        return parameters.whole_number(request.GET.get(name), name, low, high)
    except parameters.BadParameter:
        raw = request.GET[name][:20]  # a 5,000-digit value is not repeated back in full
        raise BadParameter(
            name,
            f"参数{name}应为{low}至{high}之间的整数，而不是“{raw}”。",
            f"The parameter {name} must be a whole number from {low} to {high}, not '{raw}'.",
        ) from None


def _filters(request):
    unknown = sorted(set(request.GET) - set(PARAMETERS))
    if unknown:
        # A misspelt filter (yaer=2024) would otherwise silently return every report.
        raise BadParameter(
            unknown[0],
            f"不支持参数{unknown[0]}；可用的参数为：{'、'.join(PARAMETERS)}。",
            f"Unknown parameter {unknown[0]}; the parameters are: {', '.join(PARAMETERS)}.",
        )
    for name in PARAMETERS:
        if len(request.GET.getlist(name)) > 1:
            raise BadParameter(name, f"参数{name}只能给出一次。", f"The parameter {name} may be given only once.")
    filters = {
        "year": _integer(request, "year", 1900, 9999),
        "page": _integer(request, "page", 1, 10**6) or 1,
        "per_page": _integer(request, "per_page", 1, MAX_PER_PAGE) or DEFAULT_PER_PAGE,
        "body": None,
    }
    slug = request.GET.get("body")
    if slug is not None:
        if not SLUG.match(slug) or not Body.objects.filter(slug=slug).exists():
            raise BadParameter(
                "body",
                f"没有网址标识为“{slug}”的发布机构；各机构的标识见列表中的body.slug。",
                f"There is no issuing body with the slug '{slug}'; each report's body.slug in the list gives one.",
            )
        filters["body"] = slug
    return filters


def _absolute(request, url):
    return request.build_absolute_uri(url)


# What a list item reads of each document, as columns of the query: a page of 100 reports would otherwise load
# and parse 100 whole documents for four small values each.
LISTED_KEYS = ("body", "title", "format")


def listed(revisions):
    return revisions.defer("document").annotate(**{f"doc_{key}": KeyTransform(key, "document") for key in LISTED_KEYS})


def item(request, revision):
    """One report in the list (read through `listed`): what a catalogue needs without opening the document."""
    document = {key: getattr(revision, f"doc_{key}") for key in LISTED_KEYS}
    args = [revision.year, revision.body.slug]
    return {
        "year": revision.year,
        "body": {"slug": revision.body.slug, "name": document["body"]["name"], "kind": document["body"]["kind"]},
        "title": document["title"],
        "format": document["format"],
        "published_on": revision.published_on.isoformat(),
        "revision": revision.number,
        "last_modified": revision.published_at.isoformat(),
        "links": {
            "document": _absolute(request, reverse("api:report", args=args)),
            "html": _absolute(request, revision.get_absolute_url()),
            # Word and PDF in Simplified Chinese; /zh-hant/ or /en/ before the path gives the other languages.
            "docx": _absolute(request, reverse("disclosure:download", args=[*args, "docx"])),
            "pdf": _absolute(request, reverse("disclosure:download", args=[*args, "pdf"])),
        },
    }


def items(request, revisions):
    # The links are the same for every caller: never let the caller's Accept-Language pick their prefix.
    with translation.override(settings.LANGUAGE_CODE):
        return [item(request, revision) for revision in revisions]


def _page_url(request, page_number):
    query = request.GET.copy()
    query["page"] = page_number
    return _absolute(request, f"{request.path}?{query.urlencode()}")


def _list_last_modified(revisions):
    """The list changes when a revision becomes public or a report is withdrawn."""
    published = sitemaps.latest_publication(revisions)
    withdrawn = Withdrawal.objects.aggregate(latest=Max("withdrawn_at"))["latest"]
    return max(filter(None, [published, withdrawn]), default=None)


@read_only
def reports(request):
    try:
        filters = _filters(request)
    except BadParameter as error:
        return _error(400, "invalid_parameter", error.zh, error.en, parameter=error.parameter)
    revisions = sitemaps.public_reports()
    if filters["year"] is not None:
        revisions = revisions.filter(year=filters["year"])
    if filters["body"] is not None:
        revisions = revisions.filter(body__slug=filters["body"])
    # A page's rows in the list's order without sorting the whole list: every body's reports of the years asked
    # for are walked body by body (listing.ByBody), one body's by their keys (listing.Keyed); then those rows with
    # their few fields of the document. The count is the list's own.
    years = None
    if filters["body"] is None:
        years = [filters["year"]] if filters["year"] is not None else listing.public_years()
    rows = listing.rows(revisions, lambda page: listed(page.select_related("body")), years)
    paginator = ListPaginator(rows, filters["per_page"], counted=revisions)
    number = filters["page"]
    if number > max(paginator.num_pages, 1):
        return _error(
            400,
            "invalid_parameter",
            f"参数page超出范围：共{paginator.num_pages}页。",
            f"The parameter page is out of range: there are {paginator.num_pages} pages.",
            parameter="page",
        )
    page = paginator.page(number)
    data = {
        "count": paginator.count,
        "page": number,
        "per_page": filters["per_page"],
        "pages": paginator.num_pages,
        "next": _page_url(request, number + 1) if page.has_next() else None,
        "previous": _page_url(request, number - 1) if page.has_previous() else None,
        "results": items(request, page.object_list),
    }
    response = _json(data)
    # The body itself is the list's identity: any change to what is listed changes the tag.
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    return _conditional(request, response, etag, _list_last_modified(Revision.objects.public()))


def revision_etag(revision):
    """Strong: a revision is immutable, so its id and number name its bytes exactly. A keyed digest of them,
    so that the tag does not tell how many revisions the site holds."""
    digest = salted_hmac("disclosure.opendata.revision_etag", f"{revision.pk}-{revision.number}").hexdigest()
    return f'"{digest[:32]}"'


@read_only
def report(request, year, body):
    revision = Revision.objects.public_report(year, body)
    if revision is None:
        withdrawn = Revision.objects.withdrawn_report(year, body)
        if withdrawn is not None:
            # 410, not 404: a platform that copied the report learns that it must take its copy down, and why.
            return _error(
                410,
                "withdrawn",
                f"{body}的{year}年度年报已撤回。",
                f"The {year} report of {body} has been withdrawn.",
                withdrawn_at=withdrawn.withdrawn_at.isoformat(),
                reason=texts(withdrawn, "reason"),
            )
        return _error(
            404,
            "not_found",
            f"没有{body}的{year}年度已发布年报。",
            f"There is no published {year} report of {body}.",
        )
    return _conditional(request, _json(revision.document), revision_etag(revision), revision.published_at)


@read_only
def schema_document(request):
    """The JSON Schema of disclosure-report/1 (opendata/schema.py), read-only and CORS-open like the rest."""
    text = json.dumps(schema.schema(), ensure_ascii=False, indent=2)
    return HttpResponse(text, content_type="application/schema+json; charset=utf-8")
