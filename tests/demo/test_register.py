"""The demo register of applications (锦州市体育局, disclosure/demo/applications/) and what is counted from it.

The register exists so that `make run` shows every part of 依申请公开 at work: every outcome and kind of
applicant, each kind of step, fees, appeals, late and open cases and an unconfirmed online application; and so
that the demo's 2024 report has its tables 3 and 4 counted from it and still passes every check.
"""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from disclosure.admin.application_worklist import ALL
from disclosure.applications import appeals, calendar, clock, counting, events, identity, interchange
from disclosure.management.commands import load_demo
from disclosure.models import Application, RegisterCount, Report, Revision
from disclosure.tables import assessment
from tests.conftest import made_once_per_module
from tests.factories import DEMO

REGISTER = DEMO / "applications" / "sports-bureau.json"
YEAR = 2024  # the demo report counted from the register (load_demo.COUNTED)
D = datetime.date
LIST = reverse("admin:disclosure_application_changelist")


@pytest.fixture(scope="module")
def document():
    return json.loads(REGISTER.read_text(encoding="utf-8"))


def day(value):
    return D.fromisoformat(value) if value else None


def steps_of(item):
    return [
        events.Event(
            step["type"],
            day(step["on"]),
            until=day(step.get("until")),
            answered_on=day(step.get("answered_on")),
            party=step.get("party", ""),
            outcome=step.get("outcome", ""),
            amount=Decimal(step["amount"]) if "amount" in step else None,
            approved_by=step.get("approved_by", ""),
        )
        for step in item["events"]
    ]


def in_year(value):
    return bool(value) and value.startswith(f"{YEAR}-")


def reply_of(item):
    return next((step for step in item["events"] if step["type"] == events.REPLIED), None)


def test_the_demo_report_counted_is_the_one_load_demo_fills():
    assert ("sports-bureau", YEAR) in load_demo.COUNTED


def test_every_application_is_well_formed_and_dated_within_the_calendar(document):
    assert document["schema"] == interchange.SCHEMA and document["body"] == "sports-bureau"
    known = calendar.Calendar()  # the shipped years only, as on a fresh checkout
    for item in document["applications"]:
        received = day(item["received_on"])
        assert events.check(received, steps_of(item), day(item["submitted_on"])) == [], item["ref"]
        dates = [item["submitted_on"], item["received_on"]]
        dates += [step.get(key) for step in item["events"] for key in ("on", "until", "answered_on")]
        dates += [appeal.get(key) for appeal in item.get("appeals", []) for key in ("filed_on", "decided_on")]
        for value in filter(None, dates):
            assert known.covers(int(value[:4])), (item["ref"], value)
        if received:
            facts = clock.compute(received, steps_of(item), known, today=D(2026, 12, 31), missing_ok=True)
            assert not facts.missing, item["ref"]  # no deadline falls in a year without holidays


def test_the_year_counted_holds_every_outcome_and_kind_of_applicant(document):
    items = document["applications"]
    replied = [item for item in items if in_year((reply_of(item) or {}).get("on"))]
    assert {reply_of(item)["outcome"] for item in replied} == set(events.OUTCOMES)
    kinds = {item["applicant"]["type"] for item in items if in_year(item["received_on"])}
    assert kinds == set(counting.TYPES)


def test_every_kind_of_step_channel_and_case(document):
    items = document["applications"]
    steps = [step for item in items for step in item["events"]]
    assert {step["type"] for step in steps} == set(events.TYPES)
    assert {step["party"] for step in steps if step["type"] == events.CONSULTED} == set(events.PARTIES)
    assert {item["channel"] for item in items} == set(Application.Channel.values)
    assert {a["kind"] for item in items for a in item.get("appeals", [])} >= {"reconsideration", "litigation_direct"}
    # Corrections answered and not, a fee paid and one not, an extension with its approver.
    assert any(step["type"] == events.CORRECTION_RECEIVED for step in steps)
    assert any(reply_of(item) and reply_of(item)["outcome"] == "other_overdue_correction" for item in items)
    paid = [item for item in items if any(step["type"] == events.FEE_PAID for step in item["events"])]
    assert paid and all(step.get("approved_by") for step in steps if step["type"] == events.EXTENDED)
    # Open cases: one overdue, one awaiting a correction, and an online one not yet confirmed with its code.
    days = calendar.Calendar()
    states = {}
    for item in items:
        if item["received_on"]:
            facts = clock.compute(day(item["received_on"]), steps_of(item), days, today=D(2026, 12, 31))
            states.setdefault(facts.state, []).append(facts)
    assert any(facts.late for facts in states[clock.OPEN])
    assert any(facts.late for facts in states[clock.REPLIED])
    assert states[clock.AWAITING_CORRECTION]
    unconfirmed = [item for item in items if item["received_on"] is None]
    assert len(unconfirmed) == 1 and unconfirmed[0]["channel"] == "online" and unconfirmed[0]["tracking_code"]


def test_personal_data_is_fictional_but_well_formed(document):
    names = set()
    for item in document["applications"]:
        applicant = item["applicant"]
        if applicant["id_type"] == identity.RESIDENT_CARD:
            assert identity.resident_card_ok(applicant["id_number"]), item["ref"]
            assert re.fullmatch(r"1380000\d{4}", applicant["phone"]), item["ref"]  # the usual dummy range
        else:
            assert identity.credit_code_ok(applicant["id_number"]), item["ref"]
            assert re.fullmatch(r"0416-000\d{4}", applicant["phone"]), item["ref"]  # no Jinzhou number starts 000
        assert applicant["email"] == "" or applicant["email"].endswith("example.com"), item["ref"]
        assert applicant["name"] and applicant["address"], item["ref"]
        names.add(applicant["name"])
    assert len(names) > 50


@made_once_per_module
def demo():
    with override_settings(DEBUG=True):  # the demo logins, the handler among them
        call_command("load_demo", stdout=io.StringIO())


def test_load_demo_loads_the_register_and_counts_the_report_from_it(demo, db):
    body_applications = Application.objects.filter(body__slug="sports-bureau")
    assert body_applications.count() == len(json.loads(REGISTER.read_text(encoding="utf-8"))["applications"])
    report = Report.objects.get(body__slug="sports-bureau", year=YEAR)
    public = Revision.objects.public().get(report=report).document["tables"]
    assert public["requests"] == counting.table3(report.body, YEAR)["requests"]
    assert public["appeals"] == appeals.table4(report.body, YEAR)["appeals"]
    # …and they are the demo document's own: counting changed nothing the text could be quoting.
    shipped = json.loads((DEMO / "documents" / f"sports-bureau-{YEAR}.json").read_text(encoding="utf-8"))
    assert {key: shipped["tables"][key] for key in ("requests", "appeals")} == {
        key: public[key] for key in ("requests", "appeals")
    }
    assert set(RegisterCount.objects.filter(report=report).values_list("table", flat=True)) == {"requests", "appeals"}
    # Published as counted: every check passes, none blocks, and the register agrees with the table.
    assert report.status == Report.Status.PUBLISHED
    assert assessment.findings(report) == []
    # Loaded again, nothing changes: no second copy, the origins stay, the report stays published.
    counts = (body_applications.count(), RegisterCount.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (body_applications.count(), RegisterCount.objects.count()) == counts
    assert Report.objects.get(pk=report.pk).status == Report.Status.PUBLISHED


def test_the_public_statistics_of_the_year_counted(demo, db, client):
    data = client.get(f"/api/v1/applications/sports-bureau/{YEAR}/").json()
    assert data["received"] == {"count": 45}
    assert data["replied"] == {"count": 47}
    assert data["replied_on_time"] == {"count": 47}
    assert 5 <= data["median_working_days"] <= 20
    assert data["outcomes"]["granted"] == {"count": 24}
    assert data["outcomes"]["denied_state_secret"] == {"count": None, "fewer_than": 5}
    page = client.get(f"/applications/statistics/sports-bureau/{YEAR}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "45" in text and "47" in text


def test_the_handler_sees_the_work_list(demo, db, client):
    client.force_login(get_user_model().objects.get(username="handler"))
    response = client.get(LIST)
    assert response.status_code == 200
    text = response.content.decode()
    # The open cases of 2026, by due date; the applicant's name masked in the list.
    for ref in ("2026-0004", "2026-0005", "2026-0006"):
        assert ref in text
    assert "徐长林" not in text and "徐**" in text
    everything = client.get(LIST, {"stage": ALL})
    assert everything.status_code == 200
    assert "2024-0001" in everything.content.decode()
