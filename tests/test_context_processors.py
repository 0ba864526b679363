"""The site's chrome (name, footer, top-bar links) read once and then from the cache (context_processors.chrome),
forgotten the moment either changes, so a page never shows an old link after a save or a deletion."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure.models import Link, SiteSettings

pytestmark = pytest.mark.django_db


def top_bar(client):
    return client.get("/accessibility/").content.decode()


def test_the_chrome_is_read_once_then_follows_every_change(client):
    link = Link.objects.create(label_zh_hans="市人大", url="https://rd.example.gov.cn/", position=1)
    assert "市人大" in top_bar(client)
    with CaptureQueriesContext(connection) as queries:
        top_bar(client)
    assert not [q for q in queries if "disclosure_link" in q["sql"] or "disclosure_sitesettings" in q["sql"]]

    link.label_zh_hans = "市人大常委会"
    link.save()
    assert "市人大常委会" in top_bar(client)
    site = SiteSettings.load()
    site.site_name_zh_hans = "锦州市政府信息公开平台"
    site.save()
    assert "锦州市政府信息公开平台" in top_bar(client)
    link.delete()
    assert "市人大常委会" not in top_bar(client)
