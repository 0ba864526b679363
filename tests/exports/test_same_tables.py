"""The page, the CSV, Word and PDF show the same tables: each after the same part, every cell with the same text.

All four read tables/printed.py (placed_tables, display); these tests read the four files back as a reader
would get them and compare them with the page, so a format that places or writes a table its own way shows.
"""

import csv
import io
import json
import re

import pytest
from docx import Document
from docx.table import Table
from pypdf import PdfReader

from disclosure.models import Revision, Section
from disclosure.publishing import interchange
from disclosure.tables import formats
from tests import dom
from tests.factories import DEMO_DOCUMENTS, make_report, publish, standard_tables

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _download_cache(settings, tmp_path):
    settings.DOWNLOAD_CACHE_DIR = tmp_path / "downloads"


def _grid(rows):
    """{(row, column): text} of each cell's top-left place, as a browser lays out rowspan and colspan."""
    grid, taken = {}, set()
    for r, cells in enumerate(rows):
        column = 0
        for text, rowspan, colspan in cells:
            while (r, column) in taken:
                column += 1
            grid[r, column] = text
            taken.update((r + dr, column + dc) for dr in range(rowspan) for dc in range(colspan))
            column += colspan
    return grid


def page_tables(response):
    """[(heading the table follows, table key, grid)] in the order of the page."""
    body = dom.parse(response).find("div", class_="report-body")
    heading, found = "", []
    for element in body.iter():
        if "part-heading" in element.classes or element.get("id") == "tables":
            heading = element.text
        elif element.tag == "table" and "stat-table" in element.classes:
            rows = [
                [(c.text, int(c.get("rowspan", 1)), int(c.get("colspan", 1))) for c in tr.find_all("th", "td")]
                for tr in element.find_all("tr")
            ]
            found.append((heading, element.get("id").removeprefix("table-"), _grid(rows)))
    return found


def word_tables(response):
    """[(heading the table follows, grid)] in the order of the Word file."""
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    heading, found = "", []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            grid, seen = {}, set()
            # Every place's cell, row by row, walked once (what block.cell(r, c) walks again on every call).
            cells, width = block._cells, len(block.columns)
            for r in range(len(block.rows)):
                for c in range(width):
                    # A cell merged across is one element at every place it covers; one merged down continues
                    # in the rows below (vMerge "continue").
                    cell = cells[r * width + c]
                    if cell._tc not in seen and cell._tc.vMerge != "continue":
                        seen.add(cell._tc)  # kept alive, so lxml gives the same object again
                        grid[r, c] = " ".join(cell.text.split())
            found.append((heading, grid))
        elif block.style.name.startswith("Heading"):
            heading = " ".join(block.text.split())
    return found


def pdf_text(response):
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def csv_figures(response, titles):
    """{table title: [figure, …]} in reading order, the label column left out."""
    text = response.content.decode("utf-8").lstrip("\ufeff")
    blocks, title = {}, None
    for line in csv.reader(io.StringIO(text)):
        if not line:
            title = None
        elif len(line) == 1 and line[0] in titles:
            title = line[0]
            blocks[title] = []
        elif title is not None and len(line) > 1 and line[0] != "项目":
            blocks[title].extend(value for value in line[1:] if value != "")
    return blocks


def assert_the_four_agree(client, url, fee):
    page = page_tables(client.get(url))
    assert [key for _heading, key, _grid in page] and all(heading for heading, _key, _grid in page)
    word = word_tables(client.get(url + "download.docx"))
    # Word: each table after the same heading, every cell (headings and figures) with the page's text.
    assert [heading for heading, _grid in word] == [heading for heading, _key, _grid in page]
    for (_heading, key, page_grid), (_, word_grid) in zip(page, word, strict=True):
        assert word_grid == page_grid, key
    # CSV: the same figures, table by table.
    titles = {table.key: str(table.title) for table in formats.tables(formats.STANDARD_2021)}
    by_title = csv_figures(client.get(url + "tables.csv"), set(titles.values()))
    html = client.get(url).content.decode()
    for _heading, key, _grid in page:
        data = re.findall(rf'<td[^>]*headers="t-{key}-[^"]*"[^>]*>([^<]*)</td>', html)
        assert data and by_title[titles[key]] == data, key
    # PDF: each table's figures, in the page's order, come after the heading it follows on the page and
    # before the next one.
    text = pdf_text(client.get(url + "download.pdf"))
    body = dom.parse(html).find("div", class_="report-body")
    headings = [h.text for h in body.iter() if "part-heading" in h.classes or h.get("id") == "tables"]
    start, previous = 0, None
    for heading, key, page_grid in page:
        if heading != previous:  # tables that follow the same heading share its stretch of text
            start = text.index(heading.replace(" ", ""), start) + len(heading.replace(" ", ""))
            previous = heading
        data = re.findall(rf'<td[^>]*headers="t-{key}-[^"]*"[^>]*>([^<]*)</td>', html)
        following = headings[headings.index(heading) + 1 :]
        end = text.index(following[0].replace(" ", ""), start) if following else len(text)
        segment = text[start:end]
        first_label = page_grid[0, 0].replace(" ", "")
        assert first_label in segment, (key, heading)
        assert key != "active" or fee in segment, "the fee, as the page writes it"
        position = start
        for value in data:
            position = text.index(value, position) + len(value)
        assert position <= end, key
    return page


def test_the_demo_report_has_the_same_tables_in_all_four(client):
    document = json.loads((DEMO_DOCUMENTS / "sports-bureau-2024.json").read_text(encoding="utf-8"))
    report, _findings = interchange.load(document)
    publish(report)
    page = assert_the_four_agree(client, "/reports/2024/sports-bureau/", "0.00")
    assert [(heading, key) for heading, key, _grid in page] == [
        ("二、主动公开政府信息情况", "active"),
        ("三、收到和处理政府信息公开申请情况", "requests"),
        ("四、政府信息公开行政复议、行政诉讼情况", "appeals"),
    ]


def published(levels, headings=None, fee=None):
    """A 2021-format report, published; `fee` is put into the published revision as stored before amounts
    were capped at two decimals (up to four were allowed)."""
    report = make_report(year=2022, format=formats.STANDARD_2021, levels=levels, tables=standard_tables())
    for section, heading in zip(report.sections.order_by("position"), headings or [], strict=False):
        Section.objects.filter(pk=section.pk).update(heading_zh_hans=heading)
    revision = publish(report)
    if fee is not None:
        document = revision.document
        document["tables"]["active"]["fees"]["amount"] = fee
        Revision.objects.filter(pk=revision.pk).update(document=document)
    return revision


def test_an_amount_stored_with_four_decimals_prints_with_two_in_all_four(client, db):
    published((1,) * 6, fee="12.3456")
    assert_the_four_agree(client, "/reports/2022/sports-bureau/", "12.35")
    text = pdf_text(client.get("/reports/2022/sports-bureau/download.pdf"))
    assert "12.35" in text and "12.3456" not in text


@pytest.fixture
def unusual(db):
    """A report whose official parts are out of the usual order, the first of them with a sub-part."""
    headings = [
        "总体情况",
        "收到和处理政府信息公开申请情况",
        "办理流程",
        "主动公开政府信息情况",
        "政府信息公开行政复议、行政诉讼情况",
        "其他需要报告的事项",
    ]
    return published((1, 1, 2, 1, 1, 1), headings, fee="7.5")


def test_an_unusual_outline_places_the_tables_by_heading_in_all_four(client, unusual):
    page = assert_the_four_agree(client, "/reports/2022/sports-bureau/", "7.50")
    # By official heading, not by place: table 3 under 二 (before its sub-part), table 2 under 三.
    assert [(heading, key) for heading, key, _grid in page] == [
        ("二、收到和处理政府信息公开申请情况", "requests"),
        ("三、主动公开政府信息情况", "active"),
        ("四、政府信息公开行政复议、行政诉讼情况", "appeals"),
    ]


def test_tables_no_part_holds_come_after_the_parts_under_their_own_heading_in_all_four(client, db):
    published((1,))
    page = assert_the_four_agree(client, "/reports/2022/sports-bureau/", "0.00")
    assert [(heading, key) for heading, key, _grid in page] == [
        ("统计表", "active"),
        ("统计表", "requests"),
        ("统计表", "appeals"),
    ]
