"""Management commands: import_report, publish_report, load_demo."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, ManagementUtility, call_command
from django.utils import timezone

from disclosure.management.commands import load_demo
from disclosure.models import Body, Report, Revision
from tests.factories import SEED, make_body, make_report

pytestmark = pytest.mark.django_db

SEED_TITLE = "市体育局2016年度政府信息公开工作报告"
BAD_TEXT = "市体育局2016年度政府信息公开工作报告\n发布时间:2017年03月28日\n一、总体情况\n正文。\n三、跳号的部分\n"


def run(*args, **options):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def run_from_shell(*argv, capsys):
    """As `manage.py …` would run it: returns (exit code, stdout, stderr)."""
    code = 0
    try:
        ManagementUtility(["manage.py", *argv]).execute()
    except SystemExit as exit:
        code = exit.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- import_report ----------------------------------------------------------------------------------


def test_import_report_prints_counts_and_warnings():
    make_body()
    out, err = run("import_report", str(SEED), body="sports-bureau", year=2016)
    assert out.strip() == (f"已导入为草稿：《{SEED_TITLE}》：3个部分，共19个章节，4项整改事项，6项工作计划。")
    warnings = err.strip().splitlines()
    assert len(warnings) == 2
    assert all(line.startswith("警告：第79行：") for line in warnings)
    assert any("4项" in line and "6项" in line for line in warnings)
    assert any("三是是" in line for line in warnings)
    report = Report.objects.get()
    assert report.status == Report.Status.DRAFT
    assert Revision.objects.count() == 0


def test_import_report_bad_file_fails_with_the_line_number_and_writes_nothing(tmp_path):
    make_body()
    path = tmp_path / "bad.txt"
    path.write_text(BAD_TEXT, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run("import_report", str(path), body="sports-bureau", year=2016)
    assert "第5行" in str(error.value)
    assert "数据库未作任何改动" in str(error.value)
    assert Report.objects.count() == 0


def test_import_report_bad_file_exits_non_zero(tmp_path, capsys):
    make_body()
    path = tmp_path / "bad.txt"
    path.write_text(BAD_TEXT, encoding="utf-8")
    code, out, err = run_from_shell(
        "import_report", str(path), "--body", "sports-bureau", "--year", "2016", capsys=capsys
    )
    assert code == 1
    assert "第5行" in err
    assert "已导入" not in out


def test_import_report_year_mismatch_names_the_title_line(tmp_path):
    make_body()
    with pytest.raises(CommandError, match="第3行：标题中的年度（2016）与指定的年度（2017）不一致"):
        run("import_report", str(SEED), body="sports-bureau", year=2017)
    assert Report.objects.count() == 0


def test_import_report_unknown_body_lists_the_known_slugs():
    make_body("sports-bureau", "锦州市体育局", position=2)
    make_body("education-bureau", "锦州市教育局", position=1)
    with pytest.raises(CommandError) as error:
        run("import_report", str(SEED), body="sport-bureau", year=2016)
    message = str(error.value)
    assert "没有网址标识为“sport-bureau”的发布机构" in message
    assert message.endswith("已有：education-bureau、sports-bureau")
    assert Report.objects.count() == 0


def test_import_report_unknown_body_when_there_are_none():
    with pytest.raises(CommandError, match="已有：（尚无）"):
        run("import_report", str(SEED), body="sports-bureau", year=2016)


def test_import_report_missing_file(tmp_path):
    make_body()
    with pytest.raises(CommandError, match="找不到文件"):
        run("import_report", str(tmp_path / "nope.txt"), body="sports-bureau", year=2016)


def test_import_report_requires_body_and_year(capsys):
    code, _, err = run_from_shell("import_report", str(SEED), capsys=capsys)
    assert code == 2
    assert "--body" in err


# --- publish_report ---------------------------------------------------------------------------------


def test_publish_report_publishes():
    make_report(title=SEED_TITLE)
    out, _ = run("publish_report", "2016", "sports-bureau")
    assert out.strip() == f"已发布《{SEED_TITLE}》第1版：/reports/2016/sports-bureau/"
    revision = Revision.objects.get()
    assert revision.number == 1
    assert revision.created_by is None
    assert Report.objects.get().status == Report.Status.PUBLISHED


def test_publish_report_refuses_a_second_publish_without_a_note():
    make_report(title=SEED_TITLE)
    run("publish_report", "2016", "sports-bureau")
    with pytest.raises(CommandError, match="请填写更正说明"):
        run("publish_report", "2016", "sports-bureau")
    assert Revision.objects.count() == 1


def test_publish_report_with_a_note_publishes_a_correction():
    make_report(title=SEED_TITLE)
    run("publish_report", "2016", "sports-bureau")
    out, _ = run("publish_report", "2016", "sports-bureau", note="更正了发布日期。")
    assert "第2版" in out
    revision = Revision.objects.get(number=2)
    assert revision.change_note_zh_hans == "更正了发布日期。"


def test_publish_report_as_a_user():
    user = get_user_model().objects.create_user("publisher")
    make_report()
    run("publish_report", "2016", "sports-bureau", user="publisher")
    assert Revision.objects.get().created_by == user


def test_publish_report_unknown_user():
    make_report()
    with pytest.raises(CommandError, match="没有用户名为“nobody”的工作人员"):
        run("publish_report", "2016", "sports-bureau", user="nobody")
    assert Revision.objects.count() == 0


def test_publish_report_unknown_report():
    make_report()
    with pytest.raises(CommandError, match="没有找到“sports-bureau”的2015年度年报"):
        run("publish_report", "2015", "sports-bureau")


def test_publish_report_without_sections():
    make_report(levels=())
    with pytest.raises(CommandError, match="还没有正文章节"):
        run("publish_report", "2016", "sports-bureau")


def test_publish_report_refusal_exits_non_zero(capsys):
    make_report()
    call_command("publish_report", "2016", "sports-bureau", stdout=StringIO())
    code, _, err = run_from_shell("publish_report", "2016", "sports-bureau", capsys=capsys)
    assert code == 1
    assert "请填写更正说明" in err


# --- load_demo --------------------------------------------------------------------------------------


def every_count():
    counted = {model._meta.label: model.objects.count() for model in apps.get_app_config("disclosure").get_models()}
    User = get_user_model()
    counted[User._meta.label] = User.objects.count()
    return counted


def demo_files():
    return sorted(load_demo.REPORTS.glob("*.txt"))


def test_load_demo_twice_creates_no_duplicates():
    run("load_demo")
    first = every_count()
    run("load_demo")
    assert every_count() == first
    assert first["disclosure.Report"] == len(demo_files())
    assert first["disclosure.Body"] == len(load_demo.BODIES)
    assert first["disclosure.Page"] == 2
    assert first["disclosure.Link"] == len(load_demo.TOP_LINKS)
    assert first["disclosure.SiteSettings"] == 1


def test_load_demo_gives_every_file_in_the_folder_a_report():
    run("load_demo")
    files = demo_files()
    assert SEED in files
    for path in files:
        slug, year = path.stem.rsplit("-", 1)
        report = Report.objects.filter(body__slug=slug, year=int(year)).first()
        assert report is not None, path.name
        assert report.sections.exists(), path.name
        public = Revision.objects.public().filter(report=report).exists()
        assert public == ((slug, int(year)) not in load_demo.DRAFTS), path.name


def test_load_demo_publishes_the_seed_report_as_of_its_date(client):
    run("load_demo")
    revision = Revision.objects.public().get(year=2016, body__slug="sports-bureau")
    assert revision.number == 1
    assert revision.title_zh_hans == SEED_TITLE
    assert revision.published_on == datetime.date(2017, 3, 28)
    assert revision.published_at.date() == datetime.date(2017, 3, 28)
    report = revision.report
    assert report.sections.filter(level=1).count() == 3
    assert report.rectifications.count() == 4
    assert report.plans.count() == 6
    response = client.get("/reports/2016/sports-bureau/")
    assert response.status_code == 200
    assert SEED_TITLE in response.content.decode()


def test_load_demo_keeps_the_draft_out_of_public_view(client):
    run("load_demo")
    for slug, year in load_demo.DRAFTS:
        if not (load_demo.REPORTS / f"{slug}-{year}.txt").exists():
            continue
        assert Report.objects.get(body__slug=slug, year=year).status == Report.Status.DRAFT
        assert not Revision.objects.filter(report__body__slug=slug, report__year=year).exists()
        assert client.get(f"/reports/{year}/{slug}/").status_code == 404


def test_load_demo_site_settings_pages_and_bodies():
    run("load_demo")
    assert sorted(Body.objects.values_list("slug", flat=True)) == sorted(slug for slug, *_ in load_demo.BODIES)
    government = Body.objects.get(slug="municipal-government")
    assert government.parent is None
    assert Body.objects.get(slug="sports-bureau").parent == government
    from disclosure.models import Page, SiteSettings

    assert sorted(Page.objects.values_list("slug", flat=True)) == ["about", "copyright"]
    assert SiteSettings.load().copyright_zh_hans == "版权所有：锦州市人民政府"


def test_load_demo_creates_no_users_with_debug_off(settings):
    settings.DEBUG = False
    out, _ = run("load_demo")
    assert get_user_model().objects.count() == 0
    assert "调试模式未开启，不创建演示账号。" in out


def test_load_demo_creates_demo_users_with_debug_on(settings):
    settings.DEBUG = True
    out, _ = run("load_demo")
    User = get_user_model()
    assert sorted(User.objects.values_list("username", flat=True)) == ["admin", "editor", "publisher", "reviewer"]
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(settings.DEMO_PASSWORD)
    editor = User.objects.get(username="editor")
    assert editor.is_staff and not editor.is_superuser
    assert editor.has_perm("disclosure.change_section")
    assert not editor.has_perm("disclosure.change_feedback")
    reviewer = User.objects.get(username="reviewer")
    assert reviewer.has_perm("disclosure.change_feedback")
    assert not reviewer.has_perm("disclosure.change_report")
    assert "演示账号" in out

    run("load_demo")
    assert User.objects.count() == 4


def test_load_demo_publishes_a_report_whose_text_has_no_date(tmp_path, monkeypatch):
    (tmp_path / "sports-bureau-2019.txt").write_text(
        "锦州市体育局2019年政府信息公开工作年度报告\n一、总体情况\n正文。\n", encoding="utf-8"
    )
    monkeypatch.setattr(load_demo, "REPORTS", tmp_path)
    run("load_demo")
    revision = Revision.objects.public().get()
    assert revision.year == 2019
    assert revision.published_on == timezone.localdate()
