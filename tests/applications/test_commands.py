"""load_applications, dump_applications and application_table as run from a shell."""

import copy
import json

import pytest

from disclosure.models import Application
from tests.applications.factories import PERSON, varied_register
from tests.applications.test_interchange import EXAMPLE
from tests.commands import run, run_from_shell
from tests.factories import make_body


@pytest.fixture
def body(db):
    return make_body()


def test_load_then_dump_with_and_without_personal_data(body, tmp_path, capsys):
    path = tmp_path / "register.json"
    path.write_text(json.dumps(EXAMPLE, ensure_ascii=False), encoding="utf-8")
    out, _ = run("load_applications", str(path))
    assert "已载入sports-bureau的依申请公开登记：新增1件，替换0件。" in out
    out, _ = run("load_applications", str(path))
    assert "新增0件，替换1件" in out
    code, out, err = run_from_shell("dump_applications", "sports-bureau", "--year", "2026", capsys=capsys)
    assert code == 0
    (item,) = json.loads(out)["applications"]
    assert item["applicant"] == {"type": "natural_person"}
    assert "张某" not in out and "13800000000" not in out
    assert (item["due_on"], item["state"], item["late"], item["days_taken"]) == ("2026-12-14", "replied", False, 24)
    target = tmp_path / "with.json"
    run("dump_applications", "sports-bureau", "--with-personal-data", "-o", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["applications"][0]["applicant"]["name"] == "张某"
    assert json.loads(run("dump_applications", "sports-bureau", "--year", "2025")[0])["applications"] == []


def test_dump_load_dump_through_the_commands(body, tmp_path):
    varied_register(body, 2026)
    first = tmp_path / "first.json"
    run("dump_applications", "sports-bureau", "-o", str(first))
    run("load_applications", str(first))
    again, _ = run("dump_applications", "sports-bureau")
    assert again == first.read_text(encoding="utf-8")
    assert Application.objects.filter(name=PERSON["name"]).exists()  # the dump had none; kept


def test_a_malformed_document_writes_nothing_prints_every_path_and_fails(body, tmp_path, capsys):
    broken = copy.deepcopy(EXAMPLE)
    broken["applications"][0]["events"][6] = {"type": "replied", "on": "2026-11-20"}
    broken["applications"].append({"ref": "x"})
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    code, out, err = run_from_shell("load_applications", str(path), capsys=capsys)
    assert code != 0
    assert "未载入，数据库未作任何改动" in err
    assert "applications[0].events[6].outcome: 作出答复应填写办理结果。" in err
    assert "applications[1].channel:" in err and "applications[1].received_on:" in err
    assert not Application.objects.exists()
    path.write_text("{", encoding="utf-8")
    code, _, err = run_from_shell("load_applications", str(path), capsys=capsys)
    assert code != 0 and "不是有效的 JSON" in err
    code, _, err = run_from_shell("load_applications", str(tmp_path / "none.json"), capsys=capsys)
    assert code != 0 and "找不到文件" in err


def test_an_unknown_body_is_refused(db, capsys):
    for command in (["dump_applications", "nowhere"], ["application_table", "2026", "nowhere"]):
        code, out, err = run_from_shell(*command, capsys=capsys)
        assert (code, out) == (1, "")
        assert "没有网址标识为“nowhere”的机构。" in err


def test_application_table_prints_table_3_counted(body, capsys):
    varied_register(body, 2026)
    code, out, _ = run_from_shell("application_table", "2026", "sports-bureau", capsys=capsys)
    assert code == 0
    requests = json.loads(out)["requests"]
    assert len(requests) == 25 and all(len(cells) == 7 for cells in requests.values())
    assert requests["new_received"]["total"] == 26
