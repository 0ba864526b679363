"""Two saves at once on the embedded SQLite (issue 15): the second waits for the first instead of failing with
"database is locked" (which staff saw as the 503 "database unavailable" page, their input lost)."""

import json
import sys

from tests.test_settings import start

SCRIPT = """
import json, threading, time
import django
django.setup()
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
    cursor.execute("CREATE TABLE counter (n integer)")
    cursor.execute("INSERT INTO counter VALUES (0)")
connection.close()
errors = []

def save():
    # Like a change form: read, think a moment, write; both in one transaction.
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                n = cursor.fetchone()[0]
                time.sleep(0.3)
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
    except Exception as error:
        errors.append(str(error))
    finally:
        connections.close_all()

threads = [threading.Thread(target=save) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM counter")
    print(json.dumps({"mode": mode, "errors": errors, "n": cursor.fetchone()[0]}))
"""


def test_two_simultaneous_saves_on_sqlite_both_succeed_one_after_the_other(tmp_path):
    url = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    result = start(sys.executable, "-c", SCRIPT, DJANGO_DEBUG="1", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"mode": "wal", "errors": [], "n": 2}
