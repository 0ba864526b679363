"""Nothing personal of the demo register leaves the staff side (个人信息保护法): the status page, dumps made without
--with-personal-data, the counted table and a report filled from the register hold no applicant's name, identity
number, phone, email or address. The anonymous crawl of the whole public site (pages, API, feeds, search,
downloads) looks for the same values: tests/public/test_unpublished.py, which loads this register into its site.
"""

import io
import json

import pytest
from django.core.management import call_command

from disclosure.applications import origins, tracking
from disclosure.publishing import document
from disclosure.tables import formats
from tests.applications.factories import demo_register, load_demo_register, private_values
from tests.factories import make_body, make_report, standard_tables

pytestmark = pytest.mark.django_db

PERSONAL = ("name", "id_number", "phone", "email", "address")


@pytest.fixture(scope="module")
def register():
    return demo_register()


@pytest.fixture
def body(db):
    body = make_body("sports-bureau", "锦州市体育局")
    load_demo_register()
    return body


def personal(register):
    """{value: where} of the applicants' personal fields and tracking codes only (a dump holds the requests)."""
    return {value: where for value, where in private_values(register).items() if not where.endswith(" request")}


def grouped_codes(register):
    """The tracking codes as shown to applicants (7KQM-4XPA-93HD); a dump holds them as stored."""
    return {tracking.grouped(item["tracking_code"]) for item in register["applications"] if item.get("tracking_code")}


def found_in(text, values):
    return sorted(where for value, where in values.items() if value.lower() in text.lower())


def test_the_register_has_what_the_tests_look_for(register):
    values = private_values(register)
    kinds = {where.rsplit(" ", 1)[1] for where in values.values()}
    assert kinds == {*PERSONAL, "request", "code"}
    assert len(values) > 5 * len(register["applications"])


@pytest.mark.parametrize("tracked", [0, 1], ids=["unconfirmed", "open"])
def test_the_status_page_shows_the_stage_and_nothing_personal(client, body, register, tracked):
    item = [item for item in register["applications"] if item.get("tracking_code")][tracked]
    code = tracking.grouped(item["tracking_code"])
    response = client.post("/applications/status/", {"code": code, "phone": item["applicant"]["phone"]})
    assert response.status_code == 200
    page = response.content.decode()
    assert "办理状态" in page  # found, not the not-found message
    # What the visitor typed stays in the form (their own code and phone); nothing else of the case may show.
    values = private_values(register) | {item["ref"]: "ref"}
    for typed in (item["tracking_code"], code, item["applicant"]["phone"]):
        del values[typed]
    assert found_in(page, values) == []


def test_a_dump_without_personal_data_holds_none(body, register, tmp_path):
    path = tmp_path / "register.json"
    call_command("dump_applications", "sports-bureau", "-o", str(path), stdout=io.StringIO())
    text = path.read_text(encoding="utf-8")
    assert len(json.loads(text)["applications"]) == len(register["applications"])
    assert found_in(text, personal(register)) == []
    # The same dump asked for personal data has them: the search above would have found them.
    call_command("dump_applications", "sports-bureau", "-o", str(path), "--with-personal-data", stdout=io.StringIO())
    text = path.read_text(encoding="utf-8")
    written = {value: where for value, where in personal(register).items() if value not in grouped_codes(register)}
    assert found_in(text, written) == sorted(written.values())


def test_the_counted_table_and_a_report_filled_from_the_register_hold_none(body, register, capsys):
    values = private_values(register)
    call_command("application_table", "2024", "sports-bureau")
    assert found_in(capsys.readouterr().out, values) == []
    report = make_report(body, year=2024, format=formats.STANDARD_2021, levels=(1,) * 6, tables=standard_tables())
    assert origins.fill(report, None)  # the figures did change: the tables are the register's now
    report.refresh_from_db()
    assert report.tables["requests"]["new_received"]["total"] == 45
    built = json.dumps(document.build(report), ensure_ascii=False)
    assert found_in(built, values) == []
