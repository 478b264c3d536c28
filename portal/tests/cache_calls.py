"""Count the calls a request makes to the shared cache (each one a Redis round-trip in production).

`count_cache_calls()` wraps the operations of the default cache backend that talk to the
server; inside the block every call is recorded as (operation, key or keys). Deterministic,
so tests can assert a budget ("the home page makes at most 2 cache calls") where timings
would be noise.
"""

import contextlib
from unittest import mock

from django.core.cache import caches

# The backend methods that make one round-trip each (get_or_set is a get and maybe an add;
# get_many/set_many/delete_many are one MGET, one pipeline, one DEL).
OPERATIONS = ("get", "get_many", "set", "set_many", "add", "delete", "delete_many", "incr", "decr", "touch", "has_key")


class CacheCalls(list):
    def keys_asked(self):
        return [key for _operation, key in self]

    def __str__(self):
        return "\n".join(f"{operation} {key}" for operation, key in self)


@contextlib.contextmanager
def count_cache_calls(alias="default"):
    backend = caches[alias]
    calls = CacheCalls()
    depth = [0]

    def wrap(name):
        original = getattr(backend, name)

        def recorded(key_or_keys, *args, **kwargs):
            # Only the outermost call is a round-trip: the local-memory backend's get_many
            # calls its own get once per key.
            if not depth[0]:
                calls.append((name, key_or_keys))
            depth[0] += 1
            try:
                return original(key_or_keys, *args, **kwargs)
            finally:
                depth[0] -= 1

        return recorded

    with contextlib.ExitStack() as stack:
        for name in OPERATIONS:
            stack.enter_context(mock.patch.object(backend, name, wrap(name)))
        yield calls
