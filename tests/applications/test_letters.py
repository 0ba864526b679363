"""The reply letter: one text per kind of reply, with its provision of the 2019 条例, drawn from the case; the
saved text wins over the draft; every letter opens in python-docx with the case's facts."""

import datetime
import io

import pytest
from docx import Document

from disclosure.applications import events, letter_texts, letters
from disclosure.models import ReplyLetter
from tests.applications.factories import add_step, make_application, replied
from tests.factories import make_body

D = datetime.date
pytestmark = pytest.mark.django_db

# The provision each basis must cite, checked by hand against the 条例 (2019).
PROVISIONS = {
    "granted": "第三十六条第（二）项",
    "granted_active": "第三十六条第（一）项",
    "partially_granted": "第三十七条",
    "denied_state_secret": "第十四条、第三十六条第（三）项",
    "denied_law_forbidden": "第十四条、第三十六条第（三）项",
    "denied_three_safeties_one_stability": "第十四条、第三十六条第（三）项",
    "denied_third_party_rights": "第十五条、第三十六条第（三）项",
    "denied_internal_affairs": "第十六条第一款、第三十六条第（三）项",
    "denied_process_info": "第十六条第二款、第三十六条第（三）项",
    "denied_enforcement_file": "第十六条第二款、第三十六条第（三）项",
    "denied_admin_query": "第三十六条第（七）项",
    "unable_no_info": "第三十六条第（四）项",
    "unable_not_ours": "第三十六条第（五）项",
    "unable_needs_creation": "第三十八条",
    "unable_still_unclear": "第二十九条第二款第（二）项、第三十条",
    "not_processed_complaint": "第三十九条第一款",
    "not_processed_repeat": "第三十六条第（六）项",
    "not_processed_publication": "第三十九条第二款",
    "not_processed_excessive": "第三十五条",
    "not_processed_confirm": "第二条",
    "other_overdue_correction": "第三十条",
    "other_overdue_fee": "第四十二条",
    "other_other": "",
}


def test_every_outcome_has_a_letter():
    assert {basis.outcome for basis in letter_texts.BASES} == set(events.OUTCOMES)
    assert set(PROVISIONS) == set(letter_texts.BY_KEY)


def case_for(body, outcome):
    received = D(2026, 3, 2)
    steps = []
    if outcome in ("other_overdue_correction", "unable_still_unclear"):
        steps.append(("correction_requested", D(2026, 3, 4), {"until": D(2026, 3, 20)}))
        if outcome == "unable_still_unclear":
            steps.append(("correction_received", D(2026, 3, 16)))
    if outcome == "other_overdue_fee":
        steps.append(("fee_notice", D(2026, 3, 5), {"amount": "100.00"}))
    if outcome == "denied_third_party_rights":
        steps.append(("consulted", D(2026, 3, 6), {"party": "third_party", "answered_on": D(2026, 3, 12)}))
    reply = replied(D(2026, 4, 8), outcome)
    reply[2]["note"] = "请登录锦州市体育局门户网站“政府信息公开”专栏查阅"
    return make_application(
        body, received, *steps, reply, ref="2026-0017", name="张某某", request="2026年全民健身中心场地开放时间"
    )


def paragraphs(data):
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


@pytest.mark.parametrize("key", list(PROVISIONS))
def test_the_letter_for_each_reply_opens_in_word_with_the_facts_and_the_provision(key):
    basis = letter_texts.BY_KEY[key]
    application = case_for(make_body(), basis.outcome)
    text = letters.draft(application, key)
    shown = paragraphs(letters.render(text, "锦州市体育局"))
    whole = "\n".join(shown)
    assert shown[0] == "锦州市体育局依申复〔2026〕17号"
    assert shown[1] == "关于政府信息公开申请的答复"
    assert shown[2] == "张某某："
    assert "本机关于2026年3月2日收到您提出的政府信息公开申请，申请获取“2026年全民健身中心场地开放时间”。" in whole
    assert f"根据《条例》{PROVISIONS[key]}" in whole if PROVISIONS[key] else "作如下处理" in whole
    assert "自收到本答复之日起60日内依法申请行政复议" in whole
    assert "自收到本答复之日起6个月内依法向人民法院提起行政诉讼" in whole
    assert shown[-2:] == ["锦州市体育局", "2026年4月8日"]
    assert "{" not in whole and "}" not in whole  # every field filled in
    assert letter_texts.MISSING_REASON not in whole


def test_the_facts_of_the_steps_are_in_the_letter():
    application = case_for(make_body(), "other_overdue_fee")
    assert "本机关已于2026年3月5日向您发出收费通知，应缴纳信息处理费100.00元" in letters.draft(application)
    application = case_for(make_body("finance-bureau", "锦州市财政局"), "unable_still_unclear")
    text = letters.draft(application)
    assert "经本机关告知补正，您于2026年3月16日提交了补正后的申请。" in text
    assert "本机关已于2026年3月4日告知您对申请内容作出补正" in text


def test_a_basis_of_another_outcome_falls_back_to_the_default():
    application = case_for(make_body(), "granted")
    assert letters.basis_of(application, "unable_not_ours").key == "granted"
    assert letters.basis_of(application, "granted_active").key == "granted_active"


def test_without_a_note_the_letter_says_what_is_still_to_be_written():
    body = make_body()
    application = make_application(body, D(2026, 3, 2), replied(D(2026, 3, 20), "partially_granted"))
    assert letter_texts.MISSING_REASON in letters.draft(application)


def test_the_saved_text_wins_and_no_letter_before_the_reply():
    body = make_body()
    application = make_application(body, D(2026, 3, 2), name="李某")
    with pytest.raises(letters.NotReplied):
        letters.draft(application)
    add_step(application, *replied(D(2026, 3, 20), "granted"))
    assert "李某：" in letters.text_of(application)
    ReplyLetter.objects.create(
        application=application, text="文号\n\n标题\n\n李某：\n\n改过的正文。\n\n机关\n2026年3月20日"
    )
    application.refresh_from_db()
    assert letters.text_of(application).count("改过的正文") == 1
    shown = paragraphs(letters.render(letters.text_of(application)))
    assert shown == ["文号", "标题", "李某：", "改过的正文。", "", "机关", "2026年3月20日"]
    # A text without its blank lines is still a letter: all of it as the body, under the standard title.
    assert paragraphs(letters.render("一行\n两行"))[:3] == ["关于政府信息公开申请的答复", "一行", "两行"]
