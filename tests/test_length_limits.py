"""The models' length limits, held by every way in (issue 15): import_report, load_report, the English page's
save; on SQLite (which would store a longer text) as on PostgreSQL (which refuses it with a DataError), so
that a backup always restores. Run on both databases."""

import json

import pytest
from django.core.management.base import CommandError

from disclosure.languages import english
from disclosure.models import Report
from disclosure.publishing import interchange
from tests.commands import run
from tests.factories import add_items, make_body, make_report, publish

pytestmark = pytest.mark.django_db

BODY_TEXT = "一、总体情况\n本机关依法公开政府信息。\n二、存在的主要问题及改进情况\n一是公开不够及时。\n"


@pytest.fixture
def body():
    return make_body("sports-bureau", "锦州市体育局")


def legacy(tmp_path, title="市体育局2016年度政府信息公开工作报告", body=BODY_TEXT):
    path = tmp_path / "report.txt"
    path.write_text(f"{title}\n发布时间:2017年03月28日  来源:市体育局办公室\n{body}", encoding="utf-8")
    return str(path)


def test_import_report_refuses_a_title_longer_than_the_field(tmp_path, body):
    title = "市体育局2016年度政府信息公开工作报告"
    title += "长" * (623 - len(title))
    with pytest.raises(CommandError) as refused:
        run("import_report", legacy(tmp_path, title), body="sports-bureau", year=2016)
    assert "第1行：标题过长：共623个字，最多200个字。" in str(refused.value)
    assert "数据库未作任何改动" in str(refused.value)
    assert not Report.objects.exists()


def test_import_report_refuses_a_heading_longer_than_the_field(tmp_path, body):
    text = BODY_TEXT.replace("一、总体情况", "一、总体情况" + "，内容" * 100)
    with pytest.raises(CommandError) as refused:
        run("import_report", legacy(tmp_path, body=text), body="sports-bureau", year=2016)
    assert "第3行：章节标题“总体情况，内容，内容，内……”过长：共304个字，最多200个字。" in str(refused.value)
    assert not Report.objects.exists()


def test_import_report_at_the_limit_is_imported(tmp_path, body):
    title = "市体育局2016年度政府信息公开工作报告"
    title += "长" * (200 - len(title))
    run("import_report", legacy(tmp_path, title), body="sports-bureau", year=2016)
    assert len(Report.objects.get().title_zh_hans) == 200


def test_load_report_refuses_english_longer_than_the_field(body):
    report = make_report(body, year=2016)
    doc = interchange.dump(report)
    doc["title"]["en"] = "A" * 201
    doc["sections"][0]["heading"]["en"] = "B" * 201
    with pytest.raises(interchange.Malformed) as refused:
        interchange.load(doc)
    assert refused.value.problems == [
        ("title.en", "不能超过200个字（现有201个）。"),
        ("sections[0].heading.en", "不能超过200个字（现有201个）。"),
    ]


def test_a_backup_of_a_report_at_every_limit_restores(tmp_path, body):
    """English as long as the page accepts, dumped as published, loads again, on either database."""
    report = make_report(body, year=2016, title="锦" * 200, source="办" * 100)
    add_items(report)
    texts = english.texts(report)
    data = {t.key: "E" * (t.max_length or 5000) for t in texts if t.status != "not_needed"}
    assert english.save(report, data)
    with pytest.raises(english.TooLong):
        english.save(Report.objects.get(pk=report.pk), {texts[0].key: "E" * 201})
    publish(Report.objects.get(pk=report.pk))
    path = tmp_path / "backup.json"
    run("dump_report", "2016", "sports-bureau", "--published", "-o", str(path))
    Report.objects.filter(pk=report.pk).update(title_en="", title_zh_hans="改过")
    out, _ = run("load_report", str(path))  # restores the working copy
    assert "已载入为工作稿" in out
    restored = Report.objects.get()
    assert restored.title_en == "E" * 200 and restored.title_zh_hans == "锦" * 200
    assert json.loads(path.read_text(encoding="utf-8"))["title"]["en"] == "E" * 200
