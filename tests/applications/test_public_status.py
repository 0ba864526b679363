"""查询办理进度: tracking code + phone → the stage and the dates, nothing else; one answer for a wrong code and
a wrong phone; rate limited; CSRF. Dates counted by hand in the comments (2026 calendar, chinesecalendar)."""

import datetime

import pytest
from django.test import Client

from disclosure.applications import tracking
from tests import dom
from tests.applications.factories import make_application, replied
from tests.factories import make_body

pytestmark = pytest.mark.django_db

URL = "/applications/status/"
D = datetime.date
CODE = "7KQM4XPA93HD"
PHONE = "138 0000 1111"
NOT_FOUND = "没有找到与该查询码和联系电话相符的申请。请核对后重新输入。"


@pytest.fixture
def body(db):
    return make_body()


def case(body, received_on, *steps, code=CODE, **extra):
    return make_application(
        body,
        received_on,
        *steps,
        ref="2026-0001",
        tracking_code=code,
        phone=PHONE,
        request="体育场馆免费开放名单",
        **extra,
    )


def look_up(client, code="7kqm-4xpa-93hd", phone="+86 138-0000-1111", **extra):
    return client.post(URL, {"code": code, "phone": phone}, **extra)


def shown(response):
    section = dom.parse(response).find("section", class_="application-status")
    return {div.find("dt").text: div.find("dd") for div in section.find_all("div")}


def test_an_unconfirmed_application_is_awaiting_confirmation_without_a_deadline(client, body):
    case(body, None)
    response = look_up(client)
    assert response.status_code == 200
    found = shown(response)
    assert found["办理状态"].text == "待确认"
    assert "答复期限" not in found
    assert "本机关尚未确认收到您的申请" in response.content.decode()


def test_an_open_application_shows_its_due_date(client, body):
    # Received Monday 2 March 2026; working days after it: 3–6 (4), 9–13 (9), 16–20 (14), 23–27 (19), 30 (20).
    case(body, D(2026, 3, 2))
    found = shown(look_up(client))
    assert found["办理状态"].text == "办理中"
    assert found["答复期限"].find("time").get("datetime") == "2026-03-30"


@pytest.mark.parametrize(
    ("steps", "stage"),
    [
        ((("correction_requested", D(2026, 3, 4), {"until": D(2026, 3, 20)}),), "补正中"),
        ((("consulted", D(2026, 3, 4), {"party": "third_party"}),), "征求意见中"),
        ((("fee_notice", D(2026, 3, 4), {"amount": "100.00"}),), "待缴纳信息处理费"),
        ((("extended", D(2026, 3, 20), {"approved_by": "办公室主任"}),), "已延期"),
    ],
)
def test_each_stage(client, body, steps, stage):
    with _today(D(2026, 3, 10)):
        case(body, D(2026, 3, 2), *steps)
        assert shown(look_up(client))["办理状态"].text == stage


def test_a_replied_application_says_when_the_reply_was_sent(client, body):
    case(body, D(2026, 3, 2), replied(D(2026, 3, 16), "denied_state_secret"))
    response = look_up(client)
    found = shown(response)
    assert found["办理状态"].text == "已答复"
    assert found["答复日期"].find("time").get("datetime") == "2026-03-16"
    assert "答复期限" not in found
    page = response.content.decode()
    assert "国家秘密" not in page  # the outcome is the reply letter's business, not this page's


def test_a_deadline_in_a_year_without_holidays_says_so(client, body):
    # Received 21 December 2026: the 20th working day falls in January 2027, a year not entered.
    case(body, D(2026, 12, 21))
    found = shown(look_up(client))
    assert found["答复期限"].text == "2027年节假日安排尚未录入，答复期限待录入后确定。"


def test_nothing_else_about_the_application_is_shown(client, body):
    application = case(body, D(2026, 3, 2))
    page = look_up(client).content.decode()
    for value in (application.name, application.id_number, application.request, application.ref, application.address):
        assert value not in page


@pytest.mark.parametrize(
    ("code", "phone"),
    [("7KQM4XPA93HE", PHONE), (CODE, "13800001112"), ("", PHONE), ("7KQM4XPA93HE", "13800001112")],
    ids=["wrong code", "wrong phone", "no code", "both wrong"],
)
def test_a_wrong_code_or_phone_gets_one_answer(client, body, code, phone):
    case(body, D(2026, 3, 2))
    response = look_up(client, code, phone)
    page = dom.parse(response)
    if not code:
        assert response.status_code == 400
        return
    assert response.status_code == 404
    assert page.find("div", class_="error-summary").find("li").text == NOT_FOUND
    assert not page.find_all("section", class_="application-status")
    # The code and phone typed are kept for correction.
    data = dom.form_data(page.find("form", class_="status-form"))
    assert (data["code"], data["phone"]) == (code, phone)


def test_an_application_without_a_phone_cannot_be_looked_up(client, body):
    make_application(body, D(2026, 3, 2), ref="2026-0002", tracking_code=CODE, phone="")
    assert look_up(client, phone="").status_code == 400
    assert look_up(client, phone="-").status_code == 404


def test_phones_are_compared_without_spaces_dashes_or_the_country_code():
    assert tracking.normalise_phone("+86 138-0000-1111") == "13800001111"
    assert tracking.normalise_phone("0086 13800001111") == "13800001111"
    assert tracking.normalise_phone("（0416）123-4567") == "04161234567"
    assert tracking.normalise_code(" 7kqm-4xpa 93hd ") == CODE
    assert tracking.grouped(CODE) == "7KQM-4XPA-93HD"
    codes = {tracking.new_code() for _ in range(200)}
    assert len(codes) == 200 and all(len(code) == 12 and set(code) <= set(tracking.ALPHABET) for code in codes)
    assert not set("01ILOUV") & set(tracking.ALPHABET)


def test_in_english(client, body):
    case(body, D(2026, 3, 2))
    response = client.post("/en" + URL, {"code": CODE, "phone": PHONE})
    found = shown(response)
    assert found["Stage"].text == "Being handled"
    assert found["Time limit for the reply"].text == "30 March 2026"


def test_rate_limited_per_address(client, body, settings):
    settings.APPLICATION_STATUS_RATE_LIMIT = 2
    case(body, D(2026, 3, 2))
    assert look_up(client, code="AAAAAAAAAAAA", REMOTE_ADDR="10.0.0.1").status_code == 404
    assert look_up(client, REMOTE_ADDR="10.0.0.1").status_code == 200
    response = look_up(client, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "您在一小时内查询次数过多" in response.content.decode()
    assert look_up(client, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_csrf_is_required(body):
    case(body, D(2026, 3, 2))
    assert Client(enforce_csrf_checks=True).post(URL, {"code": CODE, "phone": PHONE}).status_code == 403


def test_the_form_is_labelled_and_never_cached(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "max-age=0" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    page = dom.parse(response)
    assert page.find("label", for_="id_code") and page.find("label", for_="id_phone")
    assert page.find(id="id_phone").get("autocomplete") == "tel"


def _today(day):
    from unittest import mock

    return mock.patch("django.utils.timezone.localdate", return_value=day)
