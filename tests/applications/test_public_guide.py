"""依申请公开 guide: the staff-edited page the migration creates, in every language, and the links to it."""

import pytest

from disclosure.models import Page
from tests import dom

pytestmark = pytest.mark.django_db

URL = "/applications/"


def test_the_migration_wrote_the_guide_in_three_languages():
    page = Page.objects.get(slug="applications-guide")
    assert page.title_zh_hans == "政府信息公开申请指南"
    assert page.title_zh_hant == "政府信息公開申請指南"  # derived (s2tw), as on every save
    assert page.title_en == "Guide to applying for government information"
    for text in ("20个工作日", "7个工作日", "15个工作日", "国办函〔2020〕109号", "60日内", "6个月内"):
        assert text in page.body_zh_hans
    assert "within 60 days" in page.body_en and "within 6 months" in page.body_en
    assert page.english_status("body") == "current"


@pytest.mark.parametrize(
    ("prefix", "heading"), [("", "政府信息公开申请指南"), ("/en", "Guide to applying for government information")]
)
def test_the_guide_page(client, prefix, heading):
    response = client.get(prefix + URL)
    assert response.status_code == 200
    page = dom.parse(response)
    assert page.find("h2", id="guide-title").text == heading
    links = [a.get("href") for a in page.find("nav", class_="applications-nav").find_all("a")]
    assert links == [f"{prefix}{URL}", f"{prefix}{URL}apply/", f"{prefix}{URL}status/", f"{prefix}{URL}statistics/"]


def test_staff_edits_show(client):
    Page.objects.filter(slug="applications-guide").update(body_zh_hans="本机关受理政府信息公开申请。")
    assert "本机关受理政府信息公开申请。" in client.get(URL).content.decode()


def test_linked_from_the_home_page_and_the_footer(client):
    page = dom.parse(client.get("/"))
    assert URL in [a.get("href") for a in page.find("footer").find_all("a")]
    assert URL in [
        a.get("href")
        for a in page.find("section", class_="panel", **{"aria-labelledby": "applications-title"}).find_all("a")
    ]
