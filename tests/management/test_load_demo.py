"""load_demo: the demo site it makes (loaded once for the module: a run costs seconds), and a second run.

A run on a folder of its own (an undated report; debug off) is in test_commands.py."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import override_settings

from disclosure.demo import reporting_units
from disclosure.management.commands import load_demo
from disclosure.models import Body, Page, Report, Revision, SiteSettings
from tests.commands import run
from tests.conftest import made_once_per_module
from tests.factories import SEED

pytestmark = pytest.mark.django_db

SEED_TITLE = "市体育局2016年度政府信息公开工作报告"


@made_once_per_module
def demo():
    """What load_demo printed, run with debug on (as under `make run`, which makes the demo logins)."""
    with override_settings(DEBUG=True):
        out, _ = run("load_demo")
    return out


def every_count():
    counted = {model._meta.label: model.objects.count() for model in apps.get_app_config("disclosure").get_models()}
    User = get_user_model()
    counted[User._meta.label] = User.objects.count()
    return counted


def demo_files():
    return sorted(load_demo.REPORTS.glob("*.txt")) + sorted(load_demo.DOCUMENTS.glob("*.json"))


def test_load_demo_twice_creates_no_duplicates(demo):
    first = every_count()
    with override_settings(DEBUG=True):
        run("load_demo")
    assert every_count() == first
    assert first["disclosure.Report"] == len(demo_files()) + len(reporting_units.FIGURES)
    assert first["disclosure.Body"] == len(load_demo.BODIES)
    # about and copyright; the 依申请公开 guide is migration 0016's (gone if a transactional test emptied the database)
    assert first["disclosure.Page"] - Page.objects.filter(slug="applications-guide").count() == 2
    assert first["disclosure.Link"] == len(load_demo.TOP_LINKS)
    assert first["disclosure.SiteSettings"] == 1
    assert first["auth.User"] == 5  # the demo logins, made once


def test_load_demo_gives_every_file_in_the_folder_a_report(demo):
    files = demo_files()
    assert SEED in files
    for path in files:
        slug, year = path.stem.rsplit("-", 1)
        report = Report.objects.filter(body__slug=slug, year=int(year)).first()
        assert report is not None, path.name
        assert report.sections.exists(), path.name
        public = Revision.objects.public().filter(report=report).exists()
        assert public == ((slug, int(year)) not in load_demo.DRAFTS), path.name


def test_load_demo_publishes_the_seed_report_as_of_its_date(demo, client):
    revision = Revision.objects.public().get(year=2016, body__slug="sports-bureau")
    assert revision.number == 1
    assert revision.title_zh_hans == SEED_TITLE
    assert revision.published_on == datetime.date(2017, 3, 28)
    assert revision.published_at.date() == datetime.date(2017, 3, 28)
    report = revision.report
    assert report.sections.filter(level=1).count() == 3
    assert report.rectifications.count() == 4
    assert report.plans.count() == 6
    response = client.get("/reports/2016/sports-bureau/")
    assert response.status_code == 200
    assert SEED_TITLE in response.content.decode()


def test_load_demo_keeps_the_draft_out_of_public_view(demo, client):
    assert load_demo.DRAFTS
    for slug, year in load_demo.DRAFTS:
        assert Report.objects.get(body__slug=slug, year=year).status == Report.Status.DRAFT
        assert not Revision.objects.filter(report__body__slug=slug, report__year=year).exists()
        assert client.get(f"/reports/{year}/{slug}/").status_code == 404


def test_load_demo_site_settings_pages_and_bodies(demo):
    assert sorted(Body.objects.values_list("slug", flat=True)) == sorted(slug for slug, *_ in load_demo.BODIES)
    government = Body.objects.get(slug="municipal-government")
    assert government.parent is None
    assert Body.objects.get(slug="sports-bureau").parent == government
    demo_pages = Page.objects.exclude(slug="applications-guide").order_by("slug")
    assert list(demo_pages.values_list("slug", flat=True)) == ["about", "copyright"]
    assert SiteSettings.load().copyright_zh_hans == "版权所有：锦州市人民政府"


def test_load_demo_creates_demo_users_with_debug_on(demo, settings):
    User = get_user_model()
    assert sorted(User.objects.values_list("username", flat=True)) == [
        "admin",
        "editor",
        "handler",
        "publisher",
        "reviewer",
    ]
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(settings.DEMO_PASSWORD)
    bodies = set(Body.objects.all())
    for username, role in [
        ("editor", "撰稿人"),
        ("reviewer", "审核人"),
        ("publisher", "发布人"),
        ("handler", "申请办理人"),
    ]:
        user = User.objects.get(username=username)
        assert user.is_staff and not user.is_superuser, username
        assert list(user.groups.values_list("name", flat=True)) == [role], username
        assert not user.user_permissions.exists(), username  # permissions come from the role
        assert set(user.bodies.all()) == bodies, username
    editor = User.objects.get(username="editor")
    assert editor.has_perm("disclosure.change_section")
    assert not editor.has_perm("disclosure.change_feedback")
    reviewer = User.objects.get(username="reviewer")
    assert reviewer.has_perm("disclosure.view_report")
    assert not reviewer.has_perm("disclosure.change_section")
    assert not reviewer.has_perm("disclosure.add_report")
    assert "演示账号" in demo


def test_load_demo_publishes_two_consecutive_standard_format_years(demo):
    revisions = Revision.objects.public().filter(body__slug="sports-bureau", year__in=[2023, 2024])
    assert sorted(r.document["format"] for r in revisions) == ["2021", "2021"]
    this = revisions.get(year=2024).document["tables"]["requests"]
    last = revisions.get(year=2023).document["tables"]["requests"]
    assert this["carried_over"] == last["carried_forward"]
    assert revisions.get(year=2024).document["title"]["zh-hant"] == "錦州市體育局2024年政府信息公開工作年度報告"
