"""Appeals in disclosure-applications/1: optional, loaded and dumped, dump → load → dump the same, problems with
their paths, and a document without the key keeps the stored appeals."""

import datetime

import pytest

from disclosure.applications import interchange
from disclosure.models import ApplicationAppeal
from tests.applications.factories import make_application, replied
from tests.factories import make_body

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    case = make_application(make_body(), D(2026, 3, 2), replied(D(2026, 3, 20), "unable_no_info"), ref="2026-0017")
    ApplicationAppeal.objects.create(
        application=case, kind="reconsideration", filed_on=D(2026, 4, 10), decided_on=D(2026, 6, 1), result="upheld"
    )
    ApplicationAppeal.objects.create(
        application=case, kind="litigation_after_reconsideration", filed_on=D(2026, 6, 20), organ="锦州市古塔区人民法院"
    )
    return case


def test_dump_load_dump_gives_the_same_document(case):
    first = interchange.dump(case.body, today=D(2026, 12, 1))
    assert first["applications"][0]["appeals"] == [
        {"kind": "reconsideration", "filed_on": "2026-04-10", "decided_on": "2026-06-01", "result": "upheld"},
        {"kind": "litigation_after_reconsideration", "filed_on": "2026-06-20", "organ": "锦州市古塔区人民法院"},
    ]
    ApplicationAppeal.objects.all().delete()
    assert interchange.load(first) == (0, 1)
    assert ApplicationAppeal.objects.count() == 2
    assert interchange.dump(case.body, today=D(2026, 12, 1)) == first


def test_without_the_key_the_stored_appeals_stay_and_a_case_without_appeals_has_none(case):
    document = interchange.dump(case.body, today=D(2026, 12, 1))
    del document["applications"][0]["appeals"]
    interchange.load(document)
    assert ApplicationAppeal.objects.count() == 2
    document["applications"][0]["appeals"] = []
    interchange.load(document)
    assert ApplicationAppeal.objects.count() == 0
    assert "appeals" not in interchange.dump(case.body, today=D(2026, 12, 1))["applications"][0]


def test_bad_appeals_are_named_by_their_path(case):
    document = interchange.dump(case.body, today=D(2026, 12, 1))
    document["applications"][0]["appeals"] = [
        {"kind": "petition", "filed_on": "2026-13-01"},
        {"kind": "reconsideration", "filed_on": "2026-04-10", "result": "upheld"},
        {"kind": "litigation_direct", "filed_on": "2026-04-10", "decided_on": "2026-04-01", "result": "other", "x": 1},
        "nonsense",
    ]
    paths = [path for path, _ in interchange.validate(document)]
    assert paths == [
        "applications[0].appeals[0].kind",
        "applications[0].appeals[0].filed_on",
        "applications[0].appeals[1].result",
        "applications[0].appeals[2].x",
        "applications[0].appeals[2].decided_on",
        "applications[0].appeals[3]",
    ]
    with pytest.raises(interchange.Malformed):
        interchange.load(document)
    assert ApplicationAppeal.objects.count() == 2
