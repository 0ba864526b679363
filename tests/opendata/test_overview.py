"""/api/v1/overview/<year>/: the 公开情况 page's data, from published reports only, read-only and CORS-open."""

import datetime
import json

import pytest
from django.utils import timezone

from disclosure.models import Report
from tests import dom
from tests.factories import make_report, publish
from tests.rollup.factories import YEAR, listed_city, scaled_tables

pytestmark = pytest.mark.django_db

URL = f"/api/v1/overview/{YEAR}/"


@pytest.fixture
def city():
    city = listed_city()
    draft = make_report(city["health"], year=YEAR, format=Report.Format.STANDARD_2021)
    draft.tables = scaled_tables(1000)
    draft.save()
    publish(draft, at=timezone.now() + datetime.timedelta(days=30))  # scheduled, not public yet
    return city


def test_each_unit_with_its_date_and_the_sums_of_published_reports(client, city):
    response = client.get(URL)
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    assert response["ETag"]
    (government,) = json.loads(response.content)["governments"]
    assert government["body"] == {
        "slug": "jinzhou",
        "name": {"zh-hans": "锦州市人民政府", "zh-hant": "錦州市人民政府", "en": ""},
    }
    assert government["coverage"] == {"listed": 4, "summed": 2}
    units = {unit["slug"]: unit for unit in government["units"]}
    assert units["health-commission"]["published_on"] is None
    assert units["health-commission"]["on_time"] is None and units["health-commission"]["links"]["html"] is None
    education = units["education-bureau"]
    assert education["summed"] and education["links"]["document"].endswith(f"/api/v1/reports/{YEAR}/education-bureau/")
    assert units["transport-bureau"]["summed"] is False  # 2019 format
    assert government["requests"]["new_received"] == 14069 * 3
    assert government["appeals"]["reconsideration"]["total"] == 790 * 3
    assert str(14069 * 1000) not in response.content.decode()


def test_a_year_without_a_list_answers_404_in_both_languages(client, city):
    response = client.get("/api/v1/overview/2019/")
    assert response.status_code == 404
    error = json.loads(response.content)["error"]
    assert error["code"] == "not_found" and set(error["message"]) == {"zh-hans", "en"}


def test_read_only(client, city):
    assert client.post(URL).status_code == 405


def test_listed_on_the_open_data_guide(client, city):
    page = dom.parse(client.get("/opendata/"))
    assert "GET /api/v1/overview/" in page.text
