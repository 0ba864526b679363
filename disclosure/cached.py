"""What every page or save reads and staff change a few times a year (the site's chrome, the glossary, the page
cache's generation), kept in the cache until it changes.

`forget` deletes an entry now and again when the transaction commits: between the two, another process (another
host, with Redis) may have read the old rows and stored them again. Where the cache is each process's own (no
Redis), another process sees a change only when its entry runs out, hence the `seconds` of each `read`.
"""

from django.core.cache import cache as default_cache
from django.db import transaction


def read(key, seconds, build):
    """The cached value of `key`, or `build()`, kept for `seconds`."""
    found = default_cache.get(key)
    if found is None:
        found = build()
        default_cache.set(key, found, seconds)
    return found


def forget(key, cache=default_cache):
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
