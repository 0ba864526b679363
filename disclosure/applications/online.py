"""An online application as the public form submits it: stored unconfirmed, with a ref and a tracking code.

Under Art. 31 an application made over the internet is received on the day the agency confirms it, so it is
stored with no `received_on` (待确认) until staff confirm it in the admin; its clock starts then. Its `ref` is
the next free YYYY-NNNN of the body for the year of submission. Two submissions at the same instant may pick
the same number (or, once in 10^17, the same code): the unique constraints refuse the second, which then
takes the next number, inside a savepoint, a few times.
"""

import re

from django.db import IntegrityError, transaction

from disclosure.applications import tracking
from disclosure.models import Application

ATTEMPTS = 5


def next_ref(body, year):
    pattern = re.compile(rf"^{year}-(\d+)$")
    numbers = [
        int(match.group(1))
        for ref in Application.objects.filter(body=body, ref__startswith=f"{year}-").values_list("ref", flat=True)
        if (match := pattern.match(ref))
    ]
    return f"{year}-{max(numbers, default=0) + 1:04d}"


def submit(body, applicant_type, details, today):
    """Store the application (details: the personal fields, request, form, delivery); returns it."""
    for attempt in range(ATTEMPTS):
        application = Application(
            body=body,
            ref=next_ref(body, today.year),
            channel=Application.Channel.ONLINE,
            submitted_on=today,
            received_on=None,
            applicant_type=applicant_type,
            tracking_code=tracking.new_code(),
            **details,
        )
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
            continue
        return application
