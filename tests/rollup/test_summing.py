"""The sums of the listed units' published tables: all three tables, the amount in Decimal, a unit that has not
published and one in the 2019 format named and left out, and the result passing the blocking checks."""

import pytest

from disclosure.models import RegisterCount
from disclosure.rollup import summing, units
from disclosure.tables import assessment, formats
from tests.factories import make_body, make_staff
from tests.rollup.factories import YEAR, listed_city, published_report, scaled_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return listed_city()


def test_tables_2_3_and_4_are_the_sums_of_the_units_that_published(city):
    result = summing.roll_up(city["government"], YEAR, "2021")
    three = scaled_tables(3)
    assert result.tables["requests"] == three["requests"]
    assert result.tables["appeals"]["reconsideration"] == {
        "upheld": 3 * 376,
        "corrected": 3 * 97,
        "other": 3 * 196,
        "pending": 3 * 121,
        "total": 3 * 790,
    }
    assert result.tables["active"]["licensing"] == {"decisions": 3}
    assert result.tables["active"]["fees"] == {"amount": "3.75"}  # 1.25 + 2.50, not a float's 3.7499…
    assert sum(len(cells) for rows in result.tables.values() for cells in rows.values()) == len(formats.cells("2021"))


def test_missing_and_other_format_units_are_named_and_left_out(city):
    result = summing.roll_up(city["government"], YEAR, "2021")
    assert [unit.slug for unit, _ in result.summed] == ["city-office", "education-bureau"]
    reasons = {missing.unit.slug: missing.reason for missing in result.missing}
    assert reasons == {
        "health-commission": "尚未发布2026年度年报",
        "transport-bureau": "年报采用2019年试行格式，与本级年报（2021年统一格式）不同",
    }
    assert result.coverage == "已汇总 4 个单位中的 2 个"
    assert result.as_json()["coverage"] == {
        "listed": 4,
        "summed": 2,
        "missing": ["transport-bureau", "health-commission"],  # in the bodies' order
    }


def test_excluded_units_are_not_summed_nor_counted(city):
    units.change(city["government"], YEAR, exclude=["education-bureau"], reason="垂直管理，由上级主管部门汇总")
    result = summing.roll_up(city["government"], YEAR, "2021")
    assert [unit.slug for unit, _ in result.summed] == ["city-office"]
    assert result.listed == 3
    assert result.tables["active"]["fees"] == {"amount": "1.25"}


def test_a_2019_government_report_sums_its_2019_units(db):
    from tests.rollup.factories import government, unit

    gov = government()
    first, second = unit(gov, "a-bureau", "甲局"), unit(gov, "b-bureau", "乙局")
    published_report(first, scaled_tables(1, "0.10", "2019"), format="2019", year=2020)
    published_report(second, scaled_tables(1, "0.0125", "2019"), format="2019", year=2020)
    units.change(gov, 2020, add=["a-bureau", "b-bureau"])
    result = summing.roll_up(gov, 2020, "2019")
    assert result.tables["requests"]["other"] == scaled_tables(2, format="2019")["requests"]["other"]
    assert result.tables["active"]["procurement"]["amount"] == "0.1125"  # four decimals kept, not rounded away


def test_filling_writes_the_working_copy_records_each_contribution_and_passes_the_checks(city):
    editor = make_staff("office-editor", "撰稿人", city["government"])
    report = city["report"]
    result, changes = summing.fill(report, editor)
    assert changes
    report.refresh_from_db()
    assert report.tables == result.tables
    assert assessment.blocking(report) == []
    origin = RegisterCount.objects.get(report=report, table="requests")
    assert origin.source == RegisterCount.ROLLUP and origin.user == editor
    assert [(u["slug"], u["number"]) for u in origin.detail["units"]] == [("city-office", 1), ("education-bureau", 1)]
    assert origin.detail["units"][1]["figures"]["granted"]["total"] == 2 * 9000
    assert origin.detail["listed"] == 4
    assert report.events.filter(action="edit").last().comment == "已汇总 4 个单位中的 2 个"


def test_no_units_listed_gives_zero_tables(db):
    from tests.rollup.factories import government

    result = summing.roll_up(government(), YEAR, "2021")
    assert result.listed == 0 and result.tables["requests"]["new_received"]["total"] == 0
    assert result.tables["active"]["fees"]["amount"] == "0.00"


def test_a_legacy_government_report_cannot_be_summed(db):
    with pytest.raises(ValueError, match="没有统计表"):
        summing.roll_up(make_body(), YEAR, "legacy")
