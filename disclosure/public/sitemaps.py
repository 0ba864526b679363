"""sitemap.xml: every public page in every language, with hreflang alternates (django.contrib.sitemaps)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from disclosure.models import Page, Revision
from disclosure.publishing import deadlines


def public_reports():
    """Every public report, newest year first: sitemap.xml, the HTML 网站地图 and the column list exactly these."""
    return Revision.objects.public().select_related("body").order_by("-year", "body__position", "body__name")


class ReportSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "yearly"

    def items(self):
        return public_reports()

    def lastmod(self, revision):
        return revision.published_at


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

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


class DeadlineSitemap(Sitemap):
    """年报发布情况, one page per year the public page offers (the same list as its year links)."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return deadlines.public_years(timezone.localdate())

    def location(self, year):
        return reverse("disclosure:deadlines", args=[year])


SITEMAPS = {"reports": ReportSitemap, "pages": PageSitemap, "deadlines": DeadlineSitemap}
