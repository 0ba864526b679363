from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "政府信息公开年报管理"
admin.site.site_title = "年报管理"
admin.site.index_title = "工作台"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
]
# Simplified Chinese, the source language, has no prefix; /zh-hant/ and /en/ serve the same pages.
urlpatterns += i18n_patterns(path("", include("disclosure.urls")), prefix_default_language=False)

handler404 = "disclosure.errors.not_found"
handler500 = "disclosure.errors.server_error"
