"""`manage.py reporting_units` and `manage.py rollup`, as a shell runs them: the list printed and changed, bad
slugs refused with nothing changed, the roll-up's coverage printed and its --json."""

import json

import pytest

from disclosure.models import RegisterCount, ReportingUnit
from disclosure.rollup import units
from tests.commands import run_from_shell
from tests.factories import make_body, make_staff
from tests.rollup.factories import YEAR, government, listed_city, scaled_tables, unit

pytestmark = pytest.mark.django_db


def test_reporting_units_prints_the_list_and_the_suggestions(capsys):
    gov = government()
    unit(gov, "city-office", "锦州市人民政府办公室")
    unit(gov, "education-bureau", "锦州市教育局")
    make_body("tax-bureau", "国家税务总局锦州市税务局")
    code, out, err = run_from_shell(
        "reporting_units", str(YEAR), "jinzhou", "--add", "city-office", "tax-bureau", capsys=capsys
    )
    assert (code, err) == (0, "")
    assert "锦州市人民政府2026年度报告单位：2个纳入汇总，0个不纳入" in out
    assert "  city-office\t锦州市人民政府办公室" in out
    assert "上级机关为锦州市人民政府、尚未列入的机构（可用 --add 列入）：\n  education-bureau\t锦州市教育局" in out
    code, out, _ = run_from_shell(
        "reporting_units", str(YEAR), "jinzhou", "--exclude", "tax-bureau", "--reason", "垂直管理", capsys=capsys
    )
    assert code == 0
    assert "1个纳入汇总，1个不纳入" in out and "  tax-bureau\t国家税务总局锦州市税务局\t不纳入汇总：垂直管理" in out
    code, out, _ = run_from_shell("reporting_units", str(YEAR), "jinzhou", "--remove", "tax-bureau", capsys=capsys)
    assert code == 0 and [u.slug for u in units.to_sum(gov, YEAR)] == ["city-office"]
    assert units.to_sum(gov, YEAR + 1) == []  # each year's list is its own


def test_reporting_units_refuses_unknown_slugs_and_changes_nothing(capsys):
    gov = government()
    unit(gov, "city-office", "锦州市人民政府办公室")
    code, out, err = run_from_shell(
        "reporting_units", str(YEAR), "jinzhou", "--add", "city-office", "no-such-bureau", capsys=capsys
    )
    assert code == 1
    assert "没有网址标识为“no-such-bureau”的机构。" in err and "名单未作改动" in err
    assert not ReportingUnit.objects.exists()
    code, _, err = run_from_shell("reporting_units", str(YEAR), "jinzhou", "--remove", "city-office", capsys=capsys)
    assert code == 1 and "不在2026年度的报告单位名单上" in err
    code, _, err = run_from_shell("reporting_units", str(YEAR), "jinzhou", "--exclude", "city-office", capsys=capsys)
    assert code == 1 and "须写明理由" in err
    code, _, err = run_from_shell("reporting_units", str(YEAR), "jinzhou", "--add", "jinzhou", capsys=capsys)
    assert code == 1 and "不能列为自己的报告单位" in err
    code, _, err = run_from_shell("reporting_units", str(YEAR), "nowhere", capsys=capsys)
    assert code == 1 and "没有网址标识为“nowhere”的机构。" in err
    code, _, err = run_from_shell("reporting_units", str(YEAR), "city-office", capsys=capsys)
    assert code == 1 and "不是人民政府" in err


def test_rollup_writes_the_tables_and_prints_the_coverage(capsys):
    city = listed_city()
    make_staff("office-editor", "撰稿人", city["government"])
    code, out, err = run_from_shell("rollup", str(YEAR), "jinzhou", "--user", "office-editor", capsys=capsys)
    assert (code, err) == (0, "")
    assert "《锦州市人民政府2026年政府信息公开工作年度报告》：已汇总 4 个单位中的 2 个。" in out
    assert "  未汇总：锦州市卫生健康委员会（health-commission）：尚未发布2026年度年报" in out
    assert "统计表已更新；0处错误。" in out
    assert RegisterCount.objects.filter(report=city["report"], source="rollup").count() == 3
    code, out, _ = run_from_shell("rollup", str(YEAR), "jinzhou", "--user", "office-editor", capsys=capsys)
    assert "统计表与汇总结果一致，没有改动；0处错误。" in out


def test_rollup_json(capsys):
    listed_city()
    code, out, _ = run_from_shell("rollup", str(YEAR), "jinzhou", "--dry-run", "--json", capsys=capsys)
    assert code == 0
    printed = json.loads(out)
    assert printed["coverage"] == {"listed": 4, "summed": 2, "missing": ["transport-bureau", "health-commission"]}
    assert printed["tables"]["requests"] == scaled_tables(3)["requests"]
    assert printed["tables"]["active"]["fees"] == {"amount": "3.75"}
    assert set(printed["tables"]) == {"active", "requests", "appeals"}
    assert not RegisterCount.objects.exists()  # a dry run writes nothing


def test_rollup_refusals(capsys):
    city = listed_city()
    make_staff("outsider", "撰稿人", city["education"])
    cases = [
        (["nowhere"], "没有网址标识为“nowhere”的机构。"),
        (["education-bureau", "--dry-run"], "不是人民政府"),
        (["jinzhou"], "须用 --user"),
        (["jinzhou", "--user", "outsider"], "没有用户名为“outsider”的锦州市人民政府工作人员。"),
    ]
    for args, message in cases:
        code, _, err = run_from_shell("rollup", str(YEAR), *args, capsys=capsys)
        assert code == 1 and message in err, args
    code, _, err = run_from_shell("rollup", str(YEAR + 1), "jinzhou", "--dry-run", capsys=capsys)
    assert code == 1 and "没有锦州市人民政府的2027年度年报" in err
    assert not RegisterCount.objects.exists()
