"""从Word导入 in the admin: who may, what it says before replacing, and a clear refusal for a bad file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure.models import Report
from disclosure.reports import word_reader
from tests.factories import make_report
from tests.reports import word_files

pytestmark = pytest.mark.django_db
NEW_URL = "/admin/disclosure/report/word/"


def upload(data=None, name="年报.docx"):
    return SimpleUploadedFile(name, word_files.plain() if data is None else data)


def replace_url(report):
    return f"/admin/disclosure/report/{report.pk}/word/"


@pytest.fixture
def editor(client, team):
    client.force_login(team["editor"])
    return client


@pytest.fixture
def draft(bodies):
    return make_report(bodies[0], year=2024, format="2021", levels=(1, 1))


def test_the_list_and_the_change_page_offer_it(editor, draft):
    assert NEW_URL in editor.get("/admin/disclosure/report/").content.decode()
    assert replace_url(draft) in editor.get(f"/admin/disclosure/report/{draft.pk}/change/").content.decode()


def test_a_new_report_from_the_list(editor, bodies):
    response = editor.post(NEW_URL, {"body": bodies[0].pk, "year": 2024, "file": upload()})
    report = Report.objects.get(body=bodies[0], year=2024)
    assert response.status_code == 302 and response.url.endswith(f"/{report.pk}/change/")
    assert report.tables["requests"]["new_received"]["total"] == 45
    assert report.events.last().action == "import"


def test_replacing_a_draft_says_what_and_asks_first(editor, draft):
    page = editor.get(replace_url(draft)).content.decode()
    assert "这份草稿已有内容：2个章节" in page
    response = editor.post(replace_url(draft), {"file": upload()})
    assert response.status_code == 200 and "请勾选" in response.content.decode()
    assert draft.sections.count() == 2
    response = editor.post(replace_url(draft), {"file": upload(), "replace": "on"})
    assert response.status_code == 302
    assert draft.sections.filter(level=1).count() == 6


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"not a zip", "年报.docx", "不是Word文档"),
        (b"PK\x03\x04broken", "年报.docx", "不是Word文档"),
        (None, "年报.doc", "只能导入Word文档（.docx）"),
    ],
)
def test_a_bad_file_is_refused_in_chinese(editor, draft, data, name, expected):
    response = editor.post(replace_url(draft), {"file": upload(data, name), "replace": "on"})
    assert response.status_code == 200 and expected in response.content.decode()
    assert draft.sections.count() == 2


def test_a_file_over_the_limit_is_refused(editor, draft, monkeypatch):
    monkeypatch.setattr(word_reader, "MAX_BYTES", 1000)
    response = editor.post(replace_url(draft), {"file": upload(), "replace": "on"})
    assert "文件过大" in response.content.decode()


def test_problems_are_listed_with_their_places(editor, draft):
    data = word_files.plain(table3=word_files.table3_rows(first_value="十二"))
    response = editor.post(replace_url(draft), {"file": upload(data), "replace": "on"})
    page = response.content.decode()
    assert "未导入，年报未作任何改动" in page and "第2个表格第4行第8列" in page and "“十二”不是数字" in page
    assert draft.sections.count() == 2


def test_refused_for_a_report_under_review(editor, draft):
    Report.objects.filter(pk=draft.pk).update(status=Report.Status.SUBMITTED)
    assert replace_url(draft) not in editor.get(f"/admin/disclosure/report/{draft.pk}/change/").content.decode()
    response = editor.post(replace_url(draft), {"file": upload(), "replace": "on"}, follow=True)
    assert "只有草稿才能从Word导入" in response.content.decode()
    assert draft.sections.count() == 2


def test_refused_for_a_reviewer_and_for_another_body(client, team, draft, bodies):
    client.force_login(team["reviewer"])
    response = client.post(replace_url(draft), {"file": upload(), "replace": "on"}, follow=True)
    assert "需要“撰稿人”角色" in response.content.decode()
    client.force_login(team["outsider"])
    assert client.post(replace_url(draft), {"file": upload(), "replace": "on"}).status_code == 404
    response = client.post(NEW_URL, {"body": bodies[0].pk, "year": 2024, "file": upload(), "replace": "on"})
    assert response.status_code == 200 and not Report.objects.filter(body=bodies[1]).exists()  # not its body
    assert draft.sections.count() == 2
