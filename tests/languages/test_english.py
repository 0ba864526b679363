"""Staff-written English: what is missing, what has gone stale, and the admin page that fills it in."""

import pytest

from disclosure.languages import english
from disclosure.models import Report
from disclosure.publishing import workflow
from tests.factories import add_items, make_body, make_report, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    report = make_report(levels=(1, 2))
    add_items(report, problems=("公开内容不够全面",), plans=("加强培训",))
    return report


def statuses(report):
    report = Report.objects.get(pk=report.pk)
    return {(text.place, text.field): text.status for text in english.texts(report)}


def test_a_new_report_lacks_every_english_text_it_has_chinese_for(report):
    found = statuses(report)
    assert found[("报告", "title")] == "missing"
    assert found[("报告", "source")] == "not_needed"
    assert found[("章节 一、", "heading")] == "missing"
    assert found[("章节 （一）", "body")] == "missing"
    assert found[("整改事项 1", "problem")] == "missing"
    assert found[("整改事项 1", "measure")] == "not_needed"  # no Chinese, nothing to translate
    assert found[("工作计划 1", "text")] == "missing"
    assert english.summary(report) == {"missing": 7, "stale": 0, "current": 0}


def test_saving_english_marks_it_current(report):
    texts = english.texts(report)
    data = {text.key: f"English {text.key}" for text in texts if text.status == "missing"}
    assert english.save(report, data) == 7
    assert english.summary(Report.objects.get(pk=report.pk)) == {"missing": 0, "stale": 0, "current": 7}
    section = report.sections.first()
    section.refresh_from_db()
    assert section.heading_en == f"English section-{section.pk}-heading"


def test_changing_the_chinese_makes_the_english_stale_until_revised_or_confirmed(report):
    section = report.sections.first()
    english.save(report, {f"section-{section.pk}-heading": "Overview"})
    section.refresh_from_db()
    section.heading_zh_hans = "总体情况（修订）"
    section.save()
    assert statuses(report)[("章节 一、", "heading")] == "stale"

    # Confirming a stale translation without changing it.
    assert english.save(Report.objects.get(pk=report.pk), {f"confirm-section-{section.pk}-heading": "1"}) == 1
    assert statuses(report)[("章节 一、", "heading")] == "current"

    section.refresh_from_db()
    section.heading_zh_hans = "总体情况"
    section.save()
    english.save(Report.objects.get(pk=report.pk), {f"section-{section.pk}-heading": "General overview"})
    assert statuses(report)[("章节 一、", "heading")] == "current"


def test_unchanged_input_saves_nothing(report):
    assert english.save(report, {}) == 0
    texts = english.texts(report)
    assert english.save(report, {texts[0].key: ""}) == 0


def test_clearing_english_makes_it_missing_again(report):
    english.save(report, {f"report-{report.pk}-title": "Annual report"})
    english.save(Report.objects.get(pk=report.pk), {f"report-{report.pk}-title": "  "})
    assert statuses(report)[("报告", "title")] == "missing"


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.com", "pw-for-tests-only")
    client.force_login(user)
    return client


def test_admin_english_page_shows_source_traditional_and_status(staff_client, report):
    response = staff_client.get(f"/admin/disclosure/report/{report.pk}/english/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "第1节标题" in html and "第1節標題" in html
    assert "缺少译文" in html
    assert f'name="section-{report.sections.first().pk}-heading"' in html


def test_admin_english_page_saves_and_the_public_page_uses_it(staff_client, client, report):
    from tests.factories import publish

    section = report.sections.first()
    response = staff_client.post(
        f"/admin/disclosure/report/{report.pk}/english/",
        {
            "edit_version": report.version,  # as the page sends it: a save without it is refused (stale)
            f"report-{report.pk}-title": "Sports Bureau annual report 2016",
            f"section-{section.pk}-heading": "Overview",
        },
    )
    assert response.status_code == 302
    publish(report)
    html = client.get("/en/reports/2016/sports-bureau/").content.decode()
    assert "Sports Bureau annual report 2016" in html
    assert "Overview" in html
    assert "not available in English" in html  # the rest still falls back to Chinese


def test_report_list_shows_and_filters_missing_english(staff_client, report):
    response = staff_client.get("/admin/disclosure/report/")
    assert "缺7处" in response.content.decode()
    assert report.title in staff_client.get("/admin/disclosure/report/?english=incomplete").content.decode()
    assert report.title not in staff_client.get("/admin/disclosure/report/?english=complete").content.decode()


def test_english_page_needs_change_permission(client, django_user_model, report):
    viewer = django_user_model.objects.create_user("viewer", password="pw-for-tests-only", is_staff=True)
    report.body.members.add(viewer)  # a member of the body, but without the permission to change reports
    client.force_login(viewer)
    assert client.get(f"/admin/disclosure/report/{report.pk}/english/").status_code in (302, 403)


def test_english_page_is_not_found_for_staff_of_another_body(client, django_user_model, report):
    outsider = make_staff("outsider", workflow.EDITOR, make_body("education-bureau", "锦州市教育局"))
    client.force_login(outsider)
    assert client.get(f"/admin/disclosure/report/{report.pk}/english/").status_code == 404
