"""The tracking code (查询码) of an online application, and the phone number it is checked with.

A code is 12 characters drawn by `secrets` from 29 letters and digits that cannot be mistaken for one
another read aloud or typed (no 0/O, 1/I/L, U/V): about 58 bits, far beyond what a rate-limited form can
guess. It is shown in three groups of four (`7KQM-4XPA-93HD`); what the applicant types back is upper-cased
and stripped of spaces and dashes before it is compared, so either form works.
"""

import datetime
import hmac
import re
import secrets
from dataclasses import dataclass

from disclosure.applications import clock
from disclosure.applications import events as E
from disclosure.applications.calendar import ArrangementMissing

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"  # no 0 O 1 I L U V
CODE_LENGTH = 12
GROUP = 4


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def grouped(code):
    """`7KQM4XPA93HD` → `7KQM-4XPA-93HD`, as shown to the applicant."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise_code(text):
    """What an applicant typed, as stored: upper case, no spaces or dashes (any kind)."""
    return re.sub(r"[\s\-‐‑‒–—－_]", "", text or "").upper()


def normalise_phone(text):
    """A phone number as compared: digits only, without the +86 / 0086 country prefix.

    `+86 138-0000-0000`, `0086 13800000000` and `138 0000 0000` are the same number; a landline keeps its
    area code's leading 0 (`0416-1234567` → `04161234567`).
    """
    digits = re.sub(r"\D", "", text or "")
    if (text or "").strip().startswith("+86") or digits.startswith("0086"):
        digits = digits[2:] if digits.startswith("86") else digits[4:]
    return digits


# ---- the public status page ---------------------------------------------------------------------------------

UNCONFIRMED, HANDLING, CORRECTING, CONSULTING, AWAITING_FEE, EXTENDED, REPLIED = (
    "unconfirmed",
    "handling",
    "correcting",
    "consulting",
    "awaiting_fee",
    "extended",
    "replied",
)


@dataclass(frozen=True)
class Status:
    """What the status page may tell the applicant, and nothing else: no name, no request, no ref."""

    stage: str
    due_on: datetime.date | None = None
    missing_year: int | None = None  # the due date falls in a year whose holidays are not entered yet
    replied_on: datetime.date | None = None


def find(code, phone):
    """The application with this tracking code and phone number, or None; one answer for either mismatch.

    The code is looked up by its unique index and the phone compared in constant time, also against a
    stand-in when no application has the code, so that neither the answer nor its time tells which was wrong.
    """
    from disclosure.models import Application

    application = Application.objects.filter(tracking_code=code).first() if code else None
    stored = normalise_phone(application.phone) if application else "-"
    match = hmac.compare_digest(stored.encode(), (phone or "").encode())
    return application if application is not None and match and phone else None


def status(application, days, today):
    """The application's Status on `today`, from its events and the clock."""
    if application.unconfirmed:
        return Status(UNCONFIRMED)
    steps = list(application.events.all())
    kinds = {step.type for step in steps}
    if E.REPLIED in kinds:
        return Status(REPLIED, replied_on=clock.replied_on(steps))
    try:
        facts = clock.compute(application.received_on, steps, days, today)
        due_on, missing_year = facts.due_on, None
    except ArrangementMissing as missing:
        facts = clock.compute(application.received_on, steps, days, today, missing_ok=True)
        due_on, missing_year = None, missing.year
    if facts.state == clock.AWAITING_CORRECTION:
        stage = CORRECTING
    elif E.FEE_NOTICE in kinds and E.FEE_PAID not in kinds:
        stage = AWAITING_FEE
    elif any(_consulting(step, days, today) for step in steps):
        stage = CONSULTING
    elif facts.extended or (missing_year and E.EXTENDED in kinds):
        stage = EXTENDED
    else:
        stage = HANDLING
    return Status(stage, due_on, missing_year)


def _consulting(step, days, today):
    """A consultation still under way: not answered, and before its 15 working days have run out."""
    if step.type != E.CONSULTED or step.answered_on is not None:
        return False
    try:
        return today <= days.add(step.on, E.CONSULTATION_DAYS)
    except ArrangementMissing:
        return True  # its last day lies in a year not entered yet: still to come
