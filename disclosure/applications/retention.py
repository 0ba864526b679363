"""How long applicants' personal data is kept once a case is closed, and its erasure (个人信息保护法第十九条、
第四十七条).

A case is closed by its reply; APPLICATION_RETENTION_YEARS after the reply date its Application.PERSONAL_FIELDS
are emptied. The case itself, its steps and its outcome stay: table 3 of every published report was counted from
them. Five years by default because a reply can be challenged in court for up to five years when the applicant
was not told of the remedies (行政诉讼法第四十六条第二款); after that no purpose of handling the case needs to
know who asked.
"""

from django.db.models import Exists, OuterRef, Q

from disclosure.applications import events


def cutoff(today, years):
    """The first reply date whose cases are kept: replies before it are more than `years` years old."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def expired(today, years):
    """The cases replied before cutoff() that still hold personal data, oldest first."""
    from disclosure.models import Application, ApplicationEvent

    replied_before = ApplicationEvent.objects.filter(
        application=OuterRef("pk"), type=events.REPLIED, on__lt=cutoff(today, years)
    )
    holding = Q()
    for field in Application.PERSONAL_FIELDS:
        holding |= ~Q(**{field: ""})
    return (
        Application.objects.filter(Exists(replied_before))
        .filter(holding)
        .select_related("body")
        .order_by("body__slug", "received_on", "ref")
    )


def erase(applications):
    """Empty the personal fields of `applications`; returns how many were erased."""
    count = 0
    for application in applications:
        application.erase_personal_data()
        application.save(update_fields=[*application.PERSONAL_FIELDS, "updated_at"])
        count += 1
    return count


def years_setting():
    from django.conf import settings

    return settings.APPLICATION_RETENTION_YEARS
