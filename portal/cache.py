"""The shared cache (Redis), configured from CACHE_URL, that degrades to "no cache" when Redis is down.

Several gunicorn hosts serve one site coherently only if they share one cache: a page cached or a cache
entry deleted on one host is seen by all. The cache is an accelerator, never a dependency: if Redis stops,
every read is a miss, every write is dropped, the outage is logged once, and pages are still served from
the database. After a failure the cache is not tried again for a few seconds, so that an outage does not
add a connection attempt to every request.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger("portal.cache")

# Seconds to leave Redis alone after a failure before trying again.
RETRY_AFTER = 5.0


def caches_from_url(url):
    """CACHES for CACHE_URL: `redis://host:6379/0` (or `rediss://`, `unix://`); empty: one process's memory."""
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return {
        "default": {
            "BACKEND": "portal.cache.DegradingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "portal",
            "OPTIONS": {
                # Fail fast and once: redis-py's default retries with backoff would hold a request for seconds.
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "retry": Retry(NoBackoff(), 0),
            },
        }
    }


_MISSING = object()


def _degrading(name, default=None):
    def method(self, *args, **kwargs):
        if self.is_down():
            return default() if callable(default) else default
        try:
            result = getattr(super(DegradingRedisCache, self), name)(*args, **kwargs)
        except self._errors as error:
            self._failed(error)
            return default() if callable(default) else default
        if self._down_since is not None:
            logger.warning("Cache is back (%s): pages are cached again.", self._location_text)
            self._down_since = None
        return result

    method.__name__ = name
    return method


class ReusingRedisCacheClient(RedisCacheClient):
    """Django makes a new redis.Redis for every operation; with redis-py 8 that costs ~0.8 ms, more than the
    round trip itself (bench/RESULTS.md). A client per connection pool is safe to share: the pool does the work.
    """

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_clients", {})
        if index not in clients:
            clients[index] = self._client(connection_pool=self._get_connection_pool(index))
        return clients[index]


class DegradingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        from redis.exceptions import RedisError

        self._errors = (RedisError, OSError)
        self._down_since = None
        self._retry_at = 0.0
        self._location_text = server if isinstance(server, str) else ",".join(server)

    def is_down(self):
        return self._down_since is not None and time.monotonic() < self._retry_at

    def _failed(self, error):
        if self._down_since is None:
            self._down_since = time.monotonic()
            logger.error("Cache unavailable (%s): serving without cache. %s", self._location_text, error)
        self._retry_at = time.monotonic() + RETRY_AFTER

    _get = _degrading("get")

    def get(self, key, default=None, version=None):
        found = self._get(key, _MISSING, version=version)
        return default if found is None or found is _MISSING else found

    set = _degrading("set")
    add = _degrading("add", False)
    touch = _degrading("touch", False)
    delete = _degrading("delete", False)
    get_many = _degrading("get_many", dict)
    set_many = _degrading("set_many", list)
    delete_many = _degrading("delete_many")
    has_key = _degrading("has_key", False)
    incr = _degrading("incr")
    clear = _degrading("clear")
