"""The admin, driven as staff drive it: log in, list, filter, search, edit, publish."""

import pytest
from django.utils import timezone

from disclosure.models import Feedback, Report, Revision, Section
from disclosure.publishing import workflow
from tests import dom
from tests.factories import PASSWORD, add_items, approved, make_body, make_report, publish

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/disclosure/report/"


@pytest.fixture
def staff(client, chief):
    assert client.login(username="chief", password=PASSWORD)
    return client


@pytest.fixture
def reports():
    sports = make_body("sports-bureau", "锦州市体育局", position=40)
    education = make_body("education-bureau", "锦州市教育局", position=10)
    published = make_report(sports, year=2016, title="市体育局2016年度政府信息公开工作报告")
    publish(published)
    return {
        "sports-2016": published,
        "sports-2017": make_report(sports, year=2017),
        "education-2017": make_report(education, year=2017),
    }


def change_url(report):
    return f"/admin/disclosure/report/{report.pk}/change/"


def rows(response):
    """(title, body, year, public state, working copy's state, public link) of each changelist row."""
    table = dom.parse(response).find("table", id="result_list")
    found = []
    for tr in table.find("tbody").find_all("tr"):
        cell = {c.classes[0].removeprefix("field-"): c.text for c in tr.find_all("th", "td") if c.classes}
        found.append(
            (
                cell["title"],
                cell["body"],
                cell["year"],
                cell["public_state_display"],
                cell["editorial_display"],
                cell["public_link"],
            )
        )
    return found


def titles(response):
    return [th.text for th in dom.parse(response).find_all("th", class_="field-title")]


def filter_link(response, title, choice):
    """The href of `choice` under the filter headed `title`, as a person would click it."""
    sidebar = dom.parse(response).find(id="changelist-filter")
    for details in sidebar.find_all("details", data_filter_title=title):
        for a in details.find_all("a"):
            if a.text == choice:
                return a.get("href")
    raise AssertionError(f"no filter {title} → {choice}")


def report_form(client, report):
    response = client.get(change_url(report))
    assert response.status_code == 200
    return dom.form_data(dom.parse(response).find("form", id="report_form"))


def test_admin_needs_a_login(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_changelist(staff, reports):
    response = staff.get(CHANGELIST)
    assert response.status_code == 200
    assert rows(response) == [
        ("锦州市教育局2017年政府信息公开工作年度报告", "锦州市教育局", "2017", "未发布", "草稿", "未发布"),
        ("锦州市体育局2017年政府信息公开工作年度报告", "锦州市体育局", "2017", "未发布", "草稿", "未发布"),
        ("市体育局2016年度政府信息公开工作报告", "锦州市体育局", "2016", "已发布第1版", "无未发布的修改", "查看"),
    ]
    links = [
        a.get("href") for td in dom.parse(response).find_all("td", class_="field-public_link") for a in td.find_all("a")
    ]
    assert links == ["/reports/2016/sports-bureau/"]


def test_changelist_filters(staff, reports):
    page = staff.get(CHANGELIST)
    by_year = staff.get(CHANGELIST + filter_link(page, "年度", "2016"))
    assert titles(by_year) == ["市体育局2016年度政府信息公开工作报告"]

    by_body = staff.get(CHANGELIST + filter_link(page, "发布机构", "锦州市教育局"))
    assert titles(by_body) == ["锦州市教育局2017年政府信息公开工作年度报告"]

    by_status = staff.get(CHANGELIST + filter_link(page, "公开状态", "已发布"))
    assert titles(by_status) == ["市体育局2016年度政府信息公开工作报告"]
    assert len(titles(staff.get(CHANGELIST + filter_link(page, "公开状态", "未发布")))) == 2
    assert titles(staff.get(CHANGELIST + filter_link(page, "公开状态", "已撤回"))) == []

    drafts = staff.get(CHANGELIST + filter_link(page, "工作稿状态", "草稿"))
    assert len(titles(drafts)) == 2
    in_step = staff.get(CHANGELIST + filter_link(page, "工作稿状态", "无未发布的修改"))
    assert titles(in_step) == ["市体育局2016年度政府信息公开工作报告"]

    both = staff.get(CHANGELIST, {"year": "2017", "body__id__exact": reports["sports-2017"].body_id})
    assert titles(both) == ["锦州市体育局2017年政府信息公开工作年度报告"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("教育局", ["锦州市教育局2017年政府信息公开工作年度报告"]),
        ("市体育局2016", ["市体育局2016年度政府信息公开工作报告"]),
        ("锦州市体育局", ["锦州市体育局2017年政府信息公开工作年度报告", "市体育局2016年度政府信息公开工作报告"]),
        ("没有这样的年报", []),
    ],
)
def test_changelist_search(staff, reports, query, expected):
    response = staff.get(CHANGELIST, {"q": query})
    assert response.status_code == 200
    assert titles(response) == expected


def test_change_form_renders_the_inlines(staff):
    report = make_report(levels=(1, 2, 2, 1))
    add_items(report, problems=("公开内容不够全面", "更新不及时"), plans=("加强培训",))
    response = staff.get(change_url(report))
    assert response.status_code == 200
    page = dom.parse(response)
    data = dom.form_data(page.find("form", id="report_form"))
    assert data["title_zh_hans"] == "锦州市体育局2016年政府信息公开工作年度报告"
    assert data["sections-TOTAL_FORMS"] == "4"
    assert data["rectifications-TOTAL_FORMS"] == "2"
    assert data["plans-TOTAL_FORMS"] == "1"
    assert [data[f"sections-{i}-heading_zh_hans"] for i in range(4)] == [
        "第1节标题",
        "第2节标题",
        "第3节标题",
        "第4节标题",
    ]
    assert [data[f"sections-{i}-level"] for i in range(4)] == ["1", "2", "2", "1"]
    assert data["sections-0-body_zh_hans"] == "第1节正文。\n\n第1节第二段。"
    numbers = [td.text for td in page.find("div", id="sections-group").find_all("td", class_="field-number")]
    assert numbers[:4] == ["一、", "（一）", "（二）", "二、"]
    assert [data[f"rectifications-{i}-problem_zh_hans"] for i in range(2)] == ["公开内容不够全面", "更新不及时"]
    assert data["plans-0-text_zh_hans"] == "加强培训"
    # The level is picked by its numbering style, as a heading style is picked in a word processor.
    options = page.find("select", name="sections-0-level").find_all("option")
    assert [o.text for o in options] == ["第1层 一、", "第2层 （一）", "第3层 1.", "第4层 （1）"]


def test_saving_a_valid_outline_reorders_and_renumbers(staff):
    report = make_report(levels=(1, 2, 2, 1))
    data = report_form(staff, report)
    # Move the last part to the top (the page's script renumbers positions as rows are dragged)
    # and make the old first part's children follow it.
    for row, position in [(3, 1), (0, 2), (1, 3), (2, 4)]:
        data[f"sections-{row}-position"] = str(position)
    data["sections-3-heading_zh_hans"] = "移到最前的部分"
    data["sections-1-level"] = "1"
    data["sections-2-level"] = "2"
    response = staff.post(change_url(report), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    sections = list(report.sections.values_list("heading_zh_hans", "level"))
    assert sections == [("移到最前的部分", 1), ("第1节标题", 1), ("第2节标题", 1), ("第3节标题", 2)]
    page = dom.parse(staff.get(change_url(report)))
    numbers = [td.text for td in page.find("div", id="sections-group").find_all("td", class_="field-number")]
    assert numbers[:4] == ["一、", "二、", "三、", "（一）"]


def test_a_new_section_left_at_position_0_goes_to_the_end(staff):
    report = make_report(levels=(1, 1))
    data = report_form(staff, report)
    data.update(
        {
            "sections-TOTAL_FORMS": "3",
            "sections-2-position": "0",  # what a new row shows until the page's script numbers it
            "sections-2-level": "2",
            "sections-2-heading_zh_hans": "新增的小节",
            "sections-2-body_zh_hans": "",
            "sections-2-report": str(report.pk),
        }
    )
    response = staff.post(change_url(report), data)
    assert response.status_code == 302
    assert list(report.sections.values_list("heading_zh_hans", "level")) == [
        ("第1节标题", 1),
        ("第2节标题", 1),
        ("新增的小节", 2),
    ]


@pytest.mark.parametrize(
    ("levels", "row", "message"),
    [
        (("2", "2", "2", "1"), 0, "第一个章节必须是第1层（一、）。"),
        (("1", "3", "2", "1"), 1, "第3层章节不能直接跟在第1层章节之后，中间缺少第2层。"),
    ],
)
def test_saving_an_invalid_outline_shows_the_error_and_keeps_the_input(staff, levels, row, message):
    report = make_report(levels=(1, 2, 2, 1))
    before = list(Section.objects.values_list("pk", "position", "level", "heading_zh_hans"))
    data = report_form(staff, report)
    for i, level in enumerate(levels):
        data[f"sections-{i}-level"] = level
    data["sections-0-heading_zh_hans"] = "编辑中尚未保存的标题"
    data["title_zh_hans"] = "编辑中尚未保存的年报标题"

    response = staff.post(change_url(report), data)
    assert response.status_code == 200
    page = dom.parse(response)
    group = page.find("div", id="sections-group")
    assert "章节层级有误：请按提示修改标红的“层级”。编号由系统自动生成。" in group.text
    # The message sits on the row whose level is wrong.
    row_errors = [
        tr
        for tr in group.find_all("tr")
        if any("errorlist" in ul.classes for ul in tr.find_all("ul")) and message in tr.text
    ]
    assert row_errors, group.text
    assert dom.parse(response).find("p", class_="errornote")
    # What was typed is still there.
    kept = dom.form_data(page.find("form", id="report_form"))
    assert kept["sections-0-heading_zh_hans"] == "编辑中尚未保存的标题"
    assert kept["title_zh_hans"] == "编辑中尚未保存的年报标题"
    assert [kept[f"sections-{i}-level"] for i in range(4)] == list(levels)
    # And nothing was saved.
    assert list(Section.objects.values_list("pk", "position", "level", "heading_zh_hans")) == before
    report.refresh_from_db()
    assert report.title_zh_hans == "锦州市体育局2016年政府信息公开工作年度报告"


def test_an_invalid_outline_created_by_deleting_a_row_is_refused(staff):
    report = make_report(levels=(1, 2))
    data = report_form(staff, report)
    data["sections-0-DELETE"] = "on"
    response = staff.post(change_url(report), data)
    assert response.status_code == 200
    assert "第一个章节必须是第1层（一、）。" in response.content.decode()
    assert report.sections.count() == 2


def publish_form(page):
    [form] = [f for f in page.find_all("form") if f.find_all("input", name="apply")]
    return form


def messages_of(response):
    return [li.text for li in dom.parse(response).find_all("ul", class_="messagelist")[0].find_all("li")]


def select(ids, **extra):
    return {"action": "publish", "_selected_action": [str(pk) for pk in ids], **extra}


def test_publish_action_shows_an_intermediate_page_then_publishes(staff, chief):
    report = approved(make_report(levels=(1,)))
    response = staff.post(CHANGELIST, select([report.pk]))
    assert response.status_code == 200
    assert "admin/disclosure/publish.html" in [t.name for t in response.templates]
    page = dom.parse(response)
    form = publish_form(page)
    assert [li.text for li in form.find("ul").find_all("li")] == ["锦州市体育局2016年政府信息公开工作年度报告"]
    assert not page.find_all("textarea", name=f"note-{report.pk}-zh_hans")  # a first publication needs no note
    assert Revision.objects.count() == 0

    confirm = dom.form_data(form)
    assert confirm["apply"] == "1"
    assert confirm["action"] == "publish"
    assert confirm["_selected_action"] == str(report.pk)
    response = staff.post(CHANGELIST, confirm, follow=True)
    assert response.redirect_chain[0] == (CHANGELIST, 302)
    assert messages_of(response) == ["已发布《锦州市体育局2016年政府信息公开工作年度报告》第1版。"]
    revision = Revision.objects.get()
    assert revision.number == 1
    assert revision.created_by == chief
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED


def test_publish_action_on_a_published_report_asks_for_a_change_note(staff):
    report = make_report(levels=(1,))
    publish(report)
    report.sections.update(body_zh_hans="更正后的正文。")
    report.refresh_from_db()
    workflow.edited(report, None, [])  # a correction of the working copy goes back through review
    approved(report)
    response = staff.post(CHANGELIST, select([report.pk]))
    page = dom.parse(response)
    assert "（已发布过，本次为更正）" in publish_form(page).find("ul").text
    assert page.find("textarea", name=f"note-{report.pk}-zh_hans")

    confirm = dom.form_data(publish_form(page))
    assert confirm[f"note-{report.pk}-zh_hans"] == ""  # the editor proposed none
    response = staff.post(CHANGELIST, confirm, follow=True)
    [message] = messages_of(response)
    assert "已发布过，再次发布属于更正，请填写更正说明。" in message
    assert Revision.objects.count() == 1

    confirm[f"note-{report.pk}-zh_hans"] = "更正了第一部分的错别字。"
    response = staff.post(CHANGELIST, confirm, follow=True)
    assert messages_of(response) == ["已发布《锦州市体育局2016年政府信息公开工作年度报告》第2版。"]
    revision = Revision.objects.get(number=2)
    assert revision.change_note_zh_hans == "更正了第一部分的错别字。"
    page = staff.get("/reports/2016/sports-bureau/").content.decode()
    assert "更正了第一部分的错别字。" in page


def test_publish_action_on_several_reports_reports_each(staff):
    body = make_body()
    fresh = approved(make_report(body, year=2017, levels=(1,)))
    old = make_report(body, year=2016, levels=(1,))
    publish(old)
    old.refresh_from_db()
    workflow.edited(old, None, [])
    approved(old)
    empty = approved(make_report(body, year=2018, levels=()))
    response = staff.post(CHANGELIST, select([fresh.pk, old.pk, empty.pk], apply="1"), follow=True)
    result = messages_of(response)
    assert len(result) == 3
    assert "已发布《锦州市体育局2017年政府信息公开工作年度报告》第1版。" in result
    assert any("锦州市体育局2016年政府信息公开工作年度报告" in m and "请填写更正说明" in m for m in result)
    assert any("锦州市体育局2018年政府信息公开工作年度报告" in m and "还没有正文章节" in m for m in result)
    assert sorted(Revision.objects.values_list("report__year", "number")) == [(2016, 1), (2017, 1)]


def test_change_form_shows_status_and_public_link(staff):
    report = make_report(levels=(1,))
    page = dom.parse(staff.get(change_url(report)))
    assert page.find("div", class_="field-state_summary").find("div", class_="readonly").text == "未发布 · 草稿"
    assert page.find("div", class_="field-public_link").find("div", class_="readonly").text == "未发布"
    publish(report)
    page = dom.parse(staff.get(change_url(report)))
    assert page.find("div", class_="field-state_summary").find("div", class_="readonly").text == "已发布第1版"
    assert page.find("div", class_="field-public_link").find("a").get("href") == "/reports/2016/sports-bureau/"


def test_revisions_are_read_only(staff):
    revision = publish(make_report())
    assert staff.get("/admin/disclosure/revision/").status_code == 200
    assert staff.get("/admin/disclosure/revision/add/").status_code == 403
    response = staff.get(f"/admin/disclosure/revision/{revision.pk}/change/")
    assert response.status_code == 200
    assert not dom.parse(response).find_all("input", name="_save")
    assert staff.post(f"/admin/disclosure/revision/{revision.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Revision.objects.count() == 1


def test_handling_feedback_records_when(staff):
    item = Feedback.objects.create(
        name="张三", contact="13800000000", subject="建议", message="建议增加数据表。", address_hash="x" * 64
    )
    url = f"/admin/disclosure/feedback/{item.pk}/change/"
    data = dom.form_data(dom.parse(staff.get(url)).find("form", id="feedback_form"))
    data.update(status="replied", reply="已采纳。")
    before = timezone.now()
    assert staff.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.status == "replied"
    assert item.handled_at >= before
    assert staff.get("/admin/disclosure/feedback/add/").status_code == 403


def test_body_form_refuses_a_first_year_before_2008_and_keeps_the_input(staff):
    body = make_body(first_year=2016)
    url = f"/admin/disclosure/body/{body.pk}/change/"
    data = dom.form_data(dom.parse(staff.get(url)).find("form", id="body_form"))
    assert data["first_year"] == "2016"
    data.update(first_year="2007", name_zh_hans="锦州市体育局（改）")
    response = staff.post(url, data)
    assert response.status_code == 200
    page = dom.parse(response)
    assert "年报自2008年度起发布，起始年度不能早于2008年。" in page.find(class_="errorlist").text
    assert dom.form_data(page.find("form", id="body_form"))["name_zh_hans"] == "锦州市体育局（改）"
    body.refresh_from_db()
    assert (body.first_year, body.name) == (2016, "锦州市体育局")
