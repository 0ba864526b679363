"""A case's page, issue 16: its appeals (inline), and its reply letter drafted from the case, edited, saved and
downloaded as Word by the handler role of its body only."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from docx import Document

from disclosure.applications import letter_texts, letters
from disclosure.applications.privacy import HANDLER
from disclosure.models import ApplicationAppeal, ReplyLetter
from disclosure.models.applications import ApplicationView
from disclosure.publishing import workflow
from tests import dom
from tests.applications.factories import PERSON, make_application, replied
from tests.factories import make_staff

pytestmark = pytest.mark.django_db
D = datetime.date


def handler_of(body, username="handler"):
    user = make_staff(username, body=body)
    user.groups.add(Group.objects.get(name=HANDLER))
    return user


@pytest.fixture
def case(bodies):
    return make_application(bodies[0], D(2026, 3, 2), replied(D(2026, 3, 20), "unable_no_info"), ref="2026-0017")


def change_url(case):
    return f"/admin/disclosure/application/{case.pk}/change/"


def download_url(case):
    return f"/admin/disclosure/replyletter/{case.pk}/download/"


def paragraphs(response):
    return [p.text for p in Document(io.BytesIO(response.content)).paragraphs]


def test_the_handler_edits_the_drafted_letter_records_an_appeal_and_downloads_it(client, bodies, case):
    handler = handler_of(bodies[0])
    client.force_login(handler)
    response = client.get(change_url(case))
    page = dom.parse(response)
    text = page.find("textarea", name="reply_letter-0-text").text
    assert text.startswith("锦州市体育局依申复〔2026〕17号") and f"{PERSON['name']}：" in text
    assert "第三十六条第（四）项" in text
    assert page.find("a", href=download_url(case)).text == "下载答复书（Word）"

    # Untouched, the letter is the draft.
    drafted = paragraphs(client.get(download_url(case)))
    assert drafted[1] == "关于政府信息公开申请的答复" and "2026年3月20日" in drafted

    data = dom.form_data(page.find("form", id="application_form"))
    data["reply_letter-0-text"] = text.replace(
        "现告知您该政府信息不存在。", "现告知您该政府信息不存在。经核实，另请咨询市档案馆。"
    )
    data.update(
        {
            "appeals-TOTAL_FORMS": "1",
            "appeals-0-kind": "reconsideration",
            "appeals-0-filed_on": "2026-04-10",
            "appeals-0-organ": "锦州市人民政府",
            "appeals-0-decided_on": "2026-06-01",
            "appeals-0-result": "upheld",
            "appeals-0-application": str(case.pk),
        }
    )
    response = client.post(change_url(case), {**data, "_continue": "1"})
    assert response.status_code == 302, dom.parse(response).find("ul", class_="errorlist")
    letter = ReplyLetter.objects.get(application=case)
    assert "另请咨询市档案馆" in letter.text and letter.user == handler
    appeal = ApplicationAppeal.objects.get(application=case)
    assert (appeal.kind, appeal.result, appeal.organ) == ("reconsideration", "upheld", "锦州市人民政府")
    response = client.get(download_url(case))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in response["Cache-Control"]
    assert any("另请咨询市档案馆" in line for line in paragraphs(response))


def test_an_appeal_decided_without_a_result_is_refused_on_the_page(client, bodies, case):
    client.force_login(handler_of(bodies[0]))
    page = dom.parse(client.get(change_url(case)))
    data = dom.form_data(page.find("form", id="application_form"))
    data.update(
        {
            "appeals-TOTAL_FORMS": "1",
            "appeals-0-kind": "litigation_direct",
            "appeals-0-filed_on": "2026-04-10",
            "appeals-0-decided_on": "2026-06-01",
            "appeals-0-application": str(case.pk),
        }
    )
    response = client.post(change_url(case), data)
    assert response.status_code == 200 and "已审结的请选择审结结果。" in response.content.decode()
    assert not ApplicationAppeal.objects.exists()


def test_no_letter_for_staff_without_the_handler_role_or_of_another_body(client, bodies, case):
    reviewer = make_staff("reviewer", workflow.REVIEWER, bodies[0])
    client.force_login(reviewer)
    response = client.get(change_url(case))
    assert response.status_code == 200
    page = response.content.decode()
    assert "reply_letter-0-text" not in page and download_url(case) not in page
    assert PERSON["name"] not in page
    assert client.get(download_url(case)).status_code == 403

    client.force_login(handler_of(bodies[1], "other-handler"))
    assert client.get(download_url(case)).status_code == 404


def test_no_letter_before_the_reply(client, bodies):
    open_case = make_application(bodies[0], D(2026, 3, 2), ref="2026-0018")
    client.force_login(handler_of(bodies[0]))
    page = client.get(change_url(open_case)).content.decode()
    assert "reply_letter-0-text" not in page
    response = client.get(download_url(open_case), follow=True)
    assert "申请尚未答复" in response.content.decode()


def test_a_letter_with_a_gap_left_to_fill_is_not_downloaded_and_each_download_is_recorded(client, bodies):
    forbidden = replied(D(2026, 3, 20), "denied_law_forbidden")  # its letter asks for the reason
    denied = make_application(bodies[0], D(2026, 3, 2), forbidden, ref="2026-0019")
    client.force_login(handler_of(bodies[0]))
    page = client.get(change_url(denied)).content.decode()
    assert letters.UNFINISHED in page and download_url(denied) not in page
    views = ApplicationView.objects.filter(application=denied).count()
    response = client.get(download_url(denied), follow=True)
    assert letters.UNFINISHED in response.content.decode()
    assert ApplicationView.objects.filter(application=denied).count() == views + 1  # the page it went back to

    text = letters.draft(denied).replace(letter_texts.MISSING_REASON, "属于其他法律禁止公开的信息。")
    ReplyLetter.objects.create(application=denied, text=text)
    views = ApplicationView.objects.filter(application=denied).count()
    response = client.get(download_url(denied))
    assert response.status_code == 200 and any("禁止公开的信息" in line for line in paragraphs(response))
    recorded = ApplicationView.objects.filter(application=denied).order_by("pk")
    assert recorded.count() == views + 1 and recorded.last().personal
