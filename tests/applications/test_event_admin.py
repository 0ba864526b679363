"""Steps typed in the admin: fees computed per 国办函〔2020〕109号, an extension's approver, the clock's warnings."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from disclosure.applications import privacy
from tests.applications.factories import add_step, make_application, other_inlines
from tests.factories import make_body, make_staff

D = datetime.date


@pytest.fixture
def handler(db, client):
    body = make_body()
    user = make_staff("handler", privacy.HANDLER, body)
    client.force_login(user)
    return user


def _post(client, application, *steps, existing=()):
    """POST the case unchanged with `existing` (its stored steps, unchanged) and the new `steps` (dicts)."""
    url = reverse("admin:disclosure_application_change", args=[application.pk])
    data = {
        "body": application.body_id,
        "ref": application.ref,
        "channel": application.channel,
        "received_on": application.received_on.isoformat(),
        "applicant_type": application.applicant_type,
        "request": application.request,
        "form": application.form,
        **{field: getattr(application, field) for field in application.PERSONAL_FIELDS},
        "events-TOTAL_FORMS": str(len(existing) + len(steps)),
        "events-INITIAL_FORMS": str(len(existing)),
    } | other_inlines(client, url)
    rows = [
        {"id": step.pk, "on": step.on.isoformat(), "type": step.type, "amount": step.amount or ""} for step in existing
    ]
    for number, step in enumerate([*rows, *steps]):
        data |= {f"events-{number}-{key}": value for key, value in ({"position": number} | step).items()}
    return client.post(url, data, follow=True)


def test_a_fee_by_pages_is_computed(client, handler):
    case = make_application(handler.bodies.get(), D(2026, 3, 2))
    page = _post(client, case, {"on": "2026-03-05", "type": "fee_notice", "fee_basis": "by_pages", "fee_quantity": 150})
    assert page.redirect_chain
    assert case.events.get().amount == Decimal("1700.00")  # 70 × 10 + 50 × 20


def test_another_amount_is_refused(client, handler):
    case = make_application(handler.bodies.get(), D(2026, 3, 2))
    page = _post(
        client,
        case,
        {"on": "2026-03-05", "type": "fee_notice", "fee_basis": "by_pages", "fee_quantity": 150, "amount": "1000"},
    ).content.decode()
    assert "按量计收：150页，应收1700元。填写的是1000.00元，与计算结果不符。" in page
    assert not case.events.exists()
    free = _post(client, case, {"on": "2026-03-05", "type": "fee_notice", "fee_basis": "by_pages", "fee_quantity": 30})
    assert "按量计收：30页，不收费。不应发出收费通知。" in free.content.decode()
    unexplained = _post(client, case, {"on": "2026-03-05", "type": "fee_notice", "amount": "100"})
    assert "收费通知应选择计费方式" in unexplained.content.decode()
    assert not case.events.exists()


def test_a_fee_by_number_counts_the_applicants_month(client, handler):
    body = handler.bodies.get()
    # Eleven earlier applications of the same person in March 2026 (and one in February, not counted).
    make_application(body, D(2026, 2, 27), ref="F-0")
    for day in range(1, 12):
        make_application(body, D(2026, 3, 2), ref=f"M-{day:02d}")
    twelfth = make_application(body, D(2026, 3, 3), ref="M-12")
    _post(client, twelfth, {"on": "2026-03-05", "type": "fee_notice", "fee_basis": "by_number"})
    assert twelfth.events.get().amount == Decimal("100.00")  # the 12th: 11–30 at 100
    third = make_application(body, D(2026, 3, 2), ref="M-00", **{"id_number": "", "name": "", "phone": ""})
    asked = _post(client, third, {"on": "2026-03-05", "type": "fee_notice", "fee_basis": "by_number"})
    assert "无法从登记簿识别该申请人" in asked.content.decode()
    given = _post(
        client, third, {"on": "2026-03-05", "type": "fee_notice", "fee_basis": "by_number", "fee_quantity": 31}
    )
    assert given.redirect_chain and third.events.get().amount == Decimal("200.00")


def test_a_loaded_fee_is_left_as_it_is(client, handler):
    case = make_application(handler.bodies.get(), D(2026, 3, 2))
    step = add_step(case, "fee_notice", D(2026, 3, 5), {"amount": "100.00"})
    page = _post(client, case, {"on": "2026-03-10", "type": "fee_paid"}, existing=[step])
    assert page.redirect_chain and case.events.count() == 2


def test_an_extension_needs_its_approver(client, handler):
    case = make_application(handler.bodies.get(), D(2026, 3, 2))
    refused = _post(client, case, {"on": "2026-03-20", "type": "extended"}).content.decode()
    assert "延期答复应当经政府信息公开工作机构负责人同意（条例第三十三条），请填写批准人。" in refused
    assert _post(client, case, {"on": "2026-03-20", "type": "extended", "approved_by": "王主任"}).redirect_chain


def test_the_clocks_warnings_are_shown_on_saving(client, handler):
    case = make_application(handler.bodies.get(), D(2026, 3, 2))
    # The 7th working day after Mon 3/2 is Wed 3/11; a notice on 3/12 is late (a warning, recorded as it happened).
    page = _post(client, case, {"on": "2026-03-12", "type": "correction_requested", "until": "2026-03-26"})
    text = page.content.decode()
    assert page.redirect_chain and case.events.count() == 1
    assert "补正通知（2026-03-12）晚于收到申请后第7个工作日（2026-03-11）（条例第三十条）。" in text
    change = client.get(reverse("admin:disclosure_application_change", args=[case.pk])).content.decode()
    assert '<p class="application-warning">提示：补正通知（2026-03-12）' in change
