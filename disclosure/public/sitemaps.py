"""sitemap.xml: every public page in every language, with hreflang alternates (django.contrib.sitemaps).

Past `SITEMAP_LIMIT` addresses (50,000, the protocol's limit for one file; three per report) sitemap.xml becomes
a sitemap index of numbered parts, `sitemap-<section>.xml?p=N`, each within the limit.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap, views
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone

from disclosure.models import Page, Revision
from disclosure.public import overview
from disclosure.publishing import deadlines


def latest_publication(revisions):
    """The newest `published_at` of `revisions`, or None: the first along the index on it, where an aggregate
    reads every public revision (30 ms against 1.4 ms at 40,000 reports)."""
    return revisions.order_by("-published_at").values_list("published_at", flat=True).first()


def public_reports():
    """Every public report, newest year first: sitemap.xml, the HTML 网站地图 and the column list exactly these."""
    return Revision.objects.public().select_related("body").order_by("-year", "body__position", "body__name")


class LimitedSitemap(Sitemap):
    """A sitemap whose parts hold at most `SITEMAP_LIMIT` addresses (a setting, so a test can use a small one)."""

    i18n = True
    alternates = True
    x_default = True

    @property
    def limit(self):
        return settings.SITEMAP_LIMIT


class Addresses:
    """The (item, language) pairs of a queryset in Django's i18n order, read one part at a time: Django's own
    `_items()` builds the whole list, every report of the site, to show one part of it."""

    def __init__(self, items, languages):
        self.items, self.languages = items, list(languages)

    def __len__(self):
        return self.items.count() * len(self.languages)

    def __getitem__(self, index):
        per_item = len(self.languages)
        start, stop = index.start or 0, index.stop if index.stop is not None else len(self)
        first = start // per_item
        rows = self.items[first : -(-stop // per_item)]
        pairs = [(row, lang) for row in rows for lang in self.languages]
        return pairs[start - first * per_item : stop - first * per_item]


class ReportSitemap(LimitedSitemap):
    changefreq = "yearly"

    def items(self):
        # The document is not read here, and is most of a revision's row; the key makes parts stable.
        return public_reports().defer("document").order_by("-year", "body__position", "body__name", "pk")

    def lastmod(self, revision):
        return revision.published_at

    @property
    def paginator(self):
        return Paginator(Addresses(self.items(), self._languages()), self.limit)

    def get_latest_lastmod(self):
        return latest_publication(public_reports())


class PageSitemap(LimitedSitemap):
    def items(self):
        return [
            "disclosure:home",
            "disclosure:column",
            "disclosure:site_map",
            "disclosure:feedback",
            "disclosure:a11y_statement",
            "disclosure:a11y_help",
            "disclosure:opendata",
            *Page.objects.all(),
        ]

    def location(self, item):
        return item.get_absolute_url() if isinstance(item, Page) else reverse(item)


class DeadlineSitemap(LimitedSitemap):
    """年报发布情况, one page per year the public page offers (the same list as its year links)."""

    def items(self):
        return deadlines.public_years(timezone.localdate())

    def location(self, year):
        return reverse("disclosure:deadlines", args=[year])


class OverviewSitemap(LimitedSitemap):
    """公开情况, one page per year with a list of reporting units (the same years as its year links)."""

    def items(self):
        return overview.years()

    def location(self, year):
        return reverse("disclosure:overview", args=[year])


SITEMAPS = {
    "reports": ReportSitemap,
    "pages": PageSitemap,
    "deadlines": DeadlineSitemap,
    "overview": OverviewSitemap,
}


def sitemap_xml(request):
    """sitemap.xml: the addresses themselves up to SITEMAP_LIMIT, an index of the parts past it."""
    sections = {name: sitemap() for name, sitemap in SITEMAPS.items()}
    if sum(section.paginator.count for section in sections.values()) > settings.SITEMAP_LIMIT:
        # A section with nothing in it (no list of units yet) would be a part of no address.
        listed = {name: section for name, section in sections.items() if section.paginator.count}
        return views.index(request, listed, sitemap_url_name="sitemap_section")
    return views.sitemap(request, sections)


def sitemap_section(request, section):
    """One part of the index: `section`'s addresses, page `p`."""
    return views.sitemap(request, {name: sitemap() for name, sitemap in SITEMAPS.items()}, section=section)
