"""A published report as a PDF with its fonts embedded, so the text is real, selectable and searchable.

fpdf2 embeds TrueType outlines only; the Noto CJK fonts Debian ships are CFF-based OpenType, which it
cannot embed, so Chinese is set in AR PL UMing (fonts-arphic-uming, a Ming/Song face like the 宋体 of
printed documents) and English in DejaVu Serif with UMing behind it for any Chinese the English shows.
Only the glyphs used are embedded (a subset), which keeps a report around 100 KB.
"""

import functools
import logging
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTCollection
from fpdf import FPDF
from fpdf.enums import Align, TableCellFillMode, WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from disclosure.exports.blocks import Heading, Item, Paragraph, TableBlock, colon
from disclosure.languages.declared import LANGUAGES, SOURCE

CJK, LATIN = "cjk", "latin"
# Text sizes in points: body a little smaller than Word's 三号, for a screen-and-printer A4 page.
TITLE, LEVEL_1, BODY, SMALL, TABLE = 18, 13.5, 12, 9, 8.5
INDENT = "\u3000\u3000"  # two ideographic spaces: the first-line indent of Chinese prose

# fontTools reports the bitmap strikes of UMing it does not subset; the PDF is fine without them.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

# Chinese line breaking (禁则): a line may break between any two characters, except before closing
# punctuation (no line starts with ，。、) and after opening punctuation (none ends with 《“（). fpdf2 breaks
# lines only at spaces, so a zero-width space marks each place a break is allowed; it has no width and no
# glyph, and it also gives justified lines their even spacing.
BREAK = "\u200b"
NO_LINE_START = set("，。、；：？！）》」』”’…—·%‰．,.;:?!)]}")
NO_LINE_END = set("（《「『“‘([{")


def _cjk(character):
    return character >= "\u2e80"


def breakable(text):
    out = []
    for index, character in enumerate(text):
        before = text[index - 1] if index else ""
        if (
            before
            and (_cjk(before) or _cjk(character))
            and character not in NO_LINE_START
            and before not in NO_LINE_END
            and not before.isspace()
            and not character.isspace()
        ):
            out.append(BREAK)
        out.append(character)
    return "".join(out)


class _QuietBreaks(logging.Filter):
    """Drops fpdf2's missing-glyph warning when the only glyph missing is the zero-width space."""

    def filter(self, record):
        return not (record.args and len(record.args) == 2 and str(record.args[1]) == "'\u200b' (\\u200b)")


logging.getLogger("fpdf.output").addFilter(_QuietBreaks())


REGION = {language.code: language.font_region for language in LANGUAGES}


@functools.cache
def cjk_font(lang=SOURCE):
    """(path, index in the collection) of the CJK TrueType font: the setting, else the first installed."""
    candidates = [getattr(settings, "EXPORT_PDF_FONT", "")] + [
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ]
    for candidate in filter(None, candidates):
        if Path(candidate).exists():
            return candidate, _face(candidate, REGION.get(lang, "CN"))
    raise FileNotFoundError("PDF下载需要TrueType中文字体：请安装fonts-arphic-uming（见Makefile的SYSTEM_PACKAGES）。")


def _face(path, region):
    if not path.endswith(".ttc"):
        return 0
    for index, font in enumerate(TTCollection(path).fonts):
        if (font["name"].getDebugName(1) or "").endswith(f" {region}"):
            return index
    return 0


LATIN_FONTS = {"": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf"}
LATIN_DIR = Path("/usr/share/fonts/truetype/dejavu")


class ReportPDF(FPDF):
    def __init__(self, report):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        path, index = cjk_font(report.lang)
        self.add_font(CJK, "", path, collection_font_number=index)
        self.main = CJK
        if not report.chinese and (LATIN_DIR / LATIN_FONTS[""]).exists():
            for style, name in LATIN_FONTS.items():
                self.add_font(LATIN, style, LATIN_DIR / name)
            self.main = LATIN
            self.set_fallback_fonts([CJK])
        for font in self.fonts.values():
            # UMing has no glyph for the zero-width space; without this fpdf2 would measure it as half an em.
            font.cw[ord(BREAK)] = 0
            # The embedded subset keeps each glyph's stored outline and box: recomputing the boxes decodes and
            # re-encodes every glyph, which was half the time of drawing a Chinese report.
            font.ttfont.recalcBBoxes = False
        self.set_margins(25, 30, 25)
        self.set_auto_page_break(True, margin=25)
        self.set_title(report.title)
        self.set_author(report.organ)
        self.set_subject(report.site_name)
        self.set_lang(report.lang)
        self.set_creator(report.site_name)

    def heavy(self):
        """Bold: DejaVu has a bold face; UMing has none, so its strokes are drawn thicker instead."""
        if self.main == LATIN:
            return self.local_context(font_style="B")
        return self.local_context(text_mode="FILL_STROKE", line_width=0.18)

    def header(self):
        # The site name may be Chinese on an English page; UMing sets both scripts.
        self.set_font(CJK, size=SMALL)
        self.set_text_color(90)
        report = self.report
        date = f"{report.published_label}{colon(report.lang)}{report.published_on}" if report.published_on else ""
        self.set_y(15)
        self.cell(0, 5, report.site_name, align=Align.L)
        self.set_x(self.l_margin)
        self.cell(0, 5, date, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(160)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.set_text_color(0)
        self.set_y(self.t_margin)

    def footer(self):
        self.set_y(-18)
        self.set_font(self.main, size=SMALL + 1)
        self.cell(0, 6, f"— {self.page_no()} —", align=Align.C)


def _heading(pdf, block):
    chinese = pdf.report.chinese
    text = f"{block.number}{block.text}" if chinese or not block.number else f"{block.number} {block.text}"
    size = LEVEL_1 if block.level == 1 else BODY
    wrap = WrapMode.WORD
    text = breakable(text)
    pdf.ln(3 if block.level == 1 else 1)
    pdf.set_font(pdf.main, size=size)
    if block.level <= 2:
        with pdf.heavy():
            pdf.multi_cell(0, size * 0.6, text, wrapmode=wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    else:
        pdf.multi_cell(0, size * 0.6, text, wrapmode=wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    # Outline entries: the PDF reader's bookmarks pane lists the parts.
    pdf.start_section(text.replace(BREAK, ""), level=block.level - 1) if block.level <= 2 else None
    pdf.ln(1)


def _paragraph(pdf, text):
    pdf.set_font(pdf.main, size=BODY)
    text = f"{INDENT}{text}" if pdf.report.chinese else text
    pdf.multi_cell(0, 7.2, breakable(text), wrapmode=WrapMode.WORD, align=Align.J)
    pdf.ln(1 if pdf.report.chinese else 2)


def _item(pdf, block):
    lang = pdf.report.lang
    _paragraph(pdf, f"{block.number}. {block.text}")
    for label, value in block.facts:
        _paragraph(pdf, f"{label}{colon(lang)}{value}")


WIDTHS = {
    "blocks": lambda width, chinese: [42] + [118 / (width - 1)] * (width - 1),
    # English labels are longer: wider label columns, so that rows stay one or two lines high.
    "matrix": lambda width, chinese: ([10, 13, 45] if chinese else [13, 17, 52]) + [(92 if chinese else 78) / 7] * 7,
    "across": lambda width, chinese: [160 / width] * width,
}


def _table(pdf, block):
    chinese = pdf.report.chinese
    if block.shape == "matrix" and pdf.get_y() > pdf.t_margin + 10:
        # Table 3's merged 三、本年度办理结果 spans 22 rows, and a merged cell cannot continue on the next
        # page: the table starts on a page of its own so that the whole group fits.
        pdf.add_page()
    pdf.set_font(pdf.main, size=TABLE if chinese else TABLE - 1.5)
    pdf.ln(2)
    rows = [[] for _ in range(block.height)]
    for r, _c, cell in block.rows:
        rows[r].append(cell)
    heading_style = FontFace(emphasis="NONE", fill_color=(235, 235, 235))
    with pdf.table(
        col_widths=WIDTHS[block.shape](block.layout.width, chinese),
        width=160,
        num_heading_rows=block.head_rows,
        first_row_as_headings=block.head_rows > 0,
        headings_style=heading_style,
        line_height=TABLE * 0.5,
        text_align=Align.C,
        wrapmode=WrapMode.WORD,
        padding=0.8,
        cell_fill_mode=TableCellFillMode.NONE,
    ) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                left = cell.header and cell.scope in ("row", "rowgroup") or "note" in cell.classes.split()
                row.cell(
                    cell.text if cell.data else breakable(cell.text),
                    colspan=cell.colspan,
                    rowspan=cell.rowspan,
                    align=Align.L if left else Align.C,
                    style=heading_style if cell.header and block.head_rows == 0 and cell.scope != "row" else None,
                )
    pdf.ln(4)


SIGNATURE_HEIGHT = 6 + 2 * 7.2


def _keep_with_signature(pdf, block):
    """The signature never stands alone on a page (GB/T 9704): the last paragraph moves over with it."""
    texts = {Paragraph: lambda: [block.text], Item: lambda: [block.text] + [f"{k}{v}" for k, v in block.facts]}
    if type(block) not in texts:
        return
    pdf.set_font(pdf.main, size=BODY)
    height = sum(
        pdf.multi_cell(0, 7.2, breakable(INDENT + text), dry_run=True, output="HEIGHT", wrapmode=WrapMode.WORD)
        for text in texts[type(block)]()
    )
    room = pdf.h - pdf.b_margin - pdf.get_y()
    if height <= room < height + SIGNATURE_HEIGHT + 4:
        pdf.add_page()


def render(report):
    """The PDF file's bytes for a PrintedReport."""
    pdf = ReportPDF(report)
    pdf.add_page()
    pdf.set_font(pdf.main, size=TITLE)
    with pdf.heavy():
        pdf.multi_cell(0, TITLE * 0.55, breakable(report.title), align=Align.C, wrapmode=WrapMode.WORD)
    pdf.ln(8)
    drawers = {
        Heading: _heading,
        Paragraph: lambda pdf, block: _paragraph(pdf, block.text),
        Item: _item,
        TableBlock: _table,
    }
    for index, block in enumerate(report.blocks):
        if index == len(report.blocks) - 1:
            _keep_with_signature(pdf, block)
        drawers[type(block)](pdf, block)
    pdf.ln(6)
    pdf.set_font(pdf.main, size=BODY)
    for text in (report.organ, report.published_on):
        if text:
            pdf.cell(0, 7.2, text, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
