"""The one check of a case's steps, shared by the loader and the admin."""

import datetime
from decimal import Decimal

from disclosure.applications import events
from disclosure.applications.events import Event
from disclosure.tables import formats, rules

D = datetime.date
R = D(2026, 3, 2)


def messages(*steps, received_on=R, submitted_on=None):
    return [(p.index, p.field, p.message) for p in events.check(received_on, steps, submitted_on)]


def test_the_outcomes_are_table_3s_result_rows():
    assert list(events.OUTCOMES) == rules.result_rows(formats.REQUESTS_2021)
    assert len(events.OUTCOMES) == 21
    assert str(dict(events.OUTCOME_CHOICES)["denied_state_secret"]) == "（三）不予公开 1.属于国家秘密"


def test_a_well_formed_case():
    assert (
        messages(
            Event("correction_requested", D(2026, 3, 4), until=D(2026, 3, 20)),
            Event("correction_received", D(2026, 3, 16)),
            Event("consulted", D(2026, 3, 17), answered_on=D(2026, 3, 20), party="third_party"),
            Event("extended", D(2026, 4, 1), approved_by="办公室主任"),
            Event("fee_notice", D(2026, 4, 2), amount=Decimal("100.00")),
            Event("fee_paid", D(2026, 4, 3)),
            Event("replied", D(2026, 4, 20), outcome="granted"),
        )
        == []
    )


def test_a_reply_closes_the_case_and_needs_an_outcome():
    assert messages(Event("replied", D(2026, 3, 20)), Event("extended", D(2026, 3, 21))) == [
        (0, "outcome", "作出答复应填写办理结果。"),
        (1, None, "申请已于2026-03-20答复办结，其后不能再有“延期答复”。"),
    ]
    assert messages(Event("replied", D(2026, 3, 20), outcome="granted"), Event("replied", D(2026, 3, 21))) == [
        (1, "outcome", "作出答复应填写办理结果。"),
        (1, None, "申请已于2026-03-20答复办结，其后不能再有“作出答复”。"),
        (1, None, "一件申请只作出一次答复，只计一种办理结果。"),
    ]


def test_order_dates_and_pairs():
    assert messages(
        Event("fee_paid", D(2026, 3, 1)),
        Event("correction_received", D(2026, 3, 5)),
        Event("consulted", D(2026, 3, 4), party="nobody", answered_on=D(2026, 3, 3)),
    ) == [
        (0, "on", "缴纳费用（2026-03-01）早于收到申请日期（2026-03-02）。"),
        (0, None, "没有收费通知，不能缴纳费用。"),
        (1, None, "没有告知补正，不能收到补正。"),
        (2, "answered_on", "答复意见日期（2026-03-03）早于征求意见日期（2026-03-04）。"),
        (2, "party", "征求对象应为 third_party（第三方）或 agency（其他行政机关）。"),
        (2, "on", "征求意见（2026-03-04）早于前一个办理步骤（2026-03-05）；办理步骤应按日期先后排列。"),
    ]


def test_nothing_but_the_correction_or_a_reply_while_a_correction_is_outstanding():
    assert messages(
        Event("correction_requested", D(2026, 3, 4), until=D(2026, 3, 20)),
        Event("extended", D(2026, 3, 10)),
        Event("replied", D(2026, 3, 30), outcome="other_overdue_correction"),
    ) == [(1, None, "补正尚未收到，不能“延期答复”；收到补正后答复期限才重新起算。")]


def test_outcomes_that_need_their_steps_and_fields_of_another_type():
    assert messages(Event("replied", D(2026, 3, 30), outcome="other_overdue_fee", until=D(2026, 4, 1))) == [
        (0, "until", "作出答复没有“补正期限”这一项。"),
        (0, "outcome", "“逾期未缴纳费用”的答复要求此前已发出收费通知且尚未缴费。"),
    ]
    assert messages(Event("replied", D(2026, 3, 30), outcome="other_overdue_correction")) == [
        (0, "outcome", "“逾期不补正”的答复要求此前已告知补正且未收到补正。")
    ]


def test_one_extension_and_a_receipt_after_the_submission():
    assert messages(
        Event("extended", D(2026, 3, 20)), Event("extended", D(2026, 3, 21)), submitted_on=D(2026, 3, 3)
    ) == [
        (None, "received_on", "收到申请日期（2026-03-02）不能早于提交日期（2026-03-03）。"),
        (1, None, "答复期限只能延长一次，最长20个工作日（条例第三十三条）。"),
    ]
