"""The statistical tables on a report page: real tables laid out as the official form, every figure in place,
every heading reachable from its figures, in all three languages."""

import json

import pytest

from disclosure.languages.traditional import to_traditional
from disclosure.public import report_page
from disclosure.publishing import interchange, workflow
from disclosure.tables import form_layout, formats, printed
from tests.dom import parse
from tests.factories import DEMO_DOCUMENTS, make_body, make_report, publish, standard_tables

URL = "/reports/2024/sports-bureau/"


def load(year):
    document = json.loads((DEMO_DOCUMENTS / f"sports-bureau-{year}.json").read_text(encoding="utf-8"))
    report, _findings = interchange.load(document, source=f"sports-bureau-{year}.json")
    workflow.publish(report)
    return document


@pytest.fixture
def demo(db):
    """The demo's 2023 and 2024 reports of 锦州市体育局, published; returns the 2024 document."""
    load(2023)
    return load(2024)


def page(client, prefix=""):
    response = client.get(prefix + URL)
    assert response.status_code == 200
    return parse(response)


def table(root, key):
    return root.find("table", id=f"table-{key}")


def cells(element):
    return [cell for row in element.find_all("tr") for cell in row.find_all("th", "td")]


def test_each_table_sits_in_its_part_with_a_caption(client, demo):
    root = page(client)
    headings = {h.get("id"): h.text for h in root.find_all("h2") if h.get("id", "").startswith("part-")}
    for key, part, caption in [
        ("active", "part-2", "主动公开政府信息情况"),
        ("requests", "part-3", "收到和处理政府信息公开申请情况"),
        ("appeals", "part-4", "政府信息公开行政复议、行政诉讼情况"),
    ]:
        element = table(root, key)
        assert element.find("caption").text == caption
        assert caption in headings[part]
        # The table follows its own part's heading and comes before the next part's.
        html = client.get(URL).content.decode()
        assert html.index(f'id="{part}"') < html.index(f'id="table-{key}"')
        assert html.index(f'id="table-{key}"') < html.index(f'id="part-{int(part[-1]) + 1}"')


def test_each_table_scrolls_in_a_focusable_region_named_by_its_caption(client, demo):
    root = page(client)
    for key in ("active", "requests", "appeals"):
        region = table(root, key).parent
        assert region.get("role") == "region"
        assert region.get("tabindex") == "0"
        caption = table(root, key).find("caption")
        assert region.get("aria-labelledby") == caption.get("id")


def test_every_figure_is_printed_in_its_place_and_names_its_headings(client, demo):
    root = page(client)
    figures = [
        cell for key in ("active", "requests", "appeals") for cell in cells(table(root, key)) if cell.tag == "td"
    ]
    figures = [cell for cell in figures if "num" in cell.classes]
    layout = formats.cells(formats.STANDARD_2021)
    assert len(figures) == len(layout) == 200
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    for cell, (t, row, column) in zip(figures, layout, strict=True):
        value = demo["tables"][t.key][row.key][column.key]
        assert cell.text == printed.display(value, column.kind), formats.path(t, row, column)
        headers = cell.get("headers").split()
        assert f"t-{t.key}-{row.key}" in headers, formats.path(t, row, column)
        for name in headers:
            assert ids[name].tag == "th", f"{formats.path(t, row, column)} names {name}, which is not a heading"
        # The heading of its column is among them, and says what the column is.
        assert any(ids[name].text == str(column.label) for name in headers), formats.path(t, row, column)


def test_fee_has_two_decimals_and_figures_align_right(client, demo):
    root = page(client)
    fee = table(root, "active").find("td", headers="t-active-fees t-active-b4-amount t-active-b4")
    assert fee.text == "0.00"
    assert "num" in fee.classes


def test_table_3_headings_merge_as_on_the_form(client, demo):
    element = table(page(client), "requests")
    head = element.find("thead")
    rows = head.find_all("tr")
    assert len(rows) == 3
    note = rows[0].find("td")
    assert note.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (note.get("colspan"), note.get("rowspan")) == ("3", "3")
    applicants = rows[0].find("th")
    assert (applicants.text, applicants.get("scope"), applicants.get("colspan")) == ("申请人情况", "colgroup", "7")
    second = [(th.text, th.get("scope"), th.get("colspan"), th.get("rowspan")) for th in rows[1].find_all("th")]
    assert second == [
        ("自然人", "col", None, "2"),
        ("法人或其他组织", "colgroup", "5", None),
        ("总计", "col", None, "2"),
    ]
    assert [th.text for th in rows[2].find_all("th")] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert {th.get("scope") for th in rows[2].find_all("th")} == {"col"}

    body = element.find("tbody")
    groups = [(th.text, th.get("rowspan")) for th in body.find_all("th", scope="rowgroup")]
    assert groups == [
        ("三、本年度办理结果", "22"),
        ("（三）不予公开", "8"),
        ("（四）无法提供", "3"),
        ("（五）不予处理", "5"),
        ("（六）其他处理", "3"),
    ]
    first = body.find_all("tr")[0].find("th")
    assert (first.text, first.get("scope"), first.get("colspan")) == ("一、本年新收政府信息公开申请数量", "row", "3")
    secret = body.find("th", id="t-requests-denied_state_secret")
    assert (secret.text, secret.get("scope"), secret.get("colspan")) == ("1.属于国家秘密", "row", None)
    granted = body.find("th", id="t-requests-granted")
    assert granted.get("colspan") == "2"
    # A figure names every level: the row, its subgroup, the group, the column and both column groups.
    secret_figures = secret.parent.find_all("td")
    assert secret_figures[1].get("headers").split() == [
        "t-requests-denied_state_secret",
        "t-requests-sg1",
        "t-requests-results",
        "t-requests-commercial",
        "t-requests-parent",
        "t-requests-applicants",
    ]


def test_table_4_runs_across_under_reconsideration_and_litigation(client, demo):
    element = table(page(client), "appeals")
    rows = element.find("thead").find_all("tr")
    assert [(th.text, th.get("colspan")) for th in rows[0].find_all("th")] == [
        ("行政复议", "5"),
        ("行政诉讼", "10"),
    ]
    assert [th.text for th in rows[1].find_all("th", scope="colgroup")] == ["未经复议直接起诉", "复议后起诉"]
    assert [th.text for th in rows[1].find_all("th", scope="col")] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]
    assert len(rows[2].find_all("th", scope="col")) == 10
    figures = element.find("tbody").find_all("td")
    assert [td.text for td in figures] == [
        str(demo["tables"]["appeals"][row][column])
        for row in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
        for column in ("upheld", "corrected", "other", "pending", "total")
    ]


def test_table_2_blocks_each_have_their_headings(client, demo):
    element = table(page(client), "active")
    bodies = element.find_all("tbody")
    assert [b.find("th", scope="colgroup").text for b in bodies] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert [th.text for th in bodies[0].find_all("th", scope="col")] == [
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]
    assert [th.text for th in element.find_all("th", scope="row")] == [
        "规章",
        "行政规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
    ]
    # Row labels stay in view while the figures scroll (one label column only).
    assert all("sticky" in th.classes for th in element.find_all("th", scope="row"))


def test_english_page_has_english_labels(client, demo):
    root = page(client, "/en")
    requests = table(root, "requests")
    headings = [th.text for th in requests.find("thead").find_all("th")]
    assert "Natural persons" in headings
    assert "Commercial enterprises" in headings
    assert "总计" not in requests.text and "自然人" not in requests.text
    assert table(root, "appeals").find("th", scope="colgroup").text == "Administrative reconsideration"
    assert root.find("a", href="/en/reports/2024/sports-bureau/tables.csv").text == "Download the tables (CSV)"


def test_traditional_page_has_derived_labels(client, demo):
    root = page(client, "/zh-hant")
    requests = table(root, "requests")
    assert requests.find("caption").text == to_traditional("收到和处理政府信息公开申请情况")
    assert requests.find("caption").text != "收到和处理政府信息公开申请情况"
    headings = [th.text for th in requests.find_all("th")]
    assert to_traditional("三、本年度办理结果") in headings
    assert to_traditional("1.本机关不掌握相关政府信息") in headings
    assert "1.本机关不掌握相关政府信息" not in headings


def test_csv_link_next_to_the_tables(client, demo):
    root = page(client)
    links = [
        link
        for link in root.find_all("a", href="/reports/2024/sports-bureau/tables.csv")
        if "table-download" in link.parent.classes
    ]
    # One under each table (each in its own part).
    assert [link.text for link in links] == ["下载统计表（CSV）"] * 3
    assert links[0].get("type") == "text/csv"


def test_legacy_report_has_no_tables_nor_link(client, db):
    publish(make_report())
    root = parse(client.get("/reports/2016/sports-bureau/"))
    assert not root.find_all("table", class_="stat-table")
    assert "tables.csv" not in client.get("/reports/2016/sports-bureau/").content.decode()


def test_tables_find_their_part_by_place_when_headings_are_worded_freely(db):
    """A report whose parts are worded differently still shows each table under the 2nd, 3rd, 4th part."""
    report = make_report(year=2022, format=formats.STANDARD_2021, levels=(1, 1, 1, 1, 1, 1), tables=standard_tables())
    view = report_page.report_view(publish(report).document, "zh-hans")
    assert [[t.key for t in part.tables] for part in view.parts] == [[], ["active"], ["requests"], ["appeals"], [], []]
    assert view.tables == [] and view.has_tables


def test_tables_without_parts_are_shown_after_the_text(client, db):
    report = make_report(year=2022, format=formats.STANDARD_2021, levels=(1,), tables=standard_tables())
    publish(report)
    root = parse(client.get("/reports/2022/sports-bureau/"))
    assert root.find("h2", id="tables").text == "统计表"
    assert len(root.find_all("table", class_="stat-table")) == 3


def test_2019_format_tables(client, db):
    body = make_body()
    publish(make_report(body, year=2020, format=formats.TRIAL_2019, levels=(1,) * 6, tables=standard_tables("2019")))
    root = parse(client.get("/reports/2020/sports-bureau/"))
    active = table(root, "active")
    assert "第二十条第（九）项" in active.text
    assert "采购总金额（单位：万元）" in active.text
    # Row （六）其他处理 and column 其他 share the key `other`; their ids must not.
    assert root.find("th", id="t-requests-row-other").text == "（六）其他处理"
    assert root.find("th", id="t-requests-other").text == "其他"
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))


def test_rows_hook_gives_exporters_every_cell_in_the_reader_language(demo):
    tables = printed.document_tables(demo, "en")
    assert [g.key for g in tables] == ["active", "requests", "appeals"]
    requests = form_layout.rows(tables[1])
    assert len(requests) == 3 + 25
    assert requests[0][1].text == "Applicants"
    assert [c.text for c in requests[3] if c.data] == ["36", "4", "1", "1", "2", "1", "45"]
    assert printed.label_columns(tables[1]) == 3


def test_preview_shows_the_working_copy_tables_without_a_download(client, db):
    """Staff preview a draft through the same template: its tables (blank cells blank), no CSV, no chart."""
    from tests.factories import make_staff

    tables = standard_tables()
    tables["requests"]["granted"]["research"] = None
    report = make_report(year=2022, format=formats.STANDARD_2021, levels=(1,) * 6, tables=tables)
    client.force_login(make_staff("editor-preview", workflow.EDITOR, report.body))
    root = parse(client.get(f"/reports/preview/{report.pk}/"))
    assert len(root.find_all("table", class_="stat-table")) == 3
    granted = root.find("th", id="t-requests-granted").parent.find_all("td")
    assert [td.text for td in granted][:3] == ["7920", "900", ""]
    assert not root.find_all("a", class_=None, type="text/csv")
    assert not root.find_all("section", class_="trends")


def test_an_amount_stored_before_the_caps_is_printed_as_stored_not_expanded():
    assert printed.display("1e10000000", formats.AMOUNT) == "1e10000000"
    assert printed.display("12.345", formats.AMOUNT) == "12.35"
