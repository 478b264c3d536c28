"""portal.cache.ResilientRedisCache: a Redis that is down answers as a cache miss, fast."""

import time
from unittest import mock

import pytest
from django.core.cache.backends.redis import RedisCache

from portal import cache as resilient

DOWN = "redis://127.0.0.1:6390/0"  # nothing listens there


@pytest.fixture(autouse=True)
def fresh_breakers():
    resilient.reset_breakers()
    yield
    resilient.reset_breakers()


def down_cache(seconds=60):
    return resilient.ResilientRedisCache(DOWN, {"KEY_PREFIX": "t", "OPTIONS": {"BREAKER_SECONDS": seconds}})


def test_every_operation_answers_as_a_miss():
    cache = down_cache()
    assert cache.get("k") is None
    assert cache.get("k", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set("k", 1) is None
    assert cache.add("k", 1) is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete("k") is False
    assert cache.delete_many(["a"]) is None
    assert cache.has_key("k") is False
    assert cache.touch("k") is False
    assert cache.get_or_set("k", 5) == 5
    with pytest.raises(ValueError):
        cache.incr("k")
    with pytest.raises(ValueError):
        cache.decr("k")


def test_the_django_backend_would_raise():
    """What the portal had before: a stopped Redis was a 500 on every page."""
    with pytest.raises(Exception, match="(?i)connect"):
        RedisCache(DOWN, {"OPTIONS": {"socket_connect_timeout": 0.25}}).get("k")


def test_after_a_failure_redis_is_skipped_until_the_breaker_closes():
    cache = down_cache(seconds=0.2)
    with mock.patch.object(RedisCache, "get", side_effect=resilient.RedisConnectionError("down")) as get:
        assert cache.get("k", 1) == 1
        assert cache.get("k", 2) == 2
        assert cache.get("k", 3) == 3
        assert get.call_count == 1  # the breaker answered the other two
        time.sleep(0.25)
        cache.get("k")
        assert get.call_count == 2  # tried again by itself


def test_a_down_redis_adds_no_latency():
    cache = down_cache()
    cache.get("k")  # the one failure that opens the breaker
    started = time.perf_counter()
    for _ in range(1000):
        cache.get("k")
    assert time.perf_counter() - started < 0.5


def test_warnings_are_rate_limited(caplog):
    cache = down_cache(seconds=0.01)
    with caplog.at_level("WARNING", logger="portal.cache"):
        for _ in range(5):
            cache.get("k")
            time.sleep(0.001)
    assert 1 <= len(caplog.records) < 5


def test_short_timeouts_by_default():
    cache = down_cache()
    assert cache._options["socket_connect_timeout"] == 0.25
    assert cache._options["socket_timeout"] == 0.25
    assert "BREAKER_SECONDS" not in cache._options


def test_settings_use_the_resilient_backend_for_redis():
    import importlib
    import os

    from portal.settings import base

    try:
        with mock.patch.dict(os.environ, {"REDIS_URL": "redis://cache:6379/0", "PAGE_CACHE_ENABLED": "0"}):
            reloaded = importlib.reload(base)
        assert reloaded.CACHES["default"]["BACKEND"] == "portal.cache.ResilientRedisCache"
        assert reloaded.CACHES["default"]["LOCATION"] == "redis://cache:6379/0"
        assert reloaded.CACHES["default"]["OPTIONS"]["socket_timeout"] == 0.25
        assert reloaded.PAGE_CACHE_ENABLED is False
    finally:
        importlib.reload(base)  # as the environment has it


def test_one_redis_client_serves_every_operation():
    """Django makes a `redis.Redis` per operation, whose constructor costs more than a cached page's round-trip."""
    cache = resilient.ResilientRedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "t"})
    client = cache._cache.get_client()
    assert cache._cache.get_client() is client
    assert cache._cache.get_client("key", write=True) is client  # one server: reads and writes share its pool
