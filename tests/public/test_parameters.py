"""Every parameter of every public page, fuzzed: digits of other scripts, huge numbers, empty and repeated
values. No answer is a 500, a bad number is a 400 in the reader's language, and parameters.py reads them all."""

from urllib.parse import urlencode

import pytest

from disclosure.public import parameters
from tests.conftest import made_once_per_module
from tests.factories import make_report, publish

pytestmark = pytest.mark.django_db

REPORT = "/reports/2016/sports-bureau/"
# Each public address with the parameters it reads (and one it does not).
PAGES = {
    "/": [],
    "/reports/": ["year", "area", "body", "page"],
    REPORT: [],
    REPORT + "tables.csv": [],
    REPORT + "download.json": [],
    "/search/": ["q", "page"],
    "/reports/deadlines/": [],
    "/reports/deadlines/2016/": ["area", "late"],
    "/feeds/reports.rss": [],
    "/feeds/reports.atom": [],
    "/preferences/": ["next", "size", "zoom", "reset"],
    "/feedback/": ["subject", "from"],
    "/opendata/": [],
    "/sitemap/": [],
    "/sitemap/2016/": [],
    "/sitemap/2016/sports-bureau/": [],
    "/en/reports/": ["year", "area", "body", "page"],
}
VALUES = ["", "²", "①", "٣", "２", "9" * 5000, "0", "-1", "1e3", " 1", "\x00", "%", "a" * 3000, "//evil.example/"]


@made_once_per_module
def site():
    publish(make_report(title="锦州市体育局2016年政府信息公开工作年度报告"))


def queries(name, value):
    yield urlencode([(name, value)])
    yield urlencode([(name, value), (name, value)])  # repeated
    yield urlencode([(name, "1"), (name, value)])
    yield urlencode([(name, value), ("utm", value)])


@pytest.mark.parametrize("path", PAGES)
def test_no_parameter_makes_a_500(client, site, path):
    for name in [*PAGES[path], "utm"]:
        for value in VALUES:
            for query in queries(name, value):
                status = client.get(f"{path}?{query}", HTTP_ACCEPT_LANGUAGE="en").status_code
                assert status < 500, f"{path}?{query[:80]}: {status}"


@pytest.mark.parametrize(
    "path",
    ["/reports/deadlines/{}/", "/reports/{}/sports-bureau/", "/api/v1/reports/{}/x/", "/sitemap/{}/", "/sitemap/{}/x/"],
)
@pytest.mark.parametrize("value", ["²", "٣", "２０１６", "9" * 5000, "0" * 30 + "2016", "-2016"])
def test_a_number_in_the_path_is_never_a_500(client, site, path, value):
    assert client.get(path.format(value)).status_code < 500


@pytest.mark.parametrize("kind", ["exe", "JSON", "json ", "²", "x" * 3000, "docx/..", ""])
def test_a_download_of_no_known_kind_is_a_404(client, site, kind):
    assert client.get(f"{REPORT}download.{kind}").status_code == 404


@pytest.mark.parametrize("path", ["/reports/", "/search/?q=体育"])
@pytest.mark.parametrize("value", ["²", "①", "9" * 5000, "0", "-1", "2", "01"])
def test_a_bad_page_number_is_a_400_in_the_readers_language(client, site, path, value):
    separator = "&" if "?" in path else "?"
    response = client.get(f"{path}{separator}{urlencode({'page': value})}")
    assert response.status_code == 400
    assert "参数page应为1至1之间的整数。" in response.content.decode()
    english = client.get(f"/en{path}{separator}{urlencode({'page': value})}")
    assert english.status_code == 400
    assert "The parameter page must be a whole number from 1 to 1." in english.content.decode()


def test_a_year_or_body_not_published_is_a_400_with_the_form(client, site):
    for query in ({"year": "²"}, {"year": "3000"}, {"year": "9" * 5000}, {"body": "no-such-body"}):
        response = client.get("/reports/", query)
        assert response.status_code == 400 and 'class="field-error"' in response.content.decode()


def test_feedback_takes_any_value_without_a_500(client, site):
    for value in VALUES:
        data = {"name": value, "contact": value, "subject": value, "message": value, "website": ""}
        assert client.post(f"/feedback/?{urlencode({'from': value})}", data).status_code < 500
        repeated = urlencode([("name", value), ("name", value), ("message", value), ("message", "x")])
        response = client.post("/feedback/", repeated, content_type="application/x-www-form-urlencoded")
        assert response.status_code < 500


@pytest.mark.parametrize(
    "value, expected",
    [("1", 1), ("100", 100), (None, None)],
)
def test_whole_number_reads_ascii_digits_only(value, expected):
    assert parameters.whole_number(value, "page", 1, 100) == expected


@pytest.mark.parametrize("value", ["", "0", "101", "01", "²", "①", "٣", "１", "9" * 5000, " 1", "1 ", "+1", "1.0"])
def test_whole_number_refuses_everything_else(value):
    with pytest.raises(parameters.BadParameter):
        parameters.whole_number(value, "page", 1, 100)
