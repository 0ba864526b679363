"""报告单位年报监督: each signal on a case that shows it and one that does not; the dashboard's rows, findings and
percentiles; the admin page for the government's staff only, with links to the reports and figures; the Excel
export opened with openpyxl."""

import copy
import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from disclosure.models import Body, Report
from disclosure.publishing import deadlines, workflow
from disclosure.rollup import oversight, workbook
from disclosure.tables import formats
from tests import dom
from tests.factories import make_report, make_staff, publish, standard_tables
from tests.rollup.factories import YEAR, listed_city, published_report, scaled_tables

URL = "/admin/oversight/"
PARTS = [
    {"heading": {"zh-hans": heading}, "body": {"zh-hans": "本年度情况如下。"}} for heading in formats.STANDARD_PARTS
]


def document(tables=None, sections=None, year=2024):
    return {
        "format": "2021",
        "year": year,
        "tables": tables or standard_tables(),
        "sections": PARTS if sections is None else sections,
    }


def with_cell(path, value, tables=None):
    tables = copy.deepcopy(tables or standard_tables())
    _, key, row, column = path.split(".")
    tables[key][row][column] = value
    return tables


def kinds(found):
    return [signal.kind for signal in found]


# ---- ratios ---------------------------------------------------------------------------------------------

LICENSING = "tables.active.licensing.decisions"


@pytest.mark.parametrize(
    ("before", "now", "shown"),
    [
        (20, 101, True),  # more than five times
        (20, 100, False),  # exactly five times
        (50, 9, True),  # under a fifth
        (50, 10, False),  # exactly a fifth
        (1, 9, False),  # both under ten: one application's swing
        (0, 40, False),  # nothing to compare with
    ],
)
def test_a_figure_five_times_or_a_fifth_of_last_years(before, now, shown):
    found = oversight.ratios(document(with_cell(LICENSING, now)), document(with_cell(LICENSING, before), year=2023))
    assert [s.path for s in found] == ([LICENSING] if shown else [])
    if shown:
        assert found[0].kind == oversight.RATIO and f"本年 {now}，上年 {before}" in found[0].message


def test_ratios_compare_table_3_totals_not_each_applicants_column():
    path = "tables.requests.new_received.commercial"
    assert oversight.ratios(document(with_cell(path, 9000)), document(year=2023)) == []


def test_no_ratios_without_last_year_or_across_formats():
    assert oversight.ratios(document(with_cell(LICENSING, 500)), None) == []
    previous = {**document(year=2023), "format": "2019", "tables": standard_tables("2019")}
    assert oversight.ratios(document(with_cell(LICENSING, 500)), previous) == []


# ---- a table all zero -----------------------------------------------------------------------------------


def test_a_table_whose_every_figure_is_zero():
    tables = standard_tables()
    tables["appeals"] = {row: dict.fromkeys(cells, 0) for row, cells in tables["appeals"].items()}
    found = oversight.zero_tables(document(tables))
    assert kinds(found) == [oversight.ZERO_TABLE] and found[0].message.startswith("表四")
    assert found[0].path == "tables.appeals"
    assert oversight.zero_tables(document()) == []


def test_amounts_of_zero_count_as_zero():
    tables = standard_tables()
    tables["active"] = {
        row: {column: "0.00" if isinstance(value, str) else 0 for column, value in cells.items()}
        for row, cells in tables["active"].items()
    }
    assert [s.message[:2] for s in oversight.zero_tables(document(tables))] == ["表二"]


# ---- empty parts ----------------------------------------------------------------------------------------


def test_every_part_with_text_has_no_empty_part():
    assert oversight.empty_parts(document()) == []


def test_a_part_without_text_or_missing_is_an_empty_part():
    sections = copy.deepcopy(PARTS)
    sections[0]["body"]["zh-hans"] = ""
    del sections[5]
    messages = [s.message for s in oversight.empty_parts(document(sections=sections))]
    assert messages == ["“总体情况”部分没有内容", "缺少“其他需要报告的事项”部分"]


def test_the_parts_holding_tables_need_no_text_but_a_sub_section_does():
    sections = copy.deepcopy(PARTS)
    sections[2]["body"]["zh-hans"] = ""  # 三、收到和处理政府信息公开申请情况: the table is its content
    assert oversight.empty_parts(document(sections=sections)) == []
    sections[0]["children"] = [{"heading": {"zh-hans": "监督保障"}, "body": {"zh-hans": ""}}]
    assert [s.message for s in oversight.empty_parts(document(sections=sections))] == [
        "“总体情况”下的“监督保障”没有内容"
    ]


def test_legacy_reports_have_no_standard_parts_to_miss():
    assert oversight.empty_parts({"format": "legacy", "sections": []}) == []


# ---- late -----------------------------------------------------------------------------------------------


def test_published_after_the_deadline():
    late = deadlines.standing("department", 2024, datetime.date(2025, 2, 18), datetime.date(2025, 6, 1))
    assert [s.message for s in oversight.late(late)] == ["逾期18天发布"]
    on_time = deadlines.standing("department", 2024, datetime.date(2025, 1, 31), datetime.date(2025, 6, 1))
    assert oversight.late(on_time) == []


# ---- signals read from published revisions --------------------------------------------------------------


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@pytest.fixture
def unit(db):
    from tests.rollup import factories

    return factories.unit(factories.government(), "education-bureau", "锦州市教育局")


def published(body, year, tables, text="", note=""):
    report = make_report(
        body, year=year, format=Report.Format.STANDARD_2021, published_on=datetime.date(year + 1, 1, 20)
    )
    report.tables = tables
    report.save()
    if text:
        report.sections.update(body_zh_hans=text)
    return report, publish(report, at=at(datetime.date(year + 1, 1, 20)))


def on_time():
    return deadlines.Standing(deadlines.PUBLISHED_ON_TIME)


def test_carry_over_that_does_not_match_last_years_carried_forward(unit):
    _, last = published(unit, 2023, standard_tables())  # carries 819 forward
    _, now = published(unit, 2024, standard_tables())  # carries 560 over
    found = [s for s in oversight.signals(now, last.document, on_time()) if s.kind == oversight.CARRY_OVER]
    assert found and found[0].path.startswith("tables.requests.carried_over")
    matching = copy.deepcopy(last.document)
    matching["tables"]["requests"]["carried_forward"] = dict(now.document["tables"]["requests"]["carried_over"])
    assert oversight.CARRY_OVER not in kinds(oversight.signals(now, matching, on_time()))


TEXT = (
    "我局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕群众关注的重点领域持续推进政务公开工作。"
    "全年通过门户网站主动公开各类政府信息，及时回应社会关切，依法保障人民群众的知情权。"
)


def test_text_repeated_from_last_year(unit):
    _, last = published(unit, 2023, standard_tables(), TEXT)
    _, same = published(unit, 2024, standard_tables(), TEXT)
    assert oversight.REPETITION in kinds(oversight.signals(same, last.document, on_time()))
    other = copy.deepcopy(same.document)

    def rewrite(sections):
        for section in sections:
            section["body"]["zh-hans"] = "本年度新建政务公开专区，集中发布重大项目审批信息，各区县同步开设专栏。"
            rewrite(section.get("children", []))

    rewrite(other["sections"])
    assert oversight.REPETITION not in kinds(oversight.signals(same, other, on_time()))


def test_a_correction_after_publication(unit):
    report, first = published(unit, 2024, standard_tables())
    assert oversight.corrections(first) == []
    report.tables = with_cell(LICENSING, 3, report.tables)
    report.save()
    second = publish(report, note="更正表二行政许可处理决定数量。", at=at(datetime.date(2025, 2, 3)))
    assert [s.message for s in oversight.corrections(second)] == ["2025-02-03发布第2版：更正表二行政许可处理决定数量。"]


# ---- the dashboard --------------------------------------------------------------------------------------


@pytest.fixture
def city(db):
    city = listed_city()
    # The health commission's draft, whose table 3 does not balance: findings, but nothing public.
    draft = make_report(city["health"], year=YEAR, format=Report.Format.STANDARD_2021)
    draft.tables = with_cell("tables.requests.carried_forward.total", 1, scaled_tables(1000))
    draft.save()
    city["draft"] = draft
    return city


def test_every_listed_unit_with_its_situation_findings_and_figures(city, frozen_now):
    (year,) = oversight.dashboard(city["government"])
    assert year.year == YEAR
    rows = {row.unit.slug: row for row in year.rows}
    assert sorted(rows) == ["city-office", "education-bureau", "health-commission", "transport-bureau"]
    office, health = rows["city-office"], rows["health-commission"]
    assert office.revision is not None and office.figures["new_received"] == 14069
    assert health.revision is None and health.signals == [] and health.figures == {}
    assert health.blocking and all(f.blocking for f in health.blocking)
    assert health.situation.startswith("尚未发布") or health.situation.startswith("未发布")
    # P25/P50/P75 over every department with a public report for the year: 14069, 28138 and 14069.
    assert year.percentiles["department"]["new_received"] == (14069, 14069, 21103.5)


def test_quartiles():
    assert oversight.quartiles([]) is None
    assert oversight.quartiles([7]) == (7, 7, 7)
    assert oversight.quartiles([1, 2, 3, 4, 5]) == (2, 3, 4)


@pytest.fixture
def office_editor(city):
    return make_staff("office-editor", workflow.EDITOR, city["government"])


def test_the_government_staff_see_the_dashboard_from_their_work_bench(client, city, office_editor):
    published_report(city["education"], scaled_tables(1), year=YEAR - 1)
    client.force_login(office_editor)
    index = dom.parse(client.get("/admin/"))
    assert any(a.get("href") == URL for a in index.find_all("a"))
    page = dom.parse(client.get(URL))
    caption = page.find("caption", id=f"oversight-caption-{YEAR}")
    assert caption is not None
    text = page.text
    for name in ("锦州市人民政府办公室", "锦州市教育局", "锦州市卫生健康委员会", "锦州市交通运输局"):
        assert name in text
    assert "错误" in text and "P50" in text
    links = [a.get("href") for a in page.find_all("a")]
    assert f"/reports/{YEAR}/city-office/" in links
    # Not a member of the units: no link to their 统计表 page (the admin would answer 404), but a figure's signal
    # points at its table on the public page (education's 上年结转 against last year's).
    assert not any("/tables/" in (href or "") for href in links)
    assert f"/reports/{YEAR}/education-bureau/#table-requests" in links


def test_a_signal_links_to_the_figure_for_staff_of_the_unit(client, city, chief):
    education = city["education"]
    published_report(education, scaled_tables(1), year=YEAR - 1)
    client.force_login(chief)
    page = dom.parse(client.get(URL))
    report = Report.objects.get(body=education, year=YEAR)
    # 上年结转 2 × 560 against last year's 819 carried forward: the signal points at the 统计表 page's cell.
    expected = f"/admin/disclosure/report/{report.pk}/tables/#cell-tables-requests-carried-over-"
    links = [a for a in page.find_all("a") if (a.get("href") or "").startswith(expected)]
    assert links and links[0].text == "查看数字"


def test_staff_of_no_government_are_told_so(client, city):
    outsider = make_staff("outsider", workflow.EDITOR, city["education"])
    client.force_login(outsider)
    response = client.get(URL)
    assert response.status_code == 200
    assert "您不属于任何人民政府" in dom.parse(response).text
    assert client.get(URL + "?body=jinzhou").status_code == 200  # nothing to choose: the same message
    client.force_login(make_staff("other-gov", workflow.EDITOR, city["government"]))
    assert client.get(URL + "?body=nowhere").status_code == 404


def test_the_excel_export_opens_and_holds_every_row(client, city, office_editor):
    client.force_login(office_editor)
    response = client.get(URL + "?format=xlsx")
    assert response["Content-Type"] == workbook.CONTENT_TYPE
    assert "jinzhou-oversight.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    units, spread = book.worksheets
    assert units["A1"].value == "锦州市人民政府报告单位年报监督"
    assert [cell.value for cell in units[2]][:4] == ["年度", "报告单位", "类型", "情况"]
    rows = list(units.iter_rows(min_row=3, values_only=True))
    assert sorted(row[1] for row in rows) == sorted(
        [
            "锦州市人民政府办公室",
            "锦州市教育局",
            "锦州市卫生健康委员会",
            "锦州市交通运输局",
        ]
    )
    health = next(row for row in rows if row[1] == "锦州市卫生健康委员会")
    assert health[7] >= 1 and "【错误】" in health[10]
    assert spread.max_row == 1 + len(oversight.trends.KEY_FIGURES)


def test_the_excel_export_keeps_a_name_starting_with_equals_as_text(client, city, office_editor):
    name = '=HYPERLINK("http://example.com","锦州")'
    Body.objects.filter(pk=city["health"].pk).update(name=name, name_zh_hans=name)
    client.force_login(office_editor)
    units = load_workbook(io.BytesIO(client.get(URL + "?format=xlsx").content)).worksheets[0]
    (cell,) = [row[1] for row in units.iter_rows(min_row=3) if row[1].value == name]
    assert cell.data_type == "s"
