"""A Redis cache that helps when Redis is there and steps aside when it is not.

Redis holds copies: pages, the site, settings, figures, sessions (`cached_db` keeps every
session in the database too). Losing it must cost speed, never pages: with Django's own
`RedisCache` a stopped Redis turns every request into a 500. `ResilientRedisCache` catches
Redis' connection and timeout errors on every operation and answers as if the key were
missing (get → the default, get_many → {}, set/add/delete → nothing done, incr → ValueError,
what a missing key gives), so every page is then served from the database.

- **Short timeouts.** Connecting and reading give up after 0.25 s (`socket_connect_timeout`,
  `socket_timeout`; OPTIONS override them), and redis-py does not retry.
- **Circuit breaker.** After a failure the process skips Redis for `BREAKER_SECONDS` (5 s; an
  OPTIONS key) and then tries again by itself: a down Redis costs one timeout per process
  every few seconds, not one per cache call. The state is per process and per Redis address.
- **Rate-limited warnings.** At most one warning per breaker period on the `portal.cache` logger.
- **No stale data after an outage.** A write that failed (a delete that invalidated a page, a
  version bump) leaves an old copy in Redis. So the process that lost a write purges the
  portal's keys (those under KEY_PREFIX) on its first successful call once Redis is back;
  sessions then reload from the database, nobody is logged out.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("portal.cache")

REDIS_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
BREAKER_SECONDS = 5.0


class _Breaker:
    """Whether one Redis address is to be skipped, shared by every thread of the process."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.open_until = 0.0
        self.lost_writes = False
        self.last_warning = 0.0
        self.lock = threading.Lock()

    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self, error, operation, write):
        now = time.monotonic()
        with self.lock:
            self.open_until = now + self.seconds
            self.lost_writes = self.lost_writes or write
            warn = now - self.last_warning >= self.seconds
            if warn:
                self.last_warning = now
        if warn:
            logger.warning(
                "Redis unavailable (%s on %s); serving without the cache for %.0f s",
                type(error).__name__,
                operation,
                self.seconds,
            )

    def take_lost_writes(self):
        with self.lock:
            lost, self.lost_writes = self.lost_writes, False
        return lost


_breakers = {}
_breakers_lock = threading.Lock()


def _breaker_for(location, seconds):
    with _breakers_lock:
        breaker = _breakers.get(location)
        if breaker is None:
            breaker = _breakers[location] = _Breaker(seconds)
        return breaker


def reset_breakers():
    """Forget every breaker (tests: "Redis is back" without waiting)."""
    with _breakers_lock:
        _breakers.clear()


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client with one `redis.Redis` per connection pool, made once, not on every call.

    Django builds a new `redis.Redis` for each cache operation; its constructor fills a table of
    about 170 response callbacks, which cost more than the round-trip itself on a page served
    from the cache. A `redis.Redis` over a connection pool is safe to share between threads.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}
        seconds = float(options.pop("BREAKER_SECONDS", BREAKER_SECONDS))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._breaker = _breaker_for(str(server), seconds)

    def _guard(self, operation, fallback, call, write=False):
        breaker = self._breaker
        if breaker.is_open():
            if write:
                breaker.lost_writes = True
            return fallback()
        try:
            # The purge comes first, so that no stale copy is read once Redis is back.
            if breaker.lost_writes and breaker.take_lost_writes():
                self._purge_after_outage()
            return call()
        except REDIS_ERRORS as error:
            breaker.trip(error, operation, write)
            return fallback()

    def _purge_after_outage(self):
        """Drop the portal's keys: some invalidation did not reach Redis while it was away."""
        pattern = f"{self.key_prefix}:*" if self.key_prefix else "*"
        client = self._cache.get_client(write=True)
        removed = 0
        batch = []
        try:
            for key in client.scan_iter(match=pattern, count=1000):
                batch.append(key)
                if len(batch) >= 1000:
                    removed += client.unlink(*batch)
                    batch = []
            if batch:
                removed += client.unlink(*batch)
        except REDIS_ERRORS:
            self._breaker.lost_writes = True  # still owed: try again next time
            raise
        logger.warning("Redis is back; dropped %d cached entries that may have missed an invalidation", removed)

    def get(self, key, default=None, version=None):
        return self._guard("get", lambda: default, lambda: super(ResilientRedisCache, self).get(key, default, version))

    def get_many(self, keys, version=None):
        return self._guard("get_many", dict, lambda: super(ResilientRedisCache, self).get_many(keys, version))

    def has_key(self, key, version=None):
        return self._guard("has_key", lambda: False, lambda: super(ResilientRedisCache, self).has_key(key, version))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(
            "set", lambda: None, lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), write=True
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(
            "add", lambda: False, lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), write=True
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that were not stored.
        return self._guard(
            "set_many",
            lambda: list(data),
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version),
            write=True,
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(
            "touch", lambda: False, lambda: super(ResilientRedisCache, self).touch(key, timeout, version), write=True
        )

    def delete(self, key, version=None):
        return self._guard(
            "delete", lambda: False, lambda: super(ResilientRedisCache, self).delete(key, version), write=True
        )

    def delete_many(self, keys, version=None):
        return self._guard(
            "delete_many",
            lambda: None,
            lambda: super(ResilientRedisCache, self).delete_many(keys, version),
            write=True,
        )

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (Redis unavailable)")

        return self._guard(
            "incr", missing, lambda: super(ResilientRedisCache, self).incr(key, delta, version), write=True
        )

    def clear(self):
        return self._guard("clear", lambda: False, lambda: super(ResilientRedisCache, self).clear(), write=True)
