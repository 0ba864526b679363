"""The approval page with context (issue 17): each warning links to its cell or sentence in the preview, shows last
year's figures beside this year's, and takes one comment per finding, which holds while its figures move little."""

import pytest

from disclosure.admin import review_findings
from disclosure.models import Acknowledgement, Report, Section
from disclosure.publishing import workflow
from disclosure.tables import assessment
from tests.factories import make_body, make_report, make_team, publish, standard_tables

pytestmark = pytest.mark.django_db

PASSAGE = "全年新收政府信息公开申请13000件，均已按期答复。"


@pytest.fixture
def body():
    return make_body()


@pytest.fixture
def staff(body):
    return make_team(body)


@pytest.fixture
def report(body, staff):
    """2024, submitted: carried over 560 against 2023's 819 carried forward (four columns), and a text quoting
    13000 new applications where table 3 has 14069."""
    publish(make_report(body, 2023, format="2021", tables=standard_tables()))
    report = make_report(body, 2024, format="2021", tables=standard_tables())
    Section.objects.filter(report=report, position=1).update(body_zh_hans=PASSAGE)
    workflow.transition(report, staff["editor"], "submit")
    return report


def approve_url(report):
    return f"/admin/disclosure/report/{report.pk}/transition/approve/"


def page(client, staff, report):
    client.force_login(staff["reviewer"])
    return client.get(approve_url(report)).content.decode()


def test_one_comment_box_per_finding_not_per_column(client, staff, report):
    html = page(client, staff, report)
    assert "需要审核人确认的提示（2项）" in html
    assert html.count("审核意见（必填）") == 2
    assert "上年结转与2023年度年报的“结转下年度继续办理”不一致：自然人 493（2023年度年报 722）" in html


def test_each_warning_links_to_its_cell_or_sentence_in_the_preview(client, staff, report):
    html = page(client, staff, report)
    preview = f"/reports/preview/{report.pk}/"
    assert f'href="{preview}#cell-requests-carried_over-natural_person"' in html
    fragment = review_findings.text_fragment("新收政府信息公开申请13000件")
    assert f'href="{preview}#part-1{fragment}"' in html
    assert fragment.startswith(":~:text=%E6%96%B0%E6%94%B6") and fragment.endswith("13000%E4%BB%B6")


def test_the_preview_has_the_ids_the_links_point_to(client, staff, report):
    client.force_login(staff["reviewer"])
    html = client.get(f"/reports/preview/{report.pk}/").content.decode()
    assert 'id="cell-requests-carried_over-natural_person"' in html and 'id="part-1"' in html
    assert PASSAGE in html  # the sentence the text fragment finds


def test_last_years_figures_stand_beside_this_years(client, staff, report):
    html = page(client, staff, report)
    assert "<caption>与2023年度年报对比</caption>" in html
    # carry-over: this year's 上年结转 beside last year's 结转下年度; the quoted figure: table 3's 本年新收 both years
    assert '<th scope="row">总计</th><td class="num">560</td><td class="num">819</td>' in html
    assert '<th scope="row">统计表“本年新收”</th><td class="num">14069</td><td class="num">14069</td>' in html


def comments(report, text="已核实。"):
    """The approval form filled in as the page draws it: every box with its finding's key."""
    found = assessment.findings(report)
    data = {"comment": ""}
    for row in review_findings.rows(report, found):
        data[row.field], data[row.key_field] = text, row.finding.key
    return data


def test_the_comments_approve_the_report_one_acknowledgement_each(client, staff, report):
    client.force_login(staff["reviewer"])
    response = client.post(approve_url(report), comments(report))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED and Acknowledgement.objects.count() == 2


def test_a_comment_posted_for_a_finding_that_has_changed_is_not_filed_under_another(client, staff, report):
    client.force_login(staff["reviewer"])
    data = comments(report)
    (carry_over,) = [k for k, v in data.items() if k.endswith("-key") and v.startswith("carry-over:")]
    data[carry_over] = "carry-over:tables.requests.carried_over:natural_person"  # drawn before the figures moved
    response = client.post(approve_url(report), data)
    assert response.status_code == 200 and "还有1项提示需要审核人确认" in response.content.decode()
    assert [a.key for a in Acknowledgement.objects.all()] == [
        "text-vs-table:tables.requests.new_received.total:正文一、·本年新收"
    ]


def moved(by):
    tables = standard_tables()
    for column in ("natural_person", "total"):
        tables["requests"]["carried_over"][column] += by
        tables["requests"]["new_received"][column] -= by
    return tables


def test_a_comment_holds_while_the_figures_move_less_than_the_tolerance(client, staff, report):
    for finding in assessment.unacknowledged(report):
        assessment.acknowledge(report, staff["reviewer"], finding, "上年结转数经核实已按复核结果调整。")
    Report.objects.filter(pk=report.pk).update(tables=moved(1))  # 560 → 561
    html = page(client, staff, report)
    assert "已确认：上年结转数经核实已按复核结果调整。" in html and "审核意见（必填）" not in html
    assert "数字变动不到5%的，原意见继续有效" in html


def test_past_the_tolerance_the_earlier_comment_is_offered_again_not_an_empty_box(client, staff, report):
    for finding in assessment.unacknowledged(report):
        assessment.acknowledge(report, staff["reviewer"], finding, "上年结转数经核实已按复核结果调整。")
    Report.objects.filter(pk=report.pk).update(tables=moved(100))  # 493 → 593 natural persons
    html = page(client, staff, report)
    assert html.count("审核意见（必填）") == 1 and "数字已变化，需要重新确认" in html
    assert ">上年结转数经核实已按复核结果调整。</textarea>" in html


def test_the_submit_page_tells_the_editor_what_the_reviewer_will_be_asked(client, body, staff):
    publish(make_report(body, 2023, format="2021", tables=standard_tables()))
    draft = make_report(body, 2024, format="2021", tables=standard_tables(), levels=(1, 2))
    Section.objects.filter(report=draft, position=2).update(body_zh_hans="")
    client.force_login(staff["editor"])
    html = client.get(f"/admin/disclosure/report/{draft.pk}/transition/submit/").content.decode()
    assert "提交后需审核人确认的提示（2项）" in html
    assert "「一、（一）第2节标题」下没有正文" in html and f"/reports/preview/{draft.pk}/#part-1-1" in html


def test_an_empty_required_part_is_listed_and_stops_publication(client, body, staff):
    draft = make_report(body, 2024, format="2021", tables=standard_tables(), levels=(1, 1, 1, 1, 1, 1))
    Section.objects.filter(report=draft, position=6).update(body_zh_hans="", heading_zh_hans="其他需要报告的事项")
    workflow.transition(draft, staff["editor"], "submit")
    workflow.transition(draft, staff["reviewer"], "approve")  # nothing a comment could make publishable is asked
    client.force_login(staff["publisher"])
    url = f"/admin/disclosure/report/{draft.pk}/transition/publish/"
    html = client.get(url).content.decode()
    assert "必须补全的部分（1项，补全前不能发布）" in html and "「六、其他需要报告的事项」下没有正文" in html
    response = client.post(url, {"comment": ""})
    assert "不能发布：「六、其他需要报告的事项」下没有正文" in response.content.decode()
    assert not draft.revisions.exists()
