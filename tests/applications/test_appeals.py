"""Table 4 counted from the appeals recorded on cases: the year filed, by result once decided by the year's end,
else 尚未审结; the cases behind a figure; an appeal's own check."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from disclosure.applications import appeals
from disclosure.models import ApplicationAppeal
from disclosure.tables import formats, rules
from tests.applications.factories import make_application, replied
from tests.factories import make_body

D = datetime.date
pytestmark = pytest.mark.django_db


def appeal(case, kind, filed_on, decided_on=None, result=""):
    return ApplicationAppeal.objects.create(
        application=case, kind=kind, filed_on=filed_on, decided_on=decided_on, result=result
    )


@pytest.fixture
def register():
    body = make_body()
    one = make_application(body, D(2025, 11, 3), replied(D(2025, 11, 20), "denied_process_info"), ref="A-1")
    two = make_application(body, D(2026, 2, 2), replied(D(2026, 2, 20), "unable_no_info"), ref="A-2")
    three = make_application(body, D(2026, 5, 6), replied(D(2026, 5, 20), "granted"), ref="A-3")
    appeal(one, "reconsideration", D(2025, 12, 10), D(2026, 2, 1), "upheld")  # filed 2025: counts in 2025 only
    appeal(two, "reconsideration", D(2026, 3, 1), D(2026, 5, 1), "corrected")
    appeal(two, "litigation_after_reconsideration", D(2026, 6, 1), D(2026, 12, 31), "upheld")  # decided on 31 Dec
    appeal(three, "litigation_direct", D(2026, 6, 10), D(2027, 1, 8), "other")  # decided next year: pending
    appeal(three, "reconsideration", D(2026, 6, 2))  # undecided: pending
    appeal(one, "litigation_direct", D(2026, 1, 5), D(2026, 9, 1), "other")
    return body, one, two, three


def test_table_4_by_year_filed_and_result(register):
    body, *_ = register
    table = appeals.table4(body, 2026)["appeals"]
    assert table == {
        "reconsideration": {"upheld": 0, "corrected": 1, "other": 0, "pending": 1, "total": 2},
        "litigation_direct": {"upheld": 0, "corrected": 0, "other": 1, "pending": 1, "total": 2},
        "litigation_after_reconsideration": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
    }
    before = appeals.table4(body, 2025)["appeals"]
    assert before["reconsideration"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}
    assert sum(cells["total"] for cells in appeals.table4(body, 2027)["appeals"].values()) == 0
    # Every cell of the format, and the T4-sum check passes.
    assert [list(cells) for cells in table.values()] == [[c.key for c in formats.OUTCOMES]] * 3
    assert rules._t4_sums(table) == []


def test_the_cases_behind_a_figure_of_table_4(register):
    body, one, two, three = register
    assert appeals.behind(body, 2026, "reconsideration", "pending") == [three.pk]
    assert appeals.behind(body, 2026, "reconsideration", "total") == [two.pk, three.pk]
    assert appeals.behind(body, 2026, "litigation_direct", "other") == [one.pk]
    assert appeals.behind(body, 2025, "reconsideration", "pending") == [one.pk]
    assert appeals.behind(make_body("finance-bureau", "锦州市财政局"), 2026, "reconsideration", "total") == []


def test_an_appeal_needs_a_result_with_its_decision_and_none_without(register):
    _, one, *_ = register
    for decided_on, result, field in (
        (D(2026, 2, 1), "", "result"),
        (None, "upheld", "decided_on"),
        (D(2025, 12, 1), "upheld", "decided_on"),
    ):
        with pytest.raises(ValidationError) as refused:
            ApplicationAppeal(
                application=one, kind="reconsideration", filed_on=D(2025, 12, 10), decided_on=decided_on, result=result
            ).full_clean()
        assert field in refused.value.message_dict
