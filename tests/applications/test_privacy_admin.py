"""Applicants' personal data in the admin: who sees it, masking in lists, the record of every showing."""

import datetime

import pytest
from django.urls import reverse

from disclosure.applications import privacy
from disclosure.models.applications import ApplicationView
from tests.applications.factories import PERSON, make_application, other_inlines
from tests.factories import make_body, make_staff

D = datetime.date
LIST = reverse("admin:disclosure_application_changelist")


def _change(application):
    return reverse("admin:disclosure_application_change", args=[application.pk])


@pytest.fixture
def people(db):
    sports, finance = make_body(), make_body("finance-bureau", "锦州市财政局")
    return {
        "sports": sports,
        "handler": make_staff("handler", privacy.HANDLER, sports),
        "reviewer": make_staff("reviewer", "审核人", sports),
        "editor": make_staff("editor", "撰稿人", sports),
        "stranger": make_staff("stranger", privacy.HANDLER, finance),
        "case": make_application(sports, D(2026, 3, 2), ref="S-1"),
    }


@pytest.mark.parametrize(
    ("field", "value", "masked"),
    [
        ("name", "张三", "张*"),
        ("name", "张某某", "张**"),
        ("id_number", "210702199001011234", "2107**********1234"),
        ("phone", "13812345678", "138****5678"),
        ("email", "zhang@example.cn", "z****@example.cn"),
        ("address", "辽宁省锦州市古塔区某路1号", "辽宁省锦州市*******"),
        ("id_number", "A1234567", "A1***567"),  # short: a third or more hidden
        ("name", "张", "*"),
        ("phone", "", ""),
        ("id_type", "居民身份证", "居民身份证"),
    ],
)
def test_mask(field, value, masked):
    assert privacy.mask(field, value) == masked


def test_the_handler_of_the_body_sees_and_the_view_is_recorded(client, people):
    client.force_login(people["handler"])
    page = client.get(_change(people["case"])).content.decode()
    assert all(value in page for value in PERSON.values())
    view = ApplicationView.objects.get()
    assert (view.application, view.ref, view.user, view.username, view.personal) == (
        people["case"],
        "S-1",
        people["handler"],
        "handler",
        True,
    )
    assert view.address == "127.0.0.1"


@pytest.mark.parametrize("who", ["reviewer", "editor"])
def test_other_staff_of_the_body_see_the_case_without_them(client, people, who):
    client.force_login(people[who])
    response = client.get(_change(people["case"]))
    page = response.content.decode()
    assert response.status_code == 200 and "全民健身中心场地开放时间" in page
    assert not any(value in page for value in PERSON.values() if value != "居民身份证")
    assert "申请人的身份和联系方式仅限本机关的申请办理人查看。" in page
    view = ApplicationView.objects.get()
    assert (view.username, view.personal) == (who, False)
    # Viewing only: no save.
    assert client.post(_change(people["case"]), {}).status_code == 403


def test_staff_of_another_body_see_nothing(client, people):
    client.force_login(people["stranger"])
    assert client.get(_change(people["case"])).status_code == 302  # "does not exist", as for any other body's case
    assert "S-1" not in client.get(LIST + "?stage=all").content.decode()
    assert not ApplicationView.objects.exists()


def test_a_superuser_sees_them(client, people, chief):
    client.force_login(chief)
    assert PERSON["id_number"] in client.get(_change(people["case"])).content.decode()
    assert ApplicationView.objects.get().personal is True
    # …and reads the record, which nobody else does.
    assert "S-1" in client.get(reverse("admin:disclosure_applicationview_changelist")).content.decode()
    client.force_login(people["handler"])
    assert client.get(reverse("admin:disclosure_applicationview_changelist")).status_code == 403


def test_lists_show_them_masked_to_everyone(client, people):
    for who in ("handler", "reviewer"):
        client.force_login(people[who])
        page = client.get(LIST).content.decode()
        assert "张**" in page and "2107**********1234" in page and "138****0000" in page
        assert not any(PERSON[field] in page for field in ("name", "id_number", "phone", "email", "address"))


def test_only_handlers_search_by_personal_data(client, people):
    client.force_login(people["handler"])
    assert "S-1" in client.get(LIST, {"q": PERSON["id_number"]}).content.decode()
    client.force_login(people["reviewer"])
    assert "S-1" not in client.get(LIST, {"q": PERSON["id_number"]}).content.decode()


def test_the_handler_saves_the_personal_data_and_chooses_a_handler_of_the_body(client, people):
    case, handler = people["case"], people["handler"]
    client.force_login(handler)
    url = _change(case)
    data = {
        "body": people["sports"].pk,
        "ref": "S-1",
        "channel": "in_person",
        "received_on": "2026-03-02",
        "applicant_type": "natural_person",
        "request": case.request,
        **PERSON,
        "phone": "13912345678",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    } | other_inlines(client, url)
    refused = client.post(url, data | {"handler": people["stranger"].pk}).content.decode()
    assert "选择一个有效的选项" in refused  # not offered: not a handler of this body
    reviewer = client.post(url, data | {"handler": people["reviewer"].pk}).content.decode()
    assert "选择一个有效的选项" in reviewer  # of the body, but without the role
    assert client.post(url, data | {"handler": handler.pk}).status_code == 302
    case.refresh_from_db()
    assert (case.phone, case.handler) == ("13912345678", handler)
