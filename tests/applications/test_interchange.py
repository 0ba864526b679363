"""disclosure-applications/1: the design file's example, round trips, problems with their paths, privacy."""

import copy
import datetime
import json

import pytest

from disclosure.applications import interchange
from disclosure.applications.interchange import Malformed, Unreadable
from disclosure.models import Application
from tests.applications.factories import PERSON, make_application, varied_register
from tests.factories import make_body

D = datetime.date
TODAY = D(2026, 12, 3)

EXAMPLE = {
    "schema": "disclosure-applications/1",
    "body": "sports-bureau",
    "applications": [
        {
            "ref": "2026-0017",
            "channel": "online",
            "submitted_on": "2026-09-27",
            "received_on": "2026-09-28",
            "applicant": {
                "type": "natural_person",
                "name": "张某",
                "id_type": "居民身份证",
                "id_number": "210702199001011234",
                "phone": "13800000000",
                "email": "",
                "address": "",
            },
            "request": "2026年全民健身中心场地开放时间及收费标准",
            "form": "electronic",
            "events": [
                {"type": "correction_requested", "on": "2026-09-30", "until": "2026-10-23"},
                {"type": "correction_received", "on": "2026-10-12"},
                {"type": "consulted", "on": "2026-10-14", "answered_on": "2026-10-20", "party": "third_party"},
                {"type": "extended", "on": "2026-11-05"},
                {"type": "fee_notice", "on": "2026-11-06", "amount": "100.00"},
                {"type": "fee_paid", "on": "2026-11-09"},
                {"type": "replied", "on": "2026-11-20", "outcome": "partially_granted"},
            ],
        }
    ],
}


@pytest.fixture
def body(db):
    return make_body()


def test_the_design_files_example_loads_and_dumps_with_the_clock(body):
    assert interchange.load(copy.deepcopy(EXAMPLE)) == (1, 0)
    dumped = interchange.dump(body, personal=True, today=TODAY)
    (item,) = dumped["applications"]
    expected = copy.deepcopy(EXAMPLE["applications"][0]) | {"delivery": ""}
    expected |= {"due_on": "2026-12-14", "state": "replied", "late": False, "days_taken": 24}
    assert item == expected
    assert dumped["schema"] == "disclosure-applications/1" and dumped["body"] == "sports-bureau"


def test_dump_load_dump_gives_back_the_same_document(body):
    varied_register(body, 2026)
    for personal in (False, True):
        first = interchange.dump(body, personal=personal, today=TODAY)
        assert interchange.load(json.loads(json.dumps(first))) == (0, 30)
        assert interchange.dump(body, personal=personal, today=TODAY) == first
    make_body("finance-bureau", "锦州市财政局")
    moved = json.loads(json.dumps(first)) | {"body": "finance-bureau"}
    assert interchange.load(moved) == (30, 0)
    assert (
        interchange.dump(
            Application.objects.filter(body__slug="finance-bureau").first().body, personal=True, today=TODAY
        )["applications"]
        == first["applications"]
    )


def test_personal_data_is_left_out_unless_asked_and_kept_when_a_dump_without_it_is_loaded(body):
    varied_register(body, 2026)
    text = json.dumps(interchange.dump(body, today=TODAY), ensure_ascii=False)
    assert all(value not in text for value in PERSON.values())
    assert '"applicant": {"type": "natural_person"}' in text
    people = Application.objects.filter(name=PERSON["name"], phone=PERSON["phone"]).count()
    assert people == Application.objects.filter(applicant_type="natural_person").count() > 1
    interchange.load(json.loads(text))
    assert Application.objects.filter(name=PERSON["name"], phone=PERSON["phone"]).count() == people
    with_data = json.dumps(interchange.dump(body, personal=True, today=TODAY), ensure_ascii=False)
    assert PERSON["id_number"] in with_data


def test_the_year_and_the_clock_in_a_dump(body):
    varied_register(body, 2026)
    dumped = interchange.dump(body, year=2025, today=TODAY)["applications"]
    assert [a["received_on"] for a in dumped] == ["2025-03-02", "2025-12-08", "2025-12-20", "2025-12-28"]
    # Received Sun 2025-12-28 (no 调休 then): 29, 30, 31 (3), 2026: 1/1–2 off (元旦), Sun 1/4 调休 (4),
    # 5–9 (9), 12–16 (14), 19–23 (19), Mon 1/26 (20).
    assert (dumped[-1]["state"], dumped[-1]["due_on"], dumped[-1]["late"]) == ("open", "2026-01-26", True)
    last = interchange.dump(body, year=2026, today=TODAY)["applications"][-1]
    assert (last["state"], last["due_on"], last["late"], last["days_taken"]) == (
        "awaiting_correction",
        None,
        False,
        None,
    )
    # Received Thu 12/10: its 20th working day is in 2027, whose arrangement nobody has entered.
    make_application(body, D(2026, 12, 10), ref="2026-late")
    (late,) = [a for a in interchange.dump(body, today=TODAY)["applications"] if a["ref"] == "2026-late"]
    assert (late["due_on"], late["due_on_missing"], late["late"]) == (None, "2027年节假日安排尚未录入", False)
    assert interchange.validate(interchange.dump(body, today=TODAY)) == []


def test_a_malformed_document_writes_nothing_and_says_where(body):
    interchange.load(copy.deepcopy(EXAMPLE))
    broken = copy.deepcopy(EXAMPLE)
    broken["extra"] = 1
    item = broken["applications"][0]
    item["applicant"] = {"type": "person", "nickname": "x"}
    item["channel"] = "pigeon"
    item["received_on"] = "2026-02-30"
    item["events"][3]["amount"] = "5"
    item["events"][6] = {"type": "replied", "on": "2026-11-20"}
    second = copy.deepcopy(EXAMPLE["applications"][0])
    second["request"] = "另一件申请"
    second["events"] = [
        {"type": "fee_paid", "on": "2026-09-29"},
        {"type": "replied", "on": "2026-10-01", "outcome": "yes"},
    ]
    third = copy.deepcopy(EXAMPLE["applications"][0]) | {"ref": "2026-0018", "events": "none", "form": None}
    broken["applications"] += [second, third, 7]
    with pytest.raises(Malformed) as refused:
        interchange.load(broken)
    assert refused.value.problems == [
        ("extra", "未知字段。"),
        (
            "applications[0].channel",
            "应为 in_person（当面提交）、registered_post（挂号信、快递等邮寄（需签收））、"
            "ordinary_post（平常信函）、online（互联网（在线申请））、fax（传真）、email（电子邮件） 之一，"
            "而不是“pigeon”。",
        ),
        ("applications[0].received_on", "应为“年-月-日”格式的日期（如 2026-09-28），而不是“2026-02-30”。"),
        ("applications[0].applicant.nickname", "未知字段。"),
        (
            "applications[0].applicant.type",
            "应为 natural_person、commercial、research、social_welfare、legal_service、other 之一。",
        ),
        ("applications[0].events[3].amount", "延期答复（extended）没有这一项。"),
        # (the reply without an outcome is not checked further: the day of receipt is unreadable)
        ("applications[1].events[0]", "没有收费通知，不能缴纳费用。"),
        ("applications[1].events[1].outcome", "未知的办理结果“yes”；应为统计表三的21项办理结果之一。"),
        ("applications[1].ref", "登记编号“2026-0017”与 applications[0] 重复。"),
        ("applications[2].form", "应为 paper（纸质）、electronic（电子） 之一，而不是null。"),
        ("applications[2].events", "应为数组（[…]）。"),
        ("applications[3]", "应为对象。"),
    ]
    # Nothing written: the application loaded before is as it was.
    stored = Application.objects.get()
    assert (stored.channel, stored.events.count()) == ("online", 7)


def test_an_unknown_body_and_a_wrong_schema(db):
    problems = interchange.validate({"schema": "disclosure-report/1", "body": "nowhere", "applications": []})
    assert problems == [
        ("schema", "应为“disclosure-applications/1”，而不是“disclosure-report/1”。"),
        ("body", "没有网址标识为“nowhere”的机构。"),
    ]
    assert interchange.validate([]) == [("$", "文档应为 JSON 对象（{…}）。")]


def test_parse_refuses_what_is_not_a_document():
    with pytest.raises(Unreadable, match="嵌套超过8层"):
        interchange.parse(b"[" * 9 + b"]" * 9)
    with pytest.raises(Unreadable, match="NaN"):
        interchange.parse(b'{"a": NaN}')
    with pytest.raises(Unreadable, match="UTF-8"):
        interchange.parse("{}".encode("utf-16"))
    with pytest.raises(Unreadable, match="第1行第2列"):
        interchange.parse(b"{,}")
    assert interchange.parse('\ufeff{"schema": "x"}'.encode()) == {"schema": "x"}
