"""The open-data API: only public revisions, filters and pagination, clear 400s, CORS, conditional GETs."""

import datetime
import json
from urllib.parse import urlencode

import pytest
from django.utils import timezone
from django.utils.http import http_date

from disclosure.publishing import workflow
from tests.conftest import made_once_per_module
from tests.factories import approved, make_body, make_report, make_staff, publish

pytestmark = pytest.mark.django_db

LIST = "/api/v1/reports/"


def published(body, year, **extra):
    report = make_report(body, year=year, **extra)
    return report, publish(report)


@made_once_per_module
def reports():
    """Three public reports, one draft, one scheduled for tomorrow and one withdrawn."""
    sports, education = make_body(), make_body("education-bureau", "锦州市教育局", position=2)
    published(sports, 2016)
    published(sports, 2017)
    published(education, 2017)
    make_report(sports, year=2018)  # a draft
    scheduled = make_report(education, year=2018)
    publish(scheduled, at=timezone.now() + datetime.timedelta(days=1))
    withdrawn = approved(make_report(sports, year=2015))
    publisher = make_staff("publisher", workflow.PUBLISHER, sports)
    workflow.transition(withdrawn, publisher, "publish")
    workflow.transition(withdrawn, publisher, "withdraw", "统计口径有误，正在重新核实。")
    return {"sports": sports, "education": education}


def listed(response):
    return [(item["year"], item["body"]["slug"]) for item in response.json()["results"]]


def test_the_list_has_public_reports_only_newest_year_first(client, reports):
    response = client.get(LIST)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert listed(response) == [(2017, "sports-bureau"), (2017, "education-bureau"), (2016, "sports-bureau")]
    data = response.json()
    assert (data["count"], data["page"], data["pages"], data["next"], data["previous"]) == (3, 1, 1, None, None)


def test_an_item_carries_titles_dates_revision_and_links(client, reports):
    item = client.get(LIST, {"year": 2016}).json()["results"][0]
    assert item["title"] == {
        "zh-hans": "锦州市体育局2016年政府信息公开工作年度报告",
        "zh-hant": "錦州市體育局2016年政府信息公開工作年度報告",
        "en": "",
    }
    assert item["body"]["name"]["zh-hans"] == "锦州市体育局"
    assert item["body"]["kind"] == "department"
    assert item["published_on"] == "2017-01-20"
    assert item["revision"] == 1
    assert datetime.datetime.fromisoformat(item["last_modified"]) <= timezone.now()
    assert item["links"] == {
        "document": "http://testserver/api/v1/reports/2016/sports-bureau/",
        "html": "http://testserver/reports/2016/sports-bureau/",
        "docx": "http://testserver/reports/2016/sports-bureau/download.docx",
        "pdf": "http://testserver/reports/2016/sports-bureau/download.pdf",
    }


def test_links_do_not_follow_the_callers_language(client, reports):
    item = client.get(LIST, {"year": 2016}, headers={"accept-language": "en"}).json()["results"][0]
    assert item["links"]["html"] == "http://testserver/reports/2016/sports-bureau/"


def test_filters_by_year_and_body(client, reports):
    assert listed(client.get(LIST, {"year": "2017"})) == [(2017, "sports-bureau"), (2017, "education-bureau")]
    assert listed(client.get(LIST, {"body": "education-bureau"})) == [(2017, "education-bureau")]
    assert listed(client.get(LIST, {"year": 2016, "body": "education-bureau"})) == []
    # The scheduled 2018 report of the education bureau is not due yet: the year is empty, not an error.
    assert client.get(LIST, {"year": 2018}).json()["count"] == 0


def test_pagination(client, reports):
    first = client.get(LIST, {"per_page": 2}).json()
    assert (first["count"], first["pages"], len(first["results"])) == (3, 2, 2)
    assert first["next"] == "http://testserver/api/v1/reports/?per_page=2&page=2"
    second = client.get(first["next"]).json()
    assert [r["year"] for r in second["results"]] == [2016]
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/reports/?per_page=2&page=1"


@pytest.mark.parametrize(
    "query, parameter, zh, en",
    [
        ({"year": "2024年"}, "year", "参数year应为1900至9999之间的整数", "must be a whole number from 1900 to 9999"),
        ({"year": "-1"}, "year", "参数year应为", "not '-1'"),
        ({"body": "no-such-body"}, "body", "没有网址标识为“no-such-body”的发布机构", "no issuing body with the slug"),
        ({"body": "<script>"}, "body", "没有网址标识为", "There is no issuing body"),
        ({"page": "0"}, "page", "参数page应为", "The parameter page must be"),
        ({"page": "9"}, "page", "参数page超出范围：共1页", "out of range: there are 1 pages"),
        ({"per_page": "101"}, "per_page", "1至100之间的整数", "from 1 to 100"),
        ({"yaer": "2017"}, "yaer", "不支持参数yaer", "Unknown parameter yaer"),
    ],
)
def test_bad_parameters_answer_400_in_both_languages(client, reports, query, parameter, zh, en):
    response = client.get(LIST, query)
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert error["parameter"] == parameter
    assert zh in error["message"]["zh-hans"]
    assert en in error["message"]["en"]


def test_a_parameter_given_twice_is_refused(client, reports):
    response = client.get(LIST + "?year=2016&year=2017")
    assert response.status_code == 400
    assert response.json()["error"]["message"]["zh-hans"] == "参数year只能给出一次。"


def test_the_document_is_the_published_revision_exactly(client, reports):
    report, revision = published(make_body("finance-bureau", "锦州市财政局"), 2019)
    response = client.get("/api/v1/reports/2019/finance-bureau/")
    assert response.status_code == 200
    assert response.json() == revision.document
    assert response.json()["schema"] == "disclosure-report/1"
    # Editing the working copy changes nothing until the next publication.
    report.title_zh_hans = "改过的标题"
    report.save()
    assert client.get("/api/v1/reports/2019/finance-bureau/").json()["title"]["zh-hans"].startswith("锦州市财政局")


@pytest.mark.parametrize("url", ["/api/v1/reports/2018/sports-bureau/", "/api/v1/reports/2018/education-bureau/"])
def test_drafts_and_scheduled_reports_are_not_found(client, reports, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert "disclosure-report" not in response.content.decode()


def test_a_withdrawn_report_is_gone_with_its_reason(client, reports):
    response = client.get("/api/v1/reports/2015/sports-bureau/")
    assert response.status_code == 410
    error = response.json()["error"]
    assert error["code"] == "withdrawn"
    assert error["reason"]["zh-hans"] == "统计口径有误，正在重新核实。"
    assert error["withdrawn_at"]
    assert "disclosure-report" not in response.content.decode()
    assert (2015, "sports-bureau") not in listed(client.get(LIST))


def test_a_scheduled_report_appears_when_its_time_comes(client, reports, settings):
    from disclosure.models import Revision, public_windows

    revision = Revision.objects.get(year=2018, body__slug="education-bureau")
    Revision.objects.filter(pk=revision.pk).update(published_at=timezone.now() - datetime.timedelta(minutes=1))
    public_windows.refresh()  # the test moves a revision's time, which nothing else ever does
    assert client.get("/api/v1/reports/2018/education-bureau/").status_code == 200
    assert (2018, "education-bureau") in listed(client.get(LIST))


def test_a_correction_is_served_with_a_new_etag(client, reports):
    url = "/api/v1/reports/2016/sports-bureau/"
    first = client.get(url)
    from disclosure.models import Report

    report = Report.objects.get(year=2016, body__slug="sports-bureau")
    report.title_zh_hans = "锦州市体育局2016年政府信息公开工作年度报告（更正）"
    report.save()
    publish(report, note="更正标题")
    second = client.get(url, headers={"if-none-match": first["ETag"]})
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert second.json()["title"]["zh-hans"].endswith("（更正）")
    assert client.get(LIST, {"year": 2016}).json()["results"][0]["revision"] == 2


def test_cors_is_open_for_reading(client, reports):
    for response in (client.get(LIST), client.head(LIST), client.get("/api/v1/reports/2016/sports-bureau/")):
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(LIST, headers={"origin": "https://example.org", "access-control-request-method": "GET"})
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


def test_writing_is_refused_without_csrf_noise(client, reports):
    response = client.post(LIST, {"year": 2016})
    assert response.status_code == 405
    assert response.json()["error"]["message"]["en"].startswith("The open-data API is read-only")
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_document_etag_is_strong_and_answers_304(client, reports):
    url = "/api/v1/reports/2016/sports-bureau/"
    response = client.get(url)
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert "max-age=300" in response["Cache-Control"]
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, headers={"if-none-match": '"something-else"'}).status_code == 200


def test_a_304_keeps_the_validators_and_lifetime_and_head_gets_one_too(client, reports):
    first = client.get(LIST)
    for again in (
        client.get(LIST, headers={"if-none-match": first["ETag"]}),
        client.head(LIST, headers={"if-none-match": first["ETag"]}),
    ):
        assert again.status_code == 304
        assert again["ETag"] == first["ETag"] and again["Last-Modified"] == first["Last-Modified"]
        assert again["Cache-Control"] == first["Cache-Control"]


def test_last_modified_answers_304_when_nothing_is_newer(client, reports):
    url = "/api/v1/reports/2016/sports-bureau/"
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == 304
    yesterday = http_date((timezone.now() - datetime.timedelta(days=1)).timestamp())
    assert client.get(url, headers={"if-modified-since": yesterday}).status_code == 200


def test_the_list_answers_304_until_something_is_published(client, reports):
    first = client.get(LIST)
    assert client.get(LIST, headers={"if-none-match": first["ETag"]}).status_code == 304
    assert client.get(LIST, headers={"if-modified-since": first["Last-Modified"]}).status_code == 304
    published(reports["education"], 2016)
    changed = client.get(LIST, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert changed.json()["count"] == 4


def test_the_list_changes_when_a_report_is_withdrawn(client, reports):
    from disclosure.models import Report

    first = client.get(LIST)
    report = Report.objects.get(year=2016, body__slug="sports-bureau")
    publisher = make_staff("publisher-2", workflow.PUBLISHER, report.body)
    workflow.transition(report, publisher, "withdraw", "数据有误。")
    response = client.get(LIST, headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200
    assert (2016, "sports-bureau") not in listed(response)


def test_the_api_has_no_language_prefix(client, reports):
    assert client.get("/en/api/v1/reports/").status_code == 404
    body = json.loads(client.get(LIST, headers={"accept-language": "en"}).content)
    assert body["count"] == 3


# Digits of other scripts (str.isdigit() accepts them, int() does not), a number too long for int(), signs,
# spaces, an exponent, a control character: each a 400 with the error body, never a 500.
BAD_NUMBERS = ["²", "①", "٣", "２０２４", "9" * 5000, "", " 2016", "2016 ", "+2016", "-0", "1e3", "2016\x00", "0x10"]


@pytest.mark.parametrize("parameter", ["year", "page", "per_page"])
@pytest.mark.parametrize("value", BAD_NUMBERS, ids=range(len(BAD_NUMBERS)))
def test_every_bad_number_is_a_400_with_the_error_body(client, reports, parameter, value):
    response = client.get(LIST, {parameter: value})
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["parameter"]) == ("invalid_parameter", parameter)
    assert error["message"]["zh-hans"].startswith(f"参数{parameter}应为")
    assert len(error["message"]["en"]) < 200  # a 5,000-digit value is not echoed back


@pytest.mark.parametrize("parameter", ["year", "body", "page", "per_page", "utm"])
@pytest.mark.parametrize("value", ["", "²", "9" * 5000, "\x00", "a" * 5000, "%", "<x>"])
def test_no_parameter_value_is_a_500(client, reports, parameter, value):
    for pairs in ([(parameter, value)], [(parameter, value)] * 2, [(parameter, "1"), (parameter, "")]):
        query = urlencode(pairs)
        response = client.get(f"{LIST}?{query}")
        assert response.status_code == 400, query
        assert response.json()["error"]["code"] == "invalid_parameter"
    assert client.get(f"/api/v1/reports/{'9' * 5000}/sports-bureau/").status_code == 404
    assert client.get("/api/v1/reports/²/sports-bureau/").status_code == 404
