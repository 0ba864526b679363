"""workflow.publish and Revision.objects.public(): what the public sees, and when."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from disclosure import workflow
from disclosure.document import SCHEMA, build
from disclosure.models import Report, Revision, Section
from tests import dom
from tests.factories import add_items, import_seed, make_body, make_report, publish

pytestmark = pytest.mark.django_db

LANGUAGES = {"zh-hans", "zh-hant", "en"}
URL = "/reports/2016/sports-bureau/"


def test_first_publish_creates_revision_1_with_the_document():
    report = make_report(title="市体育局2016年度政府信息公开工作报告", levels=(1, 2, 2, 1))
    add_items(report)
    revision = publish(report)

    assert revision.number == 1
    assert Revision.objects.count() == 1
    assert revision.report == report
    assert revision.body == report.body
    assert revision.year == 2016
    assert revision.published_on == datetime.date(2017, 1, 20)
    assert revision.title_zh_hans == "市体育局2016年度政府信息公开工作报告"
    assert revision.title_zh_hant == "市體育局2016年度政府信息公開工作報告"
    assert revision.change_note_zh_hans == ""

    doc = revision.document
    assert doc["schema"] == SCHEMA == "disclosure-report/1"
    assert doc["format"] == "legacy"
    assert doc["year"] == 2016
    assert doc["published_on"] == "2017-01-20"
    assert doc["body"] == {
        "slug": "sports-bureau",
        "name": {"zh-hans": "锦州市体育局", "zh-hant": "錦州市體育局", "en": ""},
        "kind": "department",
    }
    for key in ("title", "source", "preamble"):
        assert set(doc[key]) == LANGUAGES, key
    assert doc["title"] == {
        "zh-hans": "市体育局2016年度政府信息公开工作报告",
        "zh-hant": "市體育局2016年度政府信息公開工作報告",
        "en": "",
    }
    assert [s["heading"]["zh-hans"] for s in doc["sections"]] == ["第1节标题", "第4节标题"]
    assert [c["heading"]["zh-hans"] for c in doc["sections"][0]["children"]] == ["第2节标题", "第3节标题"]
    assert doc["sections"][0]["children"][0]["children"] == []
    for section in doc["sections"]:
        assert set(section["heading"]) == set(section["body"]) == LANGUAGES
    assert doc["rectifications"] == [
        {
            "problem": {"zh-hans": "公开内容不够全面", "zh-hant": "公開內容不夠全面", "en": ""},
            "measure": {"zh-hans": "", "zh-hant": "", "en": ""},
            "status": "planned",
            "responsible": {"zh-hans": "", "zh-hant": "", "en": ""},
            "due": None,
        }
    ]
    assert doc["plans"] == [
        {
            "text": {"zh-hans": "加强培训", "zh-hant": "加強培訓", "en": ""},
            "responsible": {"zh-hans": "", "zh-hant": "", "en": ""},
            "due": None,
        }
    ]


def test_publish_marks_the_report_published_and_records_who():
    user = get_user_model().objects.create_user("publisher", password="x")
    report = make_report()
    revision = workflow.publish(report, user=user)
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
    assert revision.created_by == user


def test_publish_sets_published_on_to_today_when_empty():
    report = make_report(published_on=None)
    revision = publish(report)
    report.refresh_from_db()
    assert report.published_on == timezone.localdate()
    assert revision.published_on == timezone.localdate()
    assert revision.document["published_on"] == timezone.localdate().isoformat()


def test_publish_keeps_a_given_published_on():
    report = make_report(published_on=datetime.date(2017, 3, 28))
    assert publish(report).published_on == datetime.date(2017, 3, 28)


@pytest.mark.parametrize("note", ["", "   \n "])
def test_second_publish_without_change_note_is_refused(note):
    report = make_report()
    publish(report)
    with pytest.raises(workflow.TransitionError, match="请填写更正说明"):
        publish(report, note=note)
    assert Revision.objects.count() == 1


def test_second_publish_with_a_note_creates_revision_2_shown_in_the_history(client):
    report = make_report()
    publish(report)
    response = client.get(URL)
    assert "修订记录" not in response.content.decode()  # a first publication has no history to show

    section = report.sections.first()
    section.heading_zh_hans = "更正后的标题"
    section.save()
    revision = publish(report, note="  更正了第一部分的标题。 ")
    assert revision.number == 2
    assert revision.change_note_zh_hans == "更正了第一部分的标题。"
    assert revision.change_note_zh_hant == "更正了第一部分的標題。"
    assert Revision.objects.count() == 2

    page = dom.parse(client.get(URL))
    history = page.find("section", class_="history")
    assert history.find("h2").text == "修订记录"
    entries = [li.text for li in history.find("ol").find_all("li")]
    assert len(entries) == 2
    assert "首次发布" in entries[0]
    assert "第2版更正：更正了第一部分的标题。" in entries[1]
    assert "当前版本" in entries[1]
    assert "当前版本" not in entries[0]
    assert page.find("h2", class_="part-heading").text == "一、更正后的标题"


def test_a_report_with_no_sections_cannot_be_published():
    report = make_report(levels=())
    with pytest.raises(workflow.TransitionError, match="还没有正文章节"):
        publish(report)
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    assert report.published_on == datetime.date(2017, 1, 20)
    assert Revision.objects.count() == 0


def test_a_refused_publish_changes_nothing():
    report = make_report(published_on=None)
    publish(report)
    report.published_on = None
    report.save()
    with pytest.raises(workflow.TransitionError):
        publish(report)
    report.refresh_from_db()
    assert report.published_on is None


def test_publish_reads_the_database_not_the_stale_instance():
    report = make_report()
    Report.objects.filter(pk=report.pk).update(title_zh_hans="数据库中的新标题")
    revision = publish(report)
    assert revision.document["title"]["zh-hans"] == "数据库中的新标题"


def test_public_returns_only_the_newest_due_revision_per_report():
    body = make_body()
    first = make_report(body, year=2016)
    second = make_report(body, year=2017)
    draft = make_report(body, year=2018)
    now = timezone.now()
    r1 = publish(first, at=now - datetime.timedelta(days=10))
    r2 = publish(first, note="第二版", at=now - datetime.timedelta(days=5))
    r3 = publish(first, note="定时发布的第三版", at=now + datetime.timedelta(days=1))
    s1 = publish(second, at=now - datetime.timedelta(days=1))

    public = Revision.objects.public()
    assert set(public) == {r2, s1}
    assert draft.pk not in public.values_list("report", flat=True)
    # As of an earlier moment, the first revision was the public one; later, the scheduled one.
    assert set(Revision.objects.public(at=now - datetime.timedelta(days=7))) == {r1}
    assert set(Revision.objects.public(at=now + datetime.timedelta(days=2))) == {r3, s1}


def test_public_ignores_a_report_whose_only_revision_is_future_dated(client):
    report = make_report()
    publish(report, at=timezone.now() + datetime.timedelta(hours=1))
    assert Revision.objects.count() == 1
    assert list(Revision.objects.public()) == []
    assert client.get(URL).status_code == 404


def test_a_future_correction_does_not_replace_the_public_revision_yet(client):
    report = make_report()
    publish(report, at=timezone.now() - datetime.timedelta(days=1))
    section = report.sections.first()
    section.heading_zh_hans = "尚未生效的更正"
    section.save()
    publish(report, note="明天生效", at=timezone.now() + datetime.timedelta(days=1))
    page = client.get(URL).content.decode()
    assert "第1节标题" in page
    assert "尚未生效的更正" not in page
    assert "明天生效" not in page  # a scheduled revision is not in the public history either


def test_history_lists_due_revisions_oldest_first():
    report = make_report()
    now = timezone.now()
    r1 = publish(report, at=now - datetime.timedelta(days=2))
    r2 = publish(report, note="更正一", at=now - datetime.timedelta(days=1))
    publish(report, note="更正二", at=now + datetime.timedelta(days=1))
    assert list(Revision.objects.history(report.pk)) == [r1, r2]


def test_public_page_keeps_showing_revision_1_until_republished(client):
    report, _ = import_seed()
    publish(report)
    before = client.get(URL).content.decode()
    assert "扎实有效地推进信息公开工作" in before

    # Staff edit the working copy: heading, new section, title.
    section = report.sections.get(heading_zh_hans="扎实有效地推进信息公开工作")
    section.heading_zh_hans = "工作草稿中的新标题"
    section.save()
    Section.objects.create(report=report, position=99, level=1, heading_zh_hans="新增的草稿章节")
    report.title_zh_hans = "草稿中的新标题"
    report.save()

    during = client.get(URL).content.decode()
    assert during == before
    assert "工作草稿中的新标题" not in during

    publish(report, note="更新了第一部分标题，增加了一个部分。")
    after = client.get(URL).content.decode()
    assert "工作草稿中的新标题" in after
    assert "新增的草稿章节" in after
    assert "草稿中的新标题" in after
    assert "扎实有效地推进信息公开工作" not in after
    assert "更新了第一部分标题，增加了一个部分。" in after


def test_document_build_nests_sections_as_the_outline_says():
    report = make_report(levels=(1, 2, 3, 4, 3, 1))
    doc = build(report)
    [first, second] = doc["sections"]
    assert first["heading"]["zh-hans"] == "第1节标题"
    [sub] = first["children"]
    assert [c["heading"]["zh-hans"] for c in sub["children"]] == ["第3节标题", "第5节标题"]
    assert [c["heading"]["zh-hans"] for c in sub["children"][0]["children"]] == ["第4节标题"]
    assert second["children"] == []
    assert first["body"]["zh-hans"] == "第1节正文。\n\n第1节第二段。"
