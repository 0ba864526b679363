"""The texts of the reply letters (答复书), one per kind of reply, with the provision of the 2019 《中华人民共和国
政府信息公开条例》 each rests on. letters.py fills them in from a case; staff edit the result before sending.

Keyed by `basis`: most of table 3's 21 outcomes have one; two have a second, because the 条例 answers them
under different items: 予以公开 (information already published proactively, Art. 36(1); or to be provided now,
Art. 36(2)) and 本机关不掌握相关政府信息 (it does not exist, Art. 36(4); or another agency is responsible for it,
Art. 36(5)). Placeholders are str.format fields filled by letters.facts: {reason} is the reply step's note
(备注), where staff write what the letter must explain; without one the letter says what is still to be written.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Basis:
    key: str
    outcome: str  # the table-3 result row it answers
    label: str  # as staff choose it
    provision: str  # the provisions cited, as the letter cites them
    text: str  # the decision paragraph(s); blank lines separate paragraphs


_DENIED = "根据《条例》{provision}的规定，本机关决定不予公开。"

BASES = (
    Basis(
        "granted",
        "granted",
        "予以公开：可以公开，现予提供",
        "第三十六条第（二）项",
        "经审查，您申请获取的政府信息属于可以公开的政府信息。根据《条例》第三十六条第（二）项的规定，"
        "本机关予以公开，现{delivery}向您提供。",
    ),
    Basis(
        "granted_active",
        "granted",
        "予以公开：已经主动公开",
        "第三十六条第（一）项",
        "经审查，您申请获取的政府信息本机关已经主动公开。根据《条例》第三十六条第（一）项的规定，"
        "现告知您获取该政府信息的方式和途径：{reason}",
    ),
    Basis(
        "partially_granted",
        "partially_granted",
        "部分公开：区分处理",
        "第三十七条",
        "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据《条例》第三十七条的规定，"
        "本机关{delivery}向您提供可以公开的部分；对不予公开的部分，理由如下：{reason}",
    ),
    Basis(
        "denied_state_secret",
        "denied_state_secret",
        "不予公开：属于国家秘密",
        "第十四条、第三十六条第（三）项",
        "经审查，您申请获取的政府信息已依法确定为国家秘密。" + _DENIED,
    ),
    Basis(
        "denied_law_forbidden",
        "denied_law_forbidden",
        "不予公开：其他法律行政法规禁止公开",
        "第十四条、第三十六条第（三）项",
        "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息：{reason}" + _DENIED,
    ),
    Basis(
        "denied_three_safeties_one_stability",
        "denied_three_safeties_one_stability",
        "不予公开：危及“三安全一稳定”",
        "第十四条、第三十六条第（三）项",
        "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。" + _DENIED,
    ),
    Basis(
        "denied_third_party_rights",
        "denied_third_party_rights",
        "不予公开：保护第三方合法权益",
        "第十五条、第三十六条第（三）项",
        "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。{consulted}" + _DENIED,
    ),
    Basis(
        "denied_internal_affairs",
        "denied_internal_affairs",
        "不予公开：属于三类内部事务信息",
        "第十六条第一款、第三十六条第（三）项",
        "经审查，您申请获取的政府信息属于本机关人事管理、后勤管理、内部工作流程等方面的内部事务信息。" + _DENIED,
    ),
    Basis(
        "denied_process_info",
        "denied_process_info",
        "不予公开：属于四类过程性信息",
        "第十六条第二款、第三十六条第（三）项",
        "经审查，您申请获取的政府信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、"
        "请示报告等过程性信息。" + _DENIED,
    ),
    Basis(
        "denied_enforcement_file",
        "denied_enforcement_file",
        "不予公开：属于行政执法案卷",
        "第十六条第二款、第三十六条第（三）项",
        "经审查，您申请获取的政府信息属于行政执法案卷信息。" + _DENIED,
    ),
    Basis(
        "denied_admin_query",
        "denied_admin_query",
        "不予公开：属于行政查询事项",
        "第三十六条第（七）项",
        "经审查，您申请获取的信息属于行政查询事项，有关法律、行政法规对该信息的获取有特别规定。"
        "根据《条例》第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理：{reason}",
    ),
    Basis(
        "unable_no_info",
        "unable_no_info",
        "无法提供：经检索没有该信息（信息不存在）",
        "第三十六条第（四）项",
        "经检索，本机关没有制作或者获取您所申请的政府信息。根据《条例》第三十六条第（四）项的规定，"
        "现告知您该政府信息不存在。",
    ),
    Basis(
        "unable_not_ours",
        "unable_no_info",
        "无法提供：不属于本机关负责公开",
        "第三十六条第（五）项",
        "经核查，您所申请的政府信息不属于本机关负责公开的政府信息。根据《条例》第三十六条第（五）项的规定，"
        "现告知如下：{reason}",
    ),
    Basis(
        "unable_needs_creation",
        "unable_needs_creation",
        "无法提供：没有现成信息，需要另行制作",
        "第三十八条",
        "经审查，本机关没有与您的申请内容相对应的现成政府信息，需要对现有政府信息进行加工、分析方能形成。"
        "根据《条例》第三十八条的规定，本机关不予提供。",
    ),
    Basis(
        "unable_still_unclear",
        "unable_still_unclear",
        "无法提供：补正后申请内容仍不明确",
        "第二十九条第二款第（二）项、第三十条",
        "本机关已于{correction_requested_on}告知您对申请内容作出补正。您补正后的申请仍未能写明所需政府信息的名称、文号"
        "或者便于本机关查询的其他特征性描述，本机关无法确定您所需的政府信息。根据《条例》第二十九条第二款"
        "第（二）项、第三十条的规定，本机关无法向您提供。",
    ),
    Basis(
        "not_processed_complaint",
        "not_processed_complaint",
        "不予处理：信访举报投诉类申请",
        "第三十九条第一款",
        "经审查，您以政府信息公开申请的形式提出的是信访、投诉、举报等事项。根据《条例》第三十九条第一款的规定，"
        "本机关不作为政府信息公开申请处理，您可以通过信访、投诉、举报等相应渠道提出。",
    ),
    Basis(
        "not_processed_repeat",
        "not_processed_repeat",
        "不予处理：重复申请",
        "第三十六条第（六）项",
        "经查，本机关已就您提出的相同政府信息公开申请作出答复，您此次重复申请公开相同的政府信息。"
        "根据《条例》第三十六条第（六）项的规定，本机关不予重复处理。",
    ),
    Basis(
        "not_processed_publication",
        "not_processed_publication",
        "不予处理：要求提供公开出版物",
        "第三十九条第二款",
        "经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。根据《条例》第三十九条第二款的规定，"
        "现告知您获取的途径：{reason}",
    ),
    Basis(
        "not_processed_excessive",
        "not_processed_excessive",
        "不予处理：无正当理由大量反复申请",
        "第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，本机关认为申请理由"
        "不合理。根据《条例》第三十五条的规定，本机关不予处理。",
    ),
    Basis(
        "not_processed_confirm",
        "not_processed_confirm",
        "不予处理：要求确认或重新出具已获取信息",
        "第二条",
        "经审查，您的申请是要求本机关对您已获取的信息予以确认或者重新出具，而非获取本机关已制作或者获取的"
        "政府信息。根据《条例》第二条的规定，本机关不作为政府信息公开申请处理。",
    ),
    Basis(
        "other_overdue_correction",
        "other_overdue_correction",
        "其他处理：逾期不补正",
        "第三十条",
        "本机关已于{correction_requested_on}告知您在{correction_until}前对申请内容作出补正，您无正当理由逾期未补正。"
        "根据《条例》第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    Basis(
        "other_overdue_fee",
        "other_overdue_fee",
        "其他处理：逾期未缴纳信息处理费",
        "第四十二条",
        "本机关已于{fee_notice_on}向您发出收费通知，应缴纳信息处理费{fee_amount}元，您未在规定期限内缴纳。"
        "根据《条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
        "视为您放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    Basis(
        "other_other",
        "other_other",
        "其他处理",
        "",
        "经审查，本机关对您的申请作如下处理：{reason}",
    ),
)

BY_KEY = {basis.key: basis for basis in BASES}
DEFAULT = {}
for _basis in BASES:
    DEFAULT.setdefault(_basis.outcome, _basis.key)

TITLE = "关于政府信息公开申请的答复"
NUMBER = "{organ}依申复〔{year}〕{serial}号"
OPENING = "本机关于{received_on}收到您提出的政府信息公开申请，申请获取“{request}”。{steps}"
LAW = "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定，现答复如下："
APPEAL = (
    "如对本答复不服，您可以自收到本答复之日起60日内依法申请行政复议，"
    "也可以自收到本答复之日起6个月内依法向人民法院提起行政诉讼。"
)
CLOSING = "特此答复。"
MISSING_REASON = "【请写明具体情况和理由】"
DELIVERY = {"paper": "以纸质形式", "electronic": "以电子文档形式", "": "随本答复书"}
