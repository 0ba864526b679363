"""The register and the holiday arrangements in the admin: scoped lists without personal data, the step check."""

import datetime

import pytest
from django.urls import reverse

from disclosure.applications import calendar, privacy
from disclosure.models import Application, HolidayArrangement
from tests.applications.factories import PERSON, make_application, other_inlines, replied
from tests.factories import make_body, make_staff

D = datetime.date


@pytest.fixture
def bodies(db):
    return make_body(), make_body("finance-bureau", "锦州市财政局")


def _handler(body):
    """A 申请办理人 of `body`."""
    return make_staff("handler", privacy.HANDLER, body)


def test_the_list_is_scoped_shows_the_clock_and_no_personal_data(client, bodies):
    sports, finance = bodies
    make_application(sports, D(2026, 3, 2), replied(D(2026, 3, 20)), ref="S-1")
    make_application(sports, D(2026, 9, 18), ref="S-2")
    make_application(sports, D(2026, 12, 10), ref="S-3")
    make_application(finance, D(2026, 3, 2), ref="F-1")
    client.force_login(_handler(sports))
    page = client.get(reverse("admin:disclosure_application_changelist") + "?stage=all").content.decode()
    assert "S-1" in page and "S-2" in page and "F-1" not in page
    assert "已答复" in page and "办理中" in page
    assert "2026-10-22（已逾期）" in page  # hand-counted in test_clock.py
    assert "2027年节假日安排尚未录入" in page
    assert all(value not in page for value in PERSON.values())


def test_the_change_page_checks_the_steps_together(client, bodies):
    sports, finance = bodies
    application = make_application(sports, D(2026, 3, 2), ref="S-1")
    client.force_login(_handler(sports))
    url = reverse("admin:disclosure_application_change", args=[application.pk])
    page = client.get(url)
    assert page.status_code == 200 and "答复期限：2026-03-30" in page.content.decode()
    assert (
        client.get(
            reverse("admin:disclosure_application_change", args=[make_application(finance, D(2026, 3, 2)).pk])
        ).status_code
        == 302
    )
    data = {
        "body": sports.pk,
        "ref": "S-1",
        "channel": "online",
        "received_on": "2026-03-02",
        "applicant_type": "natural_person",
        "request": "全民健身中心场地开放时间",
        "events-TOTAL_FORMS": "2",
        "events-INITIAL_FORMS": "0",
        "events-0-on": "2026-03-20",
        "events-0-position": "0",
        "events-0-type": "replied",
        "events-1-on": "2026-03-25",
        "events-1-position": "1",
        "events-1-type": "fee_paid",
    } | other_inlines(client, url)
    response = client.post(url, data)
    refused = response.content.decode()
    assert "作出答复应填写办理结果。" in refused
    assert "申请已于2026-03-20答复办结，其后不能再有“缴纳费用”。" in refused
    assert not application.events.exists()
    data |= {"events-0-outcome": "granted", "events-TOTAL_FORMS": "1"}
    assert client.post(url, data).status_code == 302
    assert list(application.events.values_list("type", "outcome")) == [("replied", "granted")]


def test_a_body_outside_ones_own_cannot_be_chosen(client, bodies):
    sports, finance = bodies
    client.force_login(_handler(sports))
    page = client.get(reverse("admin:disclosure_application_add")).content.decode()
    assert "锦州市体育局" in page and "锦州市财政局" not in page


def test_entering_a_years_arrangement(client, chief):
    client.force_login(chief)
    url = reverse("admin:disclosure_holidayarrangement_add")
    bad = client.post(url, {"year": "2027", "days_off": "2月6日至12日\n春节", "working_days": "2027-02-10"})
    text = bad.content.decode()
    assert "“春节”不是可识别的日期或日期范围" in text
    assert not HolidayArrangement.objects.exists()
    bad = client.post(url, {"year": "2027", "days_off": "2月6日至12日", "working_days": "2027-02-20"})
    assert "元旦（2027年1月1日）每年放假，放假日期中应当包括。" in bad.content.decode()
    good = {
        "year": "2027",
        "notice": "国办发明电〔2026〕×号",
        "days_off": "1月1日\n2月6日至12日",
        "working_days": "2月20日",
    }
    assert client.post(url, good).status_code == 302
    arrangement = HolidayArrangement.objects.get()
    days = calendar.from_database()
    assert not days.is_working_day(D(2027, 2, 8)) and days.is_working_day(D(2027, 2, 20))
    page = client.get(reverse("admin:disclosure_holidayarrangement_change", args=[arrangement.pk])).content.decode()
    assert "2027-01-01、2027-02-06至2027-02-12" in page
    assert (
        "放假8天，调休上班1天" in client.get(reverse("admin:disclosure_holidayarrangement_changelist")).content.decode()
    )
    # The register's deadlines now run into 2027.
    assert Application.objects.count() == 0


def test_registering_an_application_received_by_post(client, bodies):
    sports, _ = bodies
    handler = _handler(sports)
    client.force_login(handler)
    url = reverse("admin:disclosure_application_add")
    page = client.get(url).content.decode()
    assert "以邮政挂号等需签收方式邮寄的为签收之日" in page  # Art. 31, beside the field
    assert 'name="id_number"' in page and 'name="handler"' in page
    data = {
        "body": sports.pk,
        "ref": "2026-0200",
        "channel": "registered_post",
        "submitted_on": "2026-03-02",
        "applicant_type": "natural_person",
        "request": "2025年体育彩票公益金使用情况",
        **PERSON,
        "handler": handler.pk,
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    } | other_inlines(client, url)
    missing = client.post(url, data).content.decode()
    assert "请填写收到申请日期（只有尚未确认的在线申请可以暂不填写）。" in missing
    assert client.post(url, data | {"received_on": "2026-03-04"}).status_code == 302
    application = Application.objects.get(ref="2026-0200")
    assert (application.received_on, application.handler, application.id_number) == (
        D(2026, 3, 4),
        handler,
        PERSON["id_number"],
    )
