"""rules.py: each check with passing and failing fixtures (the worked example of report-format.md)."""

import copy

import pytest

from disclosure.tables import formats, rules
from tests.factories import standard_tables


def doc(tables=None, format="2021", year=2024, **extra):
    return {"format": format, "year": year, "tables": standard_tables(format) if tables is None else tables, **extra}


def ids(findings):
    return sorted({f.check for f in findings})


@pytest.mark.parametrize("format", ["2021", "2019"])
def test_the_worked_example_passes_every_blocking_check(format):
    tables = standard_tables(format)
    assert tables["requests"]["new_received"]["total"] == 14069
    assert tables["requests"]["carried_over"]["total"] == 560
    assert tables["requests"]["results_total"]["total"] == 13810
    assert tables["requests"]["carried_forward"]["total"] == 819
    assert rules.blocking(doc(tables, format)) == []


def test_legacy_reports_have_no_table_checks():
    assert rules.blocking({"format": "legacy", "sections": []}) == []


def test_t3_col_names_the_row_and_both_figures():
    tables = standard_tables()
    tables["requests"]["granted"]["total"] += 2
    found = rules.blocking(doc(tables))
    col = [f for f in found if f.check == "T3-col"]
    assert len(col) == 1
    total = tables["requests"]["granted"]["total"]
    assert col[0].message == f"予以公开：总计 {total} ≠ 各列之和 {total - 2}"
    assert col[0].path == "tables.requests.granted.total"
    assert "tables.requests.granted.natural_person" in col[0].cells
    assert all(f.blocking for f in found)


def test_t3_result_checks_each_column_against_the_sum_of_the_results():
    tables = standard_tables()
    tables["requests"]["denied_state_secret"]["commercial"] += 1
    tables["requests"]["denied_state_secret"]["total"] += 1  # the row itself still adds up
    found = rules.blocking(doc(tables))
    assert ids(found) == ["T3-result"]
    assert {f.path for f in found} == {
        "tables.requests.results_total.commercial",
        "tables.requests.results_total.total",
    }
    assert "商业企业：（七）总计" in next(f.message for f in found if f.path.endswith("commercial"))


def test_t3_balance_is_the_official_note():
    tables = standard_tables()
    for column in ("natural_person", "total"):
        tables["requests"]["carried_forward"][column] += 5
    found = rules.blocking(doc(tables))
    assert ids(found) == ["T3-balance"]
    message = next(f.message for f in found if f.path.endswith(".total"))
    assert message == "总计：本年新收 14069 + 上年结转 560 = 14629，不等于办理结果总计 13810 + 结转下年度 824 = 14634"


def test_t4_sum_each_group():
    tables = standard_tables()
    tables["appeals"]["litigation_direct"]["total"] = 55
    found = rules.blocking(doc(tables))
    assert ids(found) == ["T4-sum"]
    assert found[0].message == "未经复议直接起诉：总计 55 ≠ 结果维持、结果纠正、其他结果、尚未审结之和 56"


@pytest.mark.parametrize(
    ("value", "problem"),
    [(None, "未填写"), ("", "未填写"), (-1, "不能为负数"), (1.5, "应为整数"), ("7", "应为整数"), (True, "应为整数")],
)
def test_every_cell_must_be_a_whole_number(value, problem):
    tables = standard_tables()
    tables["requests"]["granted"]["research"] = value
    found = rules.blocking(doc(tables))
    assert [f.check for f in found] == ["cell"]  # no sums over an unusable cell
    assert found[0].path == "tables.requests.granted.research"
    assert problem in found[0].message
    assert found[0].message.startswith("表三“予以公开·科研机构”")


def test_a_blank_is_not_zero_even_when_the_sums_would_hold():
    tables = standard_tables()
    tables["requests"]["denied_admin_query"]["research"] = None  # the other cells say 0 here
    assert [f.check for f in rules.blocking(doc(tables))] == ["cell"]


@pytest.mark.parametrize(("value", "ok"), [("0.00", True), ("12.5", True), (3, True), ("-1", False), ("abc", False)])
def test_the_fee_is_a_decimal_amount(value, ok):
    tables = standard_tables()
    tables["active"]["fees"]["amount"] = value
    assert (rules.blocking(doc(tables)) == []) is ok


def test_the_2019_trial_format_allows_a_negative_change():
    tables = standard_tables("2019")
    tables["active"]["licensing"]["change"] = -3
    assert rules.blocking(doc(tables, "2019")) == []
    tables["active"]["licensing"]["decisions"] = -3
    assert [f.check for f in rules.blocking(doc(tables, "2019"))] == ["cell"]


def test_a_missing_table_reports_every_cell():
    tables = standard_tables()
    del tables["appeals"]
    found = rules.blocking(doc(tables))
    assert len(found) == 15 and {f.check for f in found} == {"cell"}


def test_totals_fills_every_total_from_its_parts():
    tables = standard_tables()
    for row in tables["requests"].values():
        row["total"] = None
    tables["requests"]["results_total"] = dict.fromkeys(tables["requests"]["results_total"])
    tables["appeals"]["reconsideration"]["total"] = None
    filled = rules.totals("2021", tables)
    assert filled == standard_tables()
    assert tables["appeals"]["reconsideration"]["total"] is None  # the input is not modified


def test_totals_leaves_a_total_whose_parts_are_incomplete():
    tables = standard_tables()
    tables["requests"]["granted"]["research"] = None
    tables["requests"]["granted"]["total"] = None
    assert rules.totals("2021", tables)["requests"]["granted"]["total"] is None


# ---- warnings ----


def test_carry_over_compares_with_last_years_carried_forward():
    last = doc(year=2023)
    this = doc()
    this["tables"]["requests"]["carried_over"] = copy.deepcopy(last["tables"]["requests"]["carried_forward"])
    assert [f for f in rules.warnings(this, last) if f.check == "carry-over"] == []
    this["tables"]["requests"]["carried_over"]["commercial"] += 1
    found = [f for f in rules.warnings(this, last) if f.check == "carry-over"]
    assert len(found) == 1 and not found[0].blocking
    assert found[0].message == "商业企业：上年结转 82，而2023年度年报的“结转下年度继续办理”为 81"


def test_carry_over_needs_a_previous_report_with_tables():
    assert rules.warnings(doc(), {"format": "legacy", "year": 2023}) == []
    assert rules.warnings(doc(), None) == []


def section(body, heading="总体情况"):
    return {"heading": {"zh-hans": heading}, "body": {"zh-hans": body}, "children": []}


def test_figures_quoted_in_the_text_must_match_the_tables():
    right = doc(sections=[section("全年共收到政府信息公开申请14069件，予以公开9000件，部分公开1500件。")])
    assert rules.warnings(right) == []
    wrong = doc(sections=[section("全年新收政府信息公开申请14000件，其中予以公开9001件。本年度发生行政复议790起。")])
    found = rules.warnings(wrong)
    assert [f.path for f in found] == ["tables.requests.new_received.total", "tables.requests.granted.total"]
    assert found[0].message == "正文一、写“新收政府信息公开申请14000件”，而统计表中“本年新收”为 14069"


def test_a_reconsideration_application_is_not_an_information_request():
    text = doc(sections=[section("本年度收到行政复议申请790件。")])
    assert rules.warnings(text) == []


def test_partial_disclosure_is_not_read_as_full_disclosure():
    text = doc(sections=[section("部分公开1500件。")])
    assert rules.warnings(text) == []


LAST_YEAR = [
    "2023年，我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》。",
    "全面加强政府信息主动公开，及时发布全民健身、体育赛事、场馆开放等信息。",
    "进一步规范依申请公开工作流程，严格按照法定时限答复申请人。",
    "加强政府网站和政务新媒体管理，提升信息发布质量。",
]


def test_repetition_warns_when_the_text_is_the_same_as_last_year():
    last = doc(year=2023, sections=[section("".join(LAST_YEAR))])
    copied = doc(sections=[section("".join(LAST_YEAR).replace("2023", "2024"))])
    found = [f for f in rules.warnings(copied, last) if f.check == "repetition"]
    assert len(found) == 1
    assert found[0].message.startswith("正文与2023年度年报高度相似：100%的文字与上年相同（4句）")
    assert found[0].passages[1] == LAST_YEAR[1]


def test_repetition_allows_the_standard_preamble():
    last = doc(year=2023, sections=[section("".join(LAST_YEAR))])
    fresh = doc(
        sections=[
            section(
                LAST_YEAR[0].replace("2023", "2024")
                + "全年组织承办省级以上赛事十二项，新建城市社区健身中心五处。"
                + "新开通体育场馆免费开放预约系统，办理预约二万余人次。"
                + "修订行政许可办事指南六项，实现高危险性体育项目经营许可全程网办。"
            )
        ]
    )
    share, repeated = rules.similarity(fresh, last)
    assert 0 < share < rules.REPETITION_LIMIT and len(repeated) == 1
    assert [f for f in rules.warnings(fresh, last) if f.check == "repetition"] == []


def test_run_combines_blocking_and_warnings_in_chinese_whatever_the_language():
    from django.utils import translation

    tables = standard_tables()
    tables["appeals"]["reconsideration"]["total"] = 1
    with translation.override("en"):
        found = rules.run(doc(tables, sections=[section("予以公开1件。")]))
    assert [f.check for f in found] == ["T4-sum", "text-vs-table"]
    assert found[0].message.startswith("行政复议：总计 1")


def test_every_cell_path_is_unique_and_in_the_documents_shape():
    paths = [formats.path(*cell) for cell in formats.cells("2021")]
    assert len(paths) == len(set(paths)) == 10 + 175 + 15
    assert len(formats.cells("2019")) == 22 + 23 * 7 + 15


@pytest.mark.parametrize(
    "text", ["受理高危险性体育项目经营许可申请23件。", "发生行政复议和行政诉讼案件各1件。", "收到申请表格5件。"]
)
def test_ordinary_wording_is_not_read_as_a_quoted_figure(text):
    assert rules.warnings(doc(sections=[section(text)])) == []


def test_a_quoted_information_request_figure_is_still_read():
    found = rules.warnings(doc(sections=[section("本年度共受理政府信息公开申请14070件。")]))
    assert [f.path for f in found] == ["tables.requests.new_received.total"]


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ("1e10000000", "tables.active.fees.amount"),
        ("1000000000.00", "tables.active.fees.amount"),
        (10**9, "tables.requests.granted.research"),
    ],
)
def test_a_stored_figure_no_table_can_hold_is_blocking(value, path):
    tables = standard_tables()
    _, table, row, column = path.split(".")
    tables[table][row][column] = value
    found = rules.blocking(doc(tables))
    cells = [f for f in found if f.check == "cell"]
    assert [f.path for f in cells] == [path]
    assert "超出范围" in cells[0].message or "科学计数法" in cells[0].message


# ---- issue 17: one finding per fact, repetition that counts real text, tolerance ----


def test_a_carry_over_differing_in_several_columns_is_one_finding():
    last = doc(year=2023)
    this = doc()  # 560 carried over against last year's 819 carried forward: four columns differ
    found = [f for f in rules.warnings(this, last) if f.check == "carry-over"]
    assert len(found) == 1
    finding = found[0]
    assert finding.path == "tables.requests.carried_over"
    assert finding.cells == (
        "tables.requests.carried_over.natural_person",
        "tables.requests.carried_over.commercial",
        "tables.requests.carried_over.legal_service",
        "tables.requests.carried_over.total",
    )
    assert finding.message.startswith(
        "上年结转与2023年度年报的“结转下年度继续办理”不一致：自然人 493（2023年度年报 722）"
    )
    assert finding.against[-1] == ("总计", 560, 819)  # this year's figure beside last year's counterpart


def test_a_quoted_figure_shows_last_years_figure_of_the_same_cell_and_its_place():
    last = doc(year=2023)
    last["tables"]["requests"]["new_received"]["total"] = 13000
    wrong = doc(sections=[section("全年新收政府信息公开申请13000件。")])  # last year's figure, by mistake
    (finding,) = rules.warnings(wrong, last)[:1]
    assert finding.check == "text-vs-table" and finding.against == (("统计表“本年新收”", 14069, 13000),)
    assert finding.anchor == "part-1" and finding.quote == "新收政府信息公开申请13000件"


def test_the_same_wrong_figure_quoted_twice_in_one_passage_is_one_finding():
    wrong = doc(sections=[section("新收政府信息公开申请14000件。其中，新收政府信息公开申请14000件为网上申请。")])
    assert len([f for f in rules.warnings(wrong) if f.check == "text-vs-table"]) == 1


STANDARD_OPENING_2024 = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室"
    "关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
    "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项。"
    "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
    "本报告电子版可在锦州市人民政府门户网站“政府信息公开”专栏查阅或下载。"
    "如对本报告有疑问，请与锦州市体育局办公室联系。"
)


@pytest.mark.parametrize("sentence", [s + "。" for s in STANDARD_OPENING_2024.split("。") if s])
def test_each_sentence_of_the_standard_opening_is_recognised(sentence):
    assert rules.is_standard_opening(sentence)


def test_ordinary_sentences_are_not_the_standard_opening():
    assert not rules.is_standard_opening(LAST_YEAR[0])
    assert not rules.is_standard_opening("本报告期内，我局新收政府信息公开申请45件。")


def test_the_standard_opening_counts_neither_as_repeated_nor_as_text():
    opening_2023 = STANDARD_OPENING_2024.replace("2024", "2023")
    last = doc(year=2023, preamble={"zh-hans": opening_2023}, sections=[section("".join(LAST_YEAR))])
    fresh = doc(
        preamble={"zh-hans": STANDARD_OPENING_2024},
        sections=[section("全年组织承办省级以上赛事十二项，新建城市社区健身中心五处。")],
    )
    assert rules.similarity(fresh, last) == (0.0, [])
    # A report that is nothing but the opening and last year's text is all repetition: the opening does not dilute it.
    copied = doc(preamble={"zh-hans": STANDARD_OPENING_2024}, sections=[section("".join(LAST_YEAR))])
    assert rules.similarity(copied, last)[0] == 1.0


def test_a_sentence_whose_only_change_is_a_figure_is_changed():
    last = doc(year=2023, sections=[section("2023年，我局新收政府信息公开申请45件，全部按期答复。")])
    this = doc(sections=[section("2024年，我局新收政府信息公开申请50件，全部按期答复。")])
    assert rules.similarity(this, last) == (0.0, [])
    # The years moving on alone do not make a sentence new.
    same = doc(sections=[section("2024年，我局新收政府信息公开申请45件，全部按期答复。")])
    assert rules.similarity(same, last)[0] == 1.0


def test_repetition_carries_its_share_as_its_figure_and_a_key_without_it():
    last = doc(year=2023, sections=[section("".join(LAST_YEAR))])
    copied = doc(sections=[section("".join(LAST_YEAR).replace("2023", "2024"))])
    (finding,) = [f for f in rules.warnings(copied, last) if f.check == "repetition"]
    assert finding.figures == (1.0,) and finding.key == "repetition:sections:"


@pytest.mark.parametrize(
    "then, now, holds",
    [
        ((0.86,), (0.84,), True),  # the example: 86 % → 84 %
        ((0.86,), (0.80,), False),
        ((560, 493), (561, 494), True),
        ((3,), (4,), False),  # a re-count of a small figure is a new fact
        ((0,), (0,), True),
        ((0,), (1,), False),
        ((14000, 14069), (14000, 14069), True),
        ((1, 2), (1,), False),  # other columns differ: another finding
        (None, (), True),  # an acknowledgement from before figures were kept, on a finding without figures
    ],
)
def test_an_acknowledgement_holds_while_figures_move_less_than_the_tolerance(then, now, holds):
    assert rules.still_holds(then, now) is holds


def test_the_tolerance_is_one_named_constant():
    assert rules.ACKNOWLEDGEMENT_TOLERANCE == 0.05


def test_a_finding_without_a_topic_is_identified_by_its_whole_message():
    finding = rules.Finding("register", "tables.requests.granted.total", "登记 3 件，表中 4 件", False)
    assert finding.key == "register:tables.requests.granted.total:登记 3 件，表中 4 件"
