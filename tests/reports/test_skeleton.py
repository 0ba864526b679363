"""A new report's starting point: the six standard parts and blank tables, or last year's structure."""

import pytest

from disclosure.models import Report, Section
from disclosure.publishing import document
from disclosure.reports import skeleton
from disclosure.reports.numbering import numbers_or
from disclosure.tables import formats
from tests.factories import make_body, make_report, standard_tables

pytestmark = pytest.mark.django_db


def new_report(body, year=2025, format=Report.Format.STANDARD_2021):
    return Report.objects.create(body=body, year=year, title_zh_hans=f"{year}年度报告", format=format)


def outline(report):
    sections = list(report.sections.order_by("position"))
    numbers = numbers_or([s.level for s in sections], "—")
    return [f"{number}{s.heading_zh_hans}" for number, s in zip(numbers, sections, strict=True)]


def test_a_new_report_defaults_to_the_2021_format():
    report = Report.objects.create(body=make_body(), year=2025, title_zh_hans="报告")
    assert report.format == Report.Format.STANDARD_2021


def test_a_new_report_starts_with_the_six_standard_parts_and_blank_tables():
    report = new_report(make_body())
    assert skeleton.start(report) is None
    assert outline(report) == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert all(s.body_zh_hans == "" for s in report.sections.all())
    report.refresh_from_db()
    assert report.tables == formats.empty("2021")
    assert report.tables["requests"]["granted"]["total"] is None  # blank, not zero
    assert report.version == 1  # starting a report is not an edit


def test_the_2019_format_gets_its_own_tables():
    report = new_report(make_body(), year=2020, format=Report.Format.TRIAL_2019)
    skeleton.start(report)
    report.refresh_from_db()
    assert set(report.tables["active"]) == {r.key for r in formats.ACTIVE_2019.rows}
    assert "other" in report.tables["requests"]


def test_following_last_year_keeps_headings_clears_text_and_leaves_tables_blank():
    body = make_body()
    last = make_report(body, year=2024, format=Report.Format.STANDARD_2021, levels=(1, 2, 1))
    last.tables = standard_tables("2021")
    last.save()
    report = new_report(body)
    assert skeleton.start(report, follow_previous=True) == last
    assert outline(report) == ["一、第1节标题", "（一）第2节标题", "二、第3节标题"]
    assert all(s.body_zh_hans == "" for s in report.sections.all())
    report.refresh_from_db()
    assert report.tables == formats.empty("2021")
    assert document.build(report)["tables"]["appeals"]["reconsideration"]["total"] is None


def test_following_last_year_without_a_report_falls_back_to_the_standard_parts():
    body = make_body()
    make_report(make_body("other", "锦州市教育局"), year=2024)  # another body's report is not followed
    report = new_report(body)
    assert skeleton.start(report, follow_previous=True) is None
    assert len(outline(report)) == 6


def test_sections_typed_on_the_add_form_are_kept():
    report = new_report(make_body())
    Section.objects.create(report=report, position=1, level=1, heading_zh_hans="自拟标题")
    skeleton.start(report)
    assert outline(report) == ["一、自拟标题"]


def test_a_legacy_report_gets_no_prescribed_parts_or_tables():
    report = new_report(make_body(), year=2016, format=Report.Format.LEGACY)
    skeleton.start(report)
    report.refresh_from_db()
    assert report.sections.count() == 0 and report.tables == {}
