"""The checks of a report's figures and text: pure functions from documents to findings.

The admin's 统计表 page, `load_report`, `check_report`, the workflow and the API all call `run()`.
Blocking findings (a cell not filled in, a total that is not the sum of its parts, the balance of table 3)
stop a report from being submitted, approved or published; a draft may still be saved with them, because
staff fill tables over several days. Warnings are things that are usually mistakes but can be right (a body
may legitimately carry over a different number after a re-count), so a reviewer acknowledges each one with
a comment instead of being blocked.

Over 400 lines on purpose: every rule of the official format in one list, beside the cell readers and wording they
share, so that the whole format can be checked against docs/tables-and-checks.md in one place.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation

from disclosure.languages.declared import SOURCE
from disclosure.tables import cell_input, formats
from disclosure.tables.cell_input import CellError, OutOfRange
from disclosure.tables.formats import AMOUNT, CHANGE

RESULT_ROWS_END = "results_total"


@dataclass(frozen=True)
class Finding:
    check: str  # T3-col, T3-result, T3-balance, T4-sum, cell, carry-over, text-vs-table, repetition, completeness
    path: str  # where the finding is reported (a cell's JSON path, or the part of the text)
    message: str
    blocking: bool
    cells: tuple = ()  # every cell the finding is about, to mark them on the form
    passages: tuple = field(default=(), compare=False)  # repeated text, for the repetition warning
    # What the finding is about, its figures aside (see `key`); None: the whole message is its identity.
    topic: str | None = field(default=None, compare=False)
    figures: tuple = field(default=(), compare=False)  # the figures an acknowledgement vouches for
    anchor: str = field(default="", compare=False)  # the passage's id on the report page (part-3, rectification-2)
    quote: str = field(default="", compare=False)  # the words the finding is about, to find them on that page
    against: tuple = field(default=(), compare=False)  # (what, this year's figure, last year's figure) rows
    # A warning at submission and approval that still stops publication (an empty required part of the format).
    blocks_publishing: bool = False

    @property
    def key(self):
        """What a reviewer's acknowledgement refers to: the same check, place and topic. A finding that states
        its topic keeps its key when its figures move (whether the acknowledgement still holds is
        `still_holds`'s question); one that does not is identified by its whole message, figures and all."""
        return f"{self.check}:{self.path}:{self.message if self.topic is None else self.topic}"


# An acknowledgement vouches for what the reviewer saw: a figure that moves by less than this share of itself is
# the same finding (a repetition of 86 % that becomes 84 %), while a re-count from 3 cases to 4 is not.
ACKNOWLEDGEMENT_TOLERANCE = 0.05


def still_holds(acknowledged, figures):
    """Whether an acknowledgement given on the figures `acknowledged` still covers a finding's `figures`."""
    acknowledged, figures = tuple(acknowledged or ()), tuple(figures or ())
    if len(acknowledged) != len(figures):
        return False
    pairs = zip(acknowledged, figures, strict=True)
    return all(now == then or abs(now - then) < ACKNOWLEDGEMENT_TOLERANCE * abs(then) for then, now in pairs)


def run(document, previous=None):
    """Every finding for `document`; `previous` is the same body's report for the year before, if any."""
    from disclosure.tables import completeness  # here, not above: completeness.py builds on this module's Finding

    with translation.override(SOURCE):
        return blocking(document) + warnings(document, previous) + completeness.findings(document)


# ---- blocking -------------------------------------------------------------------------------------------


def blocking(document):
    tables = document.get("tables") or {}
    layout = formats.tables(document.get("format"))
    if not layout:
        return []
    found = _cell_findings(layout, tables)
    # Sums over cells that are blank or not numbers would only repeat the cell findings.
    unusable = any(f.path.startswith("tables.requests.") for f in found)
    requests = None if unusable else tables.get("requests")
    table3 = next((t for t in layout if t.key == "requests"), None)
    if table3 and requests is not None:
        found += _t3_columns(table3, requests) + _t3_results(table3, requests) + _t3_balance(table3, requests)
    appeals = tables.get("appeals")
    if appeals is not None and not any(f.path.startswith("tables.appeals.") for f in found):
        found += _t4_sums(appeals)
    return found


def _cell_findings(layout, tables):
    found = []
    for table in layout:
        values = tables.get(table.key) or {}
        for row in table.rows:
            for column in row.columns:
                value = (values.get(row.key) or {}).get(column.key)
                problem = cell_problem(value, column.kind)
                if problem:
                    path = formats.path(table, row, column)
                    message = f"表{_number(table)}“{short_label(row.label)}·{column.label}”{problem}"
                    found.append(Finding("cell", path, message, True, (path,)))
    return found


def cell_problem(value, kind):
    """Why a stored figure is not acceptable, or "" (a loaded document may hold anything)."""
    if value is None or value == "":
        return "未填写：没有发生的请填 0（空白、“/”、“-”都不等于 0）。"
    if kind == AMOUNT:
        if isinstance(value, bool):
            return "应为金额（万元）。"
        try:
            amount = Decimal(cell_input.figure(value, AMOUNT))  # the one rule: below 10^9, no exponent
        except OutOfRange:
            shown = f"（现为{cell_input.quoted(value)}）" if isinstance(value, str) else ""
            return f"超出范围：{cell_input.RANGE[AMOUNT]}，且须直接写出数字，不能使用科学计数法{shown}。"
        except CellError:
            return f"应为金额（万元），而不是{cell_input.quoted(value)}。"
        return "" if amount >= 0 else "不能为负数。"
    if isinstance(value, bool) or not isinstance(value, int):
        return f"应为整数，而不是{cell_input.quoted(value)}。"
    if abs(value) >= cell_input.LIMIT:
        return f"超出范围：{cell_input.RANGE[kind]}。"
    if value < 0 and kind != CHANGE:
        return f"不能为负数（{value}）。"
    return ""


def _row_totals(check, key, rows, values, describe):
    """总计 is the sum of the other cells of its row (T3-col for table 3's rows, T4-sum for table 4's groups)."""
    found = []
    for row in rows:
        cells = values[row.key]
        expected = sum(cells[c.key] for c in row.columns if c.key != "total")
        if cells["total"] != expected:
            path = f"tables.{key}.{row.key}.total"
            involved = tuple(f"tables.{key}.{row.key}.{c.key}" for c in row.columns)
            found.append(Finding(check, path, describe(row, cells["total"], expected), True, involved))
    return found


def _t3_columns(table, requests):
    """T3-col: in every row, 总计 is the sum of the six kinds of applicant."""
    return _row_totals(
        "T3-col",
        "requests",
        table.rows,
        requests,
        lambda row, total, sum_: f"{short_label(row.label)}：总计 {total} ≠ 各列之和 {sum_}",
    )


def result_rows(table):
    """The rows counted in （七）总计: every result from （一）予以公开 to the last row of （六）其他处理."""
    keys = [row.key for row in table.rows]
    return keys[keys.index("granted") : keys.index(RESULT_ROWS_END)]


def _t3_results(table, requests):
    """T3-result: （七）总计 is the sum of the result rows, column by column (each application counted once)."""
    found = []
    rows = result_rows(table)
    for column in table.columns:
        expected = sum(requests[key][column.key] for key in rows)
        total = requests[RESULT_ROWS_END][column.key]
        if total != expected:
            path = f"tables.requests.{RESULT_ROWS_END}.{column.key}"
            message = f"{column.label}：（七）总计 {total} ≠ 各项办理结果之和 {expected}"
            cells = (path, *(f"tables.requests.{key}.{column.key}" for key in rows))
            found.append(Finding("T3-result", path, message, True, cells))
    return found


def _t3_balance(table, requests):
    """T3-balance, the form's own note: 一 + 二 = 三（七）总计 + 四, column by column."""
    found = []
    for column in table.columns:
        c = column.key
        new, old = requests["new_received"][c], requests["carried_over"][c]
        done, forward = requests[RESULT_ROWS_END][c], requests["carried_forward"][c]
        if new + old != done + forward:
            path = f"tables.requests.carried_forward.{c}"
            message = (
                f"{column.label}：本年新收 {new} + 上年结转 {old} = {new + old}，"
                f"不等于办理结果总计 {done} + 结转下年度 {forward} = {done + forward}"
            )
            keys = ("new_received", "carried_over", RESULT_ROWS_END, "carried_forward")
            found.append(Finding("T3-balance", path, message, True, tuple(f"tables.requests.{k}.{c}" for k in keys)))
    return found


def _t4_sums(appeals):
    """T4-sum: in each of the three groups, 总计 is the sum of the four outcomes."""
    return _row_totals(
        "T4-sum",
        "appeals",
        formats.APPEALS.rows,
        appeals,
        lambda row, total, sum_: f"{row.label}：总计 {total} ≠ 结果维持、结果纠正、其他结果、尚未审结之和 {sum_}",
    )


def totals(format, tables):
    """The tables with every 总计 computed from its parts where the parts are all filled in (总计自动计算)."""
    tables = {key: {row: dict(cells) for row, cells in rows.items()} for key, rows in (tables or {}).items()}
    layout = {t.key: t for t in formats.tables(format)}
    requests, table3 = tables.get("requests"), layout.get("requests")

    def whole(values):
        return all(isinstance(v, int) and not isinstance(v, bool) for v in values)

    if requests and table3:
        for column in table3.columns:
            parts = [requests.get(key, {}).get(column.key) for key in result_rows(table3)]
            if whole(parts):
                requests.setdefault(RESULT_ROWS_END, {})[column.key] = sum(parts)
        for row in table3.rows:
            parts = [requests.get(row.key, {}).get(c.key) for c in table3.columns if c.key != "total"]
            if whole(parts):
                requests.setdefault(row.key, {})["total"] = sum(parts)
    for row in formats.APPEALS.rows if "appeals" in tables else ():
        values = tables["appeals"].setdefault(row.key, {})
        parts = [values.get(k) for k in ("upheld", "corrected", "other", "pending")]
        if whole(parts):
            values["total"] = sum(parts)
    return tables


# ---- warnings -------------------------------------------------------------------------------------------


def warnings(document, previous=None):
    found = _text_vs_table(document, previous)
    if previous:
        found += _carry_over(document, previous) + _repetition(document, previous)
    return found


def _count_at(tables, path):
    table, row, column = path.split(".")
    value = ((tables.get(table) or {}).get(row) or {}).get(column)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _carry_over(document, previous):
    """This year's 二、上年结转 should be last year's 四、结转下年度继续办理, column by column.

    One finding for every column that differs: 自然人 and 总计 differ together when one application was
    miscounted, and it is one fact for the reviewer to explain, with one comment."""
    this, last = document.get("tables") or {}, previous.get("tables") or {}
    if "requests" not in this or "requests" not in last:
        return []
    differing = []
    for column in formats.APPLICANTS:
        now = _count_at(this, f"requests.carried_over.{column.key}")
        before = _count_at(last, f"requests.carried_forward.{column.key}")
        if now is not None and before is not None and now != before:
            differing.append((column, now, before))
    if not differing:
        return []
    year = previous.get("year")
    if len(differing) == 1:
        column, now, before = differing[0]
        message = f"{column.label}：上年结转 {now}，而{year}年度年报的“结转下年度继续办理”为 {before}"
    else:
        shown = "，".join(f"{column.label} {now}（{year}年度年报 {before}）" for column, now, before in differing)
        message = f"上年结转与{year}年度年报的“结转下年度继续办理”不一致：{shown}"
    cells = tuple(f"tables.requests.carried_over.{column.key}" for column, _now, _before in differing)
    return [
        Finding(
            "carry-over",
            "tables.requests.carried_over",
            message,
            False,
            cells,
            topic=",".join(column.key for column, _now, _before in differing),
            figures=tuple(now for _column, now, _before in differing),
            against=tuple((str(column.label), now, before) for column, now, before in differing),
        )
    ]


# Phrases in which reports quote their own tables, and the cell each quotes. The patterns allow a few
# characters between the words (共、了、各类) but never a sentence break, so a number is tied to its phrase.
_GAP = r"[^。；！？\n\d]{0,12}?"
QUOTED = (
    # 收到/受理 only with 信息公开申请: 受理高危险性体育项目经营许可申请23件 is a licence, not table 3.
    (
        rf"(?:新收{_GAP}申请|(?:收到|受理){_GAP}信息公开申请){_GAP}(\d+)\s*[件个]",
        "requests.new_received.total",
        "本年新收",
    ),
    (rf"上年结转{_GAP}(\d+)\s*件", "requests.carried_over.total", "上年结转"),
    (rf"(?<!部分)予以公开{_GAP}(\d+)\s*件", "requests.granted.total", "予以公开"),
    (rf"部分公开{_GAP}(\d+)\s*件", "requests.partially_granted.total", "部分公开"),
    (rf"结转下(?:一)?年度{_GAP}(\d+)\s*件", "requests.carried_forward.total", "结转下年度继续办理"),
    (rf"行政复议{_GAP}(\d+)\s*[件起]", "appeals.reconsideration.total", "行政复议总计"),
)


def _text_vs_table(document, previous=None):
    tables = document.get("tables")
    if not tables:
        return []
    last = (previous or {}).get("tables") or {}
    found = []
    for passage in passages(document):
        for pattern, cell, name in QUOTED:
            for match in re.finditer(pattern, passage.text):
                if name == "本年新收" and re.search("复议|诉讼", match.group(0)):
                    continue  # 收到行政复议申请 is table 4's business, not table 3's
                if name == "行政复议总计" and "诉讼" in match.group(0):
                    continue  # 行政复议和行政诉讼案件各1件 does not give the reconsideration total alone
                value = _count_at(tables, cell)
                quoted = int(match.group(1))
                if value is None or quoted == value:
                    continue
                message = f"{passage.where}写“{match.group(0)}”，而统计表中“{name}”为 {value}"
                # Last year's figure of the same cell beside this year's: a text often quotes last year's by mistake.
                before = _count_at(last, cell)
                against = ((f"统计表“{name}”", value, before),) if before is not None else ()
                found.append(
                    Finding(
                        "text-vs-table",
                        f"tables.{cell}",
                        message,
                        False,
                        (f"tables.{cell}",),
                        topic=f"{passage.where}·{name}",
                        figures=(quoted, value),
                        anchor=passage.anchor,
                        quote=match.group(0),
                        against=against,
                    )
                )
    return _one_per_topic(found)


def _one_per_topic(found):
    """A passage that quotes the same figure wrongly twice is one fact: the first quotation stands for both."""
    seen, kept = set(), []
    for finding in found:
        if finding.key not in seen:
            seen.add(finding.key)
            kept.append(finding)
    return kept


def _zh(value):
    return (value.get(SOURCE) or "") if isinstance(value, dict) else (value or "")


@dataclass(frozen=True)
class Passage:
    where: str  # as staff name it: 导语, 正文三、（一）, 整改事项2, 工作计划1
    text: str
    anchor: str  # its id on the report page ("" for the preamble, which has none)
    heading: str = ""  # a section's heading, for the completeness messages


def passages(document, keep_empty=False):
    """Every passage of Simplified text a reader sees, in reading order (empty ones too with `keep_empty`).

    The anchors are the report page's (public/report_page.py: part-1, part-1-2; the items' templates:
    rectification-N, plan-N), so a finding can link to its place in the preview."""
    from disclosure.reports.numbering import label

    found = [Passage("导语", _zh(document.get("preamble")), "")]

    def walk(sections, level, prefix, anchor):
        for index, section in enumerate(sections, start=1):
            number = prefix + label(level, index)
            here = f"{anchor}-{index}"
            found.append(Passage(f"正文{number}", _zh(section.get("body")), here, _zh(section.get("heading"))))
            walk(section.get("children", []), level + 1, number, here)

    walk(document.get("sections", []), 1, "", "part")
    for index, item in enumerate(document.get("rectifications", []), start=1):
        text = f"{_zh(item.get('problem'))}\n{_zh(item.get('measure'))}"
        found.append(Passage(f"整改事项{index}", text, f"rectification-{index}"))
    for index, item in enumerate(document.get("plans", []), start=1):
        found.append(Passage(f"工作计划{index}", _zh(item.get("text")), f"plan-{index}"))
    return found if keep_empty else [p for p in found if p.text.strip()]


def _paragraphs(document):
    """(where, text) for every passage of Simplified text a reader sees, named as staff name them."""
    return [(passage.where, passage.text) for passage in passages(document)]


# Evaluators found reports 90% identical to the year before; 80% leaves room for sentences every year repeats.
REPETITION_LIMIT = 0.8
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")

# The opening every report of the 2021 format carries (国办公开办函〔2021〕30号): on what it is based, what it
# covers, the period of its figures, where to read it, whom to ask. Required words repeated every year are not
# copying, so they count neither as repeated nor as text. Matched on a sentence with its spaces removed.
STANDARD_OPENING = tuple(
    re.compile(pattern)
    for pattern in (
        r"^本(?:年度)?报告.{0,40}(?:根据|依据|按照).*(?:条例|格式|通知).*(?:编制|制作|撰写)",
        r"^(?:本报告)?全文(?:包括|包含|共分为?|分为|由)",
        r"所列数据的?统计(?:期限|时限|时间|区间|期间)",
        r"^本(?:年度)?报告(?:的)?电子版",
        r"^(?:如|若)对本(?:年度)?报告有.*(?:疑问|问题|意见)",
    )
)


def is_standard_opening(sentence):
    compact = re.sub(r"\s+", "", sentence)
    return any(pattern.search(compact) for pattern in STANDARD_OPENING)


def _sentences(document):
    for _where, text in _paragraphs(document):
        for match in _SENTENCE.finditer(text):
            sentence = match.group(0).strip()
            # Short fragments (“一是”, dates) repeat in any two reports; the standard opening is required.
            if len(sentence) >= 8 and not is_standard_opening(sentence):
                yield sentence


def _same(sentence, year):
    """A sentence as compared across years. The report's own year and the year before are named as such
    (“2024年，我局…” last year is “2023年，我局…” this year), so a text copied with its years moved on is
    still the same text; every other figure counts: “新收申请50件” against last year's “45件” is a sentence
    rewritten for this year's work, not a repetition."""
    compact = re.sub(r"\s+", "", sentence)
    if isinstance(year, int):
        compact = re.sub(rf"(?<!\d){year}(?!\d)", "〈本年〉", compact)
        compact = re.sub(rf"(?<!\d){year - 1}(?!\d)", "〈上年〉", compact)
    return compact


def similarity(document, previous):
    """(share of this year's text repeated from `previous`, the repeated sentences): word for word, or with
    only its years moved on."""
    before = {form for s in _sentences(previous) for form in (_same(s, None), _same(s, previous.get("year")))}
    sentences = list(_sentences(document))
    total = sum(len(s) for s in sentences)
    repeated = [s for s in sentences if {_same(s, None), _same(s, document.get("year"))} & before]
    return (sum(len(s) for s in repeated) / total if total else 0.0), repeated


def _repetition(document, previous):
    share, repeated = similarity(document, previous)
    if share < REPETITION_LIMIT:
        return []
    message = (
        f"正文与{previous.get('year')}年度年报高度相似：{round(share * 100)}%的文字与上年相同"
        f"（{len(repeated)}句），请核实是否如实反映了本年度的工作。"
    )
    # The share is the finding's figure: 86 % that becomes 84 % is still the repetition the reviewer accepted.
    return [
        Finding("repetition", "sections", message, False, (), tuple(repeated), topic="", figures=(round(share, 3),))
    ]


def _number(table):
    return "一二三四五六"[table.part - 1]


def short_label(label):
    """A row label without its official numbering: “（一）予以公开” → “予以公开”."""
    return re.sub(r"^(?:[一二三四]、|（[一二三四五六七]）|\d+\.)", "", str(label))
