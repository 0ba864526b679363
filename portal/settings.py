"""Settings for the disclosure portal.

Everything that differs between a laptop and production comes from the environment
(see README, "Configuration"); on a laptop also from the .env that `make run` writes once.
The defaults are safe for development only: with debug off the site refuses to start
without a secret key.
"""

import os
from pathlib import Path

import dj_database_url

from disclosure.languages import declared as declared_languages

from .cache import caches_from_url
from .env import MissingSetting, read_env_file


def env_bool(name, default=False):
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent

# Local development: `make run` writes .env once (debug on, a generated key). A variable set in the environment
# wins over the file; DJANGO_ENV_FILE names another file, or none when empty (the tests set it so).
read_env_file(os.environ.get("DJANGO_ENV_FILE", BASE_DIR / ".env"))

DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise MissingSetting(
            "DJANGO_SECRET_KEY is not set. With debug off the portal will not start without it: "
            "set DJANGO_SECRET_KEY to a long random string (or DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "development-only-not-secret"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that it can patch the admin forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "disclosure",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response, error pages included.
    "portal.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages from the shared cache, before sessions and the rest (disclosure/pagecache.py). A cached
    # page needs no database; a query of its own that fails reaches errors.server_error, a 503 as below.
    "disclosure.public.page_cache.PageCacheMiddleware",
    # The database unreachable: a styled 503 with Retry-After instead of a 500 (README, "Security").
    # Below WhiteNoise, so that the 503 page's stylesheet is still served; above everything that queries.
    "disclosure.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Needs the user and the message store (above): signs idle staff out with a note for the login page.
    "disclosure.staff_security.idle_sessions.StaffIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "disclosure.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
# SQLite (the embedded default): WAL lets pages be read while a save writes, and IMMEDIATE takes the write lock
# when a transaction begins, so that a second save waits its turn (up to SQLITE_TIMEOUT seconds, below
# gunicorn's 30) instead of failing; one still locked after that is a "try again" on the same form.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache: CACHE_URL=redis://127.0.0.1:6379/0 (see portal/cache.py). Without it each process keeps
# its own, and public pages are not cached at all, since one process could not tell the others to forget.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = caches_from_url(CACHE_URL)
# Public pages cached under the site's generation (disclosure/pagecache.py); PAGE_CACHE=0 turns it off.
PAGE_CACHE_ALIAS = "default" if CACHE_URL and env_bool("PAGE_CACHE", True) else None
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(24 * 3600)))
# Addresses in one sitemap file; past it sitemap.xml is an index of parts this size (public/sitemaps.py). The
# protocol allows 50,000, but a file of 50,000 addresses with their language alternates is 25 MB and 14 s of a
# worker's CPU; one of 5,000 is 2.5 MB and about a second.
SITEMAP_LIMIT = int(os.environ.get("SITEMAP_LIMIT", "5000"))

# Staff passwords: at least 12 characters (PASSWORD_MIN_LENGTH) and Django's checks, with messages in Chinese.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "disclosure.staff_security.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages (declared in disclosure/languages/declared.py): Simplified Chinese is the source and has no URL prefix.
LANGUAGE_CODE = declared_languages.SOURCE
LANGUAGES = declared_languages.choices()
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# Simplified → Traditional: "s2tw" (Taiwan forms, default) or "s2hk" (Hong Kong forms).
OPENCC_CONFIG = os.environ.get("OPENCC_CONFIG", "s2tw")

MODELTRANSLATION_DEFAULT_LANGUAGE = declared_languages.SOURCE
MODELTRANSLATION_LANGUAGES = declared_languages.CODES
# An untranslated field falls back to the Simplified source, never to an empty string.
MODELTRANSLATION_FALLBACK_LANGUAGES = (declared_languages.SOURCE,)
# The admin labels a translated field 标题（简体）, 标题（繁体）, 标题（英文）, not 标题 [zh-hans].
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = declared_languages.staff_label

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development and tests WhiteNoise serves straight from the source folders (no collectstatic).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Where /admin/ lives can be moved away from the well-known path.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"

# The column paginates by this many reports.
REPORTS_PER_PAGE = int(os.environ.get("REPORTS_PER_PAGE", "10"))
# 站内搜索 counts and pages through at most this many matching reports ("more than …" past it): twenty pages. The
# count is the search's dearest step for a common term (each counted report's text is checked).
SEARCH_RESULTS_LIMIT = int(os.environ.get("SEARCH_RESULTS_LIMIT", "200"))
# Lists of bodies (the column's 发布机构, the home page) name every body up to this many bodies; past it (a
# province's cluster) they list the governments, and each government's own bodies once it is chosen.
COLUMN_BODY_CHOICES_LIMIT = int(os.environ.get("COLUMN_BODY_CHOICES_LIMIT", "200"))
# The column counts its reports up to this many, and pages that far; past it, the reader narrows by year or area.
COLUMN_COUNT_LIMIT = int(os.environ.get("COLUMN_COUNT_LIMIT", "1000"))
# 网站地图 lists a year's reports on one page up to this many; past it, one page per year and government.
SITE_MAP_REPORTS_PER_PAGE = int(os.environ.get("SITE_MAP_REPORTS_PER_PAGE", "300"))

# Feedback form: at most this many messages per address per hour.
FEEDBACK_RATE_LIMIT = int(os.environ.get("FEEDBACK_RATE_LIMIT", "5"))

# 依申请公开 public pages: online applications and status lookups per address per hour, and the smallest
# count the public statistics show (a smaller one reads "少于5件", so that no case is shown alone).
APPLICATION_RATE_LIMIT = int(os.environ.get("APPLICATION_RATE_LIMIT", "5"))
APPLICATION_STATUS_RATE_LIMIT = int(os.environ.get("APPLICATION_STATUS_RATE_LIMIT", "20"))
APPLICATION_STATISTICS_MINIMUM = int(os.environ.get("APPLICATION_STATISTICS_MINIMUM", "5"))

# 依申请公开: applicants' personal data is erased this many years after the reply (erase_expired_applications).
# Five because a reply can be taken to court for up to five years when the applicant was not told how to
# challenge it (行政诉讼法第四十六条第二款); no purpose of the case needs the data after that (个人信息保护法第十九条).
APPLICATION_RETENTION_YEARS = int(os.environ.get("APPLICATION_RETENTION_YEARS", "5"))

# Password of the demo staff accounts that `make run` creates (never created with debug off).
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "jinzhou-demo-2017")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

# HTTPS (README, "Security"). nginx terminates TLS and forwards X-Forwarded-Proto; gunicorn listens on
# 127.0.0.1 only, so nobody but the proxy can set that header. SECURE_PROXY_SSL_HEADER=0 when the portal
# is reached without such a proxy.
if env_bool("SECURE_PROXY_SSL_HEADER", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# One year once the site is known to work over HTTPS; set SECURE_HSTS_SECONDS=300 for a first trial.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is a commitment browsers ship for months; only the domain's owner can decide it, so it is off
# by default and its reminder (security.W021) is silenced until SECURE_HSTS_PRELOAD=1 is set.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Scripts and styles come from our own static files only: no inline code, no CDN (portal/csp.py).
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # The admin's stylesheets draw a few icons as data: URIs.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Admin sign-in (disclosure/lockout.py): after LOGIN_FAILURE_LIMIT failed attempts for one user name within
# LOGIN_LOCKOUT_MINUTES, that name is locked for as long; an address is locked after LOGIN_IP_FAILURE_LIMIT
# failures (higher, because a whole office may share one address behind its NAT).
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_IP_FAILURE_LIMIT = int(os.environ.get("LOGIN_IP_FAILURE_LIMIT", "20"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
# Every password check takes one of those guesses first, atomically (disclosure/staff_security/lockout.py).
AUTHENTICATION_BACKENDS = ["disclosure.staff_security.lockout.LockoutBackend"]
# The reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For is believed: the client is
# the right-most address there not in this list (disclosure/staff_security/client_address.py). Loopback by
# default (nginx on the same host); add nginx's address, e.g. 10.0.0.5 or 10.0.0.0/8, when it runs elsewhere.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.0/8,::1")
# Staff are signed out after this many minutes without a request (disclosure/staff_session.py).
STAFF_SESSION_IDLE_MINUTES = int(os.environ.get("STAFF_SESSION_IDLE_MINUTES", "30"))
# Seconds between the beats of an open report form telling the others who has it open (publishing/presence.py).
PRESENCE_HEARTBEAT_SECONDS = 20
# The 503 page asks browsers and crawlers to come back after this many seconds (disclosure/outage.py).
OUTAGE_RETRY_AFTER = int(os.environ.get("OUTAGE_RETRY_AFTER", "120"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Word and PDF downloads, drawn once per published revision and language and kept here (disclosure/exports/).
DOWNLOAD_CACHE_DIR = Path(os.environ.get("DOWNLOAD_CACHE_DIR", BASE_DIR / "var" / "downloads"))

# Email to staff (disclosure/publishing/notifications.py, send_deadline_digest): Django's own EMAIL_* settings,
# each from the variable of the same name. With debug on (`make run`) mail is printed on the console unless
# EMAIL_BACKEND says otherwise; in production it goes to the SMTP server named here.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))  # a hung server must not hold a request for long
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "政府信息公开年报管理 <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# The site's address as staff reach it, for the links in those emails (no request to take it from: the digest
# runs from cron), e.g. https://xxgk.example.gov.cn. By default the first of ALLOWED_HOSTS over HTTPS, or the
# development server with debug on.
_first_host = next((host for host in ALLOWED_HOSTS if not host.startswith((".", "*"))), "")
SITE_URL = os.environ.get(
    "SITE_URL", "http://127.0.0.1:8000" if DEBUG else (f"https://{_first_host}" if _first_host else "")
).rstrip("/")
