"""意见反馈: the form, its errors tied to their fields, the honeypot, the rate limit and CSRF."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from disclosure.models import Feedback
from tests import dom

pytestmark = pytest.mark.django_db

URL = "/feedback/"
VALID = {
    "name": "张三",
    "contact": "zhangsan@example.com",
    "subject": "关于2016年度报告的建议",
    "message": "建议在年报中增加依申请公开的具体数据。",
}


def post(client, data=None, **extra):
    return client.post(URL, {**VALID, **(data or {})}, **extra)


def field_error(page, name):
    """The error shown next to field `name`, checked to be tied to the field by aria-describedby."""
    field = page.find(id=f"id_{name}")
    described_by = field.get("aria-describedby", "").split()
    errors = [page.find(id=ref) for ref in described_by if page.find_all(id=ref)]
    errors = [e for e in errors if "field-error" in e.classes]
    assert len(errors) == 1, f"{name}: aria-describedby={described_by!r} names no field-error element"
    [error] = errors
    assert field.get("aria-invalid") == "true"
    # The error sits in the same .field block as its input, so it is seen next to it.
    assert error.parent is field.parent
    assert "has-error" in field.parent.classes
    return error.text.removeprefix("错误：")


def typed_values(page):
    form = page.find("form", class_="feedback-form")
    data = dom.form_data(form)
    return {name: data[name] for name in ("name", "contact", "subject", "message")}


def test_form_renders_empty_and_is_never_cached(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    page = dom.parse(response)
    assert typed_values(page) == {"name": "", "contact": "", "subject": "", "message": ""}
    assert not page.find_all(class_="field-error")
    assert page.find("label", for_="id_name").text == "姓名 （必填）"


def test_subject_can_be_prefilled_from_the_link(client):
    page = dom.parse(client.get(URL, {"subject": "关于市体育局2016年度报告"}))
    assert typed_values(page)["subject"] == "关于市体育局2016年度报告"


def test_valid_post_stores_feedback_and_redirects_to_the_thanks_page(client):
    response = client.post(f"{URL}?from=/reports/2016/sports-bureau/", VALID)
    assert response.status_code == 302
    assert response["Location"] == "/feedback/thanks/"
    item = Feedback.objects.get()
    assert (item.name, item.contact, item.subject, item.message) == (
        VALID["name"],
        VALID["contact"],
        VALID["subject"],
        VALID["message"],
    )
    assert item.page_url == "/reports/2016/sports-bureau/"
    assert item.status == Feedback.Status.NEW
    # The address is kept only as a keyed hash.
    assert len(item.address_hash) == 64
    assert "127.0.0.1" not in item.address_hash

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    confirmation = dom.parse(thanks).find("div", class_="confirmation")
    assert f"受理编号：F{item.pk:06d}。" in confirmation.text
    assert "感谢您的意见和建议，我们已收到。" in confirmation.text


def test_thanks_page_in_english(client):
    client.post(URL, VALID)
    thanks = client.get("/en/feedback/thanks/")
    assert thanks.status_code == 200
    assert dom.parse(thanks).find("html").get("lang") == "en"


def test_values_are_stripped(client):
    post(client, {"contact": "  0416-1234567 ", "message": "   这是一条足够长的意见。   "})
    item = Feedback.objects.get()
    assert item.contact == "0416-1234567"
    assert item.message == "这是一条足够长的意见。"


@pytest.mark.parametrize("contact", ["name@example.com", "0416-1234567", "+86 138 0000 0000", "13800000000"])
def test_good_contacts_are_accepted(client, contact):
    assert post(client, {"contact": contact}).status_code == 302
    assert Feedback.objects.get().contact == contact


BAD = {
    "missing name": ({"name": ""}, "name", "请填写姓名。"),
    "missing contact": ({"contact": ""}, "contact", "请填写联系方式，以便答复。"),
    "missing subject": ({"subject": ""}, "subject", "请填写主题。"),
    "missing message": ({"message": ""}, "message", "请填写反馈内容。"),
    "contact neither email nor phone": ({"contact": "微信号abc"}, "contact", "请输入有效的电子邮箱或电话号码。"),
    "too few digits": ({"contact": "12345"}, "contact", "请输入有效的电子邮箱或电话号码。"),
    "too many digits": ({"contact": "1234567890123456"}, "contact", "请输入有效的电子邮箱或电话号码。"),
    "broken email": ({"contact": "zhangsan@"}, "contact", "请输入有效的电子邮箱，如 name@example.com。"),
    "message too short": ({"message": "好"}, "message", "反馈内容太短，请至少写5个字。"),
    "message only spaces": ({"message": "    好    "}, "message", "反馈内容太短，请至少写5个字。"),
    "message too long": ({"message": "长" * 5001}, "message", "反馈内容不能超过5000字，当前5001字。"),
    "overlong subject": ({"subject": "主" * 101}, "subject", "主题不能超过100个字。"),
    "overlong name": ({"name": "名" * 51}, "name", "姓名不能超过50个字。"),
}


@pytest.mark.parametrize(("data", "field", "message"), BAD.values(), ids=BAD.keys())
def test_bad_input_re_renders_with_the_error_next_to_the_field_and_the_input_kept(client, data, field, message):
    typed = {**VALID, **data}
    response = client.post(URL, typed)
    assert response.status_code == 400
    assert Feedback.objects.count() == 0
    page = dom.parse(response)
    assert field_error(page, field) == message
    # Every other field has no error.
    others = [name for name in ("name", "contact", "subject", "message") if name != field]
    for name in others:
        assert page.find(id=f"id_{name}").get("aria-invalid") is None
    # The summary at the top links to the field.
    summary = page.find("div", class_="error-summary")
    assert summary.get("role") == "alert"
    [link] = summary.find_all("a")
    assert link.get("href") == f"#id_{field}"
    assert link.text.endswith(message)
    assert page.find("title").text.startswith("错误：")
    # Everything typed is still in the form, as typed.
    assert typed_values(page) == typed


def test_all_fields_missing(client):
    response = client.post(URL, {"name": "", "contact": "", "subject": "", "message": ""})
    assert response.status_code == 400
    page = dom.parse(response)
    assert field_error(page, "name") == "请填写姓名。"
    assert field_error(page, "contact") == "请填写联系方式，以便答复。"
    assert field_error(page, "subject") == "请填写主题。"
    assert field_error(page, "message") == "请填写反馈内容。"
    assert len(page.find("div", class_="error-summary").find_all("li")) == 4


def test_help_text_is_tied_to_its_field(client):
    page = dom.parse(client.get(URL))
    described_by = page.find(id="id_contact").get("aria-describedby", "").split()
    helps = [page.find(id=ref) for ref in described_by if page.find_all(id=ref)]
    assert [h.text for h in helps] == ["电子邮箱或电话号码，便于我们答复您。"]


def test_honeypot_filled_stores_nothing_but_thanks(client):
    response = post(client, {"website": "http://spam.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/feedback/thanks/"
    assert Feedback.objects.count() == 0
    thanks = client.get("/feedback/thanks/")
    assert thanks.status_code == 200
    assert "受理编号" not in thanks.content.decode()
    assert "感谢您的意见和建议" in thanks.content.decode()


def test_honeypot_is_hidden_from_people(client):
    page = dom.parse(client.get(URL))
    honeypot = page.find("input", name="website")
    assert honeypot.get("tabindex") == "-1"
    assert page.find("div", class_="honeypot").get("aria-hidden") == "true"


def test_rate_limit(client, settings):
    settings.FEEDBACK_RATE_LIMIT = 3
    for i in range(3):
        assert post(client, {"subject": f"第{i + 1}条"}).status_code == 302
    typed = {**VALID, "subject": "第4条", "message": "这一条超出了每小时的限额。"}
    response = client.post(URL, typed)
    assert response.status_code == 400
    assert Feedback.objects.count() == 3
    page = dom.parse(response)
    summary = page.find("div", class_="error-summary")
    assert "您在一小时内提交次数过多，请稍后再试。已填写的内容保留在下方。" in summary.text
    assert typed_values(page) == typed


def test_rate_limit_is_per_address(client, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    assert post(client, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert post(client, REMOTE_ADDR="10.0.0.1").status_code == 400
    assert post(client, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert Feedback.objects.count() == 2


def test_rate_limit_counts_only_the_last_hour(client, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    assert post(client).status_code == 302
    Feedback.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1, minutes=1))
    assert post(client).status_code == 302
    assert post(client).status_code == 400
    assert Feedback.objects.count() == 2


def test_invalid_posts_do_not_count_towards_the_limit(client, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    for _ in range(3):
        assert post(client, {"message": ""}).status_code == 400
    assert post(client).status_code == 302


def test_csrf_is_enforced():
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, VALID)
    assert response.status_code == 403
    assert Feedback.objects.count() == 0

    form = dom.parse(client.get(URL)).find("form", class_="feedback-form")
    token = dom.form_data(form)["csrfmiddlewaretoken"]
    assert token
    response = client.post(URL, {**VALID, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Feedback.objects.count() == 1


def test_csrf_token_from_another_session_is_refused():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token = dom.form_data(dom.parse(first.get(URL)).find("form", class_="feedback-form"))["csrfmiddlewaretoken"]
    second.get(URL)
    assert second.post(URL, {**VALID, "csrfmiddlewaretoken": token}).status_code == 403
    assert Feedback.objects.count() == 0


def test_rate_limit_behind_the_reverse_proxy_is_per_visitor(client, settings):
    # As deployed, gunicorn on 127.0.0.1 sees only the proxy; the proxy appends the visitor to X-Forwarded-For.
    settings.FEEDBACK_RATE_LIMIT = 1
    assert post(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 302
    assert post(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 400
    assert post(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302
    # A visitor who sends the header himself gets his claim before the proxy's entry: it changes nothing.
    spoofed = post(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.5")
    assert spoofed.status_code == 400
    assert Feedback.objects.count() == 2


def test_forwarded_for_from_a_direct_client_is_ignored(client, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    assert post(client, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 302
    assert post(client, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 400
    assert Feedback.objects.count() == 1
