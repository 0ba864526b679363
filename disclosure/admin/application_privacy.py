"""Personal data of applicants in the admin (个人信息保护法): the masked list column, the record of every showing
of a case's page, and that record's list for superusers. Who may see what is applications/privacy.py."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from disclosure.admin.access import SuperuserOnly
from disclosure.applications import privacy
from disclosure.models.applications import ApplicationView
from disclosure.staff_security import audit


def masked_applicant(application):
    """The list's 申请人 cell: name, identity number and phone, masked for everyone."""
    lines = [privacy.mask(field, getattr(application, field)) for field in ("name", "id_number", "phone")]
    lines = [line for line in lines if line]
    if not lines:
        return "—"
    first, rest = lines[0], lines[1:]
    return format_html(
        '{}<span class="application-masked">{}</span>',
        first,
        format_html_join("", "<br>{}", ((line,) for line in rest)),
    )


def record_view(request, application, personal):
    ApplicationView.objects.create(
        application=application,
        ref=application.ref,
        user=request.user,
        username=request.user.get_username(),
        personal=personal,
        address=audit.address_of(request),
    )


@admin.register(ApplicationView)
class ApplicationViewAdmin(SuperuserOnly):
    list_display = ["at", "username", "ref", "personal", "address"]
    list_filter = ["personal", "at"]
    search_fields = ["username", "ref"]
    date_hierarchy = "at"
