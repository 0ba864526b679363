"""Working days: the package's years, an entered year winning, a year covered by neither."""

import datetime

import pytest

from disclosure.applications import calendar
from disclosure.applications.calendar import Arrangement, ArrangementMissing, Calendar

D = datetime.date


def test_the_package_covers_2004_to_2026():
    assert (calendar.PACKAGE_FIRST, calendar.PACKAGE_LAST) == (2004, 2026)


def test_spring_festival_2026_as_the_notice_says():
    # 国办发明电〔2025〕7号: 2月15日至23日放假调休，共9天；2月14日（星期六）、2月28日（星期六）上班.
    days = Calendar()
    assert days.is_working_day(D(2026, 2, 13))  # Friday
    assert days.is_working_day(D(2026, 2, 14))  # Saturday, 调休上班
    assert not any(days.is_working_day(D(2026, 2, n)) for n in range(15, 24))
    assert days.is_working_day(D(2026, 2, 24))
    assert days.is_working_day(D(2026, 2, 28))  # Saturday, 调休上班


def test_national_day_2026():
    # 9月20日（星期日）上班；9月25日（中秋）放假；10月1日至7日放假；10月10日（星期六）上班.
    days = Calendar()
    assert days.is_working_day(D(2026, 9, 20))
    assert not days.is_working_day(D(2026, 9, 25))
    assert not any(days.is_working_day(D(2026, 10, n)) for n in range(1, 8))
    assert days.is_working_day(D(2026, 10, 10))


def test_a_year_covered_by_neither_is_refused_with_its_year():
    with pytest.raises(ArrangementMissing) as refused:
        Calendar().is_working_day(D(2027, 1, 4))
    assert str(refused.value) == "2027年节假日安排尚未录入"
    assert refused.value.year == 2027


def test_an_entered_year_wins_over_the_package():
    entered = Calendar([Arrangement(2026, frozenset({D(2026, 1, 1), D(2026, 3, 3)}), frozenset())])
    assert not entered.is_working_day(D(2026, 3, 3))  # a Tuesday made a day off
    assert entered.is_working_day(D(2026, 1, 2))  # the package's day off, not in the entered notice
    assert not entered.is_working_day(D(2026, 2, 14))  # the package's 调休 Saturday, not entered


def test_a_notice_may_decide_the_end_of_december_before_its_year():
    entered = Calendar([Arrangement(2027, frozenset({D(2027, 1, 1)}), frozenset({D(2026, 12, 26)}))])
    assert entered.is_working_day(D(2026, 12, 26))  # a Saturday of 2026, worked for 2027's New Year
    assert not entered.is_working_day(D(2026, 12, 27))  # 2026 still from the package
    assert entered.is_working_day(D(2027, 1, 4)) and not entered.is_working_day(D(2027, 1, 1))


def test_add_and_between():
    days = Calendar()
    # After Friday 2026-02-13: Sat 14 (调休) is day 1, then nothing until Tue 24 (day 2).
    assert days.add(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert days.add(D(2026, 2, 13), 2) == D(2026, 2, 24)
    assert days.between(D(2026, 2, 13), D(2026, 2, 24)) == 2
    assert days.between(D(2026, 2, 24), D(2026, 2, 13)) == 0


def test_parse_days_reads_the_ways_a_notice_is_copied():
    dates, problems = calendar.parse_days("2027-01-01\n2027-02-06至2027-02-08，4月5日、5月1日至3日; 6/14~6/15", 2027)
    assert problems == []
    assert sorted(dates) == [
        D(2027, 1, 1),
        D(2027, 2, 6),
        D(2027, 2, 7),
        D(2027, 2, 8),
        D(2027, 4, 5),
        D(2027, 5, 1),
        D(2027, 5, 2),
        D(2027, 5, 3),
        D(2027, 6, 14),
        D(2027, 6, 15),
    ]
    assert calendar.describe(dates) == (
        "2027-01-01、2027-02-06至2027-02-08、2027-04-05、2027-05-01至2027-05-03、2027-06-14至2027-06-15"
    )


def test_parse_days_says_what_it_cannot_read():
    _, problems = calendar.parse_days("2027-02-30, 2028-01-01, 2027-02-10至2027-02-01, 春节", 2027)
    assert problems == [
        "“2027-02-30”不是可识别的日期或日期范围（如 2027-02-06 或 2027-02-06至2027-02-12）。",
        "“2028-01-01”不在2027年（或2026年12月底）之内。",
        "“2027-02-10至2027-02-01”：结束日期早于开始日期。",
        "“春节”不是可识别的日期或日期范围（如 2027-02-06 或 2027-02-06至2027-02-12）。",
    ]


def test_check_arrangement():
    problems = calendar.check_arrangement(2027, {D(2027, 2, 8)}, {D(2027, 2, 8), D(2027, 2, 10)})
    assert problems == {
        "days_off": ["元旦（2027年1月1日）每年放假，放假日期中应当包括。"],
        "working_days": [
            "2027-02-08（星期一）、2027-02-10（星期三）本来就是工作日；调休上班日只填原为星期六、星期日的日期。"
        ],
        None: ["2027-02-08不能既放假又上班。"],
    }
    assert calendar.check_arrangement(2027, {D(2027, 1, 1)}, {D(2027, 2, 20)}) == {}
