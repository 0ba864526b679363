"""The demo's two consecutive 2021-format reports (锦州市体育局, 2023 and 2024) are complete and consistent.

They exist so that carry-over and the year-over-year chart show real figures; if they fail a check, the demo
would show staff a warning the data should never cause.
"""

import json
from decimal import Decimal

import pytest

from disclosure.tables import formats, rules
from disclosure.tables.formats import AMOUNT
from tests.factories import DEMO_DOCUMENTS

PUBLISHED_ON = {2023: "2024-01-22", 2024: "2025-01-20"}
CHILDREN = ["主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障"]


def load(year):
    return json.loads((DEMO_DOCUMENTS / f"sports-bureau-{year}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def documents():
    return {year: load(year) for year in PUBLISHED_ON}


def zh(value):
    return value["zh-hans"]


@pytest.mark.parametrize("year", sorted(PUBLISHED_ON))
def test_header(documents, year):
    document = documents[year]
    assert document["schema"] == "disclosure-report/1"
    assert document["format"] == formats.STANDARD_2021
    assert document["year"] == year
    assert document["published_on"] == PUBLISHED_ON[year]
    assert document["body"]["slug"] == "sports-bureau"
    assert document["body"]["kind"] == "department"
    assert zh(document["body"]["name"]) == "锦州市体育局"
    assert zh(document["title"]) == f"锦州市体育局{year}年政府信息公开工作年度报告"
    # The statistical period is the calendar year reported on.
    assert f"自{year}年1月1日起至{year}年12月31日止" in zh(document["preamble"])


@pytest.mark.parametrize("year", sorted(PUBLISHED_ON))
def test_every_cell_present_and_of_its_kind(documents, year):
    tables = documents[year]["tables"]
    layout = formats.cells(formats.STANDARD_2021)
    assert len(layout) == 10 + 175 + 15
    for table, row, column in layout:
        value = tables[table.key][row.key][column.key]
        where = formats.path(table, row, column)
        if column.kind == AMOUNT:
            assert isinstance(value, str) and Decimal(value) >= 0, where
        else:
            assert type(value) is int and value >= 0, where
    # No key the format does not declare (a typo would be a cell nobody sees).
    assert {(t, r, c) for t in tables for r in tables[t] for c in tables[t][r]} == {
        (t.key, r.key, c.key) for t, r, c in layout
    }


def test_no_finding_for_2024_against_2023(documents):
    assert rules.run(documents[2024], documents[2023]) == []


def test_2023_has_no_blocking_finding_and_quotes_its_tables_right(documents):
    assert rules.run(documents[2023]) == []


def test_the_text_quotes_figures_the_checks_compare(documents):
    """The clean result above means something only if the text actually quotes the tables."""
    for year, figures in {2023: ("申请38件", "予以公开21件", "行政复议1件"), 2024: ("申请45件", "上年结转3件")}.items():
        text = "\n".join(text for _where, text in rules._paragraphs(documents[year]))
        for phrase in figures:
            assert phrase in text, (year, phrase)


def test_carry_over_from_2023_to_2024(documents):
    before = documents[2023]["tables"]["requests"]["carried_forward"]
    after = documents[2024]["tables"]["requests"]["carried_over"]
    assert after == before
    assert after["total"] > 0  # something is actually carried over, so the demo shows it


def test_2024_is_written_about_2024(documents):
    share, _repeated = rules.similarity(documents[2024], documents[2023])
    assert share < rules.REPETITION_LIMIT / 2


@pytest.mark.parametrize("year", sorted(PUBLISHED_ON))
def test_the_six_standard_parts_in_order(documents, year):
    sections = documents[year]["sections"]
    assert [zh(s["heading"]) for s in sections] == list(formats.STANDARD_PARTS)
    assert [zh(child["heading"]) for child in sections[0]["children"]] == CHILDREN
    for section in sections:
        assert zh(section["body"]).strip(), zh(section["heading"])
    assert documents[year]["rectifications"] and documents[year]["plans"]
    assert "信息处理费" in zh(sections[5]["body"])


def _texts(node, path=""):
    """Every translated text field of a document, as (path, value)."""
    if isinstance(node, dict) and "zh-hans" in node:
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key != "tables":
                yield from _texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{path}[{index}]")


@pytest.mark.parametrize("year", sorted(PUBLISHED_ON))
def test_every_text_in_simplified_chinese_and_english(documents, year):
    document = documents[year]
    texts = list(_texts(document))
    sections = document["sections"] + [child for s in document["sections"] for child in s["children"]]
    # Every text field is in the object form (a bare string would be Simplified only, and is not counted):
    # name, title, source, preamble; heading and body; problem, measure, responsible; text, responsible.
    expected = 4 + 2 * len(sections) + 3 * len(document["rectifications"]) + 2 * len(document["plans"])
    assert len(texts) == expected
    for path, value in texts:
        # Traditional is derived by the site when the text is saved, so the document does not carry it.
        assert set(value) == {"zh-hans", "en"}, path
        assert value["zh-hans"].strip() and value["en"].strip(), path
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in value["en"]), path
