"""Builders for the application register, for these tests and later ones (admin, public pages, demo data)."""

import datetime
import itertools
import json
from decimal import Decimal
from pathlib import Path

from disclosure.models import Application, ApplicationEvent

D = datetime.date
_serial = itertools.count(1)

PERSON = {
    "name": "张某某",
    "id_type": "居民身份证",
    "id_number": "210702199001011234",
    "phone": "13800000000",
    "email": "zhang@example.cn",
    "address": "辽宁省锦州市古塔区某路1号",
}


def make_application(body, received_on, *steps, ref=None, applicant_type="natural_person", **extra):
    """An application of `body` with its `steps`: (type, on) or (type, on, {field: value}) tuples."""
    fields = {
        "channel": Application.Channel.ONLINE,
        "request": "全民健身中心场地开放时间及收费标准",
        "form": Application.Form.ELECTRONIC,
        **({} if applicant_type != "natural_person" else PERSON),
        **extra,
    }
    application = Application.objects.create(
        body=body,
        ref=ref or f"{received_on.year}-{next(_serial):04d}",
        received_on=received_on,
        applicant_type=applicant_type,
        **fields,
    )
    for position, step in enumerate(steps):
        add_step(application, *step, position=position)
    return application


def add_step(application, type, on, fields=None, position=0):
    fields = dict(fields or {})
    if "amount" in fields:
        fields["amount"] = Decimal(str(fields["amount"]))
    return ApplicationEvent.objects.create(application=application, type=type, on=on, position=position, **fields)


def replied(on, outcome="granted"):
    return ("replied", on, {"outcome": outcome})


def varied_register(body, year=2026):
    """A year of cases for `body` touching every row of table 3 (2021) and every kind of applicant: carried
    over from the year before (replied in `year` or still open), received and replied, open at the year's
    end, replied in the next year, corrections, consultations, an extension, fees paid and unpaid."""
    from disclosure.applications import events

    kinds = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other"]
    outcomes = list(events.OUTCOMES)
    made = []
    # Carried over: received in December of the year before; two replied in `year`, one still open.
    made.append(make_application(body, D(year - 1, 12, 8), replied(D(year, 1, 6)), applicant_type="commercial"))
    made.append(make_application(body, D(year - 1, 12, 20), replied(D(year, 1, 20), "unable_no_info")))
    made.append(make_application(body, D(year - 1, 12, 28), applicant_type="research"))
    # Replied in the year before: counts nowhere in `year`.
    made.append(make_application(body, D(year - 1, 3, 2), replied(D(year - 1, 3, 20))))
    # Every outcome once, each kind of applicant in turn, received and replied in `year`.
    for number, outcome in enumerate(outcomes):
        received = D(year, 1 + number % 10, 2 + number)
        steps = [replied(received + datetime.timedelta(days=10), outcome)]
        if outcome == "other_overdue_correction":
            steps = [
                (
                    "correction_requested",
                    received + datetime.timedelta(days=2),
                    {"until": received + datetime.timedelta(days=20)},
                ),
                replied(received + datetime.timedelta(days=30), outcome),
            ]
        elif outcome == "other_overdue_fee":
            steps = [
                ("fee_notice", received + datetime.timedelta(days=3), {"amount": "100.00"}),
                replied(received + datetime.timedelta(days=40), outcome),
            ]
        made.append(make_application(body, received, *steps, applicant_type=kinds[number % len(kinds)]))
    # A correction received, a consultation answered and one not, an extension, a fee paid.
    made.append(
        make_application(
            body,
            D(year, 9, 28),
            ("correction_requested", D(year, 9, 30), {"until": D(year, 10, 23)}),
            ("correction_received", D(year, 10, 12)),
            ("consulted", D(year, 10, 14), {"answered_on": D(year, 10, 20), "party": "third_party"}),
            ("extended", D(year, 11, 5), {"approved_by": "办公室主任"}),
            ("fee_notice", D(year, 11, 6), {"amount": "100.00"}),
            ("fee_paid", D(year, 11, 9)),
            replied(D(year, 11, 20), "partially_granted"),
            applicant_type="legal_service",
        )
    )
    made.append(
        make_application(
            body, D(year, 11, 2), ("consulted", D(year, 11, 4), {"party": "agency"}), applicant_type="social_welfare"
        )
    )
    # Open at the year's end: one replied in the next year, one still open, one awaiting a correction.
    made.append(make_application(body, D(year, 12, 1), replied(D(year + 1, 1, 5), "granted"), applicant_type="other"))
    made.append(make_application(body, D(year, 12, 2)))
    made.append(
        make_application(body, D(year, 12, 3), ("correction_requested", D(year, 12, 4), {"until": D(year, 12, 18)}))
    )
    return made


def other_inlines(client, url, own=("events",)):
    """The POST data of a case page's inlines other than `own`, as the page at `url` holds them, so that a test
    of one inline posts the others unchanged (the reply letters' and appeals' inlines sit beside the steps)."""
    data = {}
    for inline in client.get(url).context["inline_admin_formsets"]:
        formset = inline.formset
        if formset.prefix in own:
            continue
        count = formset.initial_form_count()
        data |= {f"{formset.prefix}-TOTAL_FORMS": str(count), f"{formset.prefix}-INITIAL_FORMS": str(count)}
        for form in formset.initial_forms:
            for name in form.fields:
                value = form[name].value()
                if value not in (None, False):
                    data[form.add_prefix(name)] = value
    return data


# ---- the demo register (disclosure/demo/applications/), for the privacy tests --------------------------------

DEMO_REGISTER = Path(__file__).resolve().parents[2] / "disclosure" / "demo" / "applications" / "sports-bureau.json"


def demo_register():
    """The demo register of 锦州市体育局 as its disclosure-applications/1 document."""
    return json.loads(DEMO_REGISTER.read_text(encoding="utf-8"))


def load_demo_register():
    """Load the demo register into the body `sports-bureau` (which must exist), through the one loader."""
    from disclosure.applications import interchange

    return interchange.load(demo_register())


def private_values(document=None):
    """{value: what it is} for everything of the demo register that must never reach a public page: each
    applicant's name, identity number, phone, email and address, each request, each tracking code (as stored
    and as shown). Requests are not personal data in themselves, but they often say who is asking and why."""
    from disclosure.applications import tracking

    found = {}
    for item in (document or demo_register())["applications"]:
        for key in ("name", "id_number", "phone", "email", "address"):
            value = item["applicant"].get(key)
            if value:
                found[value] = f"{item['ref']} {key}"
        found[item["request"]] = f"{item['ref']} request"
        if item.get("tracking_code"):
            found[item["tracking_code"]] = found[tracking.grouped(item["tracking_code"])] = f"{item['ref']} code"
    return found
