"""在线申请: the online application form, its errors tied to their fields, honeypot, rate limit and CSRF; a
valid application is stored unconfirmed with a ref and a tracking code, and the page says how receipt is fixed."""

import datetime

import pytest
from django.test import Client

from disclosure.applications import clock, counting, interchange, tracking
from disclosure.models import Application
from tests import dom
from tests.factories import make_body

pytestmark = pytest.mark.django_db

URL = "/applications/apply/"
VALID = {
    "applicant_kind": "person",
    "organisation_type": "",
    "body": "sports-bureau",
    "name": "王某某",
    "id_type": "居民身份证",
    "id_number": "11010519491231002x",
    "phone": "138 0000 1111",
    "email": "",
    "address": "辽宁省锦州市古塔区北京路1号",
    "request": "2026年全民健身中心场地开放时间及收费标准",
    "form": "paper",
    "delivery": "post",
    "website": "",
}
FIELDS = [name for name in VALID if name != "website"]


@pytest.fixture(autouse=True)
def body(db):
    return make_body()


def post(client, data=None, **extra):
    return client.post(URL, {**VALID, **(data or {})}, **extra)


def field_error(page, name):
    """The error next to `name`, tied to it by aria-describedby (on the input, or on a radio group's fieldset)."""
    if page.find_all(id=f"id_{name}"):
        holder = page.find(id=f"id_{name}")
        block = holder.parent
    else:  # a radio group: the fieldset around its first choice carries the description
        holder = next(node for node in _ancestors(page.find(id=f"id_{name}_0")) if node.tag == "fieldset")
        block = holder
    described_by = holder.get("aria-describedby", "").split()
    errors = [page.find(id=ref) for ref in described_by if page.find_all(id=ref)]
    errors = [e for e in errors if "field-error" in e.classes]
    assert len(errors) == 1, f"{name}: aria-describedby={described_by!r} names no field-error element"
    assert "has-error" in block.classes
    return errors[0].text.removeprefix("错误：")


def _ancestors(node):
    while node is not None:
        yield node
        node = node.parent


def typed(page):
    data = dom.form_data(page.find("form", class_="application-form"))
    return {name: data.get(name, "") for name in FIELDS}


def test_the_form_is_labelled_grouped_and_never_cached(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    page = dom.parse(response)
    legends = [legend.text.strip() for legend in page.find_all("legend")]
    assert legends[:3] == ["申请人信息", "申请人类型 （必填）", "组织类型"]
    for name in ("name", "id_number", "phone", "email", "address", "request", "body", "id_type"):
        assert page.find("label", for_=f"id_{name}"), name
    assert page.find(id="id_phone").get("autocomplete") == "tel"
    assert page.find(id="id_email").get("autocomplete") == "email"
    assert page.find(id="id_address").get("autocomplete") == "street-address"
    # The five kinds of organisation of table 3, and no purpose asked.
    kinds = [node.get("value") for node in page.find_all("input", name="organisation_type")]
    assert kinds == ["commercial", "research", "social_welfare", "legal_service", "other"]
    assert "用途" not in " ".join(label.text for label in page.find_all("label"))
    assert page.find("option", value="sports-bureau").text == "锦州市体育局"


def test_a_valid_application_is_stored_unconfirmed_with_a_ref_and_a_code(client, frozen_now):
    response = post(client)
    assert response.status_code == 302
    assert response["Location"] == "/applications/apply/submitted/"
    application = Application.objects.get()
    today = datetime.date.fromisoformat(frozen_now.astimezone(datetime.UTC).date().isoformat())
    assert application.channel == "online"
    assert application.received_on is None and application.unconfirmed
    assert application.submitted_on in (today, today + datetime.timedelta(days=1))  # Shanghai may be a day ahead
    assert application.ref == f"{application.submitted_on.year}-0001"
    assert application.applicant_type == "natural_person"
    assert (application.name, application.id_number, application.phone) == (
        "王某某",
        "11010519491231002X",
        "138 0000 1111",
    )
    assert len(application.tracking_code) == 12 and set(application.tracking_code) <= set(tracking.ALPHABET)
    assert application.state() == clock.UNCONFIRMED
    assert application.clock().due_on is None

    page = dom.parse(client.get(response["Location"]))
    code = page.find("p", class_="tracking-code").find("code").text
    assert code == tracking.grouped(application.tracking_code)
    assert "以双方确认之日为收到申请之日" in page.text
    assert "待确认" in page.text


def test_refs_follow_on_per_body_and_year(client):
    make_body("education-bureau", "锦州市教育局")
    post(client)
    post(client)
    post(client, {"body": "education-bureau"})
    refs = sorted(Application.objects.values_list("body__slug", "ref"))
    year = Application.objects.first().submitted_on.year
    assert refs == [
        ("education-bureau", f"{year}-0001"),
        ("sports-bureau", f"{year}-0001"),
        ("sports-bureau", f"{year}-0002"),
    ]


def test_an_organisation_applies_with_its_kind_and_credit_code(client):
    data = {"applicant_kind": "organisation", "organisation_type": "legal_service", "name": "辽宁某律师事务所"}
    data |= {"id_type": "统一社会信用代码", "id_number": "91350100M000100Y43", "delivery": "email", "email": "a@b.cn"}
    assert post(client, data).status_code == 302
    assert Application.objects.get().applicant_type == "legal_service"


def test_the_submitted_page_in_english_gives_the_code(client):
    post(client)
    page = dom.parse(client.get("/en/applications/apply/submitted/"))
    assert page.find("html").get("lang") == "en"
    assert "Tracking code" in page.text
    assert "the day both sides confirm it" in page.text


def test_an_unconfirmed_application_counts_nowhere_and_survives_dump_and_load(client, body):
    post(client)
    application = Application.objects.get()
    year = application.submitted_on.year
    assert counting.table3(body, year)["requests"]["new_received"]["total"] == 0
    dumped = interchange.dump(body, personal=True)
    (item,) = dumped["applications"]
    assert item["received_on"] is None and item["state"] == "unconfirmed" and item["due_on"] is None
    assert item["tracking_code"] == application.tracking_code
    assert "tracking_code" not in interchange.dump(body)["applications"][0]
    Application.objects.all().delete()
    assert interchange.load(dumped) == (1, 0)
    assert interchange.dump(body, personal=True) == dumped
    # Without personal data the stored code stays.
    assert interchange.load(interchange.dump(body)) == (0, 1)
    assert Application.objects.get().tracking_code == application.tracking_code


def test_only_an_online_application_may_lack_a_day_of_receipt(body):
    doc = {"schema": interchange.SCHEMA, "body": body.slug, "applications": [_item(channel="in_person")]}
    assert [path for path, _ in interchange.validate(doc)] == ["applications[0].received_on"]
    steps = [{"type": "replied", "on": "2026-03-02", "outcome": "granted"}]
    doc["applications"] = [_item(events=steps)]
    assert [path for path, _ in interchange.validate(doc)] == ["applications[0].received_on"]
    doc["applications"] = [_item(tracking_code="7kqm-4xpa")]
    assert [path for path, _ in interchange.validate(doc)] == ["applications[0].tracking_code"]


def _item(**extra):
    return {
        "ref": "2026-0001",
        "channel": "online",
        "received_on": None,
        "applicant": {"type": "natural_person"},
        "request": "某某信息",
        "events": [],
        **extra,
    }


BAD = {
    "missing name": ({"name": ""}, "name", "请填写姓名或者名称。"),
    "missing id number": ({"id_number": ""}, "id_number", "请填写证件号码。"),
    "missing phone": ({"phone": ""}, "phone", "请填写联系电话。"),
    "missing request": ({"request": ""}, "request", "请填写所需信息的内容描述。"),
    "missing body": ({"body": ""}, "body", "请选择受理机关。"),
    "unknown body": ({"body": "no-such-body"}, "body", "请选择受理机关。"),
    "missing kind": ({"applicant_kind": ""}, "applicant_kind", "请选择申请人类型。"),
    "organisation without its kind": (
        {"applicant_kind": "organisation"},
        "organisation_type",
        "以法人或者其他组织名义申请的，请选择组织类型。",
    ),
    "missing form": ({"form": ""}, "form", "请选择获取信息的形式。"),
    "missing delivery": ({"delivery": ""}, "delivery", "请选择获取信息的方式。"),
    "bad resident card": (
        {"id_number": "110105194912310021"},
        "id_number",
        "居民身份证号码应为18位，最后一位可为X；请核对是否输错。",
    ),
    "bad credit code": (
        {"id_type": "统一社会信用代码", "id_number": "91350100M000100Y44"},
        "id_number",
        "统一社会信用代码应为18位数字或大写字母；请核对是否输错。",
    ),
    "phone with letters": ({"phone": "138abc00000"}, "phone", "请输入有效的电话号码，如 13800000000 或 0416-1234567。"),
    "phone too short": ({"phone": "12345"}, "phone", "请输入有效的电话号码，如 13800000000 或 0416-1234567。"),
    "bad email": ({"email": "wang@"}, "email", "请输入有效的电子邮箱，如 name@example.com。"),
    "post without address": ({"address": ""}, "address", "选择邮寄的，请填写通信地址。"),
    "email without email": ({"delivery": "email"}, "email", "选择电子邮件的，请填写电子邮箱。"),
    "request too short": ({"request": "  信息 "}, "request", "内容描述太短，请至少写5个字。"),
    "request too long": ({"request": "长" * 5001}, "request", "内容描述不能超过5000个字，当前5001个字。"),
    "overlong name": ({"name": "名" * 101}, "name", "不能超过100个字（现有101个）。"),
    "overlong address": ({"address": "址" * 201}, "address", "不能超过200个字（现有201个）。"),
}


@pytest.mark.parametrize(("data", "field", "message"), BAD.values(), ids=BAD.keys())
def test_bad_input_comes_back_with_the_error_next_to_its_field_and_the_input_kept(client, data, field, message):
    sent = {**VALID, **data}
    response = client.post(URL, sent)
    assert response.status_code == 400
    assert Application.objects.count() == 0
    page = dom.parse(response)
    assert field_error(page, field) == message
    summary = page.find("div", class_="error-summary")
    assert summary.get("role") == "alert"
    [link] = summary.find_all("a")
    assert link.text.endswith(message)
    assert page.find(id=link.get("href").removeprefix("#")) is not None
    assert page.find("title").text.startswith("错误：")
    kept = typed(page)
    for name in FIELDS:
        if name != "body" or sent["body"] != "no-such-body":
            assert kept[name] == sent[name], name


def test_errors_in_english(client):
    response = client.post("/en" + URL, {**VALID, "phone": ""})
    assert response.status_code == 400
    assert field_error(dom.parse(response), "phone").endswith("Please give a phone number.")


def test_honeypot_filled_stores_nothing(client):
    response = post(client, {"website": "http://spam.example/"})
    assert response.status_code == 302
    assert Application.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "查询码：" not in page


def test_rate_limit_per_address_keeps_the_input(client, settings):
    settings.APPLICATION_RATE_LIMIT = 2
    assert post(client, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert post(client, REMOTE_ADDR="10.0.0.1").status_code == 302
    response = post(client, {"name": "赵某某"}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    page = dom.parse(response)
    assert "您在一小时内提交次数过多" in page.find("div", class_="error-summary").text
    assert typed(page)["name"] == "赵某某"
    assert post(client, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert Application.objects.count() == 3


def test_invalid_posts_do_not_count_towards_the_limit(client, settings):
    settings.APPLICATION_RATE_LIMIT = 1
    for _ in range(3):
        assert post(client, {"name": ""}).status_code == 400
    assert post(client).status_code == 302


def test_csrf_is_required():
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, VALID).status_code == 403
    assert Application.objects.count() == 0
