"""Management commands: import_report, publish_report, report_transition, publish_scheduled; load_demo alone."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from disclosure.demo import reporting_units
from disclosure.management.commands import load_demo
from disclosure.models import Report, Revision, public_windows
from disclosure.publishing import workflow
from tests.commands import run, run_from_shell
from tests.factories import SEED, approved, make_body, make_report, make_staff, make_team

pytestmark = pytest.mark.django_db

SEED_TITLE = "市体育局2016年度政府信息公开工作报告"
BAD_TEXT = "市体育局2016年度政府信息公开工作报告\n发布时间:2017年03月28日\n一、总体情况\n正文。\n三、跳号的部分\n"


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


def publishable(**extra):
    """A report of 锦州市体育局, 2016, approved, and its publisher."""
    report = approved(make_report(**extra))
    return report, make_staff("publisher", workflow.PUBLISHER, report.body)


def correction(report):
    """The published report edited and approved again: ready for a second publication."""
    report.refresh_from_db()
    workflow.edited(report, None, [])
    return approved(report)


def test_publish_report_publishes():
    report, user = publishable(title=SEED_TITLE)
    out, _ = run("publish_report", "2016", "sports-bureau", user="publisher")
    assert out.startswith(f"《{SEED_TITLE}》：发布，当前状态“已发布第1版”。第1版，公开时间")
    assert out.strip().endswith("：/reports/2016/sports-bureau/")
    revision = Revision.objects.get()
    assert revision.number == 1
    assert revision.created_by == user
    assert Report.objects.get().status == Report.Status.PUBLISHED


def test_publish_report_requires_a_user(capsys):
    publishable()
    code, _, err = run_from_shell("publish_report", "2016", "sports-bureau", capsys=capsys)
    assert code == 2
    assert "--user" in err
    assert Revision.objects.count() == 0


def test_publish_report_refuses_a_second_publish_without_a_note():
    report, _ = publishable(title=SEED_TITLE)
    run("publish_report", "2016", "sports-bureau", user="publisher")
    correction(report)
    with pytest.raises(CommandError, match="请填写更正说明"):
        run("publish_report", "2016", "sports-bureau", user="publisher")
    assert Revision.objects.count() == 1
    assert Report.objects.get().status == Report.Status.APPROVED


def test_publish_report_refuses_a_published_report_that_was_not_reviewed_again():
    publishable()
    run("publish_report", "2016", "sports-bureau", user="publisher")
    with pytest.raises(CommandError, match="只有“已审核”的年报才能发布"):
        run("publish_report", "2016", "sports-bureau", user="publisher", note="更正")
    assert Revision.objects.count() == 1


def test_publish_report_with_a_note_publishes_a_correction():
    report, _ = publishable(title=SEED_TITLE)
    run("publish_report", "2016", "sports-bureau", user="publisher")
    correction(report)
    out, _ = run("publish_report", "2016", "sports-bureau", user="publisher", note="更正了发布日期。")
    assert "第2版" in out
    revision = Revision.objects.get(number=2)
    assert revision.change_note_zh_hans == "更正了发布日期。"


def test_publish_report_without_a_note_publishes_the_proposed_one():
    """Issue 14: the editor proposed the change note on the working copy; the command publishes it as it is."""
    report, _ = publishable(title=SEED_TITLE)
    run("publish_report", "2016", "sports-bureau", user="publisher")
    report.refresh_from_db()
    report.change_note_zh_hans, report.change_note_en = "更正了表三。", "Corrected table 3."
    report.save()
    correction(report)
    out, _ = run("publish_report", "2016", "sports-bureau", user="publisher")
    assert "更正说明：更正了表三。（英文：Corrected table 3.）" in out
    revision = Revision.objects.get(number=2)
    assert (revision.change_note_zh_hans, revision.change_note_zh_hant, revision.change_note_en) == (
        "更正了表三。",
        "更正了表三。",
        "Corrected table 3.",
    )


def test_publish_report_note_amends_the_proposal_and_note_en_its_english():
    report, _ = publishable(title=SEED_TITLE)
    run("publish_report", "2016", "sports-bureau", user="publisher")
    report.refresh_from_db()
    report.change_note_zh_hans, report.change_note_en = "更正了表三。", "Corrected table 3."
    report.save()
    correction(report)
    out, _ = run("publish_report", "2016", "sports-bureau", user="publisher", note="更正了表三和表四。")
    # The English proposal translated other words: not published under the new ones.
    assert "（英文：无，英文页面显示简体）" in out
    assert (Revision.objects.get(number=2).change_note_en or "") == ""
    correction(report)
    run("publish_report", "2016", "sports-bureau", user="publisher", note="再次更正。", note_en="Corrected again.")
    revision = Revision.objects.get(number=3)
    assert (revision.change_note_zh_hans, revision.change_note_en) == ("再次更正。", "Corrected again.")


def test_publish_report_as_a_user():
    _, user = publishable()
    run("publish_report", "2016", "sports-bureau", user="publisher")
    assert Revision.objects.get().created_by == user


@pytest.mark.parametrize(
    ("role", "member", "message"),
    [
        (workflow.EDITOR, True, "发布需要“发布人”角色"),
        (workflow.PUBLISHER, False, "您不是锦州市体育局的工作人员"),
    ],
)
def test_publish_report_needs_a_publisher_of_the_body(role, member, message):
    report = approved(make_report())
    make_staff("someone", role, report.body if member else None)
    with pytest.raises(CommandError, match=message):
        run("publish_report", "2016", "sports-bureau", user="someone")
    assert Revision.objects.count() == 0
    assert Report.objects.get().status == Report.Status.APPROVED


def test_publish_report_unknown_user():
    make_report()
    with pytest.raises(CommandError, match="没有用户名为“nobody”的工作人员"):
        run("publish_report", "2016", "sports-bureau", user="nobody")
    assert Revision.objects.count() == 0


def test_publish_report_unknown_report():
    publishable()
    with pytest.raises(CommandError, match="没有找到“sports-bureau”的2015年度年报"):
        run("publish_report", "2015", "sports-bureau", user="publisher")


def test_publish_report_without_sections():
    publishable(levels=())
    with pytest.raises(CommandError, match="还没有正文章节"):
        run("publish_report", "2016", "sports-bureau", user="publisher")


def test_publish_report_refusal_exits_non_zero(capsys):
    report, _ = publishable()
    call_command("publish_report", "2016", "sports-bureau", user="publisher", stdout=StringIO())
    correction(report)
    code, _, err = run_from_shell("publish_report", "2016", "sports-bureau", "--user", "publisher", capsys=capsys)
    assert code == 1
    assert "请填写更正说明" in err


# --- report_transition and publish_scheduled ---------------------------------------------------------


@pytest.fixture
def team():
    body = make_body()
    make_report(body)
    return make_team(body)


def transition(action, user, **options):
    return run("report_transition", "2016", "sports-bureau", action, user=user, **options)[0]


def status():
    return Report.objects.get().status


def test_report_transition_through_every_action(team):
    out = transition("submit", "editor")
    assert "提交审核，当前状态“未发布 · 待审核”" in out
    assert transition("return", "reviewer", comment="请补充数据。")
    assert status() == Report.Status.DRAFT
    transition("submit", "editor")
    assert "审核通过，当前状态“未发布 · 已审核”" in transition("approve", "reviewer")
    out = transition("publish", "publisher")
    assert "发布，当前状态“已发布第1版”。第1版" in out
    assert "/reports/2016/sports-bureau/" in out
    assert "撤回，当前状态“已撤回（" in transition("withdraw", "publisher", comment="数据有误，正在核实。")
    report = Report.objects.get()
    assert report.withdrawals.get().reason_zh_hans == "数据有误，正在核实。"
    actions = list(report.events.order_by("pk").values_list("action", "user__username"))
    assert actions == [
        ("submit", "editor"),
        ("return", "reviewer"),
        ("submit", "editor"),
        ("approve", "reviewer"),
        ("publish", "publisher"),
        ("withdraw", "publisher"),
    ]


def test_report_transition_withdraws_while_a_correction_is_written_and_brings_it_back_through_review(team):
    transition("submit", "editor")
    transition("approve", "reviewer")
    transition("publish", "publisher")
    report = Report.objects.get()
    workflow.edited(report, team["editor"], [{"where": "标题（简体）", "before": "a", "after": "b"}])
    out = transition("withdraw", "publisher", comment="数据有误，正在核实。")
    assert "撤回，当前状态“已撤回（" in out and "有未发布的修改：草稿" in out
    with pytest.raises(CommandError, match="目前没有公开的版本"):
        transition("withdraw", "publisher", comment="再次撤回。")
    transition("submit", "editor")
    transition("approve", "reviewer")
    at = timezone.localtime() + datetime.timedelta(days=2)
    out = transition("schedule", "publisher", at=at.strftime("%Y-%m-%d %H:%M"), comment="核实后重新发布。")
    assert "第2版定时发布" in out
    assert Revision.objects.public_report(2016, "sports-bureau") is None  # withdrawn until its time


def test_report_transition_publish_note_amends_the_proposed_note(team):
    transition("submit", "editor")
    transition("approve", "reviewer")
    transition("publish", "publisher")
    report = Report.objects.get()
    report.change_note_zh_hans = "撰稿人拟写的说明。"
    report.save()
    workflow.edited(report, team["editor"], [])
    transition("submit", "editor")
    transition("approve", "reviewer")
    out = transition("publish", "publisher", note="发布人改写的说明。", note_en="The publisher's note.")
    assert "更正说明：发布人改写的说明。（英文：The publisher's note.）" in out
    revision = Revision.objects.get(number=2)
    assert (revision.change_note_zh_hans, revision.change_note_en) == ("发布人改写的说明。", "The publisher's note.")
    assert report.events.first().comment == "发布人改写的说明。"
    with pytest.raises(CommandError, match="只用于 publish 和 schedule"):
        transition("submit", "editor", note="说明")


def test_report_transition_schedule_at_a_time(team):
    transition("submit", "editor")
    transition("approve", "reviewer")
    at = timezone.localtime() + datetime.timedelta(days=2)
    out = transition("schedule", "publisher", at=at.strftime("%Y-%m-%d %H:%M"))
    when = at.strftime("%Y-%m-%d %H:%M")
    assert f"定时发布，当前状态“定时发布：{when}”。第1版，公开时间{when}" in out
    revision = Revision.objects.get()
    assert revision.published_at == at.replace(second=0, microsecond=0)
    assert not Revision.objects.public().exists()


def test_report_transition_schedule_needs_at(team):
    transition("submit", "editor")
    transition("approve", "reviewer")
    with pytest.raises(CommandError, match="定时发布须用 --at 指定发布时间"):
        transition("schedule", "publisher")
    with pytest.raises(CommandError, match="无法识别的时间"):
        transition("schedule", "publisher", at="明天上午")
    assert status() == Report.Status.APPROVED
    assert Revision.objects.count() == 0


@pytest.mark.parametrize(
    ("action", "user", "message"),
    [
        ("approve", "reviewer", "只有“待审核”的年报才能审核通过"),
        ("submit", "reviewer", "提交审核需要“撰稿人”角色"),
        ("publish", "publisher", "只有“已审核”的年报才能发布"),
    ],
)
def test_report_transition_refusals_name_the_reason(team, action, user, message):
    with pytest.raises(CommandError, match=message):
        transition(action, user)
    assert status() == Report.Status.DRAFT
    assert Report.objects.get().events.count() == 0


def test_report_transition_refusal_exits_non_zero(team, capsys):
    transition("submit", "editor")
    with pytest.raises(CommandError, match="退回修改须写明需要修改的内容"):
        transition("return", "reviewer")
    assert status() == Report.Status.SUBMITTED
    # Last: a command run from the shell closes the database connections when it fails.
    code, out, err = run_from_shell(
        "report_transition", "2016", "sports-bureau", "return", "--user", "reviewer", capsys=capsys
    )
    assert code == 1
    assert "退回修改须写明需要修改的内容" in err
    assert "当前状态" not in out


def test_report_transition_unknown_user_and_action(team, capsys):
    with pytest.raises(CommandError, match="没有用户名为“nobody”的工作人员"):
        transition("submit", "nobody")
    code, _, err = run_from_shell(
        "report_transition", "2016", "sports-bureau", "delete", "--user", "editor", capsys=capsys
    )
    assert code == 2
    assert "delete" in err
    assert status() == Report.Status.DRAFT


def test_publish_scheduled_publishes_due_reports_and_prints_them(team):
    transition("submit", "editor")
    transition("approve", "reviewer")
    at = timezone.now() + datetime.timedelta(hours=1)
    transition("schedule", "publisher", at=timezone.localtime(at).isoformat())
    out, _ = run("publish_scheduled")
    assert out.strip() == "没有新到期的定时发布。"
    events = Report.objects.get().events.count()

    # Its time comes: public at once, with or without the command; the command writes the history line.
    due = timezone.now() - datetime.timedelta(minutes=1)
    Revision.objects.update(published_at=due)
    public_windows.refresh()  # the test moves a revision's time, which nothing else ever does
    assert Revision.objects.public_report(2016, "sports-bureau") is not None
    out, _ = run("publish_scheduled")
    when = timezone.localtime(due).strftime("%Y-%m-%d %H:%M")
    assert out.strip() == f"已公开：锦州市体育局2016年政府信息公开工作年度报告（第1版，{when}）"
    assert status() == Report.Status.PUBLISHED
    event = Report.objects.get().events.first()
    assert (event.action, event.user, event.from_status, event.to_status) == ("publish", None, "scheduled", "published")
    assert Report.objects.get().events.count() == events + 1
    assert run("publish_scheduled")[0].strip() == "没有新到期的定时发布。"


# --- load_demo on a folder of its own (the demo itself: test_load_demo.py) ----------------------------


@pytest.fixture
def one_report_demo(tmp_path, monkeypatch):
    """load_demo reading a folder with one undated report, and no roll-up figures: quick, and alone."""
    (tmp_path / "sports-bureau-2019.txt").write_text(
        "锦州市体育局2019年政府信息公开工作年度报告\n一、总体情况\n正文。\n", encoding="utf-8"
    )
    monkeypatch.setattr(load_demo, "REPORTS", tmp_path)
    monkeypatch.setattr(load_demo, "DOCUMENTS", tmp_path)
    monkeypatch.setattr(reporting_units, "FIGURES", {})


def test_load_demo_publishes_a_report_whose_text_has_no_date(one_report_demo, frozen_now):
    run("load_demo")
    revision = Revision.objects.public().get()
    assert revision.year == 2019
    assert revision.published_on == timezone.localdate()


def test_load_demo_creates_no_users_with_debug_off(one_report_demo, settings):
    settings.DEBUG = False
    out, _ = run("load_demo")
    assert get_user_model().objects.count() == 0
    assert "调试模式未开启，不创建演示账号。" in out
