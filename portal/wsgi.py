import os

from django.core.wsgi import get_wsgi_application

from portal.env import one_line_if_missing

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

# Exit status 3 is gunicorn's "worker failed to boot": its master stops rather than start worker after worker.
with one_line_if_missing(exit_status=3):
    application = get_wsgi_application()
