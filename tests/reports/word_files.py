"""Word files for the import tests, built with python-docx: the plain layout most bodies type, and a WPS-saved one."""

import copy
import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell

TITLE = "锦州市体育局2024年政府信息公开工作年度报告"
APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def add_table(document, rows):
    """A table from rows of cells, each "text" or ("text", rowspan, colspan), placed as a browser places them."""
    placed, taken = [], set()
    for r, cells in enumerate(rows):
        column = 0
        for cell in cells:
            text, rowspan, colspan = (cell, 1, 1) if isinstance(cell, str) else cell
            while (r, column) in taken:
                column += 1
            placed.append((r, column, text, rowspan, colspan))
            taken.update((r + dr, column + dc) for dr in range(rowspan) for dc in range(colspan))
            column += colspan
    width = max(c + colspan for _r, c, _t, _rs, colspan in placed)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    # The cells looked up once, as the Word export does: table.cell() walks the whole table on every call.
    cells = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    for r, c, text, rowspan, colspan in placed:
        target = cells[r][c]
        if rowspan > 1 or colspan > 1:
            target = target.merge(cells[r + rowspan - 1][c + colspan - 1])
        target.text = text
    return table


def table2_rows(licensing="２７", regulations_made=""):
    return [
        [("第二十条第（一）项", 1, 4)],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", regulations_made, "", "0"],
        ["行政规范性文件", "１", "０", "７"],
        [("第二十条第（五）项", 1, 4)],
        ["信息内容", ("本年处理决定数量", 1, 3)],
        ["行政许可", (licensing, 1, 3)],
        [("第二十条第（六）项", 1, 4)],
        ["信息内容", ("本年处理决定数量", 1, 3)],
        ["行政处罚", ("1", 1, 3)],
        ["行政强制", ("0", 1, 3)],
        [("第二十条第（八）项", 1, 4)],
        ["信息内容", ("本年收费金额（单位：万元）", 1, 3)],
        ["行政事业性收费", ("０.５", 1, 3)],
    ]


REQUEST_ROWS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开",  # without the remark in brackets, as many bodies type it
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    '3.危及"三安全一稳定"',  # straight quotes
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]


def table3_rows(first_value="４５"):
    """One label column (the group headings left out), merged headings, full-width digits; row 2 left blank."""
    head = [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 1), ("申请人情况", 1, 7)],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
    ]
    body = []
    for index, label in enumerate(REQUEST_ROWS):
        if index == 0:
            values = ["４０", "５", "0", "0", "0", "0", first_value]
        elif index == 1:
            values = [""] * 7  # blank: not filled in, not 0
        else:
            values = ["0"] * 7
        body.append([label, *values])
    return head + body


def table4_rows(values=None):
    values = values or ["1", "0", "1", "0", "2", "1", "0", "0", "0", "1", "", "", "", "", ""]
    return [
        [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
        [*((label, 2, 1) for label in OUTCOMES), ("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
        [*OUTCOMES, *OUTCOMES],
        values,
    ]


def plain(table2=None, table3=None, table4=None, extra=None):
    """The plain layout: no styles, numbered paragraphs, a signature at the end."""
    document = Document()
    for text in [
        TITLE,
        "本报告根据《中华人民共和国政府信息公开条例》编制。",
        "一、总体情况",
        "2024年，我局认真贯彻落实《条例》。",
        "（一）主动公开",
        "全年主动公开政府信息120条。",
        "（二）依申请公开",
        "全年新收申请45件。",
        "二、主动公开政府信息情况",
    ]:
        document.add_paragraph(text)
    add_table(document, table2 or table2_rows())
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    add_table(document, table3 or table3_rows())
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    add_table(document, table4 or table4_rows())
    for text in [
        "五、存在的主要问题及改进情况",
        "我局政府信息公开工作仍存在以下问题：一是政策解读形式单一；二是依申请公开答复说理不够充分。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
        *(extra or []),
        "锦州市体育局",
        "2025年1月20日",
    ]:
        document.add_paragraph(text)
    return save(document)


def save(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def wps():
    """What WPS writes, emulated: heading styles with WPS's number ids ("2", "3") and Chinese names (标题 1),
    a heading marked only by an outline level in its own style, a table wrapped in a content control (w:sdt),
    a row inside one too, and the compatibility mode of an older Word in settings.xml."""
    document = Document()
    styles = document.styles.element
    for level, style_id in ((1, "2"), (2, "3")):
        style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Heading{level}']")
        style.set(qn("w:styleId"), style_id)
        style.find(qn("w:name")).set(qn("w:val"), f"标题 {level}")
    custom = copy.deepcopy(styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']"))
    custom.set(qn("w:styleId"), "15")
    custom.remove(custom.find(qn("w:name")))
    name = OxmlElement("w:name")
    name.set(qn("w:val"), "WPS小标题")
    custom.insert(0, name)
    p_pr = custom.find(qn("w:pPr"))
    if p_pr is None:
        p_pr = OxmlElement("w:pPr")
        custom.append(p_pr)
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "1")
    p_pr.append(outline)
    styles.append(custom)

    def paragraph(text, style_id=None):
        p = document.add_paragraph(text)
        if style_id:
            p_pr = p._p.get_or_add_pPr()
            p_style = OxmlElement("w:pStyle")
            p_style.set(qn("w:val"), style_id)
            p_pr.insert(0, p_style)
        return p

    document.add_paragraph(TITLE, style="Title")
    paragraph("总体情况", "2")  # WPS: the heading's number is Word's list numbering, not in the text
    paragraph("2024年，我局认真贯彻落实《条例》。")
    paragraph("主动公开", "15")  # a heading by outline level alone
    paragraph("全年主动公开政府信息120条。")
    paragraph("主动公开政府信息情况", "2")
    add_table(document, table2_rows())
    paragraph("收到和处理政府信息公开申请情况", "2")
    table = add_table(document, table3_rows())
    _wrap(table._tbl, "w:sdt")  # the whole table inside a content control
    paragraph("政府信息公开行政复议、行政诉讼情况", "2")
    table = add_table(document, table4_rows())
    _wrap(table._tbl.tr_lst[-1], "w:sdt")  # and a row inside one
    paragraph("存在的主要问题及改进情况", "2")
    paragraph("一是政策解读形式单一；二是依申请公开答复说理不够充分。")
    settings = document.settings.element
    compat = OxmlElement("w:compat")
    setting = OxmlElement("w:compatSetting")
    for key, value in (
        ("w:name", "compatibilityMode"),
        ("w:uri", "http://schemas.microsoft.com/office/word"),
        ("w:val", "14"),
    ):
        setting.set(qn(key), value)
    compat.append(setting)
    settings.append(compat)
    return save(document)


def _wrap(element, tag):
    sdt = OxmlElement(tag)
    content = OxmlElement("w:sdtContent")
    element.addprevious(sdt)
    content.append(element)
    sdt.append(OxmlElement("w:sdtPr"))
    sdt.append(content)
