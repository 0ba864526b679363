"""word_import.py: a report drafted in Word or WPS → a draft, through the text importer's rules; all or nothing."""

import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from disclosure.models import Report, Section
from disclosure.publishing import document, interchange
from disclosure.reports import word_import, word_reader
from disclosure.reports.legacy_import import ImportFailed
from tests.factories import DEMO_DOCUMENTS, make_body, make_report, publish
from tests.reports import word_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _download_cache(settings, tmp_path):
    settings.DOWNLOAD_CACHE_DIR = tmp_path / "downloads"


def _outline(doc):
    def walk(sections, level=1):
        for section in sections:
            yield level, section["heading"]["zh-hans"], section["body"]["zh-hans"]
            yield from walk(section.get("children") or [], level + 1)

    return list(walk(doc["sections"]))


def _items(doc, key, fields):
    return [
        {f: (item[f]["zh-hans"] if isinstance(item[f], dict) else item[f]) for f in fields if f in item}
        for item in doc[key]
    ]


def test_the_portals_own_word_download_imports_back_to_the_same_report(client):
    original, _ = interchange.load(json.loads((DEMO_DOCUMENTS / "sports-bureau-2024.json").read_text("utf-8")))
    publish(original)
    data = b"".join(client.get("/reports/2024/sports-bureau/download.docx").streaming_content)
    other = make_body("education-bureau", "锦州市体育局")  # same name: the signature is recognised by it too
    report, draft = word_import.import_docx(data, other, 2024)
    before, after = document.working(original), document.working(report)
    assert after["title"]["zh-hans"] == before["title"]["zh-hans"]  # the English is not in the file
    assert _outline(after) == _outline(before)
    assert after["tables"] == before["tables"]
    problem_fields = ("problem", "measure", "status", "responsible", "due")
    assert _items(after, "rectifications", problem_fields) == _items(before, "rectifications", problem_fields)
    assert _items(after, "plans", ("text", "responsible", "due")) == _items(
        before, "plans", ("text", "responsible", "due")
    )
    assert report.status == Report.Status.DRAFT and report.format == "2021"
    assert draft.numbers == {"active": 1, "requests": 2, "appeals": 3}


def test_plain_layout_numbering_merged_headers_full_width_digits_and_blanks():
    report, draft = word_import.import_docx(word_files.plain(), make_body(), 2024)
    sections = [(s.level, s.heading_zh_hans) for s in report.sections.order_by("position")]
    assert sections[:3] == [(1, "总体情况"), (2, "主动公开"), (2, "依申请公开")]
    assert [h for level, h in sections if level == 1][-1] == "其他需要报告的事项"
    last = report.sections.order_by("position").last()
    assert last.body_zh_hans == "本年度未收取信息处理费。"  # the signature is not text
    assert [r.problem_zh_hans for r in report.rectifications.all()] == [
        "政策解读形式单一。",
        "依申请公开答复说理不够充分。",
    ]
    tables = report.tables
    assert tables["active"]["regulations"] == {"made": None, "repealed": None, "in_force": 0}  # blank is not 0
    assert tables["active"]["normative_documents"] == {"made": 1, "repealed": 0, "in_force": 7}  # full-width
    assert tables["active"]["licensing"]["decisions"] == 27  # merged across three columns
    assert tables["active"]["fees"]["amount"] == "0.50"
    assert tables["requests"]["new_received"]["total"] == 45
    assert tables["requests"]["new_received"]["commercial"] == 5
    assert set(tables["requests"]["carried_over"].values()) == {None}
    assert tables["requests"]["partially_granted"]["total"] == 0  # matched without its remark
    assert tables["requests"]["denied_three_safeties_one_stability"]["total"] == 0  # straight quotes
    assert tables["appeals"]["reconsideration"] == {"upheld": 1, "corrected": 0, "other": 1, "pending": 0, "total": 2}
    assert tables["appeals"]["litigation_direct"]["total"] == 1
    assert set(tables["appeals"]["litigation_after_reconsideration"].values()) == {None}
    assert draft.numbers == {"active": 1, "requests": 2, "appeals": 3}


def test_wps_saved_file_styles_by_number_id_outline_level_and_tables_in_content_controls():
    report, draft = word_import.import_docx(word_files.wps(), make_body(), 2024)
    sections = [(s.level, s.heading_zh_hans) for s in report.sections.order_by("position")]
    assert sections == [
        (1, "总体情况"),
        (2, "主动公开"),
        (1, "主动公开政府信息情况"),
        (1, "收到和处理政府信息公开申请情况"),
        (1, "政府信息公开行政复议、行政诉讼情况"),
        (1, "存在的主要问题及改进情况"),
    ]
    assert report.title_zh_hans == word_files.TITLE
    assert report.rectifications.count() == 2
    assert report.tables["requests"]["new_received"]["total"] == 45  # the table inside w:sdt
    assert report.tables["appeals"]["litigation_direct"]["total"] == 1  # the row inside w:sdt
    assert draft.numbers == {"active": 1, "requests": 2, "appeals": 3}


def _unchanged(call):
    report = make_report(year=2024, format="2021", levels=(1,))
    before = document.working(report)
    with pytest.raises((ImportFailed, word_reader.WordFileError)) as failure:
        call(report.body)
    assert document.working(Report.objects.get(pk=report.pk)) == before
    assert Section.objects.count() == 1
    return str(failure.value)


def test_a_table_with_a_word_is_refused_with_its_place_and_nothing_is_written():
    rows = word_files.table3_rows(first_value="十二")
    message = _unchanged(lambda body: word_import.import_docx(word_files.plain(table3=rows), body, 2024))
    # The fourth row of the second table (after three heading rows), the eighth column (its 总计).
    assert "第2个表格第4行第8列：“十二”不是数字" in message


def test_every_problem_is_listed_text_and_tables_together():
    rows = word_files.table2_rows(licensing="很多")
    extra = ["（三）另起一节", "（五）编号跳过"]
    message = _unchanged(lambda body: word_import.import_docx(word_files.plain(table2=rows, extra=extra), body, 2024))
    assert "第1个表格第7行第2列：“很多”不是数字" in message
    assert "编号“（五）编号跳过”不连续" in message and "段" in message


def test_a_missing_row_is_named():
    rows = [row for row in word_files.table3_rows() if row[0] != "（七）总计"]
    message = _unchanged(lambda body: word_import.import_docx(word_files.plain(table3=rows), body, 2024))
    assert "第2个表格" in message and "（七）总计" in message


def test_not_a_zip_file():
    message = _unchanged(lambda body: word_import.import_docx(b"{\\rtf1 an RTF saved as .docx}", body, 2024))
    assert "不是Word文档" in message


def test_a_zip_without_the_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    message = _unchanged(lambda body: word_import.import_docx(buffer.getvalue(), body, 2024))
    assert "缺少正文部分" in message


def test_a_damaged_document():
    data = bytearray(word_files.plain())
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            target.writestr(item, content[: len(content) // 2] if item.filename == "word/document.xml" else content)
    message = _unchanged(lambda body: word_import.import_docx(buffer.getvalue(), body, 2024))
    assert "已损坏" in message


def test_a_file_over_the_limit(monkeypatch):
    monkeypatch.setattr(word_reader, "MAX_BYTES", 1000)
    message = _unchanged(lambda body: word_import.import_docx(word_files.plain(), body, 2024))
    assert "文件过大" in message


def test_import_report_command_reads_a_docx(tmp_path, capsys):
    body = make_body()
    path = tmp_path / "2024.docx"
    path.write_bytes(word_files.plain())
    call_command("import_report", str(path), body="sports-bureau", year=2024)
    assert "已导入为草稿" in capsys.readouterr().out
    assert Report.objects.get(body=body, year=2024).tables["requests"]["new_received"]["total"] == 45
    path.write_bytes(word_files.plain(table3=word_files.table3_rows(first_value="十二")))
    with pytest.raises(CommandError, match="第2个表格第4行第8列"):
        call_command("import_report", str(path), body="sports-bureau", year=2024)
