"""Downloads: the published revision as JSON, Word and PDF, in the reader's language, cached per revision."""

import io
import json
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from disclosure.exports import cache
from disclosure.models import Revision, public_windows
from disclosure.publishing import interchange
from tests import dom
from tests.factories import DEMO_DOCUMENTS, make_body, make_report, publish, standard_tables

pytestmark = pytest.mark.django_db

DEMO = DEMO_DOCUMENTS / "sports-bureau-2024.json"
URL = "/reports/2024/sports-bureau/"


@pytest.fixture(autouse=True)
def _download_cache(settings, tmp_path):
    settings.DOWNLOAD_CACHE_DIR = tmp_path / "downloads"


@pytest.fixture
def demo():
    """The demo's 2024 report of 锦州市体育局 (2021 format, every table filled), published."""
    report, _findings = interchange.load(json.loads(DEMO.read_text(encoding="utf-8")))
    return publish(report)


@pytest.fixture
def worked_example():
    """A 2021-format report whose table 3 holds the worked example's 14069 新收 applications."""
    report = make_report(
        make_body("finance-bureau", "锦州市财政局"), year=2024, format="2021", levels=(1, 1, 1, 1, 1, 1)
    )
    report.tables = standard_tables()
    report.save()
    return publish(report)


def docx(response):
    return Document(io.BytesIO(b"".join(response.streaming_content)))


def pdf_text(response):
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_the_report_page_offers_the_downloads(client, demo):
    page = dom.parse(client.get(URL))
    box = page.find("section", class_="downloads")
    links = [a.get("href") for a in box.find_all("a")]
    assert links == [
        URL + "download.docx",
        URL + "download.pdf",
        URL + "download.json",
        URL + "tables.csv",
        "/opendata/",
    ]
    english = dom.parse(client.get("/en" + URL)).find("section", class_="downloads")
    assert english.find("a").get("href") == "/en" + URL + "download.docx"
    assert english.find("h2").text == "Download"


def test_a_report_without_tables_offers_no_csv(client):
    publish(make_report(year=2016))  # a legacy report: free text, no statistical tables
    box = dom.parse(client.get("/reports/2016/sports-bureau/")).find("section", class_="downloads")
    kinds = [span.text for span in box.find_all("span", class_="download-kind")]
    assert kinds == ["Word", "PDF", "JSON"]


def test_the_json_download_is_the_api_document(client, demo):
    response = client.get(URL + "download.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="2024-sports-bureau.json"'
    assert response.content == client.get("/api/v1/reports/2024/sports-bureau/").content
    assert json.loads(response.content) == demo.document


def test_word_has_the_official_layout(client, demo):
    response = client.get(URL + "download.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''%E9%94%A6%E5%B7%9E" in response["Content-Disposition"]  # 锦州…, the title
    document = docx(response)
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "锦州市体育局2024年政府信息公开工作年度报告"
    headings = {p.style.name: [] for p in paragraphs}
    for p in paragraphs:
        headings[p.style.name].append(p.text)
    assert headings["Heading 1"] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
        "下一步工作计划",  # plans no part is about follow the parts, unnumbered, as on the report page
    ]
    assert headings["Heading 2"][:2] == ["（一）主动公开", "（二）依申请公开"]
    # The issuing organ and the date sign the report, right-aligned, as on paper.
    assert [p.text for p in paragraphs[-2:]] == ["锦州市体育局", "2025年1月20日"]
    # Body text in 仿宋 for Chinese characters: Word reads that from w:eastAsia.
    normal_fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal_fonts.get(qn("w:eastAsia")) == "仿宋"
    assert document.styles["Heading 1"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "政府信息公开　发布日期：2025年1月20日"
    assert "PAGE" in section.footer._element.xml
    assert document.core_properties.author == "锦州市体育局"


def test_word_tables_are_real_tables_with_merged_headings(client, worked_example):
    document = docx(client.get("/reports/2024/finance-bureau/download.docx"))
    assert len(document.tables) == 3
    requests = document.tables[1]
    first_row = requests.rows[0].cells
    # 申请人情况 spans the seven applicant columns: one merged cell, seen seven times.
    assert [c.text for c in first_row[3:]] == ["申请人情况"] * 7
    assert first_row[3]._tc is first_row[9]._tc
    assert first_row[3]._tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "7"
    assert first_row[0].text.startswith("（本列数据的勾稽关系为")
    new_received = requests.rows[3].cells
    assert new_received[0].text == "一、本年新收政府信息公开申请数量"
    assert new_received[-1].text == "14069"
    assert [c.text for c in requests.rows[-1].cells][-1] == "819"  # 四、结转下年度继续办理
    appeals = [c.text for c in document.tables[2].rows[-1].cells]
    assert appeals[:5] == ["376", "97", "196", "121", "790"]
    # The heading rows repeat at the top of each page the table runs onto.
    assert requests.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_a_blank_cell_stays_blank_never_zero():
    from disclosure.exports import blocks, word
    from disclosure.publishing import document

    # A report with blank tables cannot be published; its document is drawn directly.
    report = make_report(year=2024, format="2021", levels=(1, 1, 1, 1, 1, 1))
    drawn = Document(io.BytesIO(word.render(blocks.build(document.build(report), "zh-hans"))))
    assert drawn.tables[1].rows[3].cells[0].text == "一、本年新收政府信息公开申请数量"
    assert [cell.text for cell in drawn.tables[1].rows[3].cells[3:]] == [""] * 7


def test_word_in_english_numbers_parts_the_english_way(client, demo):
    document = docx(client.get("/en" + URL + "download.docx"))
    assert document.paragraphs[0].text == (
        "Jinzhou Municipal Sports Bureau: Annual Report on Government Information Disclosure for 2024"
    )
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "I. Overview"
    assert document.paragraphs[-1].text == "20 January 2025"
    assert document.tables[1].rows[3].cells[0].text == "I. New requests received this year"


def test_pdf_has_selectable_chinese_text_headings_and_tables(client, worked_example):
    response = client.get("/reports/2024/finance-bureau/download.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text, reader = pdf_text(response)
    assert "锦州市财政局2024年政府信息公开工作年度报告" in text
    assert "一、第1节标题" in text
    assert "一、本年新收政府信息公开申请数量" in text
    assert "14069" in text and "13810" in text
    assert "— 1 —" in text
    # The CJK font travels with the file: a TrueType font program in the PDF, not a name to look up.
    fonts = [font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()]
    descriptors = [f["/DescendantFonts"][0].get_object()["/FontDescriptor"] for f in fonts if "/DescendantFonts" in f]
    assert any("/FontFile2" in d for d in descriptors)
    assert reader.metadata.title == "锦州市财政局2024年政府信息公开工作年度报告"


def test_pdf_in_english(client, demo):
    text, _reader = pdf_text(client.get("/en" + URL + "download.pdf"))
    assert "I. Overview" in text
    assert "Jinzhou Municipal Sports Bureau" in text


def test_files_are_cached_per_revision_and_language(client, demo, monkeypatch):
    drawn = []
    render = cache.RENDERERS["docx"]
    monkeypatch.setitem(cache.RENDERERS, "docx", lambda printed: drawn.append(printed.lang) or render(printed))
    client.get(URL + "download.docx")
    client.get(URL + "download.docx")
    client.get("/en" + URL + "download.docx")
    assert drawn == ["zh-hans", "en"]
    with cache.open_file(demo, "zh-hans", "docx") as stream:
        name = Path(stream.name).name
    assert name.startswith(f"report{demo.report_id}-{demo.pk}-")
    assert name.endswith(f"-zh-hans-v{cache.EXPORT_VERSION}.docx")


def test_a_correction_is_never_served_from_the_old_file(client, demo, settings, tmp_path):
    settings.DOWNLOAD_CACHE_DIR = tmp_path
    first = docx(client.get(URL + "download.docx"))
    assert first.paragraphs[0].text == "锦州市体育局2024年政府信息公开工作年度报告"
    report = demo.report
    report.title_zh_hans = "锦州市体育局2024年政府信息公开工作年度报告（更正稿）"
    report.save()
    correction = publish(report, note="更正标题")
    assert correction.pk != demo.pk
    second = docx(client.get(URL + "download.docx"))
    assert second.paragraphs[0].text.endswith("（更正稿）")
    text, _reader = pdf_text(client.get(URL + "download.pdf"))
    assert "（更正稿）" in text.replace("\n", "")
    assert "\u200b" not in text  # the break points (pdf.breakable) leave no trace in the text
    # The superseded revision's Word file is gone; the correction's two files remain.
    assert sorted(path.name.split("-")[1] for path in tmp_path.iterdir()) == [str(correction.pk)] * 2


def test_nothing_to_download_for_a_draft_or_an_unknown_kind(client, demo):
    make_report(make_body("education-bureau", "锦州市教育局"), year=2024)  # a draft
    assert client.get("/reports/2024/education-bureau/download.pdf").status_code == 404
    assert client.get(URL + "download.exe").status_code == 404
    Revision.objects.filter(pk=demo.pk).update(published_at=demo.published_at.replace(year=2999))
    public_windows.refresh()  # the test moves a revision's time, which nothing else ever does
    assert client.get(URL + "download.docx").status_code == 404


def test_the_preview_offers_no_downloads(client, demo):
    from disclosure.publishing import workflow
    from tests.factories import make_staff

    editor = make_staff("editor", workflow.EDITOR, demo.report.body)
    client.force_login(editor)
    page = dom.parse(client.get(f"/reports/preview/{demo.report_id}/"))
    assert page.find("h1").text == "锦州市体育局2024年政府信息公开工作年度报告"
    assert page.find_all("section", class_="downloads") == []


def test_chinese_lines_break_by_the_rules():
    from disclosure.exports.pdf import BREAK, breakable

    marked = breakable("依申请公开，《条例》规定2024年共45件。Open data")
    allowed = [index for index, character in enumerate(marked) if character == BREAK]
    after = [marked[index + 1] for index in allowed]
    before = [marked[index - 1] for index in allowed]
    assert "，" not in after and "。" not in after and "》" not in after  # no line starts with closing marks
    assert "《" not in before  # and none ends with an opening one
    assert "2024" in marked and "Open data" in marked  # numbers and English words stay whole
    assert marked.replace(BREAK, "") == "依申请公开，《条例》规定2024年共45件。Open data"


def test_a_reader_with_the_current_file_gets_a_304(client, demo, monkeypatch):
    first = client.get(URL + "download.docx")  # the same for every kind: Word is the quickest to draw
    drawn = []
    monkeypatch.setitem(cache.RENDERERS, "docx", lambda printed: drawn.append(printed) or b"")
    again = client.get(URL + "download.docx", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert drawn == []


def test_traditional_downloads_use_traditional_forms(client, demo):
    text, reader = pdf_text(client.get("/zh-hant" + URL + "download.pdf"))
    assert "錦州市體育局2024年政府信息公開工作年度報告" in text.replace("\n", "")
    fonts = [str(font.get_object()["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert any("UMingTW" in name for name in fonts), fonts
    document = docx(client.get("/zh-hant" + URL + "download.docx"))
    assert document.paragraphs[0].text == "錦州市體育局2024年政府信息公開工作年度報告"
    assert document.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-TW"
