"""A published report as a Word document laid out like an official document (GB/T 9704-2012).

A4 with the standard margins; title in 小标宋 二号, centred; 一级标题 黑体, 二级 楷体, 三级 仿宋 bold, body
仿宋 三号 at a fixed 28 pt line, first line indented two characters; the issuing organ and the date as the
signature (落款); site and date in the header, the page number as “— 1 —” in the footer. East Asian font
names go into w:eastAsia: Word picks the font of Chinese characters from there, not from w:ascii. The
statistical tables are real Word tables with the official form's merged headings, the header rows
repeated on each page. English readers get the same layout in Times New Roman.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

from disclosure.exports.blocks import Heading, Item, Paragraph, TableBlock, colon
from disclosure.languages.declared import LANGUAGES

# Font names as Word knows them on Chinese Windows: GB/T 9704's typefaces.
TITLE_FONT, BODY_FONT, HEI, KAI = "方正小标宋简体", "仿宋", "黑体", "楷体"
LATIN = "Times New Roman"
SIZE_2, SIZE_3, SIZE_5 = Pt(22), Pt(16), Pt(10.5)  # 二号, 三号, 五号


def _fonts(target, east_asia, size=None, bold=None, latin=LATIN):
    """Sets a run's or a style's fonts, East Asian included."""
    font = target.font
    font.name = latin
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    r_pr = target.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


WORD_LANG = {language.code: language.word_lang for language in LANGUAGES}


class _Styles:
    def __init__(self, document, lang):
        chinese = lang.startswith("zh")
        self.chinese = chinese
        styles = document.styles
        body_size = SIZE_3 if chinese else Pt(12)
        normal = styles["Normal"]
        _fonts(normal, BODY_FONT, body_size)
        tag = OxmlElement("w:lang")
        tag.set(qn("w:val"), WORD_LANG.get(lang, "zh-CN"))
        tag.set(qn("w:eastAsia"), WORD_LANG.get(lang, "zh-CN") if chinese else "zh-CN")
        normal.element.get_or_add_rPr().append(tag)
        fmt = normal.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY if chinese else WD_LINE_SPACING.MULTIPLE
        fmt.line_spacing = Pt(28) if chinese else 1.15
        fmt.space_before = fmt.space_after = Pt(0) if chinese else Pt(6)
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        # Level: (East Asian font, bold); in Chinese the typeface, not weight, marks the level.
        levels = {1: (HEI, False), 2: (KAI, False), 3: (BODY_FONT, True), 4: (BODY_FONT, False)}
        for level, (east_asia, bold) in levels.items():
            style = styles[f"Heading {level}"]
            _fonts(style, east_asia, body_size, bold if chinese else level < 4)
            style.font.color.rgb = None
            style.font.italic = False
            style.paragraph_format.keep_with_next = True
            style.paragraph_format.first_line_indent = Pt(32) if chinese else None
            style.paragraph_format.space_before = Pt(0) if chinese else Pt(12)
            style.paragraph_format.space_after = Pt(0) if chinese else Pt(4)
        title = styles["Title"]
        _fonts(title, TITLE_FONT, SIZE_2 if chinese else Pt(18), not chinese)
        title.font.color.rgb = None
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
        title.paragraph_format.line_spacing = 1.2
        title.paragraph_format.space_after = Pt(28)
        # The Title style draws a rule under the title in Word's default template; an official document has none.
        p_pr = title.element.get_or_add_pPr()
        for border in p_pr.findall(qn("w:pBdr")):
            p_pr.remove(border)


def _page_setup(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(20)
    return section


def _field(paragraph, instruction):
    """A Word field (PAGE): Word fills in the number on every page."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
    return run


def _header_footer(section, report):
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    date = f"{report.published_label}{colon(report.lang)}{report.published_on}" if report.published_on else ""
    run = header.add_run(f"{report.site_name}　{date}".strip())
    _fonts(run, BODY_FONT, Pt(9))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # GB/T 9704: the page number in 4号 半角 Arabic digits between two dashes.
    for run in (footer.add_run("— "), _field(footer, "PAGE"), footer.add_run(" —")):
        _fonts(run, BODY_FONT, Pt(14))


def _heading(document, block, chinese):
    paragraph = document.add_heading(level=block.level)
    text = f"{block.number}{block.text}" if chinese or not block.number else f"{block.number} {block.text}"
    paragraph.add_run(text)
    return paragraph


def _paragraph(document, text, chinese):
    paragraph = document.add_paragraph(text)
    paragraph.paragraph_format.first_line_indent = Pt(32) if chinese else None
    return paragraph


def _item(document, block, lang):
    chinese = lang.startswith("zh")
    _paragraph(document, f"{block.number}. {block.text}" if not chinese else f"{block.number}.{block.text}", chinese)
    for label, value in block.facts:
        paragraph = _paragraph(document, "", chinese)
        _fonts(paragraph.add_run(f"{label}{colon(lang)}"), KAI if chinese else BODY_FONT, bold=not chinese)
        paragraph.add_run(value)


# Column widths on a 156 mm text block: label columns wide enough for the official wording, number
# columns wide enough for five digits.
WIDTHS = {
    "blocks": lambda width, chinese: [Mm(44)] + [Mm(112 / (width - 1))] * (width - 1),
    # English labels are longer: wider label columns, so that rows stay one or two lines high.
    "matrix": lambda width, chinese: (
        [Mm(w) for w in ((10, 14, 44) if chinese else (13, 17, 50))]
        + [Mm((88 if chinese else 76) / (width - 3))] * (width - 3)
    ),
    "across": lambda width, chinese: [Mm(156 / width)] * width,
}


def _repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _table(document, block, chinese):
    table = document.add_table(rows=block.height, cols=block.layout.width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = WIDTHS[block.shape](block.layout.width, chinese)
    # Fixed layout with the widths in both places Word and LibreOffice read them (w:tblGrid and each w:tcW).
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    # The cells, looked up once: table.cell() walks the whole table on every call (seconds for table 3).
    # Merged regions never overlap, so a merge never removes a cell another region still needs.
    cells = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    for row in cells:
        for column, cell in enumerate(row):
            cell.width = widths[column]
    for index in range(block.head_rows):
        _repeat_header(table.rows[index])
    for r, c, cell in block.rows:
        target = cells[r][c]
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(cells[r + cell.rowspan - 1][c + cell.colspan - 1])
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = target.paragraphs[0]
        fmt = paragraph.paragraph_format
        fmt.first_line_indent, fmt.space_before, fmt.space_after = None, Pt(1), Pt(1)
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.SINGLE, 1.0
        centred = cell.data or cell.scope in ("col", "colgroup")
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
        run = paragraph.add_run(cell.text)  # a figure as the page prints it (printed.display)
        column_heading = cell.header and cell.scope in ("col", "colgroup")
        # English column headings (Legal service providers …) are long words in narrow columns: a size smaller.
        size = SIZE_5 if chinese else Pt(7) if column_heading else Pt(9)
        _fonts(run, HEI if column_heading else BODY_FONT, size)
    document.add_paragraph()  # the official form leaves a line between a table and the next part


def _signature(document, report):
    for text in (report.organ, report.published_on):
        if text:
            paragraph = document.add_paragraph(text)
            paragraph.paragraph_format.keep_with_next = text == report.organ and bool(report.published_on)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(64) if report.chinese else None


def render(report):
    """The .docx file's bytes for a PrintedReport."""
    document = Document()
    chinese = report.chinese
    _Styles(document, report.lang)
    _header_footer(_page_setup(document), report)
    properties = document.core_properties
    properties.title, properties.author, properties.language = report.title, report.organ, report.lang
    properties.subject = report.site_name
    document.add_paragraph(report.title, style="Title")
    drawers = {
        Heading: lambda block: _heading(document, block, chinese),
        Paragraph: lambda block: _paragraph(document, block.text, chinese),
        Item: lambda block: _item(document, block, report.lang),
        TableBlock: lambda block: _table(document, block, chinese),
    }
    for block in report.blocks:
        drawers[type(block)](block)
    # The signature never stands alone on a page (GB/T 9704): the last paragraph goes with it.
    if document.paragraphs:
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    document.add_paragraph().paragraph_format.keep_with_next = True
    _signature(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
