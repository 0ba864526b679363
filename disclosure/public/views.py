"""Public pages. Each reads published revisions through Revision.objects.public() and nothing else."""

from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.json import KeyTransform
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from disclosure.models import Page, Report, Revision
from disclosure.models.revisions import public_state, with_public_state
from disclosure.public import (
    hierarchy,
    listing,
    parameters,
    rendered_bodies,
    report_page,
    search_backends,
    sitemaps,
)
from disclosure.public import search as search_module
from disclosure.public.forms import AreaColumnFilterForm, ColumnFilterForm
from disclosure.public.page_cache import public_page
from disclosure.public.pagination import ListPaginator
from disclosure.public.report_page import pick, report_view
from disclosure.publishing import document, workflow
from disclosure.publishing.document import texts
from disclosure.publishing.workflow import is_member


def _listed(revisions):
    """Revisions as lists need them: titles from their own columns and the body's name as published (from the
    document), but never the whole document, which would make a column page parse ten entire reports."""
    body_names = KeyTransform("name", KeyTransform("body", "document"))
    return revisions.select_related("body").defer("document").annotate(body_names=body_names)


def _listing(revisions):
    """Title and body name of each revision, in the page's language or marked as the Chinese source."""
    lang = get_language()
    return [
        {"revision": r, "title": pick(texts(r, "title"), lang), "body": pick(r.body_names, lang)} for r in revisions
    ]


@public_page
def home(request):
    public = Revision.objects.public()
    latest = _listed(public).order_by("-published_at")[:6]
    if hierarchy.is_large():
        # A province's thousands of bodies: its governments, each linking to its own part of the column.
        context = {"governments": hierarchy.governments()}
    else:
        context = {"bodies": hierarchy.public_bodies()}
    return render(request, "disclosure/home.html", {"latest": _listing(latest), **context})


@public_page(query=("year", "area", "body", "page"))
def column(request):
    years = listing.public_years()
    if hierarchy.is_large():
        form = AreaColumnFilterForm(request.GET or None, years, hierarchy.governments())
    else:
        form = ColumnFilterForm(request.GET or None, years, hierarchy.public_bodies())
    revisions = sitemaps.public_reports()
    # Whole years (no body or area chosen) are read body by body along the index (listing.ByBody).
    whole_years = years
    if form.is_valid():
        if form.cleaned_data["year"]:
            revisions = revisions.filter(year=form.cleaned_data["year"])
            whole_years = [form.cleaned_data["year"]]
        if form.cleaned_data.get("body"):
            revisions = revisions.filter(body__slug=form.cleaned_data["body"])
            whole_years = None
        elif getattr(form, "chosen_area", None) is not None:
            revisions = revisions.filter(hierarchy.in_area(form.chosen_area))
            whole_years = None
    elif form.is_bound:
        revisions, whole_years = revisions.none(), None
    try:
        rows = listing.rows(revisions, _listed, whole_years)
        paginator = ListPaginator(rows, settings.REPORTS_PER_PAGE, settings.COLUMN_COUNT_LIMIT, counted=revisions)
        page = parameters.page_number(request, paginator)
    except parameters.BadParameter as error:
        return parameters.bad_request(request, error)
    query = request.GET.copy()
    query.pop("page", None)
    # A year or body that is not published: the form says so, with a 400 that the page cache never stores.
    return render(
        request,
        "disclosure/column.html",
        status=400 if form.is_bound and not form.is_valid() else 200,
        context={
            "form": form,
            "page": page,
            "page_numbers": paginator.elided_pages(page.number),
            "reports": _listing(page.object_list),
            "query": query.urlencode(),
        },
    )


@public_page
def report(request, year, body):
    # The body comes from its stored rendering: the document itself is read only to render it the first time.
    revision = report_page.without_document(Revision.objects.all()).public_report(year, body)
    if revision is None:
        return withdrawn(request, year, body)
    lang = get_language()
    history = []
    if revision.number > 1:
        history = report_page.history(Revision.objects.history(revision.report_id).defer("document"), lang, revision.pk)
    heading_document = report_page.heading_document(revision)
    context = {"revision": revision, "report": report_page.heading(heading_document, lang), "history": history}
    if heading_document.get("tables"):
        context["tables_csv_url"] = reverse("disclosure:report_tables_csv", args=[year, body])
    body_html, trend_html = rendered_bodies.parts(revision, lang, context.get("tables_csv_url"))
    context.update(report_body=body_html, trend_section=trend_html)
    return render(request, "disclosure/report.html", context)


def withdrawn(request, year, body):
    """A withdrawn report's address says that it was withdrawn, when and why (410), instead of vanishing: from
    the withdrawal record and the revision it took down, never the working copy (edited since, perhaps)."""
    withdrawal = Revision.objects.withdrawn_report(year, body)
    if withdrawal is None:
        raise Http404("没有这份已发布的年报")
    lang = get_language()
    title, reason = pick(texts(withdrawal.revision, "title"), lang), pick(texts(withdrawal, "reason"), lang)
    context = {"title": title, "reason": reason, "withdrawal": withdrawal}
    return render(request, "disclosure/withdrawn.html", context, status=410)


@never_cache
def preview(request, report_id):
    """Staff see the working copy through the public template, marked 预览; anyone else gets a 404.

    The banner says where the working copy stands (workflow.describe), and 修订记录 shows what it would be once
    published: a correction in progress as the next revision, with the change note proposed for it."""
    user = request.user
    report = with_public_state(Report.objects.filter(pk=report_id).select_related("body")).first()
    if report is None or not (user.is_authenticated and user.is_staff and is_member(user, report.body)):
        raise Http404("没有这份已发布的年报")
    lang = get_language()
    public = public_state(report)
    state = workflow.editorial_state(report, public)
    in_step = state in (Report.Status.PUBLISHED, workflow.SCHEDULED)
    revisions = list(report.revisions.order_by("number").defer("document"))
    history = report_page.history(revisions, lang, revisions[-1].pk if revisions and in_step else None)
    if revisions and not in_step:
        history.append(
            report_page.HistoryEntry(revisions[-1].number + 1, None, pick(texts(report, "change_note"), lang), True)
        )
    if state == workflow.SCHEDULED:
        banner = "scheduled"
    elif in_step:
        banner = "live" if public.is_live else "withdrawn"
    else:
        banner = "unpublished"
    context = {
        "report": report_view(document.build(report), lang),
        "preview": report,
        "preview_banner": banner,
        # Staff's words, in Simplified on every page (marked as such on the others), as the admin shows them.
        "preview_state": pick(workflow.describe(report, public), lang),
        "history": history if len(history) > 1 else [],
    }
    response = render(request, "disclosure/report.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@public_page
def page(request, slug):
    page = get_object_or_404(Page, slug=slug)
    lang = get_language()
    title, body = pick(texts(page, "title"), lang), pick(texts(page, "body"), lang)
    return render(request, "disclosure/page.html", {"page": page, "title": title, "body": body})


def search(request):
    """站内搜索 across published reports in the page's language: the database matches and ranks (search_backends.py)."""
    lang = get_language()
    query = request.GET.get("q", "")
    terms, truncated = search_module.parse(query)
    limit = search_module.MAX_QUERY_LENGTH
    context = {"query": query[:limit], "terms": terms, "truncated": truncated, "max_length": limit}
    if terms:
        found = search_backends.matching(terms, lang)
        try:
            results = ListPaginator(found, settings.REPORTS_PER_PAGE, settings.SEARCH_RESULTS_LIMIT)
            page = parameters.page_number(request, results)
        except parameters.BadParameter as error:
            return parameters.bad_request(request, error)
        context.update(
            page=page,
            page_numbers=results.elided_pages(page.number),
            hits=search_backends.hits(page.object_list, terms),
            page_query=f"q={quote(query[:limit])}",
        )
    return render(request, "disclosure/search.html", context)
