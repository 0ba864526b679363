"""A save that finds the embedded SQLite database locked: the same form again, with what was typed and a "try
again", never the 503 "database unavailable" page (outage.is_locked; docs/operations.md).

SQLite (settings: WAL, IMMEDIATE transactions, a busy timeout) lets a second save wait for the first; only one
still locked after the timeout gets here. Everything that save wrote has been rolled back.
"""

from django.core.exceptions import ValidationError
from django.db import OperationalError

from disclosure.outage import is_locked

BUSY = "未保存：数据库正忙（其他工作人员正在保存），请稍等片刻后再点一次“保存”。您填写的内容仍在下方。"


class BusyDatabaseMixin:
    """For a ModelAdmin: a change form whose save found the database locked is shown again, bound to the input."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OperationalError as error:
            if not is_locked(error):
                raise
        # Outside a transaction (reading needs no lock under WAL), with a form that refuses to save, so that
        # nothing waits for the lock a second time.
        request.database_busy = True
        return self._changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return refusing(form) if getattr(request, "database_busy", False) else form


def refusing(form_class):
    """`form_class` bound to the input as usual, and never valid: its one error is BUSY."""

    def clean(self):
        super(busy_form, self).clean()  # the form's own errors are shown too
        raise ValidationError(BUSY, code="busy")

    busy_form = type(form_class.__name__, (form_class,), {"clean": clean})
    return busy_form
