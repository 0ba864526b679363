"""网站地图 (HTML): every public page within a few clicks, however many reports the site holds.

A city's site lists its reports by year on the one page, as it always did. Past SITE_MAP_REPORTS_PER_PAGE
reports, the page lists the years with their counts; a year's page lists its reports under each government
(the government's own report and its departments', hierarchy.py's area) while they fit on a page, and past
that the governments with their counts, each linking to a page of that year and government. So a report of
a province's 40,000 is three clicks from the site map, and no page holds more than a few hundred links.
"""

from django.conf import settings
from django.db.models import Case, Count, F, When
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from disclosure.models import Body, Page, Revision
from disclosure.public import hierarchy, sitemaps
from disclosure.public.page_cache import public_page
from disclosure.public.views import _listed, _listing


def _year_counts():
    """(year, number of public reports), newest first: one grouped count."""
    counts = Revision.objects.public().order_by("-year").values_list("year").annotate(n=Count("pk"))
    return list(counts)


@public_page
def index(request):
    years = _year_counts()
    context = {"pages": Page.objects.all(), "years": years}
    if sum(count for _, count in years) <= settings.SITE_MAP_REPORTS_PER_PAGE:
        by_year = {}
        for item in _listing(_listed(sitemaps.public_reports())):
            by_year.setdefault(item["revision"].year, []).append(item)
        context["by_year"] = sorted(by_year.items(), reverse=True)
    return render(request, "disclosure/site_map.html", context)


def _in_reading_order(areas):
    """`areas` ({pk: anything}) as (Body, value) pairs: governments in the tree's order, any other area after."""
    known = [node.body for node in hierarchy.flatten(hierarchy.governments())]
    others = Body.objects.filter(pk__in=set(areas) - {body.pk for body in known}).order_by("position", "name")
    return [(body, areas[body.pk]) for body in [*known, *others] if body.pk in areas]


@public_page
def year(request, year):
    reports = sitemaps.public_reports().filter(year=year)
    total = reports.count()
    if not total:
        raise Http404("这一年度没有公开的年报")
    context = {"year": year, "total": total}
    if total <= settings.SITE_MAP_REPORTS_PER_PAGE:
        groups = {}
        for item in _listing(_listed(reports)):
            groups.setdefault(hierarchy.area_of(item["revision"].body), []).append(item)
        context["groups"] = _in_reading_order(groups)
    else:
        area = Case(
            When(body__kind=Body.Kind.GOVERNMENT, then=F("body_id")),
            When(body__parent__isnull=False, then=F("body__parent")),
            default=F("body_id"),
        )
        counts = reports.order_by().annotate(area=area).values_list("area").annotate(n=Count("pk"))
        context["areas"] = _in_reading_order(dict(counts))
    return render(request, "disclosure/site_map_year.html", context)


@public_page
def area(request, year, area):
    government = get_object_or_404(Body, slug=area)
    reports = _listing(_listed(sitemaps.public_reports().filter(hierarchy.in_area(government), year=year)))
    if not reports:
        raise Http404("这一年度没有这个地区公开的年报")
    context = {"year": year, "government": government, "reports": reports}
    return render(request, "disclosure/site_map_area.html", context)
