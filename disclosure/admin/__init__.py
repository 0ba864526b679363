"""The Django admin, one module per job. Admin classes declare; the rules live in the app's modules."""

from disclosure.admin import access, applications, reporting_units, reports, site  # noqa: F401  (registering the model admins)
