"""The official report formats and their statistical tables, declared once.

`legacy` reports (2018 and before) are free text. Since 2019 the State Council's format adds three tables:
二 主动公开 (`active`), 三 收到和处理申请 (`requests`) and 四 行政复议、行政诉讼 (`appeals`). The 2019 trial
format (国办公开办函〔2019〕60号) and the current one (国办公开办函〔2021〕30号) differ in table 2 and in
table 3's （六）其他处理. Labels are the official wording, word for word: staff compare the page with the
paper form, and evaluators compare both. Keys are those of `disclosure-report/1` (report-json.md).

Everything that draws or checks a table (rules.py, form_layout.py, the admin, the public page, CSV) reads this
module, so a provincial variant is one more declaration here.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

LEGACY, TRIAL_2019, STANDARD_2021 = "legacy", "2019", "2021"
COUNT, AMOUNT, CHANGE = "count", "amount", "change"  # whole ≥ 0; 万元 with two decimals ≥ 0; whole, may be < 0


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = COUNT
    parent: str = ""  # a merged header above this column (法人或其他组织)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    columns: tuple
    group: str = ""  # a merged label cell spanning rows (三、本年度办理结果; 第二十条第（一）项; 行政诉讼)
    subgroup: str = ""  # a second merged label level (（三）不予公开)


@dataclass(frozen=True)
class Table:
    key: str
    part: int  # the report part (二, 三, 四) the table belongs to
    title: str
    rows: tuple
    shape: str  # how the official form lays it out: "blocks" (table 2), "matrix" (3), "across" (4)
    note: str = ""

    def row(self, key):
        return next(row for row in self.rows if row.key == key)

    @property
    def columns(self):
        return self.rows[0].columns


def _rows(group, columns, *pairs, subgroup=""):
    return tuple(Row(key, label, columns, group, subgroup) for key, label in pairs)


# Table 2 (主动公开), 2021: each block of 第二十条 has its own column headings.
_ARTICLE_1, _ARTICLE_5, _ARTICLE_6, _ARTICLE_8, _ARTICLE_9 = (
    _("第二十条第（一）项"),
    _("第二十条第（五）项"),
    _("第二十条第（六）项"),
    _("第二十条第（八）项"),
    _("第二十条第（九）项"),
)
_DOCUMENTS_2021 = (
    Column("made", _("本年制发件数")),
    Column("repealed", _("本年废止件数")),
    Column("in_force", _("现行有效件数")),
)
_DECISIONS_2021 = (Column("decisions", _("本年处理决定数量")),)
ACTIVE_2021 = Table(
    "active",
    2,
    _("主动公开政府信息情况"),
    _rows(_ARTICLE_1, _DOCUMENTS_2021, ("regulations", _("规章")), ("normative_documents", _("行政规范性文件")))
    + _rows(_ARTICLE_5, _DECISIONS_2021, ("licensing", _("行政许可")))
    + _rows(_ARTICLE_6, _DECISIONS_2021, ("penalty", _("行政处罚")), ("enforcement", _("行政强制")))
    + _rows(_ARTICLE_8, (Column("amount", _("本年收费金额（单位：万元）"), AMOUNT),), ("fees", _("行政事业性收费"))),
    "blocks",
)

_DOCUMENTS_2019 = (
    Column("new_made", _("本年新制作数量")),
    Column("new_published", _("本年新公开数量")),
    Column("published_total", _("对外公开总数量")),
)
_ITEMS_2019 = (
    Column("previous_items", _("上一年项目数量")),
    Column("change", _("本年增/减"), CHANGE),
    Column("decisions", _("处理决定数量")),
)
ACTIVE_2019 = Table(
    "active",
    2,
    _("主动公开政府信息情况"),
    _rows(_ARTICLE_1, _DOCUMENTS_2019, ("regulations", _("规章")), ("normative_documents", _("规范性文件")))
    + _rows(_ARTICLE_5, _ITEMS_2019, ("licensing", _("行政许可")), ("other_services", _("其他对外管理服务事项")))
    + _rows(_ARTICLE_6, _ITEMS_2019, ("penalty", _("行政处罚")), ("enforcement", _("行政强制")))
    + _rows(_ARTICLE_8, _ITEMS_2019[:2], ("fees", _("行政事业性收费")))
    + _rows(
        _ARTICLE_9,
        (Column("projects", _("采购项目数量")), Column("amount", _("采购总金额（单位：万元）"), AMOUNT)),
        ("procurement", _("政府集中采购")),
    ),
    "blocks",
)

# Table 3: one column per kind of applicant; the official form has no subtotal for 法人或其他组织.
_ORGANISATIONS = _("法人或其他组织")
APPLICANTS = (
    Column("natural_person", _("自然人")),
    Column("commercial", _("商业企业"), parent=_ORGANISATIONS),
    Column("research", _("科研机构"), parent=_ORGANISATIONS),
    Column("social_welfare", _("社会公益组织"), parent=_ORGANISATIONS),
    Column("legal_service", _("法律服务机构"), parent=_ORGANISATIONS),
    Column("other", _("其他"), parent=_ORGANISATIONS),
    Column("total", _("总计")),
)
_RESULTS = _("三、本年度办理结果")
_RESULTS_BEFORE_OTHER = (
    _rows(
        _RESULTS,
        APPLICANTS,
        ("granted", _("（一）予以公开")),
        ("partially_granted", _("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    )
    + _rows(
        _RESULTS,
        APPLICANTS,
        ("denied_state_secret", _("1.属于国家秘密")),
        ("denied_law_forbidden", _("2.其他法律行政法规禁止公开")),
        ("denied_three_safeties_one_stability", _("3.危及“三安全一稳定”")),
        ("denied_third_party_rights", _("4.保护第三方合法权益")),
        ("denied_internal_affairs", _("5.属于三类内部事务信息")),
        ("denied_process_info", _("6.属于四类过程性信息")),
        ("denied_enforcement_file", _("7.属于行政执法案卷")),
        ("denied_admin_query", _("8.属于行政查询事项")),
        subgroup=_("（三）不予公开"),
    )
    + _rows(
        _RESULTS,
        APPLICANTS,
        ("unable_no_info", _("1.本机关不掌握相关政府信息")),
        ("unable_needs_creation", _("2.没有现成信息需要另行制作")),
        ("unable_still_unclear", _("3.补正后申请内容仍不明确")),
        subgroup=_("（四）无法提供"),
    )
    + _rows(
        _RESULTS,
        APPLICANTS,
        ("not_processed_complaint", _("1.信访举报投诉类申请")),
        ("not_processed_repeat", _("2.重复申请")),
        ("not_processed_publication", _("3.要求提供公开出版物")),
        ("not_processed_excessive", _("4.无正当理由大量反复申请")),
        ("not_processed_confirm", _("5.要求行政机关确认或重新出具已获取信息")),
        subgroup=_("（五）不予处理"),
    )
)
_OTHER_2021 = _rows(
    _RESULTS,
    APPLICANTS,
    ("other_overdue_correction", _("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
    ("other_overdue_fee", _("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")),
    ("other_other", _("3.其他")),
    subgroup=_("（六）其他处理"),
)
_OTHER_2019 = _rows(_RESULTS, APPLICANTS, ("other", _("（六）其他处理")))


def _requests(other_rows):
    return Table(
        "requests",
        3,
        _("收到和处理政府信息公开申请情况"),
        _rows("", APPLICANTS, ("new_received", _("一、本年新收政府信息公开申请数量")))
        + _rows("", APPLICANTS, ("carried_over", _("二、上年结转政府信息公开申请数量")))
        + _RESULTS_BEFORE_OTHER
        + other_rows
        + _rows(_RESULTS, APPLICANTS, ("results_total", _("（七）总计")))
        + _rows("", APPLICANTS, ("carried_forward", _("四、结转下年度继续办理"))),
        "matrix",
        _("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
    )


REQUESTS_2021, REQUESTS_2019 = _requests(_OTHER_2021), _requests(_OTHER_2019)

OUTCOMES = (
    Column("upheld", _("结果维持")),
    Column("corrected", _("结果纠正")),
    Column("other", _("其他结果")),
    Column("pending", _("尚未审结")),
    Column("total", _("总计")),
)
APPEALS = Table(
    "appeals",
    4,
    _("政府信息公开行政复议、行政诉讼情况"),
    (
        Row("reconsideration", _("行政复议"), OUTCOMES),
        Row("litigation_direct", _("未经复议直接起诉"), OUTCOMES, _("行政诉讼")),
        Row("litigation_after_reconsideration", _("复议后起诉"), OUTCOMES, _("行政诉讼")),
    ),
    "across",
)

TABLES = {
    LEGACY: (),
    TRIAL_2019: (ACTIVE_2019, REQUESTS_2019, APPEALS),
    STANDARD_2021: (ACTIVE_2021, REQUESTS_2021, APPEALS),
}

# The six parts of the standard format, in order (国办公开办函〔2021〕30号); a new report starts with these.
STANDARD_PARTS = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
)


def official(year):
    """The format the State Council prescribes for a report of `year`: the current one from 2021, the trial one
    for 2019 and 2020, free text before."""
    if year >= 2021:
        return STANDARD_2021
    return TRIAL_2019 if year >= 2019 else LEGACY


def tables(format):
    """The tables of a format, in the order of the report (none for legacy reports)."""
    return TABLES.get(format, ())


def cells(format):
    """Every cell of a format as (table, row, column), in reading order."""
    return [(table, row, column) for table in tables(format) for row in table.rows for column in row.columns]


def path(table, row, column):
    """A cell's JSON path in a document, as load_report and the checks print it."""
    return f"tables.{table.key}.{row.key}.{column.key}"


def empty(format):
    """Tables with every cell blank (None): blank is not zero, so nothing is filled in for staff."""
    return {t.key: {r.key: {c.key: None for c in r.columns} for r in t.rows} for t in tables(format)}
