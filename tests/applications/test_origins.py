"""Tables 3 and 4 filled from the register, their origins kept, and a figure typed over since: a warning worded
exactly as the issue asks, acknowledged like the others, seen alike by the page's checks and check_report."""

import datetime

import pytest

from disclosure.applications import counting, origins
from disclosure.models import ApplicationAppeal, RegisterCount, Report
from disclosure.tables import assessment, formats
from tests.applications.factories import varied_register
from tests.commands import run
from tests.factories import make_body, make_report, make_staff, standard_tables

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    body = make_body()
    report = make_report(body, year=2026, format=Report.Format.STANDARD_2021)
    report.tables = standard_tables("2021")
    report.save()
    cases = varied_register(body, 2026)
    ApplicationAppeal.objects.create(application=cases[4], kind="reconsideration", filed_on=D(2026, 2, 1))
    return report


@pytest.fixture
def editor(report):
    return make_staff("editor", "撰稿人", report.body)


def test_filling_writes_all_175_cells_keeps_their_origins_and_passes_the_checks(report, editor):
    changes = origins.fill(report, editor, ["requests"])
    report.refresh_from_db()
    counted = counting.table3(report.body, 2026)["requests"]
    assert report.tables["requests"] == counted
    assert sum(len(cells) for cells in counted.values()) == 175
    assert changes and report.events.first().action == "edit"
    kept = RegisterCount.objects.get(report=report, table="requests")
    assert (kept.counted, kept.year, kept.body, kept.user) == (counted, 2026, report.body, editor)
    found = origins.of(report)
    assert len(found) == 175 and found["tables.requests.granted.total"] == counted["granted"]["total"]
    assert assessment.blocking(report) == []
    assert assessment.findings(report) == []  # nothing typed over: no warning either


def test_a_figure_typed_over_is_a_warning_worded_exactly_and_acknowledged(report, editor):
    origins.fill(report, editor, ["requests"])
    report.refresh_from_db()
    counted = report.tables["requests"]["new_received"]["total"]
    tables = report.tables
    tables["requests"]["new_received"]["natural_person"] += 2
    tables["requests"]["new_received"]["total"] += 2
    tables["requests"]["carried_forward"]["natural_person"] += 2
    tables["requests"]["carried_forward"]["total"] += 2
    report.tables = tables
    report.save()
    warnings = [f for f in assessment.findings(report) if f.check == "register"]
    assert not [f for f in assessment.findings(report) if f.blocking]
    messages = {f.path: f.message for f in warnings}
    assert len(warnings) == 4 and not any(f.blocking for f in warnings)
    assert messages["tables.requests.new_received.total"] == (
        f"表三“本年新收政府信息公开申请数量·总计”与依申请公开登记不符：登记 {counted} 件，表中 {counted + 2} 件"
    )
    assert messages["tables.requests.carried_forward.natural_person"].endswith(
        "与依申请公开登记不符：登记 2 件，表中 4 件"
    )
    reviewer = make_staff("reviewer", "审核人", report.body)
    for finding in warnings:
        assessment.acknowledge(report, reviewer, finding, "登记漏录两件邮寄申请，以表中数字为准。")
    assert assessment.unacknowledged(report) == []
    assert report.events.filter(action="acknowledge").count() == 4
    # Typed over again with another figure: the reviewer vouched for 31, not for 32.
    tables["requests"]["new_received"]["total"] += 1
    report.tables = tables
    report.save()
    assert [f.path for f in assessment.unacknowledged(report) if f.check == "register"] == [
        "tables.requests.new_received.total"
    ]


def test_the_warning_wording_for_29_and_31(report, editor):
    found = origins.findings("2021", {"requests": {"granted": {"total": 31}}}, {"tables.requests.granted.total": 29})
    assert [f.message for f in found] == ["表三“予以公开·总计”与依申请公开登记不符：登记 29 件，表中 31 件"]
    blank = origins.findings("2021", {"requests": {"granted": {"total": None}}}, {"tables.requests.granted.total": 29})
    assert blank == []  # a blank cell is the blocking cell check's business


def test_table_4_is_filled_too_and_its_origins_checked(report, editor):
    origins.fill(report, editor, ["appeals"])
    report.refresh_from_db()
    assert report.tables["appeals"]["reconsideration"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    }
    tables = report.tables
    tables["appeals"]["reconsideration"]["upheld"] = 1
    tables["appeals"]["reconsideration"]["total"] = 2
    report.tables = tables
    report.save()
    messages = [f.message for f in assessment.findings(report) if f.check == "register"]
    assert "表四“行政复议·结果维持”与依申请公开登记不符：登记 0 件，表中 1 件" in messages


def test_origins_of_another_year_or_body_do_not_count(report, editor):
    origins.fill(report, editor, ["requests"])
    Report.objects.filter(pk=report.pk).update(year=2025)
    report.refresh_from_db()
    assert origins.of(report) == {}


def test_the_2019_format_is_counted_with_its_one_other_row(editor):
    body = make_body("finance-bureau", "锦州市财政局")
    report = make_report(body, year=2026, format=Report.Format.TRIAL_2019)
    report.tables = standard_tables("2019")
    report.save()
    varied_register(body, 2026)
    origins.fill(report, editor, ["requests"])
    report.refresh_from_db()
    assert report.tables["requests"]["other"]["total"] == 3
    assert "other_other" not in report.tables["requests"]
    assert [f for f in assessment.findings(report) if f.path.startswith("tables.requests")] == []


def test_the_command_fills_and_check_report_shows_the_warning(report, editor):
    out, _ = run("fill_tables", "2026", "sports-bureau", "--user", "editor")
    assert "统计表已更新；0处错误" in out
    report.refresh_from_db()
    assert set(RegisterCount.objects.filter(report=report).values_list("table", flat=True)) == {"requests", "appeals"}
    out, _ = run("fill_tables", "2026", "sports-bureau", "--user", "editor", "--table", "requests")
    assert "与登记一致，没有改动" in out
    tables = report.tables
    for row, change in (("granted", 1), ("partially_granted", -1)):  # one reply counted in another row
        tables["requests"][row]["legal_service"] += change
        tables["requests"][row]["total"] += change
    report.tables = tables
    report.save()
    out, _ = run("check_report", "2026", "sports-bureau")
    assert (
        "提示 register tables.requests.granted.legal_service: "
        "表三“予以公开·法律服务机构”与依申请公开登记不符：登记 0 件，表中 1 件" in out
    )
    assert "0处错误，4项提示" in out


def test_the_command_refuses_an_outsider_and_a_legacy_report(report):
    from django.core.management.base import CommandError

    make_staff("outsider", "撰稿人", make_body("finance-bureau", "锦州市财政局"))
    with pytest.raises(CommandError, match="没有用户名为“outsider”的锦州市体育局工作人员"):
        run("fill_tables", "2026", "sports-bureau", "--user", "outsider")
    make_report(report.body, year=2016)
    make_staff("editor", "撰稿人", report.body)
    with pytest.raises(CommandError, match="没有可从登记生成的统计表"):
        run("fill_tables", "2016", "sports-bureau", "--user", "editor")
    assert formats.tables("legacy") == ()
