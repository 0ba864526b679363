"""Security headers, the Content-Security-Policy, and `check --deploy` under production settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from portal.csp import policy

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-production-like-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF",
    "ALLOWED_HOSTS": "xxgk.example.gov.cn",
    "DJANGO_SETTINGS_MODULE": "portal.settings",
}


def run(code, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "SECURE_"))}
    clean.update(PRODUCTION, **env)
    return subprocess.run([sys.executable, *code], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_check_deploy_is_clean_under_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_still_warns_when_production_is_weakened():
    # The check above is not clean by accident: switching the protections off is reported.
    result = run(["manage.py", "check", "--deploy"], SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="0")
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


def production_settings(**env):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = run(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split(maxsplit=3)


def test_production_defaults_redirect_to_https_and_trust_the_proxy_header():
    redirect, hsts, subdomains, rest = production_settings()
    assert (redirect, hsts, subdomains) == ("True", "31536000", "True")
    assert rest.startswith("('HTTP_X_FORWARDED_PROTO', 'https') True True")


def test_https_settings_come_from_the_environment():
    redirect, hsts, subdomains, rest = production_settings(
        SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="300", SECURE_PROXY_SSL_HEADER="0"
    )
    assert (redirect, hsts) == ("False", "300")
    assert rest.startswith("None")


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client):
    for path in ("/", "/no/such/page/", "/robots.txt", "/static/css/site.css"):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp, path
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp, path
        assert "camera=()" in response.headers["Permissions-Policy"], path
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_hsts_and_the_https_redirect_behind_the_proxy(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = client.get("/reports/", HTTP_X_FORWARDED_PROTO="http")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/reports/"
    secure = client.get("/reports/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only_and_secure_in_production(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    response = client.get("/feedback/")
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_policy_is_written_as_directives():
    assert policy({"default-src": ["'self'"], "img-src": ["'self'", "data:"]}) == (
        "default-src 'self'; img-src 'self' data:"
    )


# What the policy would block: a <script> with a body, a <style> block, a style= or on…= attribute, a
# javascript: URL. Templates must have none of them (scripts and styles come from static/).
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style[\s>]|\sstyle\s*=|\son[a-z]+\s*=|javascript:", re.IGNORECASE)


def test_no_template_has_inline_script_or_style():
    found = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
            if INLINE.search(line):
                found.append(f"{template.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "inline code the Content-Security-Policy would block:\n" + "\n".join(found)


@pytest.mark.django_db
def test_with_debug_on_the_technical_error_pages_keep_their_inline_styles(client, settings):
    settings.DEBUG = True
    assert "Content-Security-Policy" not in client.get("/no/such/page/").headers
    assert "Content-Security-Policy" in client.get("/").headers
