"""Table 3 counted from the register: every row and column, the balance by construction, the checks."""

import datetime

import pytest

from disclosure.applications import counting
from disclosure.applications.counting import Case
from disclosure.tables import formats, rules
from tests.applications.factories import make_application, replied, varied_register
from tests.factories import make_body

D = datetime.date


def _requests_findings(requests, format=formats.STANDARD_2021):
    document = {"format": format, "tables": requests}
    return [f for f in rules.blocking(document) if f.path.startswith("tables.requests.")]


def test_the_rows_of_a_case():
    carried_and_replied = Case(1, "natural_person", D(2025, 12, 20), D(2026, 1, 5), "granted")
    assert counting.rows_of(carried_and_replied, 2025) == ["new_received", "carried_forward"]
    assert counting.rows_of(carried_and_replied, 2026) == ["carried_over", "granted", "results_total"]
    assert counting.rows_of(carried_and_replied, 2027) == []
    on_the_last_day = Case(2, "research", D(2026, 3, 2), D(2026, 12, 31), "other_overdue_fee")
    assert counting.rows_of(on_the_last_day, 2026) == ["new_received", "other_overdue_fee", "results_total"]
    assert counting.rows_of(on_the_last_day, 2026, formats.TRIAL_2019) == ["new_received", "other", "results_total"]
    still_open = Case(3, "other", D(2024, 5, 6))
    assert counting.rows_of(still_open, 2026) == ["carried_over", "carried_forward"]


def test_every_row_and_column_even_when_empty():
    counted = counting.count([], 2026)
    assert list(counted) == ["requests"]
    requests = counted["requests"]
    assert list(requests) == [row.key for row in formats.REQUESTS_2021.rows]
    assert len(requests) == 25
    assert all(list(cells) == [c.key for c in formats.APPLICANTS] for cells in requests.values())
    assert sum(sum(cells.values()) for cells in requests.values()) == 0
    assert _requests_findings(counted) == []


@pytest.mark.django_db
def test_the_register_counted_balances_in_every_column_and_passes_the_checks():
    body = make_body()
    varied_register(body, 2026)
    for year in (2025, 2026, 2027):
        requests = counting.table3(body, year)["requests"]
        for column in counting.COLUMNS:
            assert (
                requests["new_received"][column] + requests["carried_over"][column]
                == requests["results_total"][column] + requests["carried_forward"][column]
            ), (year, column)
        assert _requests_findings({"requests": requests}) == [], year
    requests = counting.table3(body, 2026)["requests"]
    # Received in 2026: the 21 outcomes, the design file's case, the consultation, three in December.
    assert requests["new_received"]["total"] == 26
    assert requests["carried_over"]["total"] == 3  # from December 2025: two replied in 2026, one still open
    assert requests["carried_over"]["research"] == 1
    assert all(requests[key]["total"] >= 1 for key in rules.result_rows(formats.REQUESTS_2021))
    assert requests["granted"]["total"] == 2  # one carried over, one received
    assert requests["partially_granted"]["total"] == 2  # the outcome loop's, the design file's case
    assert requests["results_total"]["total"] == 24  # 21 + 2 carried over + the design file's case
    # Open on 31 December: the research one from 2025, the unanswered consultation, three of December.
    assert requests["carried_forward"]["total"] == 5
    assert all(requests["new_received"][kind] >= 1 for kind in counting.TYPES)
    trial = counting.table3(body, 2026, formats.TRIAL_2019)
    assert trial["requests"]["other"]["total"] == 3
    assert _requests_findings(trial, formats.TRIAL_2019) == []


@pytest.mark.django_db
def test_the_cases_behind_a_figure():
    body = make_body()
    granted = make_application(body, D(2026, 3, 2), replied(D(2026, 3, 20)), applicant_type="commercial")
    make_application(body, D(2026, 3, 3), replied(D(2026, 3, 20), "unable_no_info"))
    assert counting.behind(body, 2026, "granted", "total") == [granted.pk]
    assert counting.behind(body, 2026, "granted", "commercial") == [granted.pk]
    assert counting.behind(body, 2026, "granted", "natural_person") == []
    other = make_body("finance-bureau", "锦州市财政局")
    make_application(other, D(2026, 3, 2), replied(D(2026, 3, 20)))
    assert counting.table3(body, 2026)["requests"]["granted"]["total"] == 1
