"""workflow.bodies_of and workflow.scoped: which bodies' reports a staff member sees in the admin."""

import pytest
from django.contrib.auth import get_user_model

from disclosure.models import Report
from disclosure.publishing import workflow
from tests.factories import make_body, make_report, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_bodies():
    sports, health = make_body(), make_body("health", "锦州市卫生健康委员会")
    return sports, health, make_report(body=sports), make_report(body=health)


def test_staff_see_only_the_bodies_they_belong_to(two_bodies):
    sports, _health, sports_report, _health_report = two_bodies
    member = make_staff("editor", workflow.EDITOR, sports)

    assert list(workflow.bodies_of(member)) == [sports]
    assert list(workflow.scoped(Report.objects.all(), member)) == [sports_report]


def test_staff_of_no_body_see_nothing(two_bodies):
    outsider = make_staff("outsider", workflow.EDITOR)

    assert not workflow.bodies_of(outsider).exists()
    assert not workflow.scoped(Report.objects.all(), outsider).exists()


def test_a_superuser_sees_every_body(two_bodies):
    admin = get_user_model().objects.create_superuser("admin", password="a-long-test-password")
    queryset = Report.objects.all()

    assert set(workflow.bodies_of(admin)) == set(two_bodies[:2])
    assert workflow.scoped(queryset, admin) is queryset
