"""The published JSON Schema of disclosure-report/1 agrees with what load_report accepts and the API serves."""

import copy
import json

import jsonschema
import pytest

from disclosure.opendata import schema
from disclosure.publishing import interchange
from tests.factories import DEMO_DOCUMENTS, make_body, make_report, publish, standard_tables

pytestmark = pytest.mark.django_db


def validator():
    return jsonschema.Draft202012Validator(schema.schema(), format_checker=jsonschema.FormatChecker())


def demo(year):
    return json.loads((DEMO_DOCUMENTS / f"sports-bureau-{year}.json").read_text(encoding="utf-8"))


def test_the_schema_is_served_beside_the_api_and_is_a_valid_schema(client):
    response = client.get(schema.ID)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/schema+json")
    assert response["Access-Control-Allow-Origin"] == "*"
    served = json.loads(response.content)
    jsonschema.Draft202012Validator.check_schema(served)
    assert served["$id"] == schema.ID
    assert client.post(schema.ID).status_code == 405


@pytest.mark.parametrize("year", [2023, 2024])
def test_the_demo_documents_are_valid(year):
    assert list(validator().iter_errors(demo(year))) == []


def test_what_the_api_serves_is_valid(client):
    for format, extra in (("legacy", {}), ("2021", {"tables": standard_tables()})):
        report = make_report(make_body(slug=f"body-{format}"), year=2024, format=format, **extra)
        publish(report)
        answer = client.get(f"/api/v1/reports/2024/body-{format}/")
        assert answer.status_code == 200
        assert list(validator().iter_errors(json.loads(answer.content))) == [], format


def _broken():
    """(name, document) pairs that interchange.validate refuses for their shape."""
    base = demo(2024)

    def changed(edit):
        document = copy.deepcopy(base)
        edit(document)
        return document

    def fifth_level(document):
        node = document["sections"][0]
        for _ in range(4):
            node["children"] = [{"heading": "下一级", "children": []}]
            node = node["children"][0]

    return [
        ("unknown key", changed(lambda d: d.update(extra=1))),
        ("wrong schema", changed(lambda d: d.update(schema="disclosure-report/2"))),
        ("unknown format", changed(lambda d: d.update(format="2030"))),
        ("year out of range", changed(lambda d: d.update(year=2007))),
        ("year as text", changed(lambda d: d.update(year="2024"))),
        ("no title", changed(lambda d: d.pop("title"))),
        ("blank title", changed(lambda d: d.update(title="  "))),
        ("title too long", changed(lambda d: d.update(title="年" * 201))),
        ("unknown language", changed(lambda d: d.update(title={"zh-hans": "标题", "fr": "titre"}))),
        ("no Simplified title", changed(lambda d: d.update(title={"en": "Title"}))),
        ("bad date", changed(lambda d: d.update(published_on="2025-02-30"))),
        ("bad slug", changed(lambda d: d["body"].update(slug="体育局"))),
        ("bad kind", changed(lambda d: d["body"].update(kind="ministry"))),
        ("fifth outline level", changed(fifth_level)),
        ("bad status", changed(lambda d: d["rectifications"].append({"problem": "问题", "status": "later"}))),
        ("plan without text", changed(lambda d: d["plans"].append({"responsible": "办公室"}))),
        ("unknown table", changed(lambda d: d["tables"].update(procurement={}))),
        ("unknown row", changed(lambda d: d["tables"]["requests"].update(other={}))),
        ("unknown column", changed(lambda d: d["tables"]["requests"]["granted"].update(foreign=1))),
        ("count as text", changed(lambda d: d["tables"]["requests"]["granted"].update(total="3"))),
        ("count with decimals", changed(lambda d: d["tables"]["requests"]["granted"].update(total=3.5))),
        ("count of ten digits", changed(lambda d: d["tables"]["requests"]["granted"].update(total=10**9))),
        ("amount of ten digits", changed(lambda d: d["tables"]["active"]["fees"].update(amount="1000000000"))),
        ("amount in exponent", changed(lambda d: d["tables"]["active"]["fees"].update(amount="1e5"))),
        ("amount of five decimals", changed(lambda d: d["tables"]["active"]["fees"].update(amount="1.00001"))),
        ("legacy with tables", changed(lambda d: d.update(format="legacy"))),
    ]


@pytest.mark.parametrize("name,document", _broken(), ids=[name for name, _ in _broken()])
def test_the_schema_refuses_what_load_report_refuses(name, document):
    make_body("sports-bureau", "锦州市体育局")  # a known body: the schema cannot know which bodies exist
    assert interchange.validate(document), f"interchange.validate accepts {name}"
    assert list(validator().iter_errors(document)), f"the schema accepts {name}"


def test_the_schema_accepts_what_load_report_accepts_at_the_limits():
    document = demo(2024)
    document["title"] = {"zh-hans": "年" * 200, "en": "Title"}
    document["tables"]["requests"]["granted"]["total"] = 10**9 - 1
    document["tables"]["active"]["fees"]["amount"] = "999999999.9999"
    document["tables"]["requests"]["new_received"]["other"] = None
    make_body("sports-bureau", "锦州市体育局")
    assert interchange.validate(document) == []
    assert list(validator().iter_errors(document)) == []
