"""The column with many reports: a short run of page links, and lists that read no whole document."""

import pytest

from disclosure.models import Revision
from disclosure.public.views import _listed
from tests import dom
from tests.factories import make_body, make_report, publish

pytestmark = pytest.mark.django_db


def test_many_pages_give_a_short_run_of_page_links(client, settings):
    settings.REPORTS_PER_PAGE = 1
    body = make_body()
    for year in range(2001, 2021):
        publish(make_report(body, year))
    nav = dom.parse(client.get("/reports/", {"page": "10"})).find("nav", class_="pagination")
    labels = [item.text.strip() for item in nav.find_all("li")]
    assert labels == ["上一页", "第1页", "…", "第8页", "第9页", "第10页", "第11页", "第12页", "…", "第20页", "下一页"]


def test_lists_show_the_body_name_as_published_without_loading_documents(client):
    body = make_body()
    publish(make_report(body, 2016))
    body.name_zh_hans = "锦州市体育事业发展中心"
    body.save()
    listed = dom.parse(client.get("/reports/")).find("ul", class_="report-list").text
    assert "锦州市体育局" in listed and "锦州市体育事业发展中心" not in listed
    revision = _listed(Revision.objects.public()).get()
    assert "document" in revision.get_deferred_fields()
    assert revision.body_names["zh-hans"] == "锦州市体育局"
