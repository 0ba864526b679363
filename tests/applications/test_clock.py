"""The reply clock on hand-counted cases. Each expected date is counted in the comment above it, day by day,
on the State Council's arrangements: 2025 (9月28日（日）上班, 10月1日至8日放假, 10月11日（六）上班) and 2026
(2月14日（六）上班, 2月15日至23日放假, 2月28日（六）上班; 4月4日至6日放假; 9月20日（日）上班, 9月25日放假,
10月1日至7日放假, 10月10日（六）上班)."""

import datetime

import pytest

from disclosure.applications import clock
from disclosure.applications.calendar import Arrangement, ArrangementMissing, Calendar
from disclosure.applications.events import Event

D = datetime.date
DAYS = Calendar()


def run(received_on, *events, today=None, days=DAYS):
    return clock.compute(received_on, events, days, today=today)


def test_across_spring_festival_2026():
    # R Tue 2/10. 11, 12, 13 (3), Sat 14 调休 (4), 15–23 off, 24, 25, 26, 27 (8), Sat 28 调休 (9),
    # 3/2–6 (14), 3/9–13 (19), Mon 3/16 (20).
    assert run(D(2026, 2, 10)).due_on == D(2026, 3, 16)


def test_received_on_a_holiday():
    # R Sun 2/15, in the holiday: day 1 is the first working day after it, Tue 2/24.
    # 2/24–27 (4), Sat 2/28 (5), 3/2–6 (10), 3/9–13 (15), 3/16–20 (20): Fri 3/20.
    assert run(D(2026, 2, 15)).due_on == D(2026, 3, 20)


def test_across_national_day_2025():
    # R Fri 9/26. Sat 27 off, Sun 28 调休 (1), 29, 30 (3), 10/1–8 off, 9, 10 (5), Sat 11 调休 (6),
    # 13–17 (11), 20–24 (16), 27, 28, 29, Thu 30 (20).
    assert run(D(2025, 9, 26)).due_on == D(2025, 10, 30)


def test_across_mid_autumn_and_national_day_2026():
    # R Fri 9/18. Sat 19 off, Sun 20 调休 (1), 21–24 (5), Fri 25 中秋 off, 28, 29, 30 (8), 10/1–7 off,
    # 8, 9 (10), Sat 10 调休 (11), 12–16 (16), 19, 20, 21, Thu 22 (20).
    assert run(D(2026, 9, 18)).due_on == D(2026, 10, 22)


def test_the_design_files_example():
    events = [
        Event("correction_requested", D(2026, 9, 30), until=D(2026, 10, 23)),
        Event("correction_received", D(2026, 10, 12)),
        Event("consulted", D(2026, 10, 14), answered_on=D(2026, 10, 20), party="third_party"),
        Event("extended", D(2026, 11, 5)),
        Event("fee_notice", D(2026, 11, 6)),
        Event("fee_paid", D(2026, 11, 9)),
        Event("replied", D(2026, 11, 20), outcome="partially_granted"),
    ]
    result = run(D(2026, 9, 28), *events)
    # From C Mon 10/12: 13, 14 (2), 15/16/19/20 paused (consultation), 21, 22, 23 (5), 26–30 (10),
    # 11/2–6 (15), Mon 11/9 paused (fee), 10–13 (19), Mon 11/16 (20): the extension on 11/5 is in time.
    # Extended: 17, 18, 19, 20 (24), 23–27 (29), 30, 12/1–4 (34), 7–11 (39), Mon 12/14 (40).
    assert result.due_on == D(2026, 12, 14)
    assert (result.state, result.late, result.extended, result.warnings) == ("replied", False, True, ())
    # Replied Fri 11/20: day 24 of the count above.
    assert result.days_taken == 24
    assert result.start == D(2026, 10, 12)


def test_awaiting_a_correction_has_no_due_date():
    result = run(D(2026, 3, 2), Event("correction_requested", D(2026, 3, 4), until=D(2026, 3, 20)))
    assert (result.state, result.due_on, result.late, result.days_taken) == ("awaiting_correction", None, False, None)
    assert result.warnings == ()


def test_a_correction_restarts_the_clock_from_zero():
    # C Mon 3/16: 17–20 (4), 23–27 (9), 30, 31, 4/1, 2, 3 (14), 4/4–6 Qingming off, 7–10 (18), 13, Tue 4/14 (20).
    result = run(
        D(2026, 3, 2),
        Event("correction_requested", D(2026, 3, 4), until=D(2026, 3, 20)),
        Event("correction_received", D(2026, 3, 16)),
    )
    assert (result.state, result.due_on) == ("open", D(2026, 4, 14))


def test_a_correction_after_the_7th_working_day_is_a_warning():
    # R Mon 3/2: 3, 4, 5, 6 (4), 9, 10, Wed 3/11 (7); a notice on Thu 3/12 is late.
    result = run(D(2026, 3, 2), Event("correction_requested", D(2026, 3, 12), until=D(2026, 3, 27)))
    assert result.warnings == ("补正通知（2026-03-12）晚于收到申请后第7个工作日（2026-03-11）（条例第三十条）。",)
    on_time = run(D(2026, 3, 2), Event("correction_requested", D(2026, 3, 11), until=D(2026, 3, 27)))
    assert on_time.warnings == ()


def test_an_answered_consultation_pauses_s_exclusive_to_a_inclusive():
    # Without pauses R Mon 3/2 is due Mon 3/30 (3–6, 9–13, 16–20, 23–27 = 19, 30 = 20).
    # Consulted Wed 3/4, answered Fri 3/6: Thu 5 and Fri 6 paused, so 2 more: Tue 3/31, Wed 4/1.
    result = run(D(2026, 3, 2), Event("consulted", D(2026, 3, 4), answered_on=D(2026, 3, 6), party="agency"))
    assert result.due_on == D(2026, 4, 1)


def test_an_unanswered_consultation_pauses_15_working_days():
    # Consulted Wed 3/4, no answer: A is the 15th working day after it: 5, 6 (2), 9–13 (7), 16–20 (12),
    # 23, 24, Wed 3/25 (15). Counted: 3/3, 3/4 (2), then 26, 27 (4), 30, 31, 4/1, 2, 3 (9), 4/6 off,
    # 7–10 (13), 13–17 (18), 20, Tue 4/21 (20).
    result = run(D(2026, 3, 2), Event("consulted", D(2026, 3, 4), party="third_party"))
    assert result.due_on == D(2026, 4, 21)


def test_a_paid_fee_pauses_notice_exclusive_to_payment_inclusive():
    # Notice Tue 3/10, paid Fri 3/13: 11, 12, 13 paused; 3/30 + 3 working days: 31, 4/1, Thu 4/2.
    result = run(D(2026, 3, 2), Event("fee_notice", D(2026, 3, 10), amount=100), Event("fee_paid", D(2026, 3, 13)))
    assert result.due_on == D(2026, 4, 2)


def test_an_unpaid_fee_pauses_to_the_last_day_to_pay():
    # Notice Tue 3/10; the 20th working day after it: 11–13 (3), 16–20 (8), 23–27 (13), 30, 31, 4/1, 2, 3 (18),
    # 4/6 off, 7 (19), Wed 4/8 (20). Counted: 3/3–6, 9, 10 (6), then 4/9, 10 (8), 13–17 (13), 20–24 (18),
    # 27, Tue 4/28 (20).
    notice = Event("fee_notice", D(2026, 3, 10), amount=100)
    assert run(D(2026, 3, 2), notice).due_on == D(2026, 4, 28)
    closed = run(D(2026, 3, 2), notice, Event("replied", D(2026, 4, 9), outcome="other_overdue_fee"))
    assert (closed.state, closed.due_on, closed.late) == ("replied", D(2026, 4, 28), False)


def test_an_extension_adds_20_working_days():
    # R Mon 3/2 due Mon 3/30; extended on that very day: 31, 4/1, 2, 3 (4), 4/6 off, 7–10 (8), 13–17 (13),
    # 20–24 (18), 27, Tue 4/28 (20).
    result = run(D(2026, 3, 2), Event("extended", D(2026, 3, 30), approved_by="办公室主任"))
    assert (result.due_on, result.extended, result.warnings) == (D(2026, 4, 28), True, ())


def test_an_extension_after_the_due_date_does_not_extend_and_is_a_warning():
    # Due Mon 3/30; extended Tue 3/31; replied Thu 4/2 = day 23 (31, 4/1, 4/2): late.
    result = run(D(2026, 3, 2), Event("extended", D(2026, 3, 31)), Event("replied", D(2026, 4, 2), outcome="granted"))
    assert (result.due_on, result.extended, result.late, result.days_taken) == (D(2026, 3, 30), False, True, 23)
    assert result.warnings == (
        "延期答复（2026-03-31）晚于答复期限（2026-03-30），不能延长答复期限（条例第三十三条）。",
    )


def test_replied_on_the_due_date_is_on_time_and_an_open_case_is_late_after_it():
    on_time = run(D(2026, 3, 2), Event("replied", D(2026, 3, 30), outcome="granted"))
    assert (on_time.late, on_time.days_taken) == (False, 20)
    assert run(D(2026, 3, 2), today=D(2026, 3, 30)).late is False
    assert run(D(2026, 3, 2), today=D(2026, 3, 31)).late is True
    assert run(D(2026, 3, 2)).late is False  # no today, no judgement


def test_a_deadline_in_a_year_without_an_arrangement_is_refused():
    # R Thu 12/10/2026: 11 (1), 14–18 (6), 21–25 (11), 28–31 (15), then 2027, which nobody has entered.
    with pytest.raises(ArrangementMissing, match="^2027年节假日安排尚未录入$"):
        run(D(2026, 12, 10))
    # Entered (1月1日放假): Fri 1/1 off, 4, 5, 6, 7, Fri 1/8 (20).
    entered = Calendar([Arrangement(2027, frozenset({D(2027, 1, 1)}), frozenset())])
    assert run(D(2026, 12, 10), days=entered).due_on == D(2027, 1, 8)


def test_the_deadline_as_it_moved():
    events = [
        Event("consulted", D(2026, 3, 4), answered_on=D(2026, 3, 6), party="agency"),
        Event("extended", D(2026, 3, 20)),
        Event("replied", D(2026, 4, 20), outcome="granted"),
    ]
    moves = clock.deadlines(D(2026, 3, 2), events, DAYS)
    # 3/30; +2 paused days → 4/1; +20 from 4/1: 2, 3, 7–10 (6), 13–17 (11), 20–24 (16), 27–30 (20) → 4/30.
    assert [due for _, due in moves] == [D(2026, 3, 30), D(2026, 4, 1), D(2026, 4, 30), D(2026, 4, 30)]


def test_with_missing_ok_the_clock_says_what_is_missing_and_what_it_still_knows():
    # R Thu 12/10/2026 (due in 2027), replied Wed 12/30: 11 (1), 14–18 (6), 21–25 (11), 28, 29, 30 (14).
    replied = clock.compute(
        D(2026, 12, 10), [Event("replied", D(2026, 12, 30), outcome="granted")], DAYS, missing_ok=True
    )
    assert (replied.state, replied.due_on, replied.late, replied.days_taken) == ("replied", None, False, 14)
    assert replied.missing == "2027年节假日安排尚未录入"
    # Consulted Mon 12/14 without an answer: its 15th working day is in 2027, so every day after it is paused.
    consulted = [
        Event("consulted", D(2026, 12, 14), party="third_party"),
        Event("replied", D(2026, 12, 30), outcome="granted"),
    ]
    assert clock.compute(D(2026, 12, 10), consulted, DAYS, missing_ok=True).days_taken == 2  # 11, 14
    still_open = clock.compute(D(2026, 12, 10), [], DAYS, today=D(2026, 12, 31), missing_ok=True)
    assert (still_open.state, still_open.due_on, still_open.late, still_open.missing) == (
        "open",
        None,
        False,
        "2027年节假日安排尚未录入",
    )
