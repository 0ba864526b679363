"""interchange.py and its commands: load_report, dump_report, check_report (disclosure-report/1)."""

import copy
import json

import pytest

from disclosure.models import Body, Report, ReportEvent, Revision
from disclosure.publishing import interchange
from tests.commands import run, run_from_shell
from tests.factories import add_items, make_body, make_report, publish, standard_tables

pytestmark = pytest.mark.django_db


def full_document(year=2024, tables=None):
    return {
        "schema": "disclosure-report/1",
        "format": "2021",
        "year": year,
        "body": {"slug": "sports-bureau", "name": {"zh-hans": "锦州市体育局", "en": "Jinzhou Sports Bureau"}},
        "title": {"zh-hans": f"锦州市体育局{year}年政府信息公开工作年度报告", "en": f"Annual Report {year}"},
        "published_on": f"{year + 1}-01-20",
        "source": "锦州市体育局",
        "preamble": "本报告根据《中华人民共和国政府信息公开条例》编制。",
        "sections": [
            {
                "heading": "总体情况",
                "body": "全年共收到政府信息公开申请14069件。",
                "children": [{"heading": {"zh-hans": "主动公开情况", "en": "Proactive disclosure"}, "body": "略。"}],
            },
            {"heading": "主动公开政府信息情况", "body": "", "children": []},
        ],
        "rectifications": [
            {
                "problem": "公开内容不够全面",
                "measure": "加强培训",
                "status": "done",
                "responsible": "办公室",
                "due": f"{year + 1}-06-30",
            }
        ],
        "plans": [{"text": "深化重点领域信息公开", "responsible": "", "due": None}],
        "tables": standard_tables() if tables is None else tables,
    }


def test_load_creates_the_body_and_a_draft():
    report, findings = interchange.load(full_document())
    assert findings == []
    assert report.status == Report.Status.DRAFT
    assert Body.objects.get(slug="sports-bureau").name_en == "Jinzhou Sports Bureau"
    assert [(s.level, s.heading_zh_hans) for s in report.sections.all()] == [
        (1, "总体情况"),
        (2, "主动公开情况"),
        (1, "主动公开政府信息情况"),
    ]
    assert report.sections.get(level=2).heading_en == "Proactive disclosure"
    assert report.title_zh_hant == "錦州市體育局2024年政府信息公開工作年度報告"  # derived, not read
    assert report.tables["requests"]["results_total"]["total"] == 13810
    assert report.tables["active"]["fees"]["amount"] == "0.00"
    assert report.events.get().action == "load"
    assert not Revision.objects.exists()  # loading never publishes


def test_dump_load_dump_gives_the_same_document():
    body = make_body()
    report = make_report(body, 2024, levels=(1, 2, 3, 4, 1), format="2021", tables=standard_tables())
    add_items(report)
    report.title_en = "An English title"
    report.save()
    first = interchange.dump(report)
    Report.objects.all().delete()
    loaded, _findings = interchange.load(copy.deepcopy(first))
    assert interchange.dump(loaded) == first


def test_dump_report_and_load_report_commands_round_trip(tmp_path):
    report = make_report(make_body(), 2024, format="2021", tables=standard_tables())
    path = tmp_path / "report.json"
    run("dump_report", 2024, "sports-bureau", output=str(path))
    before = json.loads(path.read_text(encoding="utf-8"))
    assert before["tables"]["appeals"]["reconsideration"]["total"] == 790
    out, err = run("load_report", str(path))
    assert "已载入为工作稿" in out and err == ""
    report.refresh_from_db()
    assert interchange.dump(report) == before


def test_dump_report_all_writes_one_file_per_report(tmp_path):
    body = make_body()
    make_report(body, 2015)
    publish(make_report(body, 2016))
    out, _ = run("dump_report", all=str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2015-sports-bureau.json", "2016-sports-bureau.json"]
    assert "已导出2份年报" in out
    run("dump_report", all=str(tmp_path / "public"), published=True)
    assert [p.name for p in (tmp_path / "public").iterdir()] == ["2016-sports-bureau.json"]


def test_a_backup_restores_into_an_empty_database(tmp_path):
    """The portal's own backup (dump_report --all) loads back into a database that has lost everything."""
    body = make_body()
    originals = {}
    for year in (2023, 2024):
        report = make_report(body, year, format="2021", tables=standard_tables())
        add_items(report)
        originals[year] = interchange.dump(report)
    run("dump_report", all=str(tmp_path))
    Report.objects.all().delete()
    Body.objects.all().delete()
    for path in sorted(tmp_path.iterdir()):
        run("load_report", str(path))
    for year, original in originals.items():
        assert interchange.dump(Report.objects.get(year=year)) == original


def test_loading_over_a_published_report_is_an_edit_the_public_sees_only_at_the_next_publish():
    report = make_report(make_body(), 2024, format="2021", tables=standard_tables())
    publish(report)
    doc = interchange.dump(report)
    doc["title"]["zh-hans"] = "更正后的标题"
    loaded, _ = interchange.load(doc)
    assert loaded.pk == report.pk and loaded.status == Report.Status.DRAFT
    assert Revision.objects.public().get().title_zh_hans != "更正后的标题"
    event = ReportEvent.objects.filter(report=report, action="load").get()
    assert any(change["after"] == "更正后的标题" for change in event.changes)


def test_a_document_that_fails_the_checks_is_loaded_as_a_draft_with_the_failures():
    tables = standard_tables()
    tables["requests"]["granted"]["total"] = 272
    tables["requests"]["granted"]["natural_person"] = 270
    tables["requests"]["granted"]["commercial"] = 0
    tables["requests"]["granted"]["legal_service"] = 0
    report, findings = interchange.load(full_document(tables=tables))
    assert report.status == Report.Status.DRAFT
    assert "予以公开：总计 272 ≠ 各列之和 270" in [f.message for f in findings]


def test_load_report_prints_failures_with_their_paths(tmp_path):
    tables = standard_tables()
    tables["appeals"]["reconsideration"]["total"] = 1
    path = tmp_path / "r.json"
    path.write_text(json.dumps(full_document(tables=tables), ensure_ascii=False), encoding="utf-8")
    out, err = run("load_report", str(path))
    assert "错误：tables.appeals.reconsideration.total: 行政复议：总计 1 ≠" in err
    assert "统计表有1处错误" in out


MALFORMED = [
    (lambda d: d.update(schema="disclosure-report/2"), "schema"),
    (lambda d: d.update(format="2020"), "format"),
    (lambda d: d.update(year="2024"), "year"),
    (lambda d: d.update(colour="red"), "colour"),
    (lambda d: d["body"].update(slug="体育局"), "body.slug"),
    (lambda d: d["body"].update(kind="ministry"), "body.kind"),
    (lambda d: d["body"].pop("name"), "body.name"),
    (lambda d: d.update(title=""), "title"),
    (lambda d: d.update(title={"zh-hans": "标题", "fr": "Titre"}), "title.fr"),
    (lambda d: d.update(title={"zh-hans": 3}), "title.zh-hans"),
    (lambda d: d.update(title=["标题"]), "title"),
    (lambda d: d.update(published_on="2025/01/20"), "published_on"),
    (lambda d: d.update(sections={}), "sections"),
    (lambda d: d["sections"][0].update(heading=None), "sections[0].heading"),
    (lambda d: d["sections"][0]["children"][0].update(body=3), "sections[0].children[0].body"),
    (
        lambda d: d["sections"][0]["children"][0].update(
            children=[{"heading": "三", "children": [{"heading": "四", "children": [{"heading": "五"}]}]}]
        ),
        "sections[0].children[0].children[0].children[0].children[0]",
    ),
    (lambda d: d["rectifications"][0].update(status="finished"), "rectifications[0].status"),
    (lambda d: d["rectifications"][0].update(due="soon"), "rectifications[0].due"),
    (lambda d: d["plans"].append("一条计划"), "plans[1]"),
    (lambda d: d["plans"][0].pop("text"), "plans[0].text"),
    (lambda d: d["tables"].update(extra={}), "tables.extra"),
    (lambda d: d["tables"]["requests"].update(refused={}), "tables.requests.refused"),
    (lambda d: d["tables"]["requests"]["granted"].update(companies=1), "tables.requests.granted.companies"),
    (lambda d: d["tables"]["requests"]["granted"].update(total="272"), "tables.requests.granted.total"),
    (lambda d: d["tables"]["requests"]["granted"].update(total=2.5), "tables.requests.granted.total"),
    (lambda d: d["tables"]["active"]["fees"].update(amount="free"), "tables.active.fees.amount"),
    (lambda d: d.update(format="legacy"), "tables"),
]


@pytest.mark.parametrize(("spoil", "path"), MALFORMED)
def test_a_malformed_document_is_refused_with_its_path_and_nothing_is_written(spoil, path):
    doc = full_document()
    spoil(doc)
    with pytest.raises(interchange.Malformed) as refused:
        interchange.load(doc)
    assert path in [p for p, _message in refused.value.problems]
    assert not Report.objects.exists() and not Body.objects.exists()


def test_every_problem_is_listed_at_once(tmp_path, capsys):
    doc = full_document()
    doc["year"], doc["format"] = "x", "2020"
    doc["tables"] = []
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _out, err = run_from_shell("load_report", str(path), capsys=capsys)
    assert code != 0
    assert "未载入，数据库未作任何改动。文档有2处问题" in err
    assert "  year: 应为 2008 至 2100 之间的整数年度" in err and "  format: 应为 legacy、2019 或 2021 之一" in err


def test_load_report_refuses_a_file_that_is_not_json(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text('{"schema": "disclosure-report/1",', encoding="utf-8")
    code, _out, err = run_from_shell("load_report", str(path), capsys=capsys)
    assert code != 0 and "不是有效的 JSON（第1行第" in err


def test_loading_an_existing_body_does_not_rename_it():
    make_body(name="锦州市体育局（旧名）")
    doc = full_document()
    report, _ = interchange.load(doc)
    assert report.body.name_zh_hans == "锦州市体育局（旧名）"


def test_check_report_exits_non_zero_on_a_blocking_failure(capsys):
    tables = standard_tables()
    tables["requests"]["carried_over"]["research"] = None
    make_report(make_body(), 2024, format="2021", tables=tables)
    code, out, err = run_from_shell("check_report", "2024", "sports-bureau", capsys=capsys)
    assert code != 0
    assert "错误 cell tables.requests.carried_over.research: 表三“上年结转政府信息公开申请数量·科研机构”未填写" in out
    assert "1处错误，0项提示" in err


def test_check_report_lists_warnings_and_passes(capsys):
    body = make_body()
    last = make_report(body, 2023, format="2021", tables=standard_tables())
    publish(last)
    make_report(body, 2024, format="2021", tables=standard_tables())  # 上年结转 560 ≠ last year's 819
    code, out, _err = run_from_shell("check_report", "2024", "sports-bureau", capsys=capsys)
    assert code in (0, None)
    # One warning for the four columns carried over differently (issue 17; it was one per column).
    assert "提示 carry-over tables.requests.carried_over: 上年结转与2023年度年报的“结转下年度继续办理”不一致" in out
    assert "总计 560（2023年度年报 819）" in out
    assert "0处错误" in out


def test_commands_name_what_is_missing():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="没有 nobody 的2024年度年报"):
        run("check_report", 2024, "nobody")
    with pytest.raises(CommandError, match="请给出年度和机构"):
        run("dump_report")
    with pytest.raises(CommandError, match="没有公众可见的已发布版本"):
        make_report(make_body(), 2024)
        run("dump_report", 2024, "sports-bureau", published=True)


# --- documents and figures no report needs (issue 15): refused before parsing deeper, nothing written ---------


def write_json(tmp_path, text):
    path = tmp_path / "doc.json"
    path.write_text(text, encoding="utf-8")
    return path


def refused(path, capsys):
    code, out, err = run_from_shell("load_report", str(path), capsys=capsys)
    assert code != 0 and "Traceback" not in err and out == ""
    assert not Report.objects.exists() and not Body.objects.exists()
    return err


def test_load_report_refuses_a_number_of_5000_digits(tmp_path, capsys):
    text = json.dumps(full_document(), ensure_ascii=False)
    text = text.replace('"total": 790', '"total": ' + "9" * 5000, 1)
    err = refused(write_json(tmp_path, text), capsys)
    assert "数字过长" in err and "第1行第" in err


def test_load_report_refuses_deeply_nested_json(tmp_path, capsys):
    doc = full_document()
    doc["preamble"] = "[[[{不是结构}]]]"  # brackets inside a string do not count
    text = json.dumps(doc, ensure_ascii=False)
    text = text.replace('"plans": [', '"plans": [' + "[" * 100000 + "]" * 100000 + ", ", 1)
    err = refused(write_json(tmp_path, text), capsys)
    assert "嵌套超过" in err


def test_load_report_refuses_an_oversized_document_before_reading_it(tmp_path, capsys):
    doc = full_document()
    doc["preamble"] = "本报告根据条例编制。" * (interchange.MAX_BYTES // 30 + 1)
    path = write_json(tmp_path, json.dumps(doc, ensure_ascii=False))
    assert path.stat().st_size > interchange.MAX_BYTES
    err = refused(path, capsys)
    assert "超过载入文档 2 MB 的上限" in err


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("requests.granted.total", "1000000000", "超出范围"),
        ("active.fees.amount", '"1e10000000"', "科学计数法"),
        ("active.fees.amount", "1e10000000", "超出范围"),  # a JSON number past a float's range: infinity
        ("active.fees.amount", '"1000000000.00"', "超出范围"),
    ],
)
def test_load_report_refuses_a_figure_no_table_can_hold_with_its_path(tmp_path, capsys, cell, value, message):
    table, row, column = cell.split(".")
    doc = full_document()
    doc["tables"][table][row][column] = "@@figure@@"
    path = write_json(tmp_path, json.dumps(doc, ensure_ascii=False).replace('"@@figure@@"', value))
    err = refused(path, capsys)
    line = next(line for line in err.splitlines() if f"tables.{cell}:" in line)
    assert message in line and len(line) < 200


def test_a_document_at_the_limits_is_loaded(tmp_path):
    tables = standard_tables()
    tables["active"]["fees"]["amount"] = "999999999.99"
    tables["active"]["licensing"]["decisions"] = 999999999
    doc = full_document(tables=tables)
    text = json.dumps(doc, ensure_ascii=False)
    room = interchange.MAX_BYTES - len(text.encode()) - 100
    sentence = "本报告根据《中华人民共和国政府信息公开条例》编制。".encode()
    filler = sentence * (room // len(sentence)) + "编".encode() * (room % len(sentence) // 3)
    doc["preamble"] = filler.decode()
    path = write_json(tmp_path, json.dumps(doc, ensure_ascii=False))
    assert interchange.MAX_BYTES - 300 < path.stat().st_size <= interchange.MAX_BYTES
    out, _err = run("load_report", str(path))
    assert "已载入为工作稿" in out
    report = Report.objects.get()
    assert report.tables["active"]["fees"]["amount"] == "999999999.99"
    assert report.tables["active"]["licensing"]["decisions"] == 999999999


def test_the_demo_documents_are_well_inside_the_limits():
    from disclosure.management.commands.load_demo import DOCUMENTS

    for path in DOCUMENTS.glob("*.json"):
        assert path.stat().st_size * 20 < interchange.MAX_BYTES
        assert interchange.parse(path.read_bytes())["schema"] == "disclosure-report/1"


def test_load_report_refuses_nan_and_infinity(tmp_path, capsys):
    text = json.dumps(full_document(), ensure_ascii=False).replace('"amount": "0.00"', '"amount": NaN', 1)
    assert "NaN" in text
    assert "含有 NaN" in refused(write_json(tmp_path, text), capsys)
