"""Legacy report text → a draft working copy. It never publishes.

Reads a report as saved from an old portal page (site chrome and all): the title, 发布时间 and 来源,
the preamble, the parts numbered 一、 （一） 1、 （1） (half-width variants too), and the clauses
一是……二是…… of the problems part and of the work-plan part. Parsing finishes before anything is
written, so text that cannot be parsed leaves the database as it was.

word_import.py reads a .docx through the same rules: it turns the document into lines (`parse_lines`),
naming which may be headings when the document marks them by Word style, and keeps its paragraphs' numbered
items (1.…, followed by 整改状态：…/责任单位：… lines, as the portal's own Word download prints them).

Over 400 lines on purpose: the patterns of the numbered parts, the clauses and the items are one parser, whose passes
share them; word_import.py only turns a .docx into its lines.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db import transaction

from disclosure.models import PlanItem, RectificationItem, Report, Section
from disclosure.publishing import workflow
from disclosure.reports.numbering import MAX_LEVEL, chinese_numeral
from disclosure.reports.parts import is_plan_heading, is_problems_heading
from disclosure.tables import formats

CN = "一二三四五六七八九十"
# Heading styles from the outermost to the innermost, as GB/T 9704 orders them.
STYLES = [
    ("一、", re.compile(rf"^([{CN}]{{1,3}})\s*[、.．]\s*(.+)$")),
    ("（一）", re.compile(rf"^[（(]\s*([{CN}]{{1,3}})\s*[）)]\s*(.+)$")),
    ("1、", re.compile(r"^(\d{1,2})\s*(?:[、．]|\.(?!\d))\s*(.+)$")),
    ("（1）", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*(.+)$")),
]
META = re.compile(r"(?:发布时间|发布日期)\s*[:：]?\s*(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")
SOURCE = re.compile(r"来源\s*[:：]\s*(.*?)\s*(?:字体|字号|【|浏览|$)")
TITLE_YEAR = re.compile(r"(\d{4})\s*年")
FOOTER = re.compile(r"^(网站地图|关于我们)|版权所有|ICP备|技术支持")
CHROME = re.compile(r"\||｜|^信息公开年报$|^当前位置|^首页\s*[>＞]")
# A heading line longer than this that contains 。 carries its first paragraph on the same line.
LONGEST_HEADING = 50
ANNOUNCED = re.compile(rf"([{CN}]+|\d+)\s*(?:项|个方面|方面|点)")
SPACES = re.compile(r"[\s\u3000\xa0]+")
# Numbering used below （1） (①, 1）): a fifth level, which the page cannot number. Only checked under a
# fourth-level heading; elsewhere such lines are ordinary paragraphs, as inline lists often are.
FIFTH = re.compile(r"^(?:[①-⑳]|\d{1,2}\s*[）)])\s*\S")
# A numbered item as the portal's downloads print it ("1.问题"), and the facts printed under it.
ITEM = re.compile(r"^(\d{1,2})\s*(?:[、．]|\.(?!\d))\s*(.+)$")
FACT = re.compile(r"^(整改状态|整改措施|责任单位|完成时限)\s*[:：]\s*(.*)$")
STATUSES = {label: value for value, label in RectificationItem.Status.choices}
DUE = re.compile(r"^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?$")


def parse_number(text):
    """一 → 1, 十二 → 12, 3 → 3."""
    if text.isdigit():
        return int(text)
    for n in range(1, 100):
        if chinese_numeral(n) == text:
            return n
    return None


@dataclass
class ParsedSection:
    level: int
    heading: str
    line: int
    paragraphs: list = field(default_factory=list)


@dataclass
class ParsedReport:
    title: str
    published_on: datetime.date | None
    source: str
    preamble: list
    sections: list
    rectifications: list
    plans: list
    warnings: list  # [(line, message)]
    # Facts of each item, when printed under it (整改措施, 责任单位 …): field name → value, aligned with the items.
    rectification_facts: list = field(default_factory=list)
    plan_facts: list = field(default_factory=list)


def where(line):
    """第12行 for a line number; a place already written out (第3段, 第2个表格第5行第2列) as it is."""
    return f"第{line}行" if isinstance(line, int) else str(line)


class ImportFailed(Exception):
    def __init__(self, errors):
        self.errors = errors  # [(line or place, message)]
        super().__init__("\n".join(f"{where(line)}：{message}" for line, message in errors))


HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
CJK = "\u4e00-\u9fff“”《》"
# Half-width punctuation beside Chinese characters (common in text copied from old pages) becomes
# the full-width form that Chinese typesetting uses; "5.15" or "(1)" between digits is left alone.
HALF_WIDTH = re.compile(rf"(?<=[{CJK}])[,;:?!)]|[,;:?!(](?=[{CJK}])")


def clean(line):
    line = SPACES.sub(" ", line).strip()
    return HALF_WIDTH.sub(lambda m: HALF_TO_FULL[m.group(0)], line)


def parse(text, year=None):
    return parse_lines([clean(raw) for raw in text.splitlines()], year)


def parse_lines(lines, year=None, headings=None):
    """The report in `lines` (already cleaned; line n is lines[n - 1]). `headings`: the line numbers that may
    be headings (a Word document that marks its headings by style), or None: any numbered line may be."""
    errors, warnings = [], []
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line]
    if not numbered:
        raise ImportFailed([(1, "文件是空的。")])

    title, title_line, published_on, source, start = _header(numbered, errors)
    if errors:
        raise ImportFailed(errors)
    title_year = TITLE_YEAR.search(title)
    if year is not None and title_year and int(title_year.group(1)) != year:
        errors.append((title_line, f"标题中的年度（{title_year.group(1)}）与指定的年度（{year}）不一致。"))
    if published_on is None:
        warnings.append((start, "未找到“发布时间”，发布日期留空，发布时取当天日期。"))

    body = []
    for n, line in numbered:
        if n <= start:
            continue
        if FOOTER.search(line):
            break
        body.append((n, line))

    preamble, sections = _outline(body, errors, warnings, headings)
    _check_lengths(title, title_line, source, start, sections, errors)
    if not sections and not errors:
        errors.append((start, "未找到任何带编号的章节（如“一、”）。"))
    if errors:
        raise ImportFailed(errors)

    rectifications = plans = rectification_facts = plan_facts = []
    for section in sections:
        if section.level != 1:
            continue
        if is_problems_heading(section.heading):
            rectifications, rectification_facts = _numbered_items(section, errors)
            if not rectifications:
                rectifications, _ = _clauses(section, "问题", warnings)
        elif is_plan_heading(section.heading):
            plans, plan_facts = _numbered_items(section, errors)
            announced = None
            if not plans:
                plans, announced = _clauses(section, "工作计划", warnings)
            if announced is not None and plans and announced != len(plans):
                warnings.append(
                    (
                        section.line,
                        f"“{section.heading}”一节称有{announced}项工作，实际列出{len(plans)}项，已全部导入，请核对原文。",
                    )
                )
    if errors:
        raise ImportFailed(errors)
    return ParsedReport(
        title,
        published_on,
        source,
        preamble,
        sections,
        rectifications,
        plans,
        warnings,
        rectification_facts,
        plan_facts,
    )


def _limit(model, field):
    return model._meta.get_field(f"{field}_zh_hans").max_length


def _check_lengths(title, title_line, source, source_line, sections, errors):
    """The model's limits, checked before anything is written (on SQLite a longer text would be stored, and
    then refused by load_report when a backup is restored; PostgreSQL refuses it with an error)."""
    if len(title) > _limit(Report, "title"):
        errors.append(
            (title_line, f"标题过长：共{len(title)}个字，最多{_limit(Report, 'title')}个字。请核对标题行是否有误。")
        )
    if len(source) > _limit(Report, "source"):
        errors.append((source_line, f"来源过长：共{len(source)}个字，最多{_limit(Report, 'source')}个字。"))
    for section in sections:
        if len(section.heading) > _limit(Section, "heading"):
            errors.append(
                (
                    section.line,
                    f"章节标题“{section.heading[:12]}……”过长：共{len(section.heading)}个字，"
                    f"最多{_limit(Section, 'heading')}个字。请把标题后的正文另起一行。",
                )
            )


def _header(numbered, errors):
    """Title, its line number, date, source, and the line number after which the body starts."""
    for index, (n, line) in enumerate(numbered):
        meta = META.search(line)
        if not meta:
            continue
        try:
            published_on = datetime.date(*(int(part) for part in meta.groups()))
        except ValueError:
            errors.append((n, f"“{meta.group(0)}”不是有效日期。"))
            return "", n, None, "", n
        candidates = [(title_n, title) for title_n, title in numbered[:index] if not CHROME.search(title)]
        if not candidates:
            errors.append((n, "“发布时间”之前没有报告标题。"))
            return "", n, None, "", n
        source = SOURCE.search(line)
        title_n, title = candidates[-1]
        return title, title_n, published_on, source.group(1).strip() if source else "", n
    for n, line in numbered:
        if not CHROME.search(line) and "报告" in line and TITLE_YEAR.search(line):
            return line, n, None, "", n
    errors.append(
        (numbered[0][0], "未找到报告标题（应为含年度和“报告”二字的一行，如“××局2016年政府信息公开工作年度报告”）。")
    )
    return "", numbered[0][0], None, "", numbered[0][0]


def _heading(line):
    for rank, (style, pattern) in enumerate(STYLES):
        match = pattern.match(line)
        if match:
            number = parse_number(match.group(1))
            if number:
                return rank, style, number, match.group(2).strip()
    return None


def _outline(body, errors, warnings, headings=None):
    preamble, sections = [], []
    stack = []  # [(rank, style, last number)] of the open headings, outermost first
    for n, line in body:
        heading = _heading(line) if headings is None or n in headings else None
        if heading is None:
            if len(stack) == MAX_LEVEL and FIFTH.match(line):
                message = f"章节层级超过{MAX_LEVEL}层：“{line[:12]}”位于第{MAX_LEVEL}层之下，请调整层级或改为正文。"
                errors.append((n, message))
                continue
            (sections[-1].paragraphs if sections else preamble).append(line)
            continue
        rank, style, number, text = heading
        if any(open_rank == rank for open_rank, _, _ in stack):
            while stack[-1][0] != rank:
                stack.pop()
            expected = stack[-1][2] + 1
            stack.pop()
        else:
            while stack and stack[-1][0] > rank:
                stack.pop()
            expected = 1
        if number != expected:
            errors.append((n, f"编号“{line[:12]}”不连续：此处应为第{expected}项。"))
        stack.append((rank, style, number))
        level = len(stack)
        if level > MAX_LEVEL:
            errors.append((n, f"章节层级超过{MAX_LEVEL}层。"))
            continue
        if level != rank + 1:
            warnings.append((n, f"“{style}”编号的章节位于第{level}层，页面上将按第{level}层的格式重新编号。"))
        paragraph = ""
        if len(text) > LONGEST_HEADING and "。" in text[:-1]:
            text, paragraph = text.split("。", 1)
        sections.append(ParsedSection(level, text.rstrip("。"), n))
        if paragraph.strip():
            sections[-1].paragraphs.append(paragraph.strip())
    return preamble, sections


def _numbered_items(section, errors):
    """The items 1. 2. 3. … among a section's paragraphs, each with the facts printed under it (整改状态：正在整改),
    as the portal's Word and PDF downloads lay them out. They only reach a section's paragraphs from a Word
    document whose headings are marked by style (in plain text such lines are headings). Returns (items, facts);
    the items and their facts leave the section's text, the paragraphs around them stay."""
    items, facts, kept = [], [], []
    for paragraph in section.paragraphs:
        item = ITEM.match(paragraph)
        fact = FACT.match(paragraph)
        if item and int(item.group(1)) == len(items) + 1:
            items.append(item.group(2).strip())
            facts.append({})
        elif fact and items and kept and kept[-1] is None:
            _fact(facts[-1], fact.group(1), fact.group(2).strip(), section, errors)
            continue
        else:
            kept.append(paragraph)
            continue
        kept.append(None)  # the place of an item: facts may follow it
    if len(items) < 2 and not any(facts):
        return [], []  # a single "1." line is a paragraph that happens to start with a number
    section.paragraphs[:] = [p for p in kept if p is not None]
    return items, facts


def _fact(facts, label, value, section, errors):
    if label == "整改状态":
        if value not in STATUSES:
            known = "、".join(STATUSES)
            errors.append((section.line, f"“{section.heading}”中的整改状态“{value}”无法识别，应为{known}之一。"))
        facts["status"] = STATUSES.get(value, RectificationItem.Status.PLANNED)
    elif label == "整改措施":
        facts["measure"] = value
    elif label == "责任单位":
        longest = RectificationItem._meta.get_field("responsible_zh_hans").max_length
        if len(value) > longest:
            errors.append((section.line, f"责任单位“{value[:12]}……”过长：共{len(value)}个字，最多{longest}个字。"))
        facts["responsible"] = value
    else:
        due = DUE.match(value)
        try:
            facts["due"] = datetime.date(*(int(part) for part in due.groups())) if due else None
        except ValueError:
            facts["due"] = None
        if facts["due"] is None and value:
            errors.append((section.line, f"完成时限“{value[:20]}”不是有效日期，应写作“2025年6月30日”。"))


def _clauses(section, what, warnings):
    """Split the first paragraph listing 一是……二是…… into items; the rest stays in the section's text.

    Returns (items, how many items the introduction announced, or None).
    """
    for index, paragraph in enumerate(section.paragraphs):
        positions = []
        search_from = 0
        for n in range(1, 100):
            marker = re.compile(rf"(?:^|(?<=[。；;：:，,！？]))\s*{chinese_numeral(n)}是")
            match = marker.search(paragraph, search_from)
            if not match:
                break
            positions.append(match)
            search_from = match.end()
        if not positions:
            continue
        intro = paragraph[: positions[0].start()].strip()
        items = []
        for i, match in enumerate(positions):
            end = positions[i + 1].start() if i + 1 < len(positions) else len(paragraph)
            item = paragraph[match.end() : end].strip()
            if item.startswith("是"):
                warnings.append(
                    (
                        section.line,
                        f"“{match.group(0).strip()}是”按“{match.group(0).strip()}”处理（原文重复了“是”字）。",
                    )
                )
                item = item[1:]
            item = item.rstrip("；;，,、 ")
            if item and item[-1] not in "。！？":
                item += "。"
            items.append(item)
        section.paragraphs[index : index + 1] = [intro] if intro else []
        announced = ANNOUNCED.search(intro)
        return items, parse_number(announced.group(1)) if announced else None
    warnings.append(
        (section.line, f"“{section.heading}”一节没有“一是、二是……”形式的{what}条目，未拆分，请在后台手工录入。")
    )
    return [], None


def import_report(text, body, year, user=None):
    """Parse `text` and make it the working copy of `body`'s report for `year`. Returns (report, warnings)."""
    parsed = parse(text, year)
    return save(parsed, body, year, user), parsed.warnings


def save(parsed, body, year, user=None, format=Report.Format.LEGACY, tables=None, source="导入"):
    """Make `parsed` the working copy of `body`'s report for `year`, in one transaction. `tables`: the
    statistical tables read with it (table key → rows), each replacing the stored one; tables not given keep
    what they held (blank in a new report)."""
    with transaction.atomic():
        report = Report.objects.filter(body=body, year=year).first() or Report(body=body, year=year)
        report.title_zh_hans = parsed.title
        report.format = format
        if formats.tables(format):
            stored = (
                report.tables if report.tables and set(report.tables) == {t.key for t in formats.tables(format)} else {}
            )
            report.tables = {**formats.empty(format), **stored, **(tables or {})}
        else:
            report.tables = {}
        report.published_on = parsed.published_on
        report.source_zh_hans = parsed.source or body.name_zh_hans
        report.preamble_zh_hans = "\n\n".join(parsed.preamble)
        for name in ("title", "source", "preamble"):
            setattr(report, f"{name}_en", "")  # the English of another text would no longer match
        report.save()
        report.sections.all().delete()
        report.rectifications.all().delete()
        report.plans.all().delete()
        for position, section in enumerate(parsed.sections, start=1):
            Section.objects.create(
                report=report,
                position=position,
                level=section.level,
                heading_zh_hans=section.heading,
                body_zh_hans="\n\n".join(section.paragraphs),
            )
        for position, problem in enumerate(parsed.rectifications, start=1):
            facts = _translated(parsed.rectification_facts, position, ("measure", "responsible"))
            RectificationItem.objects.create(report=report, position=position, problem_zh_hans=problem, **facts)
        for position, text_ in enumerate(parsed.plans, start=1):
            facts = _translated(parsed.plan_facts, position, ("responsible",))
            PlanItem.objects.create(report=report, position=position, text_zh_hans=text_, **facts)
        # Re-importing replaces the working copy: like any edit, it sends a reviewed text back to draft.
        workflow.edited(report, user, [], action="import", comment=f"{source}{len(parsed.sections)}个章节。")
    return report


def _translated(facts, position, texts):
    """An item's facts as model fields: its texts in Simplified (the field names of modeltranslation)."""
    found = facts[position - 1] if position <= len(facts) else {}
    return {f"{name}_zh_hans" if name in texts else name: value for name, value in found.items()}
