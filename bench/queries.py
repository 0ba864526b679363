"""SQL queries per report page, counted in a process of its own on the benchmark's database.

Run inside Django (`manage.py shell -c "import bench.queries as q; q.run(short_url, long_url)"`); prints
one JSON line: queries for each page rendered without the page cache, and again when served from it.
"""

import json

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def run(short, long):
    client = Client()
    result = {}
    with override_settings(PAGE_CACHE_ALIAS=None):
        count(client, short)  # the first request may create the site settings
        result["rendered"] = {"short": count(client, short), "long": count(client, long)}
    for url in (short, long):
        client.get(url, HTTP_HOST="localhost")  # now in the cache
    result["cached"] = {"short": count(client, short), "long": count(client, long)}
    print(json.dumps(result))
