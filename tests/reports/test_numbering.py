"""numbering.py: GB/T 9704 labels derived from an outline of levels."""

import pytest

from disclosure.reports.numbering import chinese_numeral, label, nest, number_outline, outline_errors


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"),
        (2, "二"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (12, "十二"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (30, "三十"),
        (45, "四十五"),
        (90, "九十"),
        (99, "九十九"),
    ],
)
def test_chinese_numeral(n, expected):
    assert chinese_numeral(n) == expected


@pytest.mark.parametrize("n", [0, -1, 100, 1000])
def test_chinese_numeral_outside_1_to_99_is_refused(n):
    with pytest.raises(ValueError):
        chinese_numeral(n)


@pytest.mark.parametrize(
    ("level", "n", "expected"),
    [
        (1, 1, "一、"),
        (1, 3, "三、"),
        (1, 12, "十二、"),
        (2, 1, "（一）"),
        (2, 10, "（十）"),
        (3, 1, "1."),
        (3, 12, "12."),
        (4, 1, "（1）"),
        (4, 7, "（7）"),
    ],
)
def test_label_by_depth(level, n, expected):
    assert label(level, n) == expected


@pytest.mark.parametrize("level", [0, 5])
def test_label_of_a_level_outside_1_to_4_is_refused(level):
    with pytest.raises(ValueError):
        label(level, 1)


def test_number_outline_restarts_counters_below_each_parent():
    levels = [1, 2, 3, 3, 4, 4, 3, 2, 1, 2, 3, 1]
    assert number_outline(levels) == [
        "一、",
        "（一）",
        "1.",
        "2.",
        "（1）",
        "（2）",
        "3.",
        "（二）",
        "二、",
        "（一）",
        "1.",
        "三、",
    ]


def test_number_outline_of_nothing_is_empty():
    assert number_outline([]) == []


def test_reordering_renumbers():
    # Sections as (heading, level); the numbers are derived, so moving a part renumbers the rest.
    sections = [("总体情况", 1), ("主动公开", 2), ("依申请公开", 2), ("存在的问题", 1), ("工作计划", 1)]
    numbered = dict(zip([h for h, _ in sections], number_outline([lvl for _, lvl in sections]), strict=True))
    assert numbered == {
        "总体情况": "一、",
        "主动公开": "（一）",
        "依申请公开": "（二）",
        "存在的问题": "二、",
        "工作计划": "三、",
    }

    # Move 依申请公开 before 主动公开, and 工作计划 before 存在的问题.
    moved = [sections[0], sections[2], sections[1], sections[4], sections[3]]
    renumbered = dict(zip([h for h, _ in moved], number_outline([lvl for _, lvl in moved]), strict=True))
    assert renumbered == {
        "总体情况": "一、",
        "依申请公开": "（一）",
        "主动公开": "（二）",
        "工作计划": "二、",
        "存在的问题": "三、",
    }


def test_removing_a_part_renumbers_what_follows():
    assert number_outline([1, 1, 1]) == ["一、", "二、", "三、"]
    assert number_outline([1, 1]) == ["一、", "二、"]


def test_a_valid_outline_has_no_errors():
    assert outline_errors([]) == []
    assert outline_errors([1]) == []
    assert outline_errors([1, 2, 3, 4, 4, 3, 2, 1, 2, 1]) == []
    # Climbing back up several levels at once is fine: （1） → 二、.
    assert outline_errors([1, 2, 3, 4, 1]) == []


@pytest.mark.parametrize("first", [2, 3, 4])
def test_first_section_must_be_at_level_1(first):
    assert outline_errors([first, 1]) == [(0, "第一个章节必须是第1层（一、）。")]


def test_a_level_jump_is_reported_at_the_offending_index():
    assert outline_errors([1, 3]) == [(1, "第3层章节不能直接跟在第1层章节之后，中间缺少第2层。")]
    assert outline_errors([1, 2, 2, 4, 1]) == [(3, "第4层章节不能直接跟在第2层章节之后，中间缺少第3层。")]


@pytest.mark.parametrize("level", [0, 5, 9])
def test_an_out_of_range_level_is_reported(level):
    assert outline_errors([1, level, 2]) == [(1, "层级须为1至4。")]


def test_every_problem_is_reported_not_only_the_first():
    assert outline_errors([2, 4, 7]) == [
        (0, "第一个章节必须是第1层（一、）。"),
        (1, "第4层章节不能直接跟在第2层章节之后，中间缺少第3层。"),
        (2, "层级须为1至4。"),
    ]


def test_nest_builds_the_tree():
    items = [("一", 1), ("一.一", 2), ("一.一.1", 3), ("一.二", 2), ("二", 1), ("二.一", 2), ("三", 1)]
    tree = nest(items, lambda item: item[1])

    def names(nodes):
        return [(item[0], names(children)) for item, children in nodes]

    assert names(tree) == [
        ("一", [("一.一", [("一.一.1", [])]), ("一.二", [])]),
        ("二", [("二.一", [])]),
        ("三", []),
    ]


def test_nest_of_nothing_is_an_empty_tree():
    assert nest([], lambda item: item) == []


def test_nest_keeps_the_items_themselves():
    first, second = object(), object()
    levels = {first: 1, second: 2}
    [(item, [(child, [])])] = nest([first, second], levels.__getitem__)
    assert item is first
    assert child is second
