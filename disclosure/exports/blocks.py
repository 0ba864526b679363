"""A published document in one language, as the blocks a printed report is made of.

Word and PDF draw the same sequence (title, headings with their numbers, paragraphs, the official
tables, the rectification and plan items, the signature), so the two files cannot disagree about what
the report says or in which order. Numbers, labels and table layouts come from public/report_page.py,
reports/numbering.py and tables/form_layout.py, exactly as on the report page; the tables are the page's
own (tables/printed.py): each follows the part the page shows it in, its figures written as the page
writes them (万元 with two decimals).
"""

from dataclasses import dataclass, field

from django.utils import formats as date_formats
from django.utils import translation
from django.utils.translation import gettext

from disclosure.models import SiteSettings
from disclosure.public.report_page import report_view
from disclosure.tables import form_layout, formats


@dataclass
class Heading:
    level: int
    number: str
    text: str


@dataclass
class Paragraph:
    text: str


@dataclass
class Item:
    """One numbered rectification or plan item: its text, then its facts (label, value)."""

    number: int
    text: str
    facts: list


@dataclass
class TableBlock:
    layout: form_layout.Layout
    shape: str  # formats.Table.shape: "blocks", "matrix" or "across"
    rows: list  # placed cells: (row, column, cell), with the cells a merge covers left out
    height: int
    head_rows: int


@dataclass
class PrintedReport:
    lang: str
    title: str
    organ: str
    site_name: str
    published_on: str  # already written out in the reader's language
    published_label: str
    blocks: list = field(default_factory=list)

    @property
    def chinese(self):
        return self.lang.startswith("zh")


def colon(lang):
    return "：" if lang.startswith("zh") else ": "


def place(layout, shape):
    """Each cell's (row, column) on the paper form, as a browser lays out rowspan and colspan."""
    rows = form_layout.rows(layout)
    return TableBlock(layout, shape, list(form_layout.positions(rows)), len(rows), len(layout.head))


def _rectification_facts(item, lang):
    statuses = {"done": gettext("已完成整改"), "in_progress": gettext("正在整改")}
    status = statuses.get(item["status"], gettext("计划整改"))
    facts = [(gettext("整改状态"), status)]
    facts += [(gettext("整改措施"), str(item["measure"]))] if item["measure"] else []
    return facts + _common_facts(item)


def _common_facts(item):
    facts = [(gettext("责任单位"), str(item["responsible"]))] if item["responsible"] else []
    if item.get("due"):
        facts.append((gettext("完成时限"), date_formats.date_format(item["due"], "DATE_FORMAT")))
    return facts


def _items(blocks, rectifications, plans, lang):
    for number, item in enumerate(rectifications, start=1):
        blocks.append(Item(number, str(item["problem"]), _rectification_facts(item, lang)))
    for number, item in enumerate(plans, start=1):
        blocks.append(Item(number, str(item["text"]), _common_facts(item)))


def _paragraphs(blocks, text):
    blocks.extend(Paragraph(p) for p in text.paragraphs)


def build(document, lang):
    """The report in `lang` as blocks; the tables follow the text of the part they belong to (二, 三, 四).

    The tables and their places are the report page's (report_view, from printed.placed_tables): after
    the part's own text, before its items and sub-parts; tables no part holds come after the parts under
    their own heading, as on the page.
    """
    with translation.override(lang):
        view = report_view(document, lang)
        shapes = {t.key: t.shape for t in formats.tables(document.get("format"))}
        result = PrintedReport(
            lang=lang,
            title=str(view.title),
            organ=str(view.body_name),
            site_name=SiteSettings.load().site_name,
            published_on=date_formats.date_format(view.published_on, "DATE_FORMAT") if view.published_on else "",
            published_label=gettext("发布日期"),
        )
        blocks = result.blocks
        _paragraphs(blocks, view.preamble)
        for part in view.parts:
            blocks.append(Heading(part.level, part.number, str(part.heading)))
            _paragraphs(blocks, part.body)
            blocks.extend(place(table, shapes[table.key]) for table in part.tables)
            _items(blocks, part.rectifications, part.plans, lang)
        if view.tables:  # a report with fewer parts than the format still prints every table
            blocks.append(Heading(1, "", gettext("统计表")))
            blocks.extend(place(table, shapes[table.key]) for table in view.tables)
        if view.rectifications:
            blocks.append(Heading(1, "", gettext("存在的问题及整改情况")))
            _items(blocks, view.rectifications, [], lang)
        if view.plans:
            blocks.append(Heading(1, "", gettext("下一步工作计划")))
            _items(blocks, [], view.plans, lang)
    return result
