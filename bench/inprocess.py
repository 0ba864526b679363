"""A throw-away production-settings site in this process, for benchmarks that time the Django stack itself.

Debug off as in production, on a fresh SQLite file; plain http://testserver, so the HTTPS redirect is off;
static files from the source folders, so no collectstatic is needed.
"""

import os
import tempfile
from pathlib import Path


def start():
    """Configure Django, migrate a new database and compile the catalogues; returns a test Client."""
    database = Path(tempfile.mkdtemp(prefix="portal-bench-")) / "bench.sqlite3"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DJANGO_SECRET_KEY="bench-only-secret-key-0123456789-0123456789-0123456789",
        DJANGO_DEBUG="0",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{database}",
        LOG_LEVEL="ERROR",
        STATIC_ROOT=str(database.parent / "static"),
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    call_command("migrate", verbosity=0)
    call_command("compile_catalogues", verbosity=0)
    return Client()
