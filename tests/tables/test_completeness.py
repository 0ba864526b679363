"""completeness.py: empty parts and sub-sections, rectification items without a measure, plan items without text."""

import pytest

from disclosure.tables import completeness, formats, rules
from tests.factories import standard_tables


def part(heading, body="", children=()):
    return {"heading": {"zh-hans": heading}, "body": {"zh-hans": body}, "children": list(children)}


def report(format="2021", sections=None, **extra):
    if sections is None:
        sections = [part(heading, f"{heading}的正文。") for heading in formats.STANDARD_PARTS]
    tables = standard_tables(format) if format != "legacy" else None
    return {"format": format, "year": 2024, "tables": tables, "sections": sections, **extra}


def messages(document):
    return [f.message for f in completeness.findings(document)]


def test_a_complete_report_has_no_finding():
    assert completeness.findings(report()) == []


def test_an_empty_required_part_names_itself_and_stops_publication():
    document = report()
    document["sections"][5]["body"] = {"zh-hans": "  "}
    (finding,) = completeness.findings(document)
    assert finding.message.startswith("「六、其他需要报告的事项」下没有正文（年报格式规定的部分")
    assert finding.blocks_publishing and not finding.blocking and finding.anchor == "part-6"


def test_a_part_that_holds_its_table_is_not_empty():
    # The official form puts nothing but the table under 二、三、四.
    document = report()
    for index in (1, 2, 3):
        document["sections"][index]["body"] = {"zh-hans": ""}
    assert completeness.findings(document) == []


def test_the_problems_part_that_holds_the_rectification_items_is_not_empty():
    document = report(rectifications=[{"problem": {"zh-hans": "公开不及时。"}, "measure": {"zh-hans": "按月检查。"}}])
    document["sections"][4]["body"] = {"zh-hans": ""}
    assert completeness.findings(document) == []


def test_an_empty_sub_section_is_a_warning_reported_once_at_its_highest_empty_heading():
    sections = [part(h, f"{h}。") for h in formats.STANDARD_PARTS]
    sections[0] = part(
        "总体情况", "", [part("主动公开", "主动公开的正文。"), part("依申请公开", "", [part("办理情况")])]
    )
    (finding,) = completeness.findings(report(sections=sections))
    assert finding.message == "「一、（二）依申请公开」下没有正文"
    assert not finding.blocks_publishing and finding.anchor == "part-1-2"


def test_a_part_whose_text_is_in_its_sub_sections_is_not_empty():
    sections = [part(h, f"{h}。") for h in formats.STANDARD_PARTS]
    sections[0] = part("总体情况", "", [part("主动公开", "主动公开的正文。")])
    assert completeness.findings(report(sections=sections)) == []


@pytest.mark.parametrize("format", ["2019", "legacy"])
def test_only_the_2021_format_makes_an_empty_part_stop_publication(format):
    sections = [part("总体情况", "正文。"), part("其他需要报告的事项")]
    (finding,) = completeness.findings(report(format, sections=sections))
    assert finding.message == "「二、其他需要报告的事项」下没有正文" and not finding.blocks_publishing


def test_a_heading_without_words_is_still_named_by_its_number():
    sections = [part(h, f"{h}。") for h in formats.STANDARD_PARTS] + [part("")]
    assert messages(report(sections=sections)) == ["「七、」（没有标题）下没有正文"]


def test_rectification_and_plan_items_without_text():
    document = report(
        rectifications=[
            {"problem": {"zh-hans": "局属单位公共服务信息公开标准不够统一。"}, "measure": {"zh-hans": ""}},
            {"problem": {"zh-hans": ""}, "measure": {"zh-hans": "按月检查。"}},
            {"problem": {"zh-hans": ""}, "measure": {"zh-hans": ""}},
        ],
        plans=[{"text": {"zh-hans": "加强培训。"}}, {"text": {"zh-hans": " "}}],
    )
    assert messages(document) == [
        "整改事项1（“局属单位公共服务信息公开标准不够……”）没有填写整改措施",
        "整改事项2没有填写存在的问题",
        "整改事项3没有内容",
        "工作计划2没有内容",
    ]
    assert [f.anchor for f in completeness.findings(document)] == [
        "rectification-1",
        "rectification-2",
        "rectification-3",
        "plan-2",
    ]


def test_completeness_runs_with_every_other_check():
    document = report()
    document["sections"][0]["body"] = {"zh-hans": ""}
    assert [f.check for f in rules.run(document)] == ["completeness"]


@pytest.mark.django_db
def test_check_report_lists_the_empty_parts_as_the_admin_does():
    from disclosure.models import Section
    from tests.commands import run
    from tests.factories import make_report

    draft = make_report(format="2021", year=2024, tables=standard_tables(), levels=(1, 1, 1, 1, 1, 2, 1))
    Section.objects.filter(report=draft, position=6).update(body_zh_hans="")
    Section.objects.filter(report=draft, position=7).update(heading_zh_hans="其他需要报告的事项", body_zh_hans="")
    out, _ = run("check_report", "2024", "sports-bureau")
    assert "提示 completeness sections.part-5-1: 「五、（一）第6节标题」下没有正文\n" in out
    assert "提示 completeness sections.part-6: 「六、其他需要报告的事项」下没有正文（年报格式规定的部分" in out
    assert "0处错误，2项提示" in out


@pytest.mark.django_db
def test_submitting_from_the_command_line_lists_what_the_reviewer_will_be_asked():
    from disclosure.models import Section
    from disclosure.publishing import workflow
    from tests.commands import run
    from tests.factories import make_body, make_report, make_staff

    body = make_body()
    make_staff("editor", workflow.EDITOR, body)
    draft = make_report(body, format="2021", year=2024, tables=standard_tables(), levels=(1, 2))
    Section.objects.filter(report=draft, position=2).update(body_zh_hans="")
    out, _ = run("report_transition", "2024", "sports-bureau", "submit", user="editor")
    assert "提示（审核人须确认）：「一、（一）第2节标题」下没有正文" in out
