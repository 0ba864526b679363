"""diff.compare: what changed between two report documents, named the way staff name places."""

import copy

import pytest

from disclosure.publishing import diff
from disclosure.publishing.document import build
from tests.factories import add_items, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def doc():
    report = make_report(levels=(1, 2, 1))
    add_items(report, problems=("公开内容不够全面",), plans=("加强培训",))
    return build(report)


def by_place(changes):
    return {change.where: change for change in changes}


def test_identical_documents_have_no_changes(doc):
    assert diff.compare(doc, copy.deepcopy(doc)) == []


def test_a_changed_subsection_body_is_named_by_its_number_and_language(doc):
    after = copy.deepcopy(doc)
    after["sections"][0]["children"][0]["body"]["zh-hans"] = "第2节正文已修改。\n\n第2节第二段。"
    [change] = diff.compare(doc, after)
    assert change.where == "章节 一、（一） 正文（简体）"
    assert change.kind == "changed"
    assert change.before == "第2节正文。\n\n第2节第二段。"
    assert change.after == "第2节正文已修改。\n\n第2节第二段。"
    assert change.segments == [("same", "第2节正文"), ("ins", "已修改"), ("same", "。\n\n第2节第二段。")]


def test_character_segments_of_a_replacement(doc):
    change = diff.Change("标题（简体）", "市体育局年报", "市教育局年报")
    assert change.segments == [("same", "市"), ("del", "体"), ("ins", "教"), ("same", "育局年报")]
    assert "".join(t for op, t in change.segments if op != "ins") == change.before
    assert "".join(t for op, t in change.segments if op != "del") == change.after


def test_added_and_removed_texts(doc):
    after = copy.deepcopy(doc)
    after["title"]["en"] = "Annual Report"
    after["plans"] = []
    changes = by_place(diff.compare(doc, after))
    assert changes["标题（英文）"].kind == "added"
    assert changes["标题（英文）"].segments == [("ins", "Annual Report")]
    assert changes["工作计划 1 工作内容（简体）"].kind == "removed"
    assert changes["工作计划 1 工作内容（繁体）"].kind == "removed"
    assert changes["工作计划 1 工作内容（简体）"].segments == [("del", "加强培训")]


def test_a_new_section_appears_with_its_number(doc):
    after = copy.deepcopy(doc)
    extra = copy.deepcopy(after["sections"][1])
    extra["heading"] = {"zh-hans": "新增的部分", "zh-hant": "新增的部分", "en": "New part"}
    after["sections"].append(extra)
    changes = by_place(diff.compare(doc, after))
    assert changes["章节 三、 标题（简体）"].after == "新增的部分"
    assert changes["章节 三、 标题（简体）"].kind == "added"


def test_all_three_languages_appear(doc):
    after = copy.deepcopy(doc)
    for lang, text in {"zh-hans": "新标题", "zh-hant": "新標題", "en": "New title"}.items():
        after["sections"][1]["heading"][lang] = text
    places = [c.where for c in diff.compare(doc, after)]
    assert places == ["章节 二、 标题（简体）", "章节 二、 标题（繁体）", "章节 二、 标题（英文）"]


def test_plain_facts_and_items(doc):
    after = copy.deepcopy(doc)
    after["published_on"] = "2017-02-01"
    after["rectifications"][0]["status"] = "done"
    changes = by_place(diff.compare(doc, after))
    assert changes["发布日期"].before == "2017-01-20"
    assert changes["发布日期"].after == "2017-02-01"
    assert changes["整改事项 1 整改状态"].before == "planned"
    assert changes["整改事项 1 整改状态"].after == "done"


def test_compare_against_nothing_lists_everything_as_added(doc):
    changes = diff.compare(None, doc)
    assert changes
    assert all(change.kind == "added" for change in changes)
    assert [c.where for c in changes[:4]] == ["年度", "发布机构", "格式", "标题（简体）"]
    assert "章节 一、（一） 标题（简体）" in [c.where for c in changes]


def test_a_changed_figure_is_named_as_on_the_form():
    from disclosure.publishing import diff
    from tests.factories import standard_tables

    before = {"format": "2021", "tables": standard_tables()}
    after = {"format": "2021", "tables": standard_tables()}
    after["tables"]["requests"]["granted"]["natural_person"] = None
    after["tables"]["appeals"]["reconsideration"]["total"] = 791
    changes = [(c.where, c.before, c.after) for c in diff.compare(before, after)]
    assert changes == [
        ("表三 （一）予以公开 自然人", str(standard_tables()["requests"]["granted"]["natural_person"]), ""),
        ("表四 行政复议 总计", "790", "791"),
    ]


def test_summary_keeps_where_and_cut_texts_of_the_first_changes():
    changes = [diff.Change(f"章节 {n}", "旧" * 600, "新") for n in range(150)]

    kept = diff.summary(changes)

    assert len(kept) == 100
    assert kept[0] == {"where": "章节 0", "before": "旧" * 500, "after": "新"}
    assert len(diff.summary(changes, limit=300)) == 150
    assert diff.summary(changes, limit=None, length=None)[-1]["before"] == "旧" * 600


def test_year_body_and_format_are_compared(doc):
    after = copy.deepcopy(doc)
    after["year"] = doc["year"] - 1
    after["format"] = "2019"
    after["body"] = {**doc["body"], "slug": "education-bureau", "name": {"zh-hans": "锦州市教育局"}}
    changes = {c.where: (c.before, c.after) for c in diff.compare(doc, after)}
    assert changes["年度"] == (str(doc["year"]), str(doc["year"] - 1))
    assert changes["发布机构"][1] == "锦州市教育局（education-bureau）"
    assert changes["格式"][1] == "2019年试行格式"


def test_a_long_rewrite_is_compared_paragraph_first_and_stays_exact():
    """40,000 characters partly rewritten (37 s character by character): paragraph first, then characters
    within a changed paragraph, still gives back both texts exactly (its speed: bench/, not a timed test)."""
    import random

    rng = random.Random(7)
    words = "政府信息公开工作年度报告依申请主动公开情况统计"

    def paragraph():
        return "".join(rng.choice(words) for _ in range(400)) + "。"

    before = "\n".join(paragraph() for _ in range(100))
    lines = before.split("\n")
    after = "\n".join(
        paragraph() if i % 3 == 1 else line + "另增一句。" if i % 3 == 2 else line for i, line in enumerate(lines)
    )
    change = diff.Change("正文", before, after)
    assert len(before) * len(after) > diff.CHARACTER_PAIRS  # the paragraph-first path
    segments = change.segments
    assert "".join(t for op, t in segments if op != "ins") == before
    assert "".join(t for op, t in segments if op != "del") == after
    assert ("ins", "另增一句。") in segments  # an edited paragraph is still compared by character
