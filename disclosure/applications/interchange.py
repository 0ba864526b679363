"""`disclosure-applications/1` documents in and out of the register (load_applications, dump_applications).

As for reports (disclosure/publishing/interchange.py): `parse` refuses an oversized, too deeply nested or
non-JSON file with a message; `validate` returns every problem with its JSON path, in Chinese; `load` writes
nothing when there is any. Loading an application whose `ref` already exists for the body replaces it and its
steps. Personal fields absent from a document's `applicant` (a dump made without --with-personal-data) keep
what is stored; present ones, even empty, replace it: so loading such a dump back never erases an applicant.

An online application not yet confirmed by staff has `"received_on": null` (no other may); it has no steps
and its state is `unconfirmed`. Its `tracking_code` (the public status page's key) is written, like the
personal fields, only with --with-personal-data, and kept when absent.

`dump` adds, per application, what the clock computes (due_on, state, late, days_taken; and due_on_missing
when a holiday arrangement is missing); `load` ignores those keys, so dump → load → dump gives the same
document.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from disclosure.applications import appeal_documents, calendar, clock, events, tracking
from disclosure.applications.events import Event
from disclosure.models import Application, ApplicationEvent, Body
from disclosure.publishing import json_files
from disclosure.publishing.json_files import Malformed, Unreadable  # noqa: F401  (raised to the commands)
from disclosure.tables import formats

SCHEMA = "disclosure-applications/1"
MAX_BYTES = 20 * 1024 * 1024  # about 30,000 applications
MAX_DEPTH = 8  # document → applications → application → events → event needs 5
MAX_NUMBER = 40
KNOWN = {"schema", "body", "applications"}
FIELDS = {
    "ref",
    "channel",
    "submitted_on",
    "received_on",
    "tracking_code",
    "applicant",
    "request",
    "form",
    "delivery",
    "events",
    "appeals",  # optional: appeal_documents.py
}
COMPUTED = {"due_on", "state", "late", "days_taken", "due_on_missing"}
PERSONAL = Application.PERSONAL_FIELDS
APPLICANT_TYPES = [column.key for column in formats.APPLICANTS if column.key != "total"]
DATE_FIELDS = ("until", "answered_on")


def parse(data):
    """The document in `data` (bytes of a UTF-8 JSON file), or Unreadable, checked before json.loads."""
    return json_files.parse(
        data, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH, max_number=MAX_NUMBER, kind="依申请公开登记文档"
    )


# ---- validation -----------------------------------------------------------------------------------------


def validate(doc):
    """Every problem of `doc` as (JSON path, message); an empty list means it can be loaded."""
    problems = json_files.envelope(doc, SCHEMA, KNOWN)
    if not isinstance(doc, dict):
        return problems

    def bad(path, message):
        problems.append((path, message))

    slug = doc.get("body")
    if not isinstance(slug, str) or not slug:
        bad("body", "应为发布机构的网址标识（如 sports-bureau）。")
    elif not Body.objects.filter(slug=slug).exists():
        bad("body", f"没有网址标识为“{slug}”的机构。")
    refs, codes = {}, {}
    for where, item in json_files.objects(doc.get("applications"), "applications", bad):
        _application(item, where, bad, slug)
        code = item.get("tracking_code")
        if isinstance(code, str) and code in codes:
            bad(f"{where}.tracking_code", f"查询码与 {codes[code]} 重复。")
        elif isinstance(code, str):
            codes[code] = where
        ref = item.get("ref")
        if isinstance(ref, str) and ref in refs:
            bad(f"{where}.ref", f"登记编号“{ref}”与 {refs[ref]} 重复。")
        elif isinstance(ref, str):
            refs[ref] = where
    return problems


def _application(item, where, bad, slug):
    for key in sorted(set(item) - FIELDS - COMPUTED):
        bad(f"{where}.{key}", "未知字段。")
    _string(item.get("ref"), f"{where}.ref", bad, 40, required=True)
    _choice(item.get("channel"), f"{where}.channel", Application.Channel, bad, required=True)
    submitted = _date(item.get("submitted_on"), f"{where}.submitted_on", bad)
    # Only an online application may be unconfirmed (received_on null, see the module's docstring).
    unconfirmed = item.get("received_on") is None and item.get("channel") == Application.Channel.ONLINE
    received = _date(item.get("received_on"), f"{where}.received_on", bad, required=not unconfirmed)
    if "tracking_code" in item:
        _tracking_code(item["tracking_code"], slug, item.get("ref"), f"{where}.tracking_code", bad)
    _string(item.get("request"), f"{where}.request", bad, 5000, required=True)
    _choice(item.get("form", ""), f"{where}.form", Application.Form, bad)
    _choice(item.get("delivery", ""), f"{where}.delivery", Application.Delivery, bad)
    applicant = item.get("applicant")
    if not isinstance(applicant, dict):
        bad(f"{where}.applicant", "应为对象，至少包含 type。")
    else:
        for key in sorted(set(applicant) - {"type", *PERSONAL}):
            bad(f"{where}.applicant.{key}", "未知字段。")
        if applicant.get("type") not in APPLICANT_TYPES:
            bad(f"{where}.applicant.type", f"应为 {'、'.join(APPLICANT_TYPES)} 之一。")
        for key in PERSONAL:
            if key in applicant:
                _string(applicant[key], f"{where}.applicant.{key}", bad, Application._meta.get_field(key).max_length)
    if "appeals" in item:
        appeal_documents.validate(item["appeals"], f"{where}.appeals", bad)
    steps = item.get("events", [])
    if not isinstance(steps, list):
        bad(f"{where}.events", "应为数组（[…]）。")
        return
    parsed, usable = [], True
    for number, step in enumerate(steps):
        event = _event(step, f"{where}.events[{number}]", bad)
        usable = usable and event is not None
        parsed.append(event)
    if usable and (received or unconfirmed):
        for problem in events.check(received, parsed, submitted):
            path = where if problem.index is None else f"{where}.events[{problem.index}]"
            if problem.field:
                path += f".{problem.field}"
            bad(path, problem.message)


def _tracking_code(value, slug, ref, path, bad):
    if value is None:
        return
    if not isinstance(value, str) or tracking.normalise_code(value) != value or len(value) != tracking.CODE_LENGTH:
        bad(path, f"应为{tracking.CODE_LENGTH}位查询码（大写字母和数字，不含分隔符）或 null。")
        return
    others = Application.objects.filter(tracking_code=value).exclude(body__slug=slug, ref=ref)
    other = others.values_list("body__slug", "ref").first()
    if other:
        bad(path, f"查询码已由另一申请（{other[0]} {other[1]}）使用。")


def _event(step, where, bad):
    """The step as an Event, or None when it is too broken to check its order."""
    if not isinstance(step, dict):
        bad(where, "应为对象。")
        return None
    kind = step.get("type")
    if kind not in events.TYPES:
        bad(f"{where}.type", f"应为 {'、'.join(events.TYPES)} 之一。")
        return None
    allowed = {"type", "on", "note", *events.FIELDS[kind]}
    for key in sorted(set(step) - allowed):
        bad(f"{where}.{key}", f"{events.TYPES[kind]}（{kind}）没有这一项。")
    on = _date(step.get("on"), f"{where}.on", bad, required=True)
    event = Event(kind, on, note=_string(step.get("note", ""), f"{where}.note", bad, 2000) or "")
    ok = on is not None
    for field in DATE_FIELDS:
        if field in step and field in allowed:
            value = _date(step[field], f"{where}.{field}", bad)
            ok = ok and (value is not None or step[field] is None)
            setattr(event, field, value)
    for field, limit in (("party", 20), ("outcome", 40), ("approved_by", 50)):
        if field in step and field in allowed:
            value = _string(step[field], f"{where}.{field}", bad, limit)
            ok = ok and value is not None
            setattr(event, field, value or "")
    if "amount" in step and "amount" in allowed:
        event.amount = _amount(step["amount"], f"{where}.amount", bad)
        ok = ok and event.amount is not None
    return event if ok else None


def _string(value, path, bad, limit, required=False):
    if not isinstance(value, str):
        bad(path, "应为文字。" if value is not None or required else "应为文字（可为空）。")
        return None
    if required and not value.strip():
        bad(path, "不能为空。")
    if len(value) > limit:
        bad(path, f"不能超过{limit}个字（现有{len(value)}个）。")
    return value


def _choice(value, path, choices, bad, required=False):
    if value == "" and not required:
        return
    if value not in choices.values:
        listed = "、".join(f"{key}（{label}）" for key, label in choices.choices)
        shown = "null" if value is None else f"“{value}”"
        bad(path, f"应为 {listed} 之一，而不是{shown}。")


def _date(value, path, bad, required=False):
    if value is None and not required:
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        bad(path, f"应为“年-月-日”格式的日期（如 2026-09-28），而不是“{value}”。")
        return None
    if not 2008 <= day.year <= 2100:
        bad(path, f"日期（{value}）不在2008年至2100年之间。")
        return None
    return day


def _amount(value, path, bad):
    if isinstance(value, bool) or not isinstance(value, str | int):
        bad(path, '应为以元为单位的金额文字，如 "100.00"。')
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount.as_tuple().exponent < -2:
        bad(path, f"“{value}”不是以元为单位、最多两位小数的金额。")
        return None
    return amount


# ---- loading --------------------------------------------------------------------------------------------


def load(doc):
    """Write the document's applications into the register; returns (created, replaced) counts.

    Raises Malformed, with nothing written, when anything is wrong."""
    problems = validate(doc)
    if problems:
        raise Malformed(problems)
    created = replaced = 0
    with transaction.atomic():
        body = Body.objects.get(slug=doc["body"])
        for item in doc["applications"]:
            application = Application.objects.select_for_update().filter(body=body, ref=item["ref"]).first()
            if application is None:
                application, created = Application(body=body, ref=item["ref"]), created + 1
            else:
                replaced += 1
            _fill(application, item)
            application.save()
            application.events.all().delete()
            ApplicationEvent.objects.bulk_create(
                _row(application, position, step) for position, step in enumerate(item.get("events", []))
            )
            appeal_documents.load(application, item)
    return created, replaced


def _fill(application, item):
    application.channel = item["channel"]
    application.submitted_on = _as_date(item.get("submitted_on"))
    application.received_on = _as_date(item["received_on"])
    if "tracking_code" in item:  # absent: keep what is stored, as for personal fields
        application.tracking_code = item["tracking_code"]
    application.request = item["request"]
    application.form = item.get("form", "")
    application.delivery = item.get("delivery", "")
    applicant = item["applicant"]
    application.applicant_type = applicant["type"]
    for key in PERSONAL:
        if key in applicant:  # absent: keep what is stored (see the module's docstring)
            setattr(application, key, applicant[key] or "")


def _row(application, position, step):
    return ApplicationEvent(
        application=application,
        position=position,
        type=step["type"],
        on=_as_date(step["on"]),
        until=_as_date(step.get("until")),
        answered_on=_as_date(step.get("answered_on")),
        party=step.get("party") or "",
        amount=Decimal(str(step["amount"])) if step.get("amount") is not None else None,
        outcome=step.get("outcome") or "",
        approved_by=step.get("approved_by") or "",
        note=step.get("note") or "",
    )


def _as_date(value):
    return datetime.date.fromisoformat(value) if value else None


# ---- dumping --------------------------------------------------------------------------------------------


def dump(body, year=None, personal=False, today=None, days=None):
    """The body's register (or the applications received in `year`) as a document, with the clock's facts."""
    days = days or calendar.from_database()
    today = today or timezone.localdate()
    received = F("received_on").asc(nulls_last=True)  # unconfirmed last, on SQLite and PostgreSQL alike
    applications = Application.objects.filter(body=body).prefetch_related("events", "appeals").order_by(received, "ref")
    if year is not None:
        applications = applications.filter(received_on__year=year)
    return {
        "schema": SCHEMA,
        "body": body.slug,
        "applications": [_dumped(a, personal, today, days) for a in applications],
    }


def _dumped(application, personal, today, days):
    steps = list(application.events.all())
    applicant = {"type": application.applicant_type}
    if personal:
        applicant |= {key: getattr(application, key) for key in PERSONAL}
    item = {
        "ref": application.ref,
        "channel": application.channel,
        "submitted_on": _iso(application.submitted_on),
        "received_on": _iso(application.received_on),
        **({"tracking_code": application.tracking_code} if personal and application.tracking_code else {}),
        "applicant": applicant,
        "request": application.request,
        "form": application.form,
        "delivery": application.delivery,
        "events": [_step(step) for step in steps],
        **appeal_documents.dumped(application),
    }
    facts = clock.compute(application.received_on, steps, days, today=today, missing_ok=True)
    item |= {"due_on": _iso(facts.due_on), "state": facts.state, "late": facts.late, "days_taken": facts.days_taken}
    if facts.missing:
        item["due_on_missing"] = facts.missing
    return item


def _step(step):
    written = {"type": step.type, "on": _iso(step.on)}
    for field in events.FIELDS[step.type]:
        value = getattr(step, field)
        if value not in (None, ""):
            written[field] = _iso(value) if field in DATE_FIELDS else f"{value:.2f}" if field == "amount" else value
    if step.note:
        written["note"] = step.note
    return written


def _iso(day):
    return day.isoformat() if day else None
