"""A .docx file as the importer needs it: its paragraphs and tables in the order of the document.

Each paragraph keeps its number in the document (第12段: paragraphs with text, counted outside tables), its
text, the heading level its Word style gives it (Heading 1–4, 标题 1–4, or an outline level, whichever program
saved it) and whether it is right-aligned (a signature). Each table is laid out on its grid: a cell merged
across (gridSpan) or down (vMerge) is one `GridCell` with its spans, as a browser would place it.

Word, WPS and LibreOffice all wrap parts of the body in content controls (w:sdt) and custom XML; those are
read through. Text boxes, drawings and deleted (tracked) text are not part of the report's text.

A file that is not a .docx, is damaged, or is too large raises WordFileError with a message for staff.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

from docx import Document
from docx.oxml.ns import qn

MAX_BYTES = 10 * 1024 * 1024  # a long report with its tables is well under 1 MB; pictures make the rest
MAX_XML_BYTES = 30 * 1024 * 1024  # word/document.xml unpacked: refuses a small zip that unpacks to gigabytes
MAIN_PART = "word/document.xml"
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
TITLE_STYLES = {"title", "标题"}
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Subtrees whose text is not the paragraph's: deleted or moved-away text, drawings and text boxes.
SKIPPED = {qn("w:del"), qn("w:moveFrom"), qn("w:drawing"), qn("w:pict"), qn("w:object"), f"{{{MC}}}AlternateContent"}
WRAPPERS = {qn("w:sdt"), qn("w:customXml"), qn("w:smartTag")}


class WordFileError(Exception):
    """The message is shown to staff as it is."""


@dataclass
class WordParagraph:
    number: int  # 第n段, counting paragraphs with text outside tables
    lines: list  # the text, split at line breaks (Shift+Enter)
    level: int | None = None  # heading level from the style; None for a body paragraph
    title: bool = False
    right: bool = False

    @property
    def text(self):
        return "".join(self.lines)


@dataclass
class GridCell:
    text: str
    row: int  # 0-based place on the table's grid
    column: int
    rowspan: int = 1
    colspan: int = 1

    def covers(self, row, column):
        return self.row <= row < self.row + self.rowspan and self.column <= column < self.column + self.colspan


@dataclass
class WordTable:
    number: int  # 第n个表格, in document order
    cells: list = field(default_factory=list)


@dataclass
class WordDocument:
    paragraphs: list
    tables: list


def open_document(data):
    """python-docx's Document for `data`, or WordFileError saying why not."""
    if len(data) > MAX_BYTES:
        raise WordFileError(
            f"文件过大（{len(data) / 1024 / 1024:.1f} MB），最大{MAX_BYTES // 1024 // 1024} MB。"
            "请删除文档中的图片后重新保存再导入。"
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WordFileError(
            "这不是Word文档（.docx）。旧版的.doc、.wps文件或PDF不能导入，"
            "请在Word或WPS中打开后“另存为”Word文档（.docx）再导入。"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            main = archive.getinfo(MAIN_PART)
    except KeyError:
        raise WordFileError(
            "文件不是完整的Word文档（缺少正文部分），可能已损坏。请在Word或WPS中重新保存后再导入。"
        ) from None
    except zipfile.BadZipFile:
        raise WordFileError("文件已损坏，无法打开。请在Word或WPS中重新保存后再导入。") from None
    if main.file_size > MAX_XML_BYTES:
        raise WordFileError("文件的正文过大，无法导入。请检查文件是否正确。")
    try:
        return Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 — a damaged package fails in zipfile, lxml or python-docx alike
        raise WordFileError("文件已损坏或不是有效的Word文档，无法打开。请在Word或WPS中重新保存后再导入。") from None


def read(data):
    """The WordDocument in `data` (bytes of a .docx file)."""
    document = open_document(data)
    styles = _styles(document)
    paragraphs, tables = [], []
    try:
        for element in _blocks(document.element.body):
            if element.tag == qn("w:tbl"):
                tables.append(WordTable(len(tables) + 1, _grid(element)))
                continue
            lines = [line.strip() for line in _text(element).split("\n")]
            if not any(lines):
                continue
            level, title, right = _paragraph_style(element, styles)
            paragraphs.append(WordParagraph(len(paragraphs) + 1, [x for x in lines if x], level, title, right))
    except (ValueError, TypeError, AttributeError):  # attribute values python-docx cannot read
        raise WordFileError("文件已损坏或不是有效的Word文档，无法读取。请在Word或WPS中重新保存后再导入。") from None
    return WordDocument(paragraphs, tables)


def _within(parent, tags):
    """The children of `parent` with one of `tags`, in order, content controls and custom XML read through
    (WPS and Word wrap paragraphs, tables, rows and cells alike in them)."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in WRAPPERS:
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _within(content, tags)


def _blocks(parent):
    """The paragraphs and tables under `parent` in order."""
    return _within(parent, (qn("w:p"), qn("w:tbl")))


def _text(element):
    parts = []
    for child in element:
        tag = child.tag
        if tag in SKIPPED:
            continue
        if tag == qn("w:t"):
            parts.append(child.text or "")
        elif tag == qn("w:tab"):
            parts.append(" ")
        elif tag in (qn("w:br"), qn("w:cr")):
            if child.get(qn("w:type")) not in ("page", "column"):
                parts.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            parts.append("-")
        elif tag not in (qn("w:pPr"), qn("w:rPr"), qn("w:instrText"), qn("w:delText")):
            parts.append(_text(child))
    return "".join(parts)


@dataclass
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    right: bool


def _styles(document):
    """styleId → _Style, read from styles.xml directly: WPS names its styles by number ids ("2", "3")."""
    found = {}
    try:
        root = document.styles.element
    except Exception:  # noqa: BLE001 — a document without a styles part has no styles to read
        return found
    for style in root.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        name = style.find(qn("w:name"))
        based = style.find(qn("w:basedOn"))
        p_pr = style.find(qn("w:pPr"))
        found[style_id] = _Style(
            (name.get(qn("w:val")) if name is not None else style_id or "").strip(),
            based.get(qn("w:val")) if based is not None else None,
            _outline(p_pr),
            _right(p_pr),
        )
    return found


def _outline(p_pr):
    level = p_pr.find(qn("w:outlineLvl")) if p_pr is not None else None
    value = level.get(qn("w:val")) if level is not None else None
    return int(value) if value and value.isdigit() else None


def _right(p_pr):
    jc = p_pr.find(qn("w:jc")) if p_pr is not None else None
    return jc is not None and jc.get(qn("w:val")) in ("right", "end")


def _paragraph_style(p, styles):
    """(heading level or None, is the title, is right-aligned) of a paragraph, through its style's ancestry."""
    p_pr = p.find(qn("w:pPr"))
    style_ref = p_pr.find(qn("w:pStyle")) if p_pr is not None else None
    style_id = style_ref.get(qn("w:val")) if style_ref is not None else None
    outline, right = _outline(p_pr), _right(p_pr)
    level, title, seen = None, False, set()
    while style_id in styles and style_id not in seen:
        seen.add(style_id)
        style = styles[style_id]
        named = HEADING_STYLE.match(style.name)
        if level is None and named:
            level = int(named.group(1))
        title = title or style.name.lower() in TITLE_STYLES
        outline = outline if outline is not None else style.outline
        right = right or (p_pr is None or p_pr.find(qn("w:jc")) is None) and style.right
        style_id = style.based_on
    if level is None and outline is not None and outline < 9:
        level = outline + 1  # w:outlineLvl counts from 0; 9 is "body text"
    return (None if title else level), title, right


def _grid(table):
    """The table's cells on its grid: gridBefore skipped, gridSpan and hMerge across, vMerge down."""
    cells, above = [], {}  # above: grid column → the cell that a vMerge "continue" there extends
    for r, tr in enumerate(_rows(table)):
        before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
        column = _int(before, 0) if before is not None and before.get(qn("w:val"), "") not in ("", "0") else 0
        row_cells = {}
        for tc in _cells(tr):
            tc_pr = tc.find(qn("w:tcPr"))
            span = _int(tc_pr.find(qn("w:gridSpan")) if tc_pr is not None else None, 1)
            v_merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            h_merge = tc_pr.find(qn("w:hMerge")) if tc_pr is not None else None
            text = "".join(_text(p) for p in _blocks(tc) if p.tag == qn("w:p")).strip()
            if v_merge is not None and v_merge.get(qn("w:val"), "continue") == "continue" and column in above:
                above[column].rowspan = r - above[column].row + 1
                row_cells[column] = above[column]
            elif h_merge is not None and h_merge.get(qn("w:val"), "continue") == "continue" and row_cells:
                last = row_cells[max(row_cells)]
                last.colspan += span
            else:
                cell = GridCell(text, r, column, colspan=span)
                cells.append(cell)
                row_cells[column] = cell
                if v_merge is not None:
                    above[column] = cell
                else:
                    above.pop(column, None)
            column += span
    return cells


def _rows(table):
    return _within(table, (qn("w:tr"),))


def _cells(tr):
    return _within(tr, (qn("w:tc"),))


def _int(element, default):
    value = element.get(qn("w:val")) if element is not None else None
    try:
        return max(1, int(value)) if value is not None else default
    except ValueError:
        return default
