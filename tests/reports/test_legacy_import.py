"""legacy_import.py: legacy report text → a draft working copy; nothing written unless the whole text parses."""

import datetime

import pytest
from django.core.management import call_command

from disclosure.models import Body, PlanItem, RectificationItem, Report, Revision, Section
from disclosure.reports.legacy_import import ImportFailed, clean, import_report, parse, parse_number
from disclosure.reports.numbering import number_outline
from tests import dom
from tests.factories import SEED, import_seed, make_body, make_report, publish

SEED_TEXT = SEED.read_text(encoding="utf-8")
TITLE = "市体育局2016年度政府信息公开工作报告"
HEADER = f"{TITLE}\n发布时间:2017年03月28日  来源:市体育局办公室 字体:\n"  # lines 1 and 2


@pytest.fixture(scope="module")
def seed():
    return parse(SEED_TEXT, 2016)


def outline(sections):
    """[(number, heading)] in order, numbered the way the page numbers them."""
    labels = number_outline([s.level for s in sections])
    return list(zip(labels, [s.heading for s in sections], strict=True))


def children(sections, index):
    """The sections directly below sections[index]."""
    parent = sections[index].level
    found = []
    for section in sections[index + 1 :]:
        if section.level <= parent:
            break
        if section.level == parent + 1:
            found.append(section)
    return found


# --- the seed report ------------------------------------------------------------------------------


def test_seed_header(seed):
    assert seed.title == TITLE
    assert seed.published_on == datetime.date(2017, 3, 28)
    # "来源: 字体:" names no source; the importer then uses the body's name.
    assert seed.source == ""


def test_seed_preamble_is_the_text_before_the_first_part(seed):
    assert len(seed.preamble) == 1
    assert seed.preamble[0].startswith(
        "按照《关于贯彻落实辽宁省人民政府办公厅2016年政府信息公开工作要点的实施意见》要求，"
    )
    assert seed.preamble[0].endswith("现将2016年市体育局政府信息公开工作报告如下：")


def test_seed_has_three_top_level_parts(seed):
    top = [s for s in seed.sections if s.level == 1]
    assert [(s.line, s.heading) for s in top] == [
        (9, "扎实有效地推进信息公开工作"),
        (75, "存在的问题及整改情况"),
        (79, "2017年的主要工作打算"),
    ]


def test_seed_part_one_has_six_subsections(seed):
    subsections = children(seed.sections, 0)
    assert [s.heading for s in subsections] == [
        "加强信息公开组织领导",
        "信息公开建设持续加强",
        "拓宽渠道，创新形式，及时准确全面地公开了信息",
        "网站、公报、新闻发布会及查阅场所等公开渠道建设及作用发挥情况",
        "积极开展“5·15政务公开日”宣传活动，加强政府信息公开工作的宣传和引导，提高认识",
        "积极参加学习政府信息公开培训",  # the trailing 。 of the source line is not part of a heading
    ]


def test_seed_numbered_items_under_its_second_and_third_subsections(seed):
    index_of = {s.heading: i for i, s in enumerate(seed.sections)}
    second = children(seed.sections, index_of["信息公开建设持续加强"])
    third = children(seed.sections, index_of["拓宽渠道，创新形式，及时准确全面地公开了信息"])
    assert [s.heading for s in second] == [
        "进一步推进对政府信息公开工作开展",
        "进一步加强对政府信息公开工作的认识",
        "进一步做好政府信息公开协调工作",
        "进一步加强对政府信息公开工作的领导和监督",
    ]
    assert [s.heading for s in third] == [
        "拓宽公开渠道，主动开展信息公开",
        "积极开展依申请公开工作",
        "规范工作制度建立，提高认识",
        "关切提高认识，及时回应社会关切",
        "重大政策征求意见和解读",
        "建议提案办理",
    ]
    assert {s.level for s in second + third} == {3}


def test_seed_outline_is_numbered_as_gb_t_9704(seed):
    assert len(seed.sections) == 19
    numbered = outline(seed.sections)
    assert numbered[:4] == [
        ("一、", "扎实有效地推进信息公开工作"),
        ("（一）", "加强信息公开组织领导"),
        ("（二）", "信息公开建设持续加强"),
        ("1.", "进一步推进对政府信息公开工作开展"),
    ]
    assert [number for number, _ in numbered] == [
        "一、",
        "（一）",
        "（二）",
        "1.",
        "2.",
        "3.",
        "4.",
        "（三）",
        "1.",
        "2.",
        "3.",
        "4.",
        "5.",
        "6.",
        "（四）",
        "（五）",
        "（六）",
        "二、",
        "三、",
    ]


def test_seed_section_text_is_kept_under_its_heading(seed):
    first_sub = seed.sections[1]
    assert first_sub.paragraphs == [
        "2016年市体育局认真贯彻落实《中华人民共和国政府信息公开条例》和市政府办公厅印发的"
        "《关于贯彻落实辽宁省人民政府办公厅2016年度信息公开工作要点的实施意见》文件精神，"
        "市体育局领导高度重视政府信息公开工作，并将其列入重要议事日程。明确了市体育局信息公开工作领导小组。"
    ]
    # Site chrome after the body (网站地图 | 关于我们 …, 版权所有 …) is not part of the last section.
    assert all("版权所有" not in p and "网站地图" not in p for s in seed.sections for p in s.paragraphs)


def test_seed_rectification_items(seed):
    assert seed.rectifications == [
        "对政府信息公开工作的重要性和意义的认识还需要进一步深化和提高。",
        "政府信息公开的广度和深度还需要进一步拓展和延伸。",
        "公开的方式、渠道、方法还需要进一步探索和完善。",
        "各相关部门协调和沟通还需要进一步密切和加强。",
    ]
    # The introduction stays as the section's text; the clauses moved to the items.
    problems = seed.sections[17]
    assert problems.paragraphs == [
        "市体育局尽管在政府信息公开的工作中，虽然采取了一些措施，取得了一些成绩和良好的社会效果，但仍然存在着一些不足。"
    ]


def test_seed_plan_items(seed):
    assert seed.plans == [
        "加强培训学习，造就一支信息公开技术过硬的队伍。",
        "主动开展调查研究，关注社会各方需要。不断完善公开的渠道方式。",
        "加强宣传，提高认识。要进一步加强政府信息公开工作的宣传和引导，提高各级机关人员和民众对政府信息公开重要性的认识。",
        "抓好抓实规章制度的落实，按规定及时报送公开信息，及时进行政府信息公开、考核和监督检查工作。",
        "严格政府信息公开纪律，规范信息公开行为。",
        "加强联系沟通和协调，查缺补漏，着力解决各方面存在的问题。",
    ]
    plan = seed.sections[18]
    assert plan.paragraphs == [
        "2017年，我局将进一步加强对政府信息公开工作的领导，认真制定切实可行的措施，以求真务实的作风，"
        "扎实做好信息公开工作，重点抓好以下四项工作："
    ]


def test_seed_warns_about_four_announced_six_listed_and_the_doubled_shi(seed):
    assert len(seed.warnings) == 2
    lines = {line for line, _ in seed.warnings}
    assert lines == {79}
    messages = [message for _, message in seed.warnings]
    count = next(m for m in messages if "项" in m and "实际" in m)
    assert "4项" in count
    assert "6项" in count
    doubled = next(m for m in messages if "是是" in m)
    assert "三是是" in doubled


def test_half_width_punctuation_beside_chinese_becomes_full_width(seed):
    preamble = seed.preamble[0]
    assert "要求，市体育局" in preamble
    assert "如下：" in preamble
    assert "," not in preamble and ":" not in preamble
    assert seed.sections[1].heading == "加强信息公开组织领导"  # from "(一)加强信息公开组织领导"
    everything = " ".join([*seed.preamble, *(p for s in seed.sections for p in [s.heading, *s.paragraphs])])
    for half in ",;:?!()":
        assert half not in everything, half


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("要求,市体育局", "要求，市体育局"),
        ("如下:", "如下："),
        ("问题(重要)如下", "问题（重要）如下"),
        ("是否公开?是!", "是否公开？是！"),
        ("一是加强培训;二是", "一是加强培训；二是"),
        ("在5.15日", "在5.15日"),  # a decimal point is not Chinese punctuation
        ("共5,000元", "共5,000元"),  # a thousands separator between digits stays
        ("共(1)项", "共(1)项"),  # a number in brackets between digits and Chinese stays as typed
        ("\u3000\u3000全角空格\xa0和  多个空格  ", "全角空格 和 多个空格"),
    ],
)
def test_clean(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(("text", "n"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99), ("7", 7)])
def test_parse_number(text, n):
    assert parse_number(text) == n


# --- import_report writes the working copy ----------------------------------------------------------


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Body, Report, Section, RectificationItem, PlanItem, Revision)
    }


@pytest.mark.django_db
def test_import_seed_creates_a_draft_working_copy():
    report, warnings = import_seed()
    assert report.title_zh_hans == TITLE
    assert report.published_on == datetime.date(2017, 3, 28)
    assert report.status == Report.Status.DRAFT
    assert report.format == Report.Format.LEGACY
    assert report.source_zh_hans == "锦州市体育局"  # no 来源 in the text: the body's name
    assert report.preamble_zh_hans.startswith("按照《关于贯彻落实")
    assert report.sections.filter(level=1).count() == 3
    assert report.sections.count() == 19
    assert report.rectifications.count() == 4
    assert report.plans.count() == 6
    assert Revision.objects.count() == 0  # importing never publishes
    assert len(warnings) == 2
    # Traditional text is derived on save, as for any edit.
    assert report.title_zh_hant == "市體育局2016年度政府信息公開工作報告"
    positions = list(report.sections.values_list("position", flat=True))
    assert positions == list(range(1, 20))
    assert list(report.sections.values_list("level", flat=True)) == [
        1,
        2,
        2,
        3,
        3,
        3,
        3,
        2,
        3,
        3,
        3,
        3,
        3,
        3,
        2,
        2,
        2,
        1,
        1,
    ]
    assert list(report.plans.values_list("position", flat=True)) == [1, 2, 3, 4, 5, 6]


@pytest.mark.django_db
def test_source_in_the_text_is_kept():
    report, _ = import_report(HEADER + "一、总体情况\n正文。\n", make_body(), 2016)
    assert report.source_zh_hans == "市体育局办公室"


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing():
    body = make_body()
    first, _ = import_report(SEED_TEXT, body, 2016)
    before = counts()
    headings = list(Section.objects.values_list("heading_zh_hans", flat=True))
    second, _ = import_report(SEED_TEXT, body, 2016)
    assert second.pk == first.pk
    assert counts() == before
    assert before["Report"] == 1
    assert before["Section"] == 19
    assert before["RectificationItem"] == 4
    assert before["PlanItem"] == 6
    assert list(Section.objects.values_list("heading_zh_hans", flat=True)) == headings


@pytest.mark.django_db
def test_reimport_replaces_the_working_copy_and_clears_stale_english():
    body = make_body()
    report, _ = import_report(SEED_TEXT, body, 2016)
    report.title_en = "An English title of the old text"
    report.save()
    report, _ = import_report(HEADER + "一、总体情况\n正文。\n", body, 2016)
    report.refresh_from_db()
    assert report.title_en == ""
    assert list(report.sections.values_list("heading_zh_hans", flat=True)) == ["总体情况"]
    assert report.rectifications.count() == 0
    assert report.plans.count() == 0


@pytest.mark.django_db
def test_reimport_over_a_published_report_leaves_the_public_page_unchanged(client):
    body = make_body()
    report, _ = import_report(SEED_TEXT, body, 2016)
    revision = publish(report)
    document = revision.document
    url = "/reports/2016/sports-bureau/"
    page_before = dom.parse(client.get(url)).find("article", class_="report").text

    import_report(HEADER + "一、全新的章节\n全新的正文。\n", body, 2016)

    assert Revision.objects.count() == 1
    revision.refresh_from_db()
    assert revision.number == 1
    assert revision.document == document
    assert Revision.objects.public().get() == revision
    response = client.get(url)
    assert response.status_code == 200
    page_after = dom.parse(response).find("article", class_="report").text
    assert page_after == page_before
    assert "全新的章节" not in page_after
    assert "扎实有效地推进信息公开工作" in page_after


# --- malformed input: ImportFailed with the line number, database untouched -----------------------

MALFORMED = {
    "empty file": ("", 1, "文件是空的"),
    "only blank lines": ("\n \n\u3000\n", 1, "文件是空的"),
    "no title": ("信息公开年报\n发布时间:2017年03月28日\n一、总体情况\n正文。\n", 2, "没有报告标题"),
    "no title and no date": ("一些文字\n一、总体情况\n正文。\n", 1, "未找到报告标题"),
    "invalid date": (f"{TITLE}\n\n发布时间:2017年13月40日\n\n一、总体情况\n正文。\n", 3, "不是有效日期"),
    "numbering gap": (HEADER + "一、总体情况\n正文。\n\n三、存在的问题\n正文。\n", 6, "不连续"),
    "（二） without （一）": (HEADER + "一、总体情况\n正文。\n（二）依申请公开\n正文。\n", 5, "不连续"),
    "more than four levels": (
        HEADER + "一、总体情况\n（一）主动公开\n1、规章\n（1）制发情况\n正文。\n①本年制发\n正文。\n",
        8,
        "超过4层",
    ),
    "title year differs from --year": (
        "首页 > 信息公开年报\n市体育局2015年度政府信息公开工作报告\n\n发布时间:2016年03月28日\n一、总体情况\n",
        2,
        "2015",
    ),
    "no numbered part": (HEADER + "只有一段正文，没有编号。\n", 2, "未找到任何带编号的章节"),
}


@pytest.mark.parametrize(("text", "line", "reason"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_text_fails_with_the_line_number(text, line, reason):
    with pytest.raises(ImportFailed) as failure:
        parse(text, 2016)
    assert failure.value.errors[0][0] == line
    assert reason in failure.value.errors[0][1]
    assert str(failure.value).startswith(f"第{line}行：")


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "line", "reason"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_text_leaves_the_database_untouched(text, line, reason):
    body = make_body()
    before = counts()
    with pytest.raises(ImportFailed, match=f"第{line}行"):
        import_report(text, body, 2016)
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "line", "reason"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_text_leaves_an_existing_report_untouched(text, line, reason):
    body = make_body()
    existing, _ = import_report(SEED_TEXT, body, 2016)
    publish(existing)
    before = counts()
    snapshot = (
        Report.objects.filter(pk=existing.pk).values().get(),
        list(Section.objects.values_list("pk", "position", "level", "heading_zh_hans", "body_zh_hans")),
        list(PlanItem.objects.values_list("pk", "text_zh_hans")),
        list(RectificationItem.objects.values_list("pk", "problem_zh_hans")),
    )
    with pytest.raises(ImportFailed, match=f"第{line}行"):
        import_report(text, body, 2016)
    assert counts() == before
    assert snapshot == (
        Report.objects.filter(pk=existing.pk).values().get(),
        list(Section.objects.values_list("pk", "position", "level", "heading_zh_hans", "body_zh_hans")),
        list(PlanItem.objects.values_list("pk", "text_zh_hans")),
        list(RectificationItem.objects.values_list("pk", "problem_zh_hans")),
    )


def test_every_error_is_reported_not_only_the_first():
    text = HEADER + "一、总体情况\n三、跳号\n（二）缺少（一）\n"
    with pytest.raises(ImportFailed) as failure:
        parse(text, 2016)
    assert [line for line, _ in failure.value.errors] == [4, 5]
    assert "第4行：" in str(failure.value)
    assert "第5行：" in str(failure.value)


def test_fifth_level_numbering_above_the_fourth_level_is_an_ordinary_paragraph():
    parsed = parse(HEADER + "一、总体情况\n①第一点。\n②第二点。\n", 2016)
    assert [(s.level, s.heading, s.paragraphs) for s in parsed.sections] == [
        (1, "总体情况", ["①第一点。", "②第二点。"])
    ]


def test_a_skipped_heading_style_is_renumbered_with_a_warning():
    parsed = parse(HEADER + "一、总体情况\n1、主动公开\n正文。\n2、依申请公开\n二、问题\n", 2016)
    assert [(s.level, s.heading) for s in parsed.sections] == [
        (1, "总体情况"),
        (2, "主动公开"),
        (2, "依申请公开"),
        (1, "问题"),
    ]
    assert [line for line, _ in parsed.warnings] == [4, 6]
    assert all("第2层" in message for _, message in parsed.warnings)


def test_a_long_heading_line_carrying_its_first_paragraph_is_split():
    heading = "积极开展政府信息公开工作" * 5
    parsed = parse(HEADER + f"一、{heading}。全年主动公开信息120条。\n", 2016)
    assert parsed.sections[0].heading == heading
    assert parsed.sections[0].paragraphs == ["全年主动公开信息120条。"]


def test_missing_date_is_a_warning_not_an_error():
    parsed = parse(f"{TITLE}\n一、总体情况\n正文。\n", 2016)
    assert parsed.published_on is None
    assert parsed.warnings == [(1, "未找到“发布时间”，发布日期留空，发布时取当天日期。")]


# --- through the command: encodings -----------------------------------------------------------------


@pytest.mark.django_db
def test_gb18030_file_imports_through_the_command(tmp_path, capsys):
    make_body()
    path = tmp_path / "seed-gbk.txt"
    path.write_bytes(SEED_TEXT.encode("gb18030"))
    call_command("import_report", str(path), body="sports-bureau", year=2016)
    report = Report.objects.get()
    assert report.title_zh_hans == TITLE
    assert report.sections.count() == 19
    assert report.sections.first().heading_zh_hans == "扎实有效地推进信息公开工作"
    assert report.plans.count() == 6


@pytest.mark.django_db
def test_utf8_file_with_a_byte_order_mark_imports_through_the_command(tmp_path):
    make_body()
    path = tmp_path / "seed-bom.txt"
    path.write_bytes(SEED_TEXT.encode("utf-8-sig"))
    call_command("import_report", str(path), body="sports-bureau", year=2016)
    assert Report.objects.get().title_zh_hans == TITLE


@pytest.mark.django_db
def test_import_does_not_touch_other_bodies_or_years():
    body = make_body()
    other = make_report(make_body("education-bureau", "锦州市教育局"), year=2016)
    same_body_other_year = make_report(body, year=2015)
    import_report(SEED_TEXT, body, 2016)
    assert other.sections.count() == 4
    assert same_body_other_year.sections.count() == 4
    assert Report.objects.count() == 3
