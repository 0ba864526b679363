"""Two gunicorn hosts on one PostgreSQL and one Redis serve one site coherently.

A publisher corrects a report through host A's admin; a reader of host B, whose cache held the old page,
sees the correction at once. With Redis stopped host B still serves pages. Everything runs on loopback
with debug off and the production settings (bench/servers.py); `make test` installs the servers.
"""

import http.cookiejar
import re
import subprocess
import tempfile
import urllib.parse
import urllib.request

import pytest

from bench import servers

pytestmark = pytest.mark.skipif(
    bool(servers.missing_binaries()), reason=f"needs {', '.join(servers.missing_binaries())} (make system-packages)"
)

PASSWORD = "deployment-test-password-0123"
SEED = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from disclosure.publishing import workflow
from disclosure.models import Report

report = Report.objects.filter(revisions__isnull=False).distinct().order_by("year", "body__slug").first()
user = get_user_model().objects.create_user("deployer", password="{PASSWORD}", is_staff=True)
user.groups.add(Group.objects.get(name=workflow.PUBLISHER))
report.body.members.add(user)
report.title_zh_hans += "（更正）"
report.save()
Report.objects.filter(pk=report.pk).update(status=Report.Status.APPROVED)
print(report.pk, report.get_absolute_url())
"""


@pytest.fixture(scope="module")
def site():
    """PostgreSQL, Redis and two gunicorn hosts; a published report ready for a correction."""
    with servers.Site(STATIC_ROOT=tempfile.mkdtemp(prefix="portal-static-")) as site:
        report_id, url = servers.manage(site.env, "shell", "-c", SEED).stdout.splitlines()[-1].split()
        hosts = [site.start(servers.Gunicorn(site.env, workers=2)) for _ in range(2)]
        yield {
            "a": hosts[0],
            "b": hosts[1],
            "redis": site.redis,
            "postgres": site.postgres,
            "env": site.env,
            "report_id": int(report_id),
            "url": url,
        }


def fetch(opener, url, data=None, headers=None):
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode() if data else None)
    # One site name for both hosts, as behind one nginx: the pages name it (hreflang links).
    for name, value in {"Host": "localhost", **(headers or {})}.items():
        request.add_header(name, value)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def publish_through(host, report_id):
    """Sign in to host's admin as the publisher and publish the correction, as a person would."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status, _, page = fetch(opener, host.url + "/admin/login/")
    assert status == 200
    form = {"username": "deployer", "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(page), "next": "/admin/"}
    status, _, page = fetch(opener, host.url + "/admin/login/", form)
    assert status == 200 and "deployer" in page, page[:2000]
    action = f"{host.url}/admin/disclosure/report/{report_id}/transition/publish/"
    status, _, page = fetch(opener, action)
    assert status == 200, page[:2000]
    # A correction's 更正说明 is confirmed on the publish page, in each language staff write (note-zh_hans, note-en).
    form = {"csrfmiddlewaretoken": csrf_token(page), "note-zh_hans": "更正标题中的错字。", "note-en": ""}
    status, _, page = fetch(opener, action, form)
    assert status == 200 and "第2版已发布" in page, page[:3000]


def test_a_correction_published_on_one_host_is_served_by_the_other(site):
    reader = urllib.request.build_opener()
    a, b, url = site["a"], site["b"], site["url"]
    status, headers, page = fetch(reader, b.url + url)
    assert status == 200 and "（更正）" not in page
    for host in (a, b):  # every worker of both hosts now finds the page in the shared cache
        status, headers, _ = fetch(reader, host.url + url)
        assert headers.get("X-Page-Cache") == "hit"
    etag = headers["ETag"]
    assert fetch(reader, b.url + url, headers={"If-None-Match": etag})[0] == 304

    publish_through(a, site["report_id"])

    status, headers, page = fetch(reader, b.url + url)
    assert status == 200 and "（更正）" in page and "更正标题中的错字。" in page
    assert headers["ETag"] != etag
    assert fetch(reader, b.url + url, headers={"If-None-Match": etag})[0] == 200
    year, body = url.strip("/").split("/")[1:]
    assert "（更正）" in fetch(reader, f"{b.url}/reports/?year={year}&body={body}")[2]


def test_pages_are_served_with_redis_stopped(site):
    reader = urllib.request.build_opener()
    site["redis"].stop()
    for path in (site["url"], "/reports/", "/", "/en" + site["url"]):
        status, headers, page = fetch(reader, site["b"].url + path)
        assert status == 200, (path, page[:2000])
        assert "X-Page-Cache" not in headers
    assert "Cache unavailable" in site["b"].log.read_text()


def test_a_pg_dump_restores_into_a_fresh_database_that_serves_the_same_pages(site, tmp_path):
    """The backup of README "Backups and restore": pg_dump -Fc, pg_restore into an empty database."""
    postgres, bin_dir = site["postgres"], servers.postgres_bin()
    connection = ["-h", postgres.dir, "-p", str(postgres.port), "-U", "postgres"]
    dump = tmp_path / "portal.dump"
    subprocess.run([bin_dir / "pg_dump", *connection, "-Fc", "-f", dump, "portal"], check=True)
    subprocess.run([bin_dir / "createdb", *connection, "restored"], check=True)
    subprocess.run([bin_dir / "pg_restore", *connection, "-d", "restored", "--no-owner", dump], check=True)
    env = {**site["env"], "DATABASE_URL": postgres.url.replace("/portal?", "/restored?"), "CACHE_URL": ""}
    restored = servers.Gunicorn(env, workers=1)
    try:
        reader = urllib.request.build_opener()
        for path in (site["url"], "/reports/", "/en" + site["url"]):
            original, copy = fetch(reader, site["a"].url + path), fetch(reader, restored.url + path)
            assert copy[0] == 200 and copy[2] == original[2], path
    finally:
        restored.stop()
