"""The 统计表 page: the official layout, saving drafts with mistakes, who may save, lost updates, pasting
a block and computing totals without script, and 新建年报."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from disclosure.models import Report
from disclosure.publishing import workflow
from disclosure.tables import formats, rules
from tests import dom
from tests.factories import approved, make_report, make_staff, standard_tables

pytestmark = pytest.mark.django_db
S = Report.Status


@pytest.fixture
def report(bodies):
    report = make_report(bodies[0], year=2024, format=Report.Format.STANDARD_2021)
    report.tables = standard_tables("2021")
    report.save()
    return report


def login(client, user):
    client.force_login(user)
    return client


def url(report):
    return f"/admin/disclosure/report/{report.pk}/tables/"


def form_of(response):
    return dom.form_data(dom.parse(response).find("form", id="stat-form"))


def cell(response, path):
    return dom.parse(response).find("input", name=path)


def note(response, path):
    field = cell(response, path)
    return dom.parse(response).find("span", id=field.get("aria-describedby")).text


def messages_of(response):
    lists = dom.parse(response).find_all("ul", class_="messagelist")
    return [li.text for li in lists[0].find_all("li")] if lists else []


def accessible_name(page, field):
    return " ".join(page.find(id=i).text for i in field.get("aria-labelledby").split())


# --- the official layout -------------------------------------------------------------------------------------


def test_the_page_lays_out_the_official_form_with_one_input_per_cell(client, team, report):
    response = login(client, team["editor"]).get(url(report))
    assert response.status_code == 200
    page = dom.parse(response)
    for table in formats.tables("2021"):
        grid = page.find("table", id=f"entry-{table.key}")
        assert grid.find("caption").text == table.title
        inputs = grid.find_all("input")
        assert [i.get("name") for i in inputs] == [
            formats.path(t, r, c) for t, r, c in formats.cells("2021") if t is table
        ]
    requests = page.find("table", id="entry-requests")
    head = [th.text for th in requests.find("thead").find_all("th")]
    assert head[:3] == ["申请人情况", "自然人", "法人或其他组织"]
    assert requests.find("thead").find("td").text == formats.REQUESTS_2021.note
    labels = [th.text for th in requests.find_all("th", scope="row")]
    assert labels == [str(row.label) for row in formats.REQUESTS_2021.rows]
    groups = [th.text for th in requests.find_all("th", scope="rowgroup")]
    assert groups == ["三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"]

    secret = cell(response, "tables.requests.denied_state_secret.commercial")
    assert accessible_name(page, secret) == "（三）不予公开 1.属于国家秘密 法人或其他组织 商业企业"
    assert secret.get("inputmode") == "numeric"
    direct = cell(response, "tables.appeals.litigation_direct.total")
    assert accessible_name(page, direct) == "行政诉讼 未经复议直接起诉 总计"
    fee = cell(response, "tables.active.fees.amount")
    assert accessible_name(page, fee) == "行政事业性收费 本年收费金额（单位：万元）"
    assert (fee.get("inputmode"), fee.get("value")) == ("decimal", "0.00")
    assert cell(response, "tables.requests.new_received.total").get("value") == "14069"
    assert "没有错误" in page.find("section", class_="stat-summary").text


def test_the_change_form_summarises_the_findings_and_links_the_page(client, team, report):
    login(client, team["editor"])
    page = dom.parse(client.get(f"/admin/disclosure/report/{report.pk}/change/"))
    panel = page.find("fieldset", class_="table-panel")
    assert "检查通过，没有错误" in panel.text
    assert panel.find("a").get("href") == url(report)

    report.tables = formats.empty("2021")
    report.save()
    panel = dom.parse(client.get(f"/admin/disclosure/report/{report.pk}/change/")).find(
        "fieldset", class_="table-panel"
    )
    assert "200处错误（其中200格未填写）" in panel.text


# --- saving ------------------------------------------------------------------------------------------------


def test_a_draft_with_mistakes_is_saved_and_comes_back_with_them_marked(client, team, report):
    login(client, team["editor"])
    data = form_of(client.get(url(report)))
    data["tables.requests.granted.natural_person"] = "７９２２"  # full width, and 2 more than the split
    data["tables.requests.denied_state_secret.research"] = "三"
    data["tables.appeals.reconsideration.pending"] = ""
    data["tables.active.fees.amount"] = "１２.５"
    response = client.post(url(report), {**data, "action": "save"})
    assert response.status_code == 302
    report.refresh_from_db()
    stored = report.tables
    assert stored["requests"]["granted"]["natural_person"] == 7922
    assert stored["requests"]["denied_state_secret"]["research"] == "三"  # kept as typed
    assert stored["appeals"]["reconsideration"]["pending"] is None  # blank is not zero
    assert stored["active"]["fees"]["amount"] == "12.50"
    assert report.events.first().action == "edit"

    response = client.get(url(report))
    assert cell(response, "tables.requests.denied_state_secret.research").get("value") == "三"
    assert cell(response, "tables.requests.denied_state_secret.research").get("aria-invalid") == "true"
    assert (
        note(response, "tables.requests.denied_state_secret.research") == "“三”不是数字：请填写整数，没有发生的填 0。"
    )
    assert cell(response, "tables.appeals.reconsideration.pending").get("value") == ""
    summary = dom.parse(response).find("section", class_="stat-summary").text
    assert "2处错误（其中1格未填写）" in summary


def test_a_sum_that_does_not_add_up_is_shown_next_to_its_total(client, team, report):
    login(client, team["editor"])
    data = form_of(client.get(url(report)))
    data["tables.requests.granted.natural_person"] = "7922"
    data["tables.appeals.litigation_direct.upheld"] = "17"
    response = client.post(url(report), {**data, "action": "save"}, follow=True)
    assert "统计表已保存（草稿），但还有" in messages_of(response)[0]
    assert note(response, "tables.requests.granted.total") == "予以公开：总计 9000 ≠ 各列之和 9002"
    assert "自然人：（七）总计" in note(response, "tables.requests.results_total.natural_person")
    assert note(response, "tables.appeals.litigation_direct.total") == (
        "未经复议直接起诉：总计 56 ≠ 结果维持、结果纠正、其他结果、尚未审结之和 57"
    )
    total = dom.parse(response).find("input", name="tables.requests.granted.total").parent
    assert "stat-error" in total.classes
    links = dom.parse(response).find("ul", class_="stat-findings").find_all("a")
    assert "#cell-tables-requests-granted-total" in [a.get("href") for a in links]
    # The workflow refuses to submit it, as before.
    with pytest.raises(workflow.TransitionError):
        workflow.transition(report, team["editor"], "submit")


def test_saving_an_approved_report_sends_it_back_to_draft(client, team, report):
    approved(report)
    login(client, team["editor"])
    data = form_of(client.get(url(report)))
    data["tables.active.licensing.decisions"] = "5"
    response = client.post(url(report), {**data, "action": "save"}, follow=True)
    assert "内容已修改，年报由“已审核”退回草稿，需重新提交审核。" in messages_of(response)
    report.refresh_from_db()
    assert report.status == S.DRAFT
    assert any("行政许可" in change["where"] for change in report.events.first().changes)


def test_an_unchanged_save_changes_nothing(client, team, report):
    login(client, team["editor"])
    version = report.version
    response = client.post(url(report), {**form_of(client.get(url(report))), "action": "save"}, follow=True)
    assert "统计表没有改动。" in messages_of(response)
    report.refresh_from_db()
    assert report.version == version


# --- who may save ---------------------------------------------------------------------------------------------


def test_another_bodys_staff_cannot_open_the_page(client, team, report):
    assert login(client, team["outsider"]).get(url(report)).status_code == 404
    assert client.post(url(report), {"action": "save"}).status_code == 404


def test_staff_who_may_only_view_see_the_tables_read_only(client, report):
    viewer = make_staff("viewer", body=report.body)
    viewer.user_permissions.add(Permission.objects.get(codename="view_report"))
    response = login(client, viewer).get(url(report))
    page = dom.parse(response)
    assert all("readonly" in i.attrs for i in page.find("table", id="entry-requests").find_all("input"))
    form = page.find("form", id="stat-form")
    assert form.find_all("button") == [] and form.find_all("textarea") == []
    data = {**form_of(response), "tables.active.licensing.decisions": "5", "action": "save"}
    assert client.post(url(report), data).status_code == 403
    report.refresh_from_db()
    assert report.tables == standard_tables("2021")


def test_a_legacy_report_has_no_tables_page(client, team, bodies):
    legacy = make_report(bodies[0], year=2016)
    response = login(client, team["editor"]).get(url(legacy), follow=True)
    assert "没有统计表" in messages_of(response)[0]


# --- lost updates --------------------------------------------------------------------------------------------


def test_a_save_based_on_an_older_version_is_refused_and_keeps_what_was_typed(client, team, report):
    a, b = login(client, team["editor"]), login(Client(), team["editor2"])
    form_a, form_b = form_of(a.get(url(report))), form_of(b.get(url(report)))
    form_b["tables.active.licensing.decisions"] = "7"
    assert b.post(url(report), {**form_b, "action": "save"}).status_code == 302

    form_a["tables.active.licensing.decisions"] = "9"
    response = a.post(url(report), {**form_a, "action": "save"})
    assert response.status_code == 200
    assert messages_of(response)[0].startswith("未保存：在您编辑期间，赵撰稿于")
    assert cell(response, "tables.active.licensing.decisions").get("value") == "9"
    report.refresh_from_db()
    assert report.tables["active"]["licensing"]["decisions"] == 7

    # Starting again from the current version works.
    fresh = form_of(a.get(url(report)))
    fresh["tables.active.licensing.decisions"] = "9"
    assert a.post(url(report), {**fresh, "action": "save"}).status_code == 302
    report.refresh_from_db()
    assert report.tables["active"]["licensing"]["decisions"] == 9


# --- without script: a pasted block, totals computed on the server ----------------------------------------


def spreadsheet(tables, with_labels=True):
    """Table 3 as copied from Excel: a heading line, then each row's label and its seven figures."""
    lines = ["\t申请人情况\t\t\t\t\t\t"]
    for row in formats.REQUESTS_2021.rows:
        figures = [str(tables["requests"][row.key][c.key]) for c in row.columns]
        lines.append("\t".join(([str(row.label)] if with_labels else []) + figures))
    return "\r\n".join(lines) + "\r\n"


def test_a_block_pasted_into_the_textarea_fills_the_table(client, team, report):
    report.tables = formats.empty("2021")
    report.save()
    login(client, team["editor"])
    data = form_of(client.get(url(report)))
    data["paste-requests"] = spreadsheet(standard_tables("2021"))
    assert client.post(url(report), {**data, "action": "save"}).status_code == 302
    report.refresh_from_db()
    assert report.tables["requests"] == standard_tables("2021")["requests"]


def test_a_block_that_does_not_fit_is_refused_and_kept(client, team, report):
    login(client, team["editor"])
    version = report.version
    data = form_of(client.get(url(report)))
    data["paste-appeals"] = "1\t2\t3\t4\t10\t1\n" * 2
    response = client.post(url(report), {**data, "action": "save"})
    assert response.status_code == 200
    assert "未保存：粘贴的内容无法对应到表格，请按提示修改。" in messages_of(response)
    problems = [
        p.text
        for p in dom.parse(response).find("table", id="entry-appeals").parent.parent.find_all("p", class_="errornote")
    ]
    assert "“行政复议”一行粘贴了6个数，而该行只有5格。" in problems
    assert form_of(response)["paste-appeals"] == "1\t2\t3\t4\t10\t1\n1\t2\t3\t4\t10\t1"
    report.refresh_from_db()
    assert report.version == version


def test_totals_are_computed_on_the_server_and_saved_when_staff_save(client, team, report):
    tables = standard_tables("2021")
    for row in tables["requests"].values():
        row["total"] = None
    tables["requests"]["results_total"] = dict.fromkeys(tables["requests"]["results_total"])
    tables["appeals"]["reconsideration"]["total"] = None
    report.tables = tables
    report.save()
    version = report.version
    login(client, team["editor"])
    response = client.post(url(report), {**form_of(client.get(url(report))), "action": "totals"})
    assert response.status_code == 200
    assert messages_of(response) == ["已按各项之和计算32个总计，尚未保存：请核对后点击“保存统计表”。"]
    assert cell(response, "tables.requests.results_total.total").get("value") == "13810"
    assert cell(response, "tables.appeals.reconsideration.total").get("value") == "790"
    report.refresh_from_db()
    assert report.version == version  # nothing saved yet
    assert client.post(url(report), {**form_of(response), "action": "save"}).status_code == 302
    report.refresh_from_db()
    assert report.tables == standard_tables("2021")
    assert rules.blocking({"format": "2021", "tables": report.tables}) == []


# --- 新建年报 -------------------------------------------------------------------------------------------------


def add_form(client):
    page = dom.parse(client.get("/admin/disclosure/report/add/"))
    return page, dom.form_data(page.find("form", id="report_form"))


def test_a_new_report_starts_with_the_standard_parts_and_blank_tables(client, team, bodies):
    login(client, team["editor"])
    page, data = add_form(client)
    assert page.find("select", name="format").find("option", selected="").get("value") == "2021"
    assert page.find("input", name="follow_previous") is not None
    data.update(
        {"body": str(bodies[0].pk), "year": "2025", "title_zh_hans": "锦州市体育局2025年政府信息公开工作年度报告"}
    )
    response = client.post("/admin/disclosure/report/add/", data)
    assert response.status_code == 302, dom.parse(response).find("ul", class_="errorlist").text
    report = Report.objects.get(year=2025)
    headings = list(report.sections.values_list("heading_zh_hans", flat=True))
    assert headings == list(formats.STANDARD_PARTS)
    assert report.tables == formats.empty("2021")
    assert client.get(url(report)).status_code == 200


def test_a_new_report_can_follow_last_years_structure(client, team, bodies, report):
    login(client, team["editor"])
    _, data = add_form(client)
    data.update({"body": str(bodies[0].pk), "year": "2025", "title_zh_hans": "2025年度报告", "follow_previous": "on"})
    assert client.post("/admin/disclosure/report/add/", data).status_code == 302
    new = Report.objects.get(year=2025)
    assert list(new.sections.values_list("level", "heading_zh_hans")) == list(
        report.sections.values_list("level", "heading_zh_hans")
    )
    assert not any(new.sections.values_list("body_zh_hans", flat=True))
    assert new.tables == formats.empty("2021")


def test_the_2019_format_takes_a_negative_change(client, team, bodies):
    report = make_report(bodies[0], year=2020, format=Report.Format.TRIAL_2019)
    report.tables = standard_tables("2019")
    report.save()
    login(client, team["editor"])
    response = client.get(url(report))
    change = cell(response, "tables.active.licensing.change")
    assert change.get("inputmode") == "text"
    assert cell(response, "tables.requests.other.total") is not None  # （六）其他处理 is one row in 2019
    data = {**form_of(response), "tables.active.licensing.change": "－３", "action": "save"}
    assert client.post(url(report), data).status_code == 302
    report.refresh_from_db()
    assert report.tables["active"]["licensing"]["change"] == -3


# --- figures no table can hold (issue 15) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "typed", "message"),
    [
        ("tables.requests.granted.natural_person", "9" * 5000, "超出范围：件数、数量最多9位数"),
        ("tables.active.fees.amount", "1e10000000", "科学计数法"),
        ("tables.requests.granted.research", "1e10000000", "科学计数法"),
    ],
)
def test_a_figure_no_table_can_hold_is_refused_kept_and_not_saved(client, team, report, path, typed, message):
    login(client, team["editor"])
    version, events = report.version, report.events.count()
    data = form_of(client.get(url(report)))
    data[path] = typed
    response = client.post(url(report), {**data, "action": "save"})
    assert response.status_code == 200
    assert any(m.startswith("未保存：") for m in messages_of(response))
    assert message in note(response, path)
    assert cell(response, path).get("value") == typed
    assert cell(response, path).get("aria-invalid") == "true"
    assert len(response.content) < 1_000_000
    report.refresh_from_db()
    assert report.version == version
    assert report.tables == standard_tables("2021")
    assert report.events.count() == events


def test_figures_at_the_cap_are_saved(client, team, report):
    login(client, team["editor"])
    data = form_of(client.get(url(report)))
    data["tables.active.licensing.decisions"] = "999,999,999"
    data["tables.active.fees.amount"] = "999999999.99"
    assert client.post(url(report), {**data, "action": "save"}).status_code == 302
    report.refresh_from_db()
    assert report.tables["active"]["licensing"]["decisions"] == 999999999
    assert report.tables["active"]["fees"]["amount"] == "999999999.99"
