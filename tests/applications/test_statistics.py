"""办理情况统计 and /api/v1/applications/<body>/<year>/: the figures, counted by hand, the threshold and the
withholding that keep any case from being seen alone, and no personal data anywhere on either."""

import datetime
import json

import pytest

from disclosure.applications import statistics
from disclosure.applications.statistics import FEWER, SHOWN, WITHHELD, Figure
from tests import dom
from tests.applications.factories import make_application, replied
from tests.factories import make_body

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def body(db):
    return make_body()


def register(body):
    """Seven cases received Monday 2 March 2026. Working days after it: 3 (1), 4 (2), 5 (3), 6 (4), 9 (5), 10 (6),
    … 30 March is the 20th, the due date; a reply on 31 March is late, after 21 working days.
    Plus: one received in 2025 and replied in 2026 (replied, not received, in 2026), one unconfirmed online
    application (counts nowhere) and one received in 2026 still open."""
    replies = [(D(2026, 3, day), "granted") for day in (3, 4, 5, 6, 9)]
    replies += [(D(2026, 3, 10), "partially_granted"), (D(2026, 3, 31), "granted")]
    for number, (on, outcome) in enumerate(replies, start=1):
        make_application(body, D(2026, 3, 2), replied(on, outcome), ref=f"2026-{number:04d}")
    # Received Friday 26 December 2025, replied Monday 5 January 2026 (1 January off): 29, 30, 31 Dec, 4, 5 Jan = 5.
    make_application(body, D(2025, 12, 26), replied(D(2026, 1, 5), "unable_no_info"), ref="2025-0009")
    make_application(body, None, ref="2026-0100", tracking_code="7KQM4XPA93HD")
    make_application(body, D(2026, 6, 1), ref="2026-0101")


def test_the_figures_counted_by_hand(body):
    register(body)
    found = statistics.figures(body, 2026, today=D(2026, 7, 1))
    assert (found.received, found.replied, found.on_time) == (8, 8, 7)
    assert sorted(found.days) == [1, 2, 3, 4, 5, 5, 6, 21]
    assert found.outcomes["granted"] == 6
    assert found.outcomes["partially_granted"] == 1
    assert found.outcomes["unable_no_info"] == 1
    assert sum(found.outcomes.values()) == 8


def test_small_counts_are_shown_as_fewer_and_what_would_give_them_away_is_withheld(body):
    register(body)
    shown = statistics.published(statistics.figures(body, 2026, today=D(2026, 7, 1)), 2026, minimum=5)
    assert shown.received == Figure(8, SHOWN)
    assert shown.replied == Figure(8, SHOWN)
    # One late reply: 7 on time would give it away (8 − 7), so on time is withheld.
    assert shown.on_time == Figure(None, WITHHELD)
    assert shown.median_days == 4.5
    # granted 6 is shown, but with 8 replied and two rows fewer than 5 nothing can be worked out.
    assert shown.outcomes["granted"] == Figure(6, SHOWN)
    assert shown.outcomes["partially_granted"] == Figure(None, FEWER)
    assert shown.outcomes["unable_no_info"] == Figure(None, FEWER)
    assert shown.outcomes["denied_state_secret"] == Figure(0, SHOWN)


def test_one_small_figure_alone_withholds_the_smallest_other(body):
    found = statistics.Figures(received=12, replied=12, on_time=12, days=list(range(12)))
    found.outcomes |= {"granted": 7, "partially_granted": 3, "denied_state_secret": 2}
    shown = statistics.published(found, 2026, minimum=5)
    # partially_granted (3) and denied (2) are two: no single one can be worked out; nothing withheld.
    assert shown.outcomes["granted"] == Figure(7, SHOWN)
    found.outcomes |= {"partially_granted": 0, "granted": 10}
    shown = statistics.published(found, 2026, minimum=5)
    # denied (2) alone below 5: 12 − 10 would give it; granted is withheld.
    assert shown.outcomes["granted"] == Figure(None, WITHHELD)
    assert shown.outcomes["denied_state_secret"] == Figure(None, FEWER)
    assert shown.on_time == Figure(12, SHOWN)


def test_below_the_minimum_nothing_is_shown_alone(body):
    make_application(body, D(2026, 3, 2), replied(D(2026, 3, 3)), ref="2026-0001")
    shown = statistics.published(statistics.figures(body, 2026), 2026, minimum=5)
    assert shown.received == shown.replied == shown.on_time == Figure(None, FEWER)
    assert shown.median_days is None
    assert shown.outcomes["granted"] == Figure(None, FEWER)


def test_the_page(client, body, settings):
    settings.APPLICATION_STATISTICS_MINIMUM = 5
    register(body)
    response = client.get("/applications/statistics/sports-bureau/2026/")
    assert response.status_code == 200
    page = dom.parse(response)
    rows = {tr.find("th").text: tr.find("td").text for tr in page.find_all("tr") if tr.find_all("td")}
    assert rows["本年收到申请"] == "8"
    assert rows["本年作出答复"] == "8"
    assert rows["其中按期答复"] == "不单独列出"
    assert rows["答复用时中位数"] == "4.5个工作日"
    assert rows["（一）予以公开"] == "6"
    assert rows["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] == "少于5件"
    assert rows["（三）不予公开 1.属于国家秘密"] == "0"
    index = dom.parse(client.get("/applications/statistics/"))
    assert [a.get("href") for a in index.find("ul", class_="statistics-index").find_all("a")] == [
        "/applications/statistics/sports-bureau/2026/",
        "/applications/statistics/sports-bureau/2025/",
    ]


def test_the_page_in_english(client, body):
    register(body)
    page = dom.parse(client.get("/en/applications/statistics/sports-bureau/2026/"))
    rows = {tr.find("th").text: tr.find("td").text for tr in page.find_all("tr") if tr.find_all("td")}
    assert rows["Received this year"] == "8"
    assert rows["of which replied on time"] == "Not shown separately"


def test_unknown_body_or_year_is_404(client, body):
    assert client.get("/applications/statistics/no-such-body/2026/").status_code == 404
    assert client.get("/applications/statistics/sports-bureau/1999/").status_code == 404


def test_the_api(client, body):
    register(body)
    response = client.get("/api/v1/applications/sports-bureau/2026/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert data["body"]["slug"] == "sports-bureau"
    assert data["received"] == {"count": 8}
    assert data["replied_on_time"] == {"count": None, "withheld": True}
    assert data["outcomes"]["partially_granted"] == {"count": None, "fewer_than": 5}
    assert data["median_working_days"] == 4.5
    again = client.get("/api/v1/applications/sports-bureau/2026/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get("/api/v1/applications/no-such-body/2026/").status_code == 404
    assert client.post("/api/v1/applications/sports-bureau/2026/").status_code == 405


def test_no_personal_data_on_the_page_or_in_the_api(client, body):
    register(body)
    personal = ["张某某", "210702199001011234", "13800000000", "zhang@example.cn", "古塔区", "全民健身中心", "7KQM"]
    for url in (
        "/applications/statistics/",
        "/applications/statistics/sports-bureau/2026/",
        "/en/applications/statistics/sports-bureau/2026/",
        "/api/v1/applications/sports-bureau/2026/",
    ):
        text = client.get(url).content.decode()
        for value in personal:
            assert value not in text, (url, value)
