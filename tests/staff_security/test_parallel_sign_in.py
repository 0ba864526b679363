"""Guesses sent at once: a real threaded server and database, each request checking its password slowly.

Before, the lock was read before the slow password check, so every request in flight got its guess (15 sent,
15 checked). Now each check first takes a guess atomically, so no more than the limit are ever checked.
"""

import contextlib
import http.client
import re
import sqlite3
import threading
import urllib.parse

import pytest
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection, connections
from django.test.testcases import QuietWSGIRequestHandler

from disclosure.models import AccessEvent
from tests.factories import PASSWORD
from tests.staff_security.slow_hasher import SlowCountingHasher

pytestmark = pytest.mark.django_db(transaction=True)
K = AccessEvent.Kind
HASHER = f"{SlowCountingHasher.__module__}.{SlowCountingHasher.__qualname__}"


class Server(ThreadedWSGIServer):
    """Django's threaded test server, a thread per request; on SQLite each with a connection of its own.

    (pytest-django's live_server shares the in-memory test database's one connection among its threads, and
    SQLite cannot run requests at once on one connection: here they share a file, as a deployment would.)
    """

    sqlite_file = None

    def process_request_thread(self, request, client_address):
        if self.sqlite_file:
            connections["default"] = file_connection(self.sqlite_file)
        super().process_request_thread(request, client_address)  # closes the thread's connections after


def file_connection(path):
    """A connection of the calling thread's own to the SQLite file."""
    test_database = connections.create_connection("default")  # not connected: settings and class only
    return type(test_database)({**test_database.settings_dict, "NAME": path}, "default")


@pytest.fixture
def slow_site(settings, tmp_path):
    """A threaded server at the database (on SQLite, a file copy of the test database), checking slowly."""
    settings.PASSWORD_HASHERS = [HASHER]
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_IP_FAILURE_LIMIT = 5
    get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)
    server = Server(("localhost", 0), QuietWSGIRequestHandler, allow_reuse_address=False)
    if connection.vendor == "sqlite":
        server.sqlite_file = str(tmp_path / "db.sqlite3")
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(server.sqlite_file)) as copy:
            connection.connection.backup(copy)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    SlowCountingHasher.checked = 0
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def access_events(server):
    """(kind, username, address) of every AccessEvent, from the database the server wrote to."""
    if not server.sqlite_file:
        return list(AccessEvent.objects.values_list("kind", "username", "address"))
    main = connections["default"]
    connections["default"] = reader = file_connection(server.sqlite_file)
    try:
        return list(AccessEvent.objects.values_list("kind", "username", "address"))
    finally:
        reader.close()
        connections["default"] = main


def post_together(server, attempts, forwarded_for):
    """POST every (username, password) to the sign-in page at the same moment; [(status, page)] in order."""
    host, port = server.server_address[:2]
    first = http.client.HTTPConnection(host, port, timeout=30)
    first.request("GET", "/admin/login/")
    page = first.getresponse()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())[1]
    cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie"))[1]
    first.close()
    start = threading.Barrier(len(attempts))
    results = [None] * len(attempts)

    def attempt(index, username, password):
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"}
        )
        client = http.client.HTTPConnection(host, port, timeout=30)
        client.connect()
        start.wait()
        client.request(
            "POST",
            "/admin/login/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
                "X-Forwarded-For": forwarded_for,
            },
        )
        response = client.getresponse()
        results[index] = (response.status, response.read().decode())
        client.close()

    threads = [threading.Thread(target=attempt, args=(i, *pair)) for i, pair in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_fifteen_guesses_at_one_name_sent_at_once_check_at_most_five_passwords(slow_site):
    attempts = [("chief", f"wrong-{number}") for number in range(14)] + [("chief", PASSWORD)]
    results = post_together(slow_site, attempts, forwarded_for="198.51.100.20")
    assert all(status in (200, 302) for status, _ in results)
    assert SlowCountingHasher.checked <= 5
    kinds = [kind for kind, *_ in access_events(slow_site)]
    assert kinds.count(K.FAILED) + kinds.count(K.LOGIN) <= 5
    assert kinds.count(K.REFUSED) >= 10
    refused = [page for status, page in results if status == 200 and "该用户名的登录失败次数过多" in page]
    assert len(refused) >= 10
    # The right password signs in only if it was one of the five checked.
    assert [status for status, _ in results].count(302) == kinds.count(K.LOGIN) <= 1


def test_fifteen_guesses_from_one_address_sent_at_once_check_at_most_five_passwords(slow_site):
    attempts = [(f"guess-{number}", "wrong-password") for number in range(15)]
    results = post_together(slow_site, attempts, forwarded_for="198.51.100.21")
    assert all(status == 200 for status, _ in results)
    assert SlowCountingHasher.checked <= 5
    events = access_events(slow_site)
    assert [kind for kind, _, address in events if address == "198.51.100.21"].count(K.FAILED) <= 5
    refused = [page for status, page in results if "您所在网络地址的登录失败次数过多" in page]
    assert len(refused) >= 10
    assert [kind for kind, *_ in events].count(K.ADDRESS_LOCKED) == 1
