"""下载统计表（CSV）: a published report's tables, in the reader's language, that Excel opens as UTF-8."""

import csv
import io

import pytest

from disclosure.languages.traditional import to_traditional
from disclosure.publishing import workflow
from disclosure.tables import formats
from disclosure.tables.csv_download import BOM
from tests.factories import make_report, publish, standard_tables

URL = "/reports/2022/sports-bureau/tables.csv"


@pytest.fixture
def report(db):
    return make_report(year=2022, format=formats.STANDARD_2021, levels=(1,) * 6, tables=standard_tables())


def read(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith(BOM), "without a byte-order mark Excel reads UTF-8 as the local code page"
    return list(csv.reader(io.StringIO(text[len(BOM) :])))


def block(rows, title):
    """The lines of one table's block: from its title to the blank line after it."""
    start = rows.index([title])
    end = next((i for i in range(start, len(rows)) if rows[i] == []), len(rows))
    return rows[start:end]


def test_csv_of_a_published_report(client, report):
    publish(report)
    response = client.get(URL)
    assert response["Content-Disposition"] == 'attachment; filename="sports-bureau-2022-tables.csv"'
    rows = read(response)
    assert rows[0] == ["锦州市体育局2022年政府信息公开工作年度报告"]
    requests = block(rows, "收到和处理政府信息公开申请情况")
    assert requests[1] == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"]
    assert requests[2] == [
        "项目",
        "自然人",
        "法人或其他组织：商业企业",
        "法人或其他组织：科研机构",
        "法人或其他组织：社会公益组织",
        "法人或其他组织：法律服务机构",
        "法人或其他组织：其他",
        "总计",
    ]
    lines = {line[0]: line[1:] for line in requests[3:]}
    assert len(lines) == 25
    figures = standard_tables()["requests"]
    assert lines["一、本年新收政府信息公开申请数量"] == [str(v) for v in figures["new_received"].values()]
    assert lines["三、本年度办理结果 （三）不予公开 1.属于国家秘密"][-1] == "10"
    assert lines["三、本年度办理结果 （七）总计"][-1] == "13810"
    assert lines["四、结转下年度继续办理"][-1] == "819"


def test_every_figure_of_every_table_is_in_the_csv(client, report):
    publish(report)
    rows = read(client.get(URL))
    tables = standard_tables()
    for table in formats.tables(formats.STANDARD_2021):
        lines = block(rows, str(table.title))
        heading = lines[2] if table.note else lines[1]
        for row in table.rows:
            label = " ".join(str(part) for part in (row.group, row.subgroup, row.label) if part)
            line = next(line for line in lines if line[0] == label)
            for column in row.columns:
                index = next(i for i, text in enumerate(heading) if text.endswith(str(column.label)))
                value = tables[table.key][row.key][column.key]
                assert line[index] == (f"{value}" if column.kind != formats.AMOUNT else "0.00"), formats.path(
                    table, row, column
                )


def test_table_2_blocks_leave_other_blocks_columns_empty(client, report):
    publish(report)
    active = block(read(client.get(URL)), "主动公开政府信息情况")
    assert active[1] == [
        "项目",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额（单位：万元）",
    ]
    assert active[2] == ["第二十条第（一）项 规章", "1", "1", "1", "", ""]
    assert active[-1] == ["第二十条第（八）项 行政事业性收费", "", "", "", "", "0.00"]


def test_csv_in_english_and_traditional(client, report):
    publish(report)
    response = client.get("/en" + URL)
    assert response["Content-Disposition"] == 'attachment; filename="sports-bureau-2022-tables-en.csv"'
    english = read(response)
    assert block(english, "Requests for government information received and handled")[2][:3] == [
        "Item",
        "Natural persons",
        "Legal persons or other organisations: Commercial enterprises",
    ]
    traditional = read(client.get("/zh-hant" + URL))
    assert [to_traditional("收到和处理政府信息公开申请情况")] in traditional


def test_unpublished_report_is_404(client, report):
    assert client.get(URL).status_code == 404


def test_scheduled_report_is_404_until_due(client, report):
    import datetime

    from django.utils import timezone

    publish(report, at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(URL).status_code == 404


def test_legacy_report_has_no_csv(client, db):
    publish(make_report(year=2016))
    assert client.get("/reports/2016/sports-bureau/tables.csv").status_code == 404


def test_csv_reads_the_published_revision_not_the_working_copy(client, report):
    publish(report)
    tables = standard_tables()
    tables["appeals"]["reconsideration"]["upheld"] = 999
    report.tables = tables
    report.save()
    appeals = block(read(client.get(URL)), "政府信息公开行政复议、行政诉讼情况")
    assert appeals[2][1] == "376"


def test_withdrawn_report_is_404(client, report):
    from tests.factories import make_staff

    publish(report)
    publisher = make_staff("publisher-x", workflow.PUBLISHER, report.body)
    workflow.transition(report, publisher, "withdraw", comment="数据有误，核实后重新发布。")
    assert client.get(URL).status_code == 404


def test_csv_answers_a_known_etag_with_304(client, report):
    revision = publish(report)
    response = client.get(URL)
    etag = response["ETag"]
    # A keyed digest: the tag names the revision without telling its id (how many revisions the site holds).
    assert etag.startswith('"') and str(revision.pk) not in etag.strip('"').split("-")
    assert len(etag) == 34 and "report-" not in etag
    assert response["X-Robots-Tag"] == "noindex"
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
