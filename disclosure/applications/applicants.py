"""One applicant's applications to one body: the count that 按件计收 (fees.py) is charged on."""

from django.db.models import Q


def same_applicant(application):
    """A filter for the applications of `application`'s applicant, or None when it cannot be told: the
    identity document's number when given, else the name together with the phone number."""
    if application.id_number:
        return Q(id_number=application.id_number)
    if application.name and application.phone:
        return Q(name=application.name, phone=application.phone)
    return None


def number_in_month(application):
    """Which of its applicant's applications to the body in the natural month of its receipt this one is (1, 2, …),
    by day of receipt then reference; None when the applicant cannot be told or it is not received yet."""
    from disclosure.models import Application

    applicant = same_applicant(application)
    if applicant is None or application.received_on is None:
        return None
    received = application.received_on
    month = Application.objects.filter(
        applicant,
        body_id=application.body_id,
        received_on__year=received.year,
        received_on__month=received.month,
    )
    if application.pk:
        month = month.exclude(pk=application.pk)
    earlier = month.filter(Q(received_on__lt=received) | Q(received_on=received, ref__lt=application.ref))
    return earlier.count() + 1
