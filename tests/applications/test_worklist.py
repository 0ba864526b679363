"""The work list: stages from the clock, open cases by due date, highlights, filters, queries; the timeline.

Dates counted by hand on the 2026 arrangement (清明 4月4日至6日 off; 2月28日（六）上班). Today is Wed 2026-03-25.
"""

import datetime
import re
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from disclosure.applications import calendar, clock, privacy, worklist
from disclosure.applications.events import Event
from disclosure.models import Application
from tests.applications.factories import make_application, replied
from tests.factories import make_body, make_staff

D = datetime.date
TODAY = D(2026, 3, 25)
DAYS = calendar.Calendar()
LIST = reverse("admin:disclosure_application_changelist")


def _at(day):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


# ---- the clock's stages and timeline (pure) ------------------------------------------------------------


def test_stages():
    r = D(2026, 3, 2)
    assert clock.stage(None, [], DAYS, TODAY) == clock.UNCONFIRMED
    assert clock.stage(r, [], DAYS, TODAY) == clock.HANDLING
    assert clock.stage(r, [Event("correction_requested", D(2026, 3, 3), until=D(2026, 3, 20))], DAYS, TODAY) == (
        clock.CORRECTING
    )
    # Consulted Wed 3/18 without an answer: its 15th working day, 19, 20 (2), 23–27 (7), 3/30–4/3 (12), 4/7, 8,
    # Thu 4/9 (15), is to come; answered, it is over.
    consulted = Event("consulted", D(2026, 3, 18), party="third_party")
    assert clock.stage(r, [consulted], DAYS, TODAY) == clock.CONSULTING
    assert clock.stage(r, [consulted], DAYS, D(2026, 4, 9)) == clock.CONSULTING
    assert clock.stage(r, [consulted], DAYS, D(2026, 4, 10)) == clock.HANDLING
    answered = Event("consulted", D(2026, 3, 18), party="third_party", answered_on=D(2026, 3, 20))
    assert clock.stage(r, [answered], DAYS, TODAY) == clock.HANDLING
    fee = Event("fee_notice", D(2026, 3, 10), amount=100)
    assert clock.stage(r, [fee], DAYS, TODAY) == clock.AWAITING_FEE
    assert clock.stage(r, [fee, Event("fee_paid", D(2026, 3, 12))], DAYS, TODAY) == clock.HANDLING
    assert clock.stage(r, [Event("replied", D(2026, 3, 20), outcome="granted")], DAYS, TODAY) == clock.REPLIED


def test_working_days_left():
    # From Wed 3/25 to Mon 3/30: 26, 27, 30.
    assert clock.working_days_left(TODAY, D(2026, 3, 30), DAYS) == 3
    assert clock.working_days_left(TODAY, TODAY, DAYS) == 0
    assert clock.working_days_left(TODAY, None, DAYS) is None


def test_timeline_gives_the_due_date_after_each_step():
    steps = clock.timeline(
        D(2026, 3, 2),
        [
            Event("consulted", D(2026, 3, 4), answered_on=D(2026, 3, 6), party="agency"),
            Event("extended", D(2026, 3, 20), approved_by="王主任"),
            Event("replied", D(2026, 4, 20), outcome="granted"),
        ],
        DAYS,
    )
    # As in test_clock: 3/30; 5 and 6 paused → 4/1; extended by 20 from 4/1 → 4/30; replied on time.
    assert [step.clock.due_on for step in steps] == [D(2026, 3, 30), D(2026, 4, 1), D(2026, 4, 30), D(2026, 4, 30)]
    assert steps[0].event is None and steps[-1].clock.state == clock.REPLIED and not steps[-1].clock.late
    # A step whose due date falls in a year not entered says so instead of raising.
    late = clock.timeline(D(2026, 12, 10), [], DAYS)
    assert late[0].clock.missing == "2027年节假日安排尚未录入"


def test_urgency():
    due_soon = worklist.entry(D(2026, 3, 2), [], DAYS, TODAY)  # due 3/30, 3 working days left
    assert (due_soon.clock.due_on, due_soon.days_left, due_soon.urgency) == (D(2026, 3, 30), 3, worklist.DUE_SOON)
    # R Tue 2/24: 25, 26, 27 (3), Sat 2/28 调休 (4), 3/2–6 (9), 9–13 (14), 16–20 (19), Mon 3/23 (20).
    overdue = worklist.entry(D(2026, 2, 24), [], DAYS, TODAY)
    assert (overdue.clock.due_on, overdue.urgency) == (D(2026, 3, 23), worklist.OVERDUE)
    # R Mon 3/16: 17–20 (4), 23–27 (9), 3/30–4/3 (14), 4/4–6 off, 7–10 (18), 13, Tue 4/14 (20).
    calm = worklist.entry(D(2026, 3, 16), [], DAYS, TODAY)
    assert (calm.clock.due_on, calm.urgency) == (D(2026, 4, 14), None)
    done = worklist.entry(
        D(2026, 2, 24),
        [("replied", D(2026, 3, 24))] and [Event("replied", D(2026, 3, 24), outcome="granted")],
        DAYS,
        TODAY,
    )
    assert done.urgency is None


# ---- the admin's work list -----------------------------------------------------------------------------


@pytest.fixture
def team(db):
    sports, finance = make_body(), make_body("finance-bureau", "锦州市财政局")
    handler = make_staff("handler", privacy.HANDLER, sports, first_name="赵办理")
    other = make_staff("handler2", privacy.HANDLER, sports)
    return {"sports": sports, "finance": finance, "handler": handler, "other": other}


@pytest.fixture
def register(team):
    sports = team["sports"]
    cases = {
        "SOON": make_application(sports, D(2026, 3, 2), ref="SOON", handler=team["handler"]),
        "LATE": make_application(sports, D(2026, 2, 24), ref="LATE", handler=team["other"]),
        "CALM": make_application(sports, D(2026, 3, 16), ref="CALM"),
        "CORR": make_application(
            sports, D(2026, 3, 20), ("correction_requested", D(2026, 3, 23), {"until": D(2026, 4, 3)}), ref="CORR"
        ),
        "NEW": make_application(sports, None, ref="NEW"),
        "CONS": make_application(
            sports, D(2026, 3, 10), ("consulted", D(2026, 3, 18), {"party": "third_party"}), ref="CONS"
        ),
        "FEE": make_application(
            sports, D(2026, 3, 12), ("fee_notice", D(2026, 3, 20), {"amount": "100.00"}), ref="FEE"
        ),
        "DONE": make_application(sports, D(2026, 3, 2), replied(D(2026, 3, 20)), ref="DONE"),
        "NEXT": make_application(sports, D(2026, 12, 10), ref="NEXT"),
        "ELSEWHERE": make_application(team["finance"], D(2026, 3, 2), ref="ELSEWHERE"),
    }
    return cases


def _refs(page):
    return re.findall(r'<th class="field-ref"><a href="[^"]+">([A-Z]+)</a>', page)


def _get(client, user, query=""):
    with _at(TODAY):
        client.force_login(user)
        response = client.get(LIST + query)
    assert response.status_code == 200
    return response.content.decode()


def test_open_cases_by_due_date_with_highlights(client, team, register):
    page = _get(client, team["handler"])
    # LATE 3/23, SOON 3/30, CALM 4/14, then CONS and FEE (paused later); without a due date at the end.
    refs = _refs(page)
    assert refs[:3] == ["LATE", "SOON", "CALM"]
    assert set(refs[3:5]) == {"CONS", "FEE"}
    assert refs[5:] == ["CORR", "NEXT", "NEW"]
    assert "DONE" not in refs and "ELSEWHERE" not in refs
    assert '<span class="application-due application-overdue">2026-03-23（已逾期）</span>' in page
    assert '<span class="application-due application-due-soon">2026-03-30（还剩3个工作日）</span>' in page
    assert "2026-04-14（还剩" in page and 'application-due application-due-soon">2026-04-14' not in page
    assert "2027年节假日安排尚未录入" in page and "补正后重新计算" in page and "确认收到后起算" in page
    assert "赵办理" in page


@pytest.mark.parametrize(
    ("stage", "refs"),
    [
        ("unconfirmed", {"NEW"}),
        ("correcting", {"CORR"}),
        ("consulting", {"CONS"}),
        ("awaiting_fee", {"FEE"}),
        ("handling", {"LATE", "SOON", "CALM", "NEXT"}),
        ("replied", {"DONE"}),
        ("all", {"LATE", "SOON", "CALM", "CORR", "NEW", "CONS", "FEE", "DONE", "NEXT"}),
    ],
)
def test_filter_by_stage(client, team, register, stage, refs):
    page = _get(client, team["handler"], f"?stage={stage}")
    assert set(_refs(page)) == refs
    assert f"{len(refs)} 条结果" in page or f"{len(refs)}个" in page or str(len(refs)) in page


def test_filter_by_handler(client, team, register):
    page = _get(client, team["handler"], f"?handler__id__exact={team['handler'].pk}")
    assert _refs(page) == ["SOON"]
    assert "赵办理</a>" in page and "未指定</a>" in page  # the filter names the handlers
    assert set(_refs(_get(client, team["handler"], "?handler__isnull=True"))) == {
        "CALM",
        "CORR",
        "NEW",
        "CONS",
        "FEE",
        "NEXT",
    }


def test_a_column_header_orders_instead(client, team, register):
    assert "sortoptions" not in _get(client, team["handler"])  # by due date: no column shown as sorted
    page = _get(client, team["handler"], "?o=1")  # by 登记编号
    assert _refs(page) == sorted(_refs(page)) and "sortoptions" in page


def test_pages_of_the_work_list(client, team, register, monkeypatch):
    from disclosure.admin.applications import ApplicationAdmin

    monkeypatch.setattr(ApplicationAdmin, "list_per_page", 4)
    assert _refs(_get(client, team["handler"])) == ["LATE", "SOON", "CALM", _refs(_get(client, team["handler"]))[3]]
    second = _refs(_get(client, team["handler"], "?p=2"))
    assert len(second) == 4 and "LATE" not in second


def test_queries_do_not_grow_with_the_cases(client, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(query):
        with _at(TODAY), CaptureQueriesContext(connection) as captured:
            assert client.get(LIST + query).status_code == 200
        return len(captured)

    def add(count):
        for number in range(count):
            received = D(2026, 3, 2) + datetime.timedelta(days=number % 20)
            make_application(team["sports"], received, ("consulted", D(2026, 3, 24), {"party": "agency"}))
            make_application(team["sports"], received, replied(D(2026, 3, 24)))

    client.force_login(team["handler"])
    add(2)
    queries("")  # the first request of a session does more (the site settings, the session)
    few = queries(""), queries("?stage=all")
    add(40)
    assert (queries(""), queries("?stage=all")) == few


def test_the_change_page_shows_the_timeline(client, team):
    application = make_application(
        team["sports"],
        D(2026, 3, 2),
        ("consulted", D(2026, 3, 4), {"answered_on": D(2026, 3, 6), "party": "agency"}),
        ("extended", D(2026, 3, 20), {"approved_by": "王主任"}),
    )
    with _at(TODAY):
        client.force_login(team["handler"])
        page = client.get(reverse("admin:disclosure_application_change", args=[application.pk])).content.decode()
    timeline = page[page.index('<ol class="application-timeline">') :]
    timeline = timeline[: timeline.index("</ol>")]
    items = [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", timeline, re.S)]
    assert items == [
        "2026-03-02 收到申请 → 期限 2026-03-30",
        "2026-03-04 征求意见（其他行政机关 2026-03-06答复） → 期限 2026-04-01",
        "2026-03-20 延期答复（批准人：王主任） → 期限 2026-04-30",
    ]
    assert "办理阶段：办理中" in page and "已延期答复" in page


def test_an_unconfirmed_application_is_confirmed_today(client, team, register):
    from django.contrib.admin.models import LogEntry

    new = register["NEW"]
    url = reverse("admin:disclosure_application_confirm", args=[new.pk])
    with _at(TODAY):
        client.force_login(team["handler"])
        page = client.get(reverse("admin:disclosure_application_change", args=[new.pk])).content.decode()
        assert "确认收到</button>" in page and "尚未确认收到（待确认）" in page
        assert client.get(url).status_code == 405
        assert client.post(url).status_code == 302
        again = client.post(url, follow=True).content.decode()
    new.refresh_from_db()
    assert new.received_on == TODAY
    assert "该申请已于2026-03-25收到，无需确认。" in again
    assert LogEntry.objects.filter(object_id=str(new.pk), change_message__contains="确认收到在线申请").count() == 1


def test_confirming_through_the_list_action(client, team, register):
    with _at(TODAY):
        client.force_login(team["handler"])
        ids = [register["NEW"].pk, register["SOON"].pk]
        response = client.post(LIST + "?stage=all", {"action": "confirm_receipt", "_selected_action": ids}, follow=True)
    page = response.content.decode()
    assert "已确认收到1件在线申请，收到申请日期为2026-03-25" in page
    assert "1件申请此前已有收到申请日期，未作改动。" in page
    assert Application.objects.get(ref="NEW").received_on == TODAY
    assert Application.objects.get(ref="SOON").received_on == D(2026, 3, 2)


def test_a_reviewer_cannot_confirm(client, team, register):
    reviewer = make_staff("reviewer", "审核人", team["sports"])
    with _at(TODAY):
        client.force_login(reviewer)
        page = client.get(reverse("admin:disclosure_application_change", args=[register["NEW"].pk])).content.decode()
        assert "确认收到</button>" not in page
        client.post(reverse("admin:disclosure_application_confirm", args=[register["NEW"].pk]))
    assert Application.objects.get(ref="NEW").received_on is None
