"""Where each summed figure came from, and the warnings on the government's report when that changed: a unit
corrected, withdrawn or published after the roll-up, the list changed, a figure typed over, units left out."""

import pytest

from disclosure.models import Report
from disclosure.rollup import provenance, summing, units
from disclosure.tables import assessment
from tests.commands import run
from tests.factories import make_staff, publish, withdraw
from tests.rollup.factories import YEAR, listed_city, published_report, scaled_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    city = listed_city()
    city["editor"] = make_staff("office-editor", "撰稿人", city["government"])
    summing.fill(city["report"], city["editor"])
    city["report"].refresh_from_db()
    return city


def warnings_of(report, check):
    return [f.message for f in assessment.findings(report) if f.check == check]


def test_each_units_contribution_with_the_revision_read(city):
    report = city["report"]
    summed, contributions = provenance.contributions(report, "tables.requests.granted.total")
    assert summed == 3 * 9000
    assert [(c["name"], c["value"], c["number"]) for c in contributions] == [
        ("锦州市人民政府办公室", 9000, 1),
        ("锦州市教育局", 18000, 1),
    ]
    assert provenance.contributions(report, "tables.active.fees.amount")[1][1]["value"] == "2.50"
    assert provenance.coverage(report)[:2] == (4, 2)


def test_the_units_left_out_are_one_warning_naming_them(city):
    assert warnings_of(city["report"], "rollup-coverage") == [
        "已汇总 4 个单位中的 2 个，未汇总："
        "锦州市交通运输局（年报采用2019年试行格式，与本级年报（2021年统一格式）不同）、"
        "锦州市卫生健康委员会（尚未发布2026年度年报）"
    ]
    assert not assessment.blocking(city["report"])


def test_a_correction_after_the_roll_up_is_a_warning_until_summed_again(city):
    report, education = city["report"], Report.objects.get(body=city["education"], year=YEAR)
    assert warnings_of(report, "rollup-stale") == []
    education.tables = scaled_tables(4, "5.00")
    education.save()
    publish(education, "更正了表三中的申请数量")
    assert warnings_of(report, "rollup-stale") == [
        "锦州市教育局的2026年度年报在汇总后有更正（汇总时为第1版，现为第2版），请重新汇总"
    ]
    summing.fill(report, city["editor"])
    report.refresh_from_db()
    assert warnings_of(report, "rollup-stale") == []
    assert report.tables["requests"]["granted"]["total"] == 5 * 9000
    assert provenance.contributions(report, "tables.requests.granted.total")[1][1]["number"] == 2


def test_a_withdrawal_and_a_late_publication_are_warnings_too(city):
    withdraw(Report.objects.get(body=city["office"], year=YEAR))
    published_report(city["health"], scaled_tables(1))
    assert warnings_of(city["report"], "rollup-stale") == [
        "锦州市人民政府办公室的2026年度年报在汇总后已撤回，汇总数仍含其数字，请重新汇总",
        "锦州市卫生健康委员会在汇总后发布了2026年度年报，尚未计入汇总，请重新汇总",
    ]


def test_a_list_changed_since_is_a_warning(city):
    from tests.rollup.factories import unit

    unit(city["government"], "water-bureau", "锦州市水务局")
    units.change(city["government"], YEAR, add=["water-bureau"], remove=["health-commission"])
    assert warnings_of(city["report"], "rollup-stale") == [
        "2026年度报告单位名单在汇总后有变动（新增锦州市水务局；移除锦州市卫生健康委员会），请重新汇总"
    ]


def test_a_summed_figure_typed_over_is_a_warning_acknowledged_like_the_others(city):
    report = city["report"]
    tables = {key: {row: dict(cells) for row, cells in rows.items()} for key, rows in report.tables.items()}
    tables["active"]["fees"]["amount"] = "3.80"
    tables["active"]["licensing"]["decisions"] = 4
    found = [f for f in assessment.findings(report, tables) if f.check == "rollup"]
    assert [f.message for f in found] == [
        "表二“行政许可·本年处理决定数量”与下级单位年报汇总数不符：汇总 3，表中 4",
        "表二“行政事业性收费·本年收费金额（单位：万元）”与下级单位年报汇总数不符：汇总 3.75，表中 3.80",
    ]
    tables["active"]["fees"]["amount"] = "3.7500"  # the same amount written with more decimals
    tables["active"]["licensing"]["decisions"] = 3
    assert not [f for f in assessment.findings(report, tables) if f.check == "rollup"]
    reviewer = make_staff("office-reviewer", "审核人", city["government"])
    coverage = next(f for f in assessment.findings(report) if f.check == "rollup-coverage")
    assessment.acknowledge(report, reviewer, coverage, "卫生健康委员会年报正在审核，交通运输局格式待更正，先行发布。")
    assert coverage not in assessment.unacknowledged(report)


def test_check_report_lists_the_roll_up_warnings(city):
    out, _ = run("check_report", str(YEAR), "jinzhou")
    assert "已汇总 4 个单位中的 2 个" in out


def test_filling_from_the_register_replaces_the_roll_ups_origin(city):
    from disclosure.applications import origins

    origins.record(city["report"], "requests", city["report"].tables["requests"], city["editor"])
    assert set(provenance.of(city["report"])) == {"active", "appeals"}
    assert "tables.requests.granted.total" in origins.of(city["report"])
