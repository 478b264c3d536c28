"""Site-wide data every request needs, read from the shared cache in one round-trip.

Every public page needs the same few things: the Wagtail Site for its host, Wagtail's site root
paths (to make any page URL), the tree paths of the restricted pages (`portal.models.visible`)
and the settings (footer, lending rules). Each lives in the shared cache under its own key;
read one at a time they cost a Redis round-trip per use: the audit of issue 14 counted 33 on
one home page, 24 of them for the root paths (every `page.url` looked them up again) and 6
for the restrictions (every `visible()` call).

`portal.middleware.CachedSiteMiddleware` opens a *request scope* and fetches all of them with
one `get_many` (the site's own settings, whose keys need the site's id, with a second one).
Every later read in the same request is answered from that memo; writes go through to the
cache and update the memo, so a request that changes something sees its own change. The memo
is a context variable that lives for one request only: nothing stays in the worker's memory
between requests (DESIGN.md §4). Outside a request (commands, cron, tests that call the
functions directly) reads go straight to the cache, as before.

The keys are kept at Wagtail's version of its root-path key (`SITE_ROOT_PATHS_VERSION`), so
that Wagtail's own key comes in the same `get_many` (Django's `get_many` takes one version).
"""

import contextlib
import contextvars

from django.core.cache import cache

from .internals import SITE_ROOT_PATHS_KEY, SITE_ROOT_PATHS_VERSION, site_root_path

VERSION = SITE_ROOT_PATHS_VERSION
MISSING = object()
# The memo's own entry for the root paths as SiteRootPath tuples (never a cache key).
_ROOT_PATHS_READY = object()

_memo = contextvars.ContextVar("portal_sitewide_memo", default=None)


@contextlib.contextmanager
def request_scope():
    """Memoise site-wide cache reads until the block ends (one request)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def in_request_scope():
    return _memo.get() is not None


def prefetch(keys):
    """Read the keys not yet known in this request with one `get_many`; nothing outside a request."""
    memo = _memo.get()
    if memo is None:
        return
    wanted = [key for key in keys if key not in memo]
    if not wanted:
        return
    found = cache.get_many(wanted, version=VERSION)
    for key in wanted:
        memo[key] = found.get(key, MISSING)


def get(key, default=None):
    memo = _memo.get()
    if memo is not None and key in memo:
        value = memo[key]
    else:
        value = cache.get(key, MISSING, version=VERSION)
        if memo is not None:
            memo[key] = value
    return default if value is MISSING else value


def set(key, value, timeout):  # noqa: A001 - the cache's own verb
    cache.set(key, value, timeout, version=VERSION)
    memo = _memo.get()
    if memo is not None:
        memo[key] = value


def add(key, value, timeout):
    added = cache.add(key, value, timeout, version=VERSION)
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)
    return added


def incr(key):
    value = cache.incr(key, version=VERSION)
    memo = _memo.get()
    if memo is not None:
        memo[key] = value
    return value


def delete_many(keys):
    keys = list(keys)
    cache.delete_many(keys, version=VERSION)
    memo = _memo.get()
    if memo is not None:
        for key in keys:
            memo[key] = MISSING


def delete(key):
    delete_many([key])


def site_root_paths():
    """Wagtail's site root paths, looked up once per request; None outside a request.

    Taken from the prefetched copy of Wagtail's own cache key, else from
    `Site.get_site_root_paths()` (which reads the database and refills that key).
    """
    memo = _memo.get()
    if memo is None:
        return None
    paths = memo.get(_ROOT_PATHS_READY, MISSING)
    if paths is MISSING:
        cached = memo.get(SITE_ROOT_PATHS_KEY, MISSING)
        if cached is MISSING or cached is None:
            from wagtail.models import Site

            paths = Site.get_site_root_paths()
        else:
            # As Wagtail does: some cache backends return plain tuples.
            paths = [site_root_path(*path) for path in cached]
        memo[_ROOT_PATHS_READY] = paths
    return paths
