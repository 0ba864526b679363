"""主要数据与上年对比: six key figures of a report against the same body's previous published report."""

import copy
import json

import pytest

from disclosure.public import trends
from disclosure.publishing import interchange, workflow
from disclosure.tables import formats
from tests.dom import parse
from tests.factories import DEMO_DOCUMENTS, make_body, make_report, publish, standard_tables


def document(year):
    return json.loads((DEMO_DOCUMENTS / f"sports-bureau-{year}.json").read_text(encoding="utf-8"))


def test_compare_demo_years():
    comparison = trends.compare(document(2023), document(2024))
    assert (comparison.previous_year, comparison.current_year) == (2023, 2024)
    assert [(f.key, f.previous, f.current) for f in comparison.key_figures] == [
        ("new_received", 38, 45),
        ("granted", 21, 24),
        ("partially_granted", 3, 4),
        ("denied", 2, 8),
        ("reconsideration", 1, 2),
        ("litigation", 0, 1),
    ]
    assert [str(f.label) for f in comparison.key_figures] == [
        "本年新收申请",
        "予以公开",
        "部分公开",
        "不予公开",
        "行政复议",
        "行政诉讼",
    ]


def test_figures_are_read_from_the_tables():
    current = document(2024)
    tables = current["tables"]
    requests, appeals = tables["requests"], tables["appeals"]
    comparison = trends.compare(document(2023), current)
    by_key = {f.key: f.current for f in comparison.key_figures}
    assert by_key["new_received"] == requests["new_received"]["total"]
    assert by_key["denied"] == sum(requests[key]["total"] for key in trends.DENIED)
    assert by_key["litigation"] == (
        appeals["litigation_direct"]["total"] + appeals["litigation_after_reconsideration"]["total"]
    )


def test_denied_rows_are_every_row_of_the_subgroup():
    """DENIED must follow formats.py: a reason row added there and not here would go uncounted."""
    for table in (formats.REQUESTS_2019, formats.REQUESTS_2021):
        assert tuple(r.key for r in table.rows if str(r.subgroup) == "（三）不予公开") == trends.DENIED


def test_change_and_scale():
    comparison = trends.compare(document(2023), document(2024))
    assert [f.change for f in comparison.key_figures] == [7, 3, 1, 6, 1, 1]
    chart = trends.chart(comparison)
    bands = chart["bands"]
    assert len(bands) == 6
    # The largest figure gets the full bar room; the others in proportion.
    assert bands[0].current_width == trends.BAR_ROOM
    assert bands[0].previous_width == round(38 * trends.BAR_ROOM / 45, 1)
    assert bands[5].previous_width == 0
    assert all(b.current_text_x <= chart["width"] - 20 for b in bands)
    assert chart["height"] == trends.LEGEND_HEIGHT + 6 * trends.BAND


def test_missing_figure_gives_no_comparison():
    previous = document(2023)
    broken = copy.deepcopy(previous)
    broken["tables"]["requests"]["granted"]["total"] = None
    assert trends.compare(broken, document(2024)) is None
    del previous["tables"]
    assert trends.compare(previous, document(2024)) is None


@pytest.fixture
def demo(db):
    for year in (2023, 2024):
        report, _ = interchange.load(document(year), source=f"{year}.json")
        workflow.publish(report)


def test_report_page_shows_chart_and_table(client, demo):
    root = parse(client.get("/reports/2024/sports-bureau/"))
    section = root.find("section", class_="trends")
    assert section.find("h2").text == "主要数据与上年对比"
    svg = section.find("svg")
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "trend-chart-title trend-chart-desc"
    assert svg.find("title", id="trend-chart-title").text == "2023年与2024年主要数据对比"
    desc = svg.find("desc", id="trend-chart-desc").text
    assert "斜线条为2023年，实心条为2024年" in desc
    assert "本年新收申请：2023年38件，2024年45件。" in desc
    # Last year's bars are hatched, so that they differ by more than colour.
    assert all(rect.get("fill") == "url(#trend-hatch)" for rect in svg.find_all("rect", class_="bar-previous"))
    table = section.find("table")
    assert [th.text for th in table.find("thead").find_all("th")] == ["项目", "2023年", "2024年", "增减"]
    assert {th.get("scope") for th in table.find_all("th")} == {"col", "row"}
    first = table.find("tbody").find("tr")
    assert [c.text for c in first.find_all("th", "td")] == ["本年新收申请", "38", "45", "+7"]
    region = table.parent
    assert (region.get("role"), region.get("tabindex")) == ("region", "0")


def test_english_chart(client, demo):
    root = parse(client.get("/en/reports/2024/sports-bureau/"))
    section = root.find("section", class_="trends")
    assert section.find("h2").text == "Key figures compared with the previous year"
    assert "New requests: 38 in 2023, 45 in 2024." in section.find("desc").text
    assert [th.text for th in section.find("thead").find_all("th")] == ["Item", "2023", "2024", "Change"]


def test_first_standard_report_has_no_comparison(client, demo):
    root = parse(client.get("/reports/2023/sports-bureau/"))
    assert not root.find_all("section", class_="trends")


def test_legacy_predecessor_gives_no_comparison(client, db):
    body = make_body()
    publish(make_report(body, year=2021))
    publish(make_report(body, year=2022, format=formats.STANDARD_2021, levels=(1,) * 6, tables=standard_tables()))
    assert not parse(client.get("/reports/2022/sports-bureau/")).find_all("section", class_="trends")


def test_unpublished_predecessor_gives_no_comparison(client, db):
    body = make_body()
    make_report(body, year=2021, format=formats.STANDARD_2021, levels=(1,) * 6, tables=standard_tables())  # draft
    publish(make_report(body, year=2022, format=formats.STANDARD_2021, levels=(1,) * 6, tables=standard_tables()))
    assert not parse(client.get("/reports/2022/sports-bureau/")).find_all("section", class_="trends")


def test_other_body_is_not_a_predecessor(client, db):
    publish(
        make_report(
            make_body("education-bureau", "锦州市教育局"),
            year=2021,
            format=formats.STANDARD_2021,
            levels=(1,) * 6,
            tables=standard_tables(),
        )
    )
    publish(make_report(year=2022, format=formats.STANDARD_2021, levels=(1,) * 6, tables=standard_tables()))
    assert not parse(client.get("/reports/2022/sports-bureau/")).find_all("section", class_="trends")


def test_previous_public_report_is_the_newest_earlier_year(client, db):
    body = make_body()
    for year in (2020, 2021, 2023):
        publish(make_report(body, year=year, format=formats.STANDARD_2021, levels=(1,) * 6, tables=standard_tables()))
    current = publish(
        make_report(body, year=2024, format=formats.STANDARD_2021, levels=(1,) * 6, tables=standard_tables())
    )
    assert trends.previous_revision(current).year == 2023
    comparison = trends.for_revision(current)
    assert (comparison.previous_year, comparison.current_year) == (2023, 2024)
    assert [f.change for f in comparison.key_figures] == [0] * 6
