"""报告单位年报监督 as an Excel workbook (openpyxl), for the supervising office's own filing.

Two sheets: one row per unit and year (情况, dates, findings, signals, key figures), and the percentiles of each
kind of body per year. The figures are oversight.py's, as the page shows them; nothing is computed here.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from disclosure.public import trends

KIND_LABELS = {"department": "政府部门", "government": "人民政府"}
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lines(items):
    return "\n".join(items)


def unit_rows(years):
    """The first sheet's rows after its header, one per unit and year."""
    for year in years:
        for row in year.rows:
            yield [
                year.year,
                row.unit.name,
                KIND_LABELS.get(row.unit.kind, row.unit.kind),
                row.situation,
                row.deadline,
                row.published_on,
                row.revision.number if row.revision else None,
                len(row.blocking),
                len(row.warnings),
                _lines(f"【{signal.label}】{signal.message}" for signal in row.signals),
                _lines(f"【{'错误' if f.blocking else '提示'}】{f.message}" for f in row.findings),
                *(row.figures.get(key) for key, _label, _where in trends.KEY_FIGURES),
            ]


HEADER = [
    "年度",
    "报告单位",
    "类型",
    "情况",
    "法定期限",
    "发布日期",
    "公开版本",
    "错误",
    "提示",
    "监督信号",
    "检查结果",
    *(str(label) for _key, label, _where in trends.KEY_FIGURES),
]


def build(government, years):
    """The workbook's bytes for `years` (oversight.Year) of `government`."""
    book = Workbook()
    sheet = book.active
    sheet.title = "报告单位年报情况"
    sheet.append([f"{government.name}报告单位年报监督"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADER)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for values in unit_rows(years):
        sheet.append(values)
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, str):
                # openpyxl takes a text starting with "=" for a formula; a unit's name or a message is text.
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column in (5, 6):
                cell.number_format = "yyyy-mm-dd"
    for letter, width in zip("ABCDEFGHIJK", (6, 22, 10, 18, 12, 12, 8, 6, 6, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "C3"

    spread = book.create_sheet("同类单位分位数")
    spread.append(["年度", "类型", "项目", "P25", "P50", "P75"])
    for cell in spread[1]:
        cell.font = Font(bold=True)
    for year in years:
        for kind, figures in year.percentiles.items():
            for key, label, _where in trends.KEY_FIGURES:
                shown = figures.get(key) or (None, None, None)
                spread.append([year.year, KIND_LABELS.get(kind, kind), str(label), *shown])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def filename(government):
    return f"{government.slug}-oversight.xlsx"
