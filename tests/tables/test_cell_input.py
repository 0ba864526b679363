"""cell_input.py: what staff type or paste into a cell."""

import pytest

from disclosure.tables import cell_input, formats
from disclosure.tables.formats import AMOUNT, CHANGE, COUNT


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        (" 0 ", 0),
        ("１２３", 123),
        ("1,234", 1234),
        ("", None),
        ("/", None),
        ("-", None),
        ("－", None),
        ("／", None),
    ],
)
def test_counts(text, value):
    assert cell_input.parse(text, COUNT) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [("1.5", "不是整数"), ("-3", "是负数"), ("三", "不是数字"), ("12a", "不是数字"), ("1,23", "不是数字")],
)
def test_bad_counts_are_refused_with_what_to_type(text, message):
    with pytest.raises(cell_input.CellError) as error:
        cell_input.parse(text, COUNT)
    assert message in str(error.value) and f"“{text}”" in str(error.value)


def test_a_change_may_be_negative():
    assert cell_input.parse("－3", CHANGE) == -3
    assert cell_input.parse("+2", CHANGE) == 2


@pytest.mark.parametrize(
    ("text", "value"), [("0", "0.00"), ("12.5", "12.50"), ("１２．３４", "12.34"), ("0.125", "0.125")]
)
def test_amounts_in_ten_thousand_yuan(text, value):
    assert cell_input.parse(text, AMOUNT) == value


@pytest.mark.parametrize(("text", "message"), [("-1", "负数"), ("abc", "不是金额"), ("1.23456", "小数位太多")])
def test_bad_amounts(text, message):
    with pytest.raises(cell_input.CellError, match=message):
        cell_input.parse(text, AMOUNT)


def test_a_block_copied_from_excel():
    text = '予以公开\t5\t1\t0\r\n"部分公开"\t2\t0\t0\r\n'
    assert cell_input.parse_block(text) == [["予以公开", "5", "1", "0"], ["部分公开", "2", "0", "0"]]


def test_a_single_row_and_a_single_cell():
    assert cell_input.parse_block("1\t2\t3") == [["1", "2", "3"]]
    assert cell_input.parse_block("7\n") == [["7"]]


def test_fit_block_drops_headings_and_row_labels():
    table = formats.APPEALS
    text = "行政复议\t\t\t\t\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n376\t97\t196\t121\t790\n16\t1\t12\t27\t56\n"
    placed, problems = cell_input.fit_block(cell_input.parse_block(text), table)
    assert problems == []
    assert placed[("reconsideration", "total")] == "790"
    assert placed[("litigation_direct", "pending")] == "27"
    assert ("litigation_after_reconsideration", "upheld") not in placed


def test_fit_block_keeps_rows_of_dashes_in_place():
    placed, _ = cell_input.fit_block(
        cell_input.parse_block("规章\t/\t/\t/\n行政规范性文件\t2\t1\t15\n"), formats.ACTIVE_2021
    )
    assert placed[("regulations", "made")] == "/"
    assert placed[("normative_documents", "in_force")] == "15"


def test_fit_block_refuses_a_block_that_does_not_fit():
    placed, problems = cell_input.fit_block([["1", "2", "3", "4", "5", "6"]], formats.APPEALS)
    assert placed == {} and problems == ["“行政复议”一行粘贴了6个数，而该行只有5格。"]
    placed, problems = cell_input.fit_block([["1"]] * 4, formats.APPEALS)
    assert problems == ["粘贴了4行数字，而本表只有3行。"]


# --- figures a table can hold (issue 15): below 10^9, no exponent, never expanded ---------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("999999999", COUNT, 999999999),
        ("999,999,999", COUNT, 999999999),
        ("０００１２", COUNT, 12),
        ("-999999999", CHANGE, -999999999),
        ("999999999.99", AMOUNT, "999999999.99"),
        ("９９９，９９９，９９９．９９", AMOUNT, "999999999.99"),
    ],
)
def test_figures_at_the_cap_are_accepted(text, kind, value):
    assert cell_input.parse(text, kind) == value


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("1000000000", COUNT, "超出范围"),
        ("-1000000000", CHANGE, "超出范围"),
        ("9" * 5000, COUNT, "超出范围"),
        ("1000000000", AMOUNT, "超出范围"),
        ("1" * 5000 + ".5", AMOUNT, "超出范围"),
        ("1e10000000", AMOUNT, "科学计数法"),
        ("1E3", AMOUNT, "科学计数法"),
        ("1e10000000", COUNT, "科学计数法"),
        ("1" + " " * 5000 + "2", COUNT, "超出范围"),
        ("三" * 100, COUNT, "内容过长"),
    ],
)
def test_figures_no_table_can_hold_are_refused_without_being_expanded(text, kind, message):
    with pytest.raises(cell_input.OutOfRange) as error:
        cell_input.parse(text, kind)
    assert message in str(error.value)
    assert len(str(error.value)) < 120  # the message quotes the start of a long text, not all of it


@pytest.mark.parametrize(
    ("value", "kind", "stored"),
    [(999999999, COUNT, 999999999), (-5, CHANGE, -5), (999999999.99, AMOUNT, "999999999.99"), (3, AMOUNT, "3.00")],
)
def test_a_document_figure_is_stored_as_given(value, kind, stored):
    assert cell_input.figure(value, kind) == stored


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (10**9, COUNT),
        (10**5000, COUNT),
        (-(10**9), CHANGE),
        (10**9, AMOUNT),
        (1e300, AMOUNT),
        (float("inf"), AMOUNT),
        ("1e10000000", AMOUNT),
        ("1000000000.00", AMOUNT),
    ],
    ids=["count-1e9", "count-5001-digits", "change-minus-1e9", "amount-1e9", "float-1e300", "inf", "exp", "str-1e9"],
)
def test_a_document_figure_out_of_range_is_refused(value, kind):
    with pytest.raises(cell_input.CellError):
        cell_input.figure(value, kind)
