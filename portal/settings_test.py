"""Settings for the test suite: production-like (debug off), with side effects kept in temp folders."""

import os
import tempfile

# A developer's .env (written by `make run`: debug on, maybe a DATABASE_URL) must not change what is tested; this
# also holds for the servers and commands the tests start, which inherit the environment.
os.environ["DJANGO_ENV_FILE"] = ""
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_COOKIES", "0")
# The test client speaks plain HTTP: no redirect to HTTPS (tests/test_security.py checks production's).
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from .settings import *  # noqa: E402,F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="portal-test-static-")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Pages are not cached in tests unless a test turns it on (tests/test_pagecache.py, tests/test_deployment.py).
PAGE_CACHE_ALIAS = None
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
DOWNLOAD_CACHE_DIR = tempfile.mkdtemp(prefix="portal-test-downloads-")
