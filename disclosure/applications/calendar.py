"""Working days on the State Council's holiday arrangements (国务院办公厅关于某年部分节假日安排的通知).

A day is a working day when the arrangement for its year makes it one: Monday to Friday unless it is a day
off (放假), and a Saturday or Sunday made a working day (调休上班). The known years come from the
`chinese-calendar` package (2004–2026 in version 1.11.0); staff enter a new year's notice in the admin
(`HolidayArrangement`), and an entered year wins over the package. A date in a year covered by neither raises
`ArrangementMissing` ("2027年节假日安排尚未录入"): the register never guesses a deadline.

Everything here is pure except `from_database()`, which reads the entered arrangements once per call: the
clock (clock.py) takes a `Calendar` so that tests and long computations (a whole register's dump) read them
once.
"""

import datetime
import re
from dataclasses import dataclass, field

import chinese_calendar
from chinese_calendar import constants as _package

PACKAGE_YEARS = frozenset(day.year for day in _package.holidays)
PACKAGE_FIRST, PACKAGE_LAST = min(PACKAGE_YEARS), max(PACKAGE_YEARS)


class ArrangementMissing(LookupError):
    """A date in a year whose holiday arrangement is neither shipped nor entered."""

    def __init__(self, year):
        super().__init__(f"{year}年节假日安排尚未录入")
        self.year = year


@dataclass(frozen=True)
class Arrangement:
    """One year's notice: its days off (放假, weekends inside a holiday included or not) and the weekend days
    made working days (调休上班). A listed date may lie at the end of December of the year before, as in the
    2012 notice (2011年12月31日（星期六）上班); it then decides that day too."""

    year: int
    days_off: frozenset = field(default_factory=frozenset)
    working_days: frozenset = field(default_factory=frozenset)


class Calendar:
    """Working days from the entered arrangements (`Arrangement`s, winning) and the package."""

    def __init__(self, arrangements=()):
        self.entered_years = frozenset(a.year for a in arrangements)
        self._off = frozenset().union(*(a.days_off for a in arrangements))
        self._on = frozenset().union(*(a.working_days for a in arrangements))
        # The package checks its whole range on every call (~30 µs); a work list asks about the same few hundred
        # days thousands of times, so each answer is kept for the life of this Calendar (one request or command).
        self._known = {}

    def covers(self, year):
        return year in self.entered_years or year in PACKAGE_YEARS

    def is_working_day(self, day):
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self._is_working_day(day)
        return known

    def _is_working_day(self, day):
        if day in self._on:
            return True
        if day in self._off:
            return False
        if day.year in self.entered_years:
            return day.weekday() < 5
        if day.year in PACKAGE_YEARS:
            return chinese_calendar.is_workday(day)
        raise ArrangementMissing(day.year)

    def working_days_after(self, start):
        """Every working day after `start` (not `start` itself), in order, without end."""
        day = start
        while True:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                yield day

    def add(self, start, count):
        """The `count`-th working day after `start` (`start` itself never counts)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        for number, day in enumerate(self.working_days_after(start), start=1):
            if number == count:
                return day
        raise AssertionError("unreachable")  # pragma: no cover

    def between(self, start, end):
        """How many working days d there are with start < d ≤ end (0 when end ≤ start)."""
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            count += self.is_working_day(day)
        return count


def from_database():
    """A Calendar with every arrangement staff have entered (HolidayArrangement) and the package's years."""
    from disclosure.models import HolidayArrangement

    return Calendar([row.arrangement() for row in HolidayArrangement.objects.all()])


# ---- entering a year's notice ---------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s,，、;；]+")
_RANGE = re.compile(r"(.+?)(?:至|到|~|～|—|–|--)(.+)")
_DATE = re.compile(r"(?:(\d{4})\s*[-./年]\s*)?(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
WEEKDAYS = "一二三四五六日"


def weekday_name(day):
    return f"星期{WEEKDAYS[day.weekday()]}"


def parse_days(text, year):
    """The dates written in `text` for the notice of `year`, and the problems found, as (dates, problems).

    One date or range per item, items separated by line breaks, commas or 、: 2027-02-06,
    2027-02-06至2027-02-12, 2月6日至12日, 2/6~2/12. A date without a year is in `year`; a range's end without
    a month is in its start's month. Dates must lie in `year`, or at the end of December of the year before.
    """
    dates, problems = set(), []
    for item in _SEPARATORS.split(text.strip()):
        if not item:
            continue
        match = _RANGE.fullmatch(item)
        try:
            if match:
                first = _date(match.group(1), year)
                last = _date(match.group(2), first.year, first.month)
                if last < first:
                    problems.append(f"“{item}”：结束日期早于开始日期。")
                    continue
                if (last - first).days > 31:
                    problems.append(f"“{item}”：一段假期不会超过一个月，请检查日期。")
                    continue
                days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
            else:
                days = [_date(item, year)]
        except ValueError:
            problems.append(f"“{item}”不是可识别的日期或日期范围（如 2027-02-06 或 2027-02-06至2027-02-12）。")
            continue
        outside = [d for d in days if not _in_notice(d, year)]
        if outside:
            problems.append(f"“{item}”不在{year}年（或{year - 1}年12月底）之内。")
            continue
        dates.update(days)
    return dates, problems


def _date(text, year, month=None):
    text = text.strip()
    match = _DATE.fullmatch(text)
    if match:
        return datetime.date(int(match.group(1) or year), int(match.group(2)), int(match.group(3)))
    day = re.fullmatch(r"(\d{1,2})\s*日?", text)
    if day and month:
        return datetime.date(year, month, int(day.group(1)))
    raise ValueError(text)


def _in_notice(day, year):
    return day.year == year or (day.year == year - 1 and day.month == 12 and day.day >= 25)


def check_arrangement(year, days_off, working_days):
    """Problems of a notice as entered, by field: {"days_off": [...], "working_days": [...], None: [...]}."""
    problems = {}
    if datetime.date(year, 1, 1) not in days_off:
        problems.setdefault("days_off", []).append(f"元旦（{year}年1月1日）每年放假，放假日期中应当包括。")
    weekdays = sorted(d for d in working_days if d.weekday() < 5)
    if weekdays:
        listed = "、".join(f"{d:%Y-%m-%d}（{weekday_name(d)}）" for d in weekdays)
        problems.setdefault("working_days", []).append(
            f"{listed}本来就是工作日；调休上班日只填原为星期六、星期日的日期。"
        )
    both = sorted(days_off & working_days)
    if both:
        listed = "、".join(f"{d:%Y-%m-%d}" for d in both)
        problems.setdefault(None, []).append(f"{listed}不能既放假又上班。")
    return problems


def describe(days):
    """Dates written back compactly, one consecutive range per item: 2027-02-06至2027-02-12、2027-04-05."""
    days, items = sorted(days), []
    while days:
        first = last = days.pop(0)
        while days and days[0] == last + datetime.timedelta(days=1):
            last = days.pop(0)
        items.append(f"{first:%Y-%m-%d}" if first == last else f"{first:%Y-%m-%d}至{last:%Y-%m-%d}")
    return "、".join(items)
