from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView

from disclosure.admin.deadline_dashboard import deadline_view
from disclosure.admin.notification_settings import notification_settings_view
from disclosure.admin.oversight_dashboard import oversight_view
from disclosure.public.sitemaps import sitemap_section, sitemap_xml

admin.site.site_header = "政府信息公开年报管理"
admin.site.site_title = "年报管理"
admin.site.index_title = "工作台"


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page links; the icon is static/img/favicon.svg. Not permanent:
    its hashed name changes with the file."""

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")


urlpatterns = [
    # Before the admin's own URLs, whose catch-all would otherwise answer this address with a 404.
    path(settings.ADMIN_URL + "deadlines/", admin.site.admin_view(deadline_view), name="admin_deadlines"),
    path(
        settings.ADMIN_URL + "notifications/",
        admin.site.admin_view(notification_settings_view),
        name="admin_notifications",
    ),
    path(settings.ADMIN_URL + "oversight/", admin.site.admin_view(oversight_view), name="admin_oversight"),
    path(settings.ADMIN_URL, admin.site.urls),
    # The open-data API answers the same in every language, so it has no language prefix.
    path("api/v1/", include("disclosure.opendata.urls")),
    path("sitemap.xml", sitemap_xml, name="sitemap_xml"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap_section"),
    path(
        "robots.txt",
        TemplateView.as_view(
            template_name="robots.txt", content_type="text/plain", extra_context={"admin_path": settings.ADMIN_URL}
        ),
    ),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
]
# Simplified Chinese, the source language, has no prefix; /zh-hant/ and /en/ serve the same pages.
urlpatterns += i18n_patterns(path("", include("disclosure.urls")), prefix_default_language=False)

handler404 = "disclosure.errors.not_found"
handler500 = "disclosure.errors.server_error"
