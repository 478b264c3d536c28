"""Whole-page cache for anonymous visitors, in Django's default cache (Redis in production).

Why our own: wagtail-cache is not in our package registry, and Django's own
``UpdateCacheMiddleware``/``FetchFromCacheMiddleware`` key by URL and by every
header named in ``Vary`` (all of ``Cookie`` here), cannot be cleared by
content, and store any response the view did not mark private. This module
uses the same cache framework with rules of its own.

What is stored (``PageCacheMiddleware``): a GET answered with 200, HTML or
XML, by a view that opted in (``tag(request, …)``: every Wagtail page through
the ``before_serve_page`` hook, the search, the sitemap, a published note),
for a visitor who is not logged in and has no flash message waiting. Never
stored: anything for a logged-in user, a response that sets a cookie or used
a CSRF token (a form), one marked ``private``/``no-store``/``no-cache`` or
with a ``Vary`` on anything but the cookie and the language, the admin, a
page behind a view restriction. Only a visitor with no session cookie (so
nobody logged in) is answered from the cache.

Keys: ``pagecache:page:<sha256 of scheme|host|full path with query|language>``.
The entry keeps the body, status, headers, the tags the view named and the
time its rendering started.

Invalidation by tags with time stamps: each tag has a key
``pagecache:tag:<tag>`` holding the time it was last bumped. An entry is
fresh only while every one of its tags was last bumped before the entry's
rendering started (minus ``PAGE_CACHE_CLOCK_SKEW`` for app servers whose
clocks differ a little); a missing tag key counts as just bumped. Bumping is
one ``set`` per tag, done at once and again when the transaction commits, so a
page rendered from the old rows while the change was being written is stale
as well. Old entries are never searched for: they fail the check, and expire
after ``PAGE_CACHE_SECONDS``.

Tags (who bumps them):

- ``all``: every entry. Any page saved, published, unpublished, moved or
  deleted (titles and addresses appear in every page's menu, breadcrumbs and
  language links, and in the listings, RSS, sitemap and search), settings,
  snippets registered with ``clear_all_on_change`` (footer text, books,
  categories), sites, redirects, view restrictions, images, documents.
- ``page:<id>``: the responses of that page (its routes included).
- ``notes``: lists of reading notes (notes index, home, campaign pages,
  search); ``note:<id>``: a note's page. Bumped by notes when a note is
  published, unpublished, deleted or marked 优秀.
- ``book:<id>``: a book's page (its notes and its copies on the shelf);
  ``catalogue``: the catalogue's listing and its 在架可借 filter. Bumped by loans
  when a copy changes status, by notes for the book's notes.
- ``honours``: the honour wall, its archive, round pages, certificates, the
  kiosk and the home page's 阅读之星. Bumped by honours when a round is
  published, unpublished or deleted.

Aggregates that are computed, not edited (the home page's live figures and
most borrowed books, challenge completion rates, "written after borrowing")
and what follows the clock (upcoming events, the current phase, a
registration deadline) are not bumped: they may be up to
``PAGE_CACHE_SECONDS`` late (the figures are kept 5 minutes of their own
already).

HTTP: a stored or served entry carries ``Cache-Control: public,
max-age=PAGE_CACHE_BROWSER_SECONDS``, an ``ETag`` (hash of the body) and a
``Last-Modified`` (when the entry was rendered: a page's own
``last_published_at`` would be wrong for pages that list other content), and
answers ``If-None-Match``/``If-Modified-Since`` with 304. ``Vary: Cookie``
stays (SessionMiddleware adds it, and the entry keeps it): a browser or proxy
must not hand a logged-in visitor the anonymous copy it kept; this cache reads
for visitors without a session cookie and stores only anonymous responses. ``X-Page-Cache: hit`` or ``miss`` says
whether a response came from the cache (benchmarks and tests read it).
"""

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

logger = logging.getLogger(__name__)

ALL = "all"
NOTES = "notes"
CATALOGUE = "catalogue"
HONOURS = "honours"

ENTRY_PREFIX = "pagecache:page:"
TAG_PREFIX = "pagecache:tag:"
HEADER = "X-Page-Cache"
# Never read from or written to the page cache (the admin is personal; files are served elsewhere).
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")
CACHEABLE_TYPES = ("text/html", "application/xml", "text/xml", "application/rss+xml", "application/atom+xml")
# Headers not worth keeping: they are set again on the way out (cookies never reach the cache).
DROPPED_HEADERS = {"set-cookie", "content-length", HEADER.lower()}
# Vary headers the cache honours itself: Cookie (it reads only for visitors with no session cookie and
# stores only anonymous responses), Accept-Language (the language the locale middleware picks is in the key).
VARY_COVERED = {"cookie", "accept-language"}
MESSAGES_COOKIE = "messages"

_TAGS_ATTR = "_page_cache_tags"
_COUNTERS_ATTR = "_page_cache_counters"
_EXEMPT_ATTR = "_page_cache_exempt"


def page_tag(page_or_id):
    return f"page:{getattr(page_or_id, 'pk', page_or_id)}"


def note_tag(note_or_id):
    return f"note:{getattr(note_or_id, 'pk', note_or_id)}"


def book_tag(book_or_id):
    return f"book:{getattr(book_or_id, 'pk', book_or_id)}"


def enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True) and page_cache_seconds() > 0


def page_cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 300))


# --- what views say ------------------------------------------------------------


def tag(request, *tags):
    """Let this response be cached, and name what it shows (``all`` is always added)."""
    if request is None:
        return
    current = getattr(request, _TAGS_ATTR, None)
    if current is None:
        current = {ALL}
        setattr(request, _TAGS_ATTR, current)
    current.update(tags)


def cacheable(view, *tags):
    """A view that may be cached for anonymous visitors, under ``tags`` (and ``all``)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        tag(request, *tags)
        return view(request, *args, **kwargs)

    return wrapped


def exempt(request):
    """Never cache this response (e.g. a page behind a password or a login restriction)."""
    if request is not None:
        setattr(request, _EXEMPT_ATTR, True)


def count_hits(request, key):
    """Add 1 to the cache counter ``key`` on every hit of this response's cached copy (reads of a note)."""
    if request is not None:
        counters = getattr(request, _COUNTERS_ATTR, None)
        if counters is None:
            counters = []
            setattr(request, _COUNTERS_ATTR, counters)
        counters.append(key)


def incr_counter(key):
    try:
        return cache.incr(key)
    except ValueError:
        if cache.add(key, 1, None):
            return 1
        return cache.incr(key)


# --- invalidation --------------------------------------------------------------


def bump(*tags):
    """Make every cached response showing any of ``tags`` stale, now and again once the transaction commits."""
    tags = tuple(dict.fromkeys(tags))
    if not tags:
        return
    _bump_now(tags)
    transaction.on_commit(lambda: _bump_now(tags))


def bump_all():
    bump(ALL)


def _bump_now(tags):
    now = time.time()
    try:
        cache.set_many({TAG_PREFIX + t: now for t in tags}, None)
    except Exception:  # the cache is down: nothing cached can be served from it either
        logger.exception("page cache: could not bump %s", tags)


_GLOBAL_MODELS = []


def clear_all_on_change(*models):
    """Saving or deleting one of these models (snippets, settings) clears the whole page cache.

    Apps register their own models from their AppConfig.ready(); see portal/signal_handlers.py.
    """
    _GLOBAL_MODELS.extend(models)


def clears_all(instance):
    return isinstance(instance, tuple(_GLOBAL_MODELS))


# --- the middleware ------------------------------------------------------------


def cache_key(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    raw = f"{request.scheme}|{request.get_host()}|{request.get_full_path()}|{language}"
    return ENTRY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _anonymous(request):
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def may_read(request):
    """Whether this request may be answered from the cache: a GET/HEAD with no session and no message waiting.

    The middleware sits before SessionMiddleware and AuthenticationMiddleware, so a hit costs no
    session or user lookup: a visitor without a session cookie is anonymous. A visitor with one
    (logged in, or a session of some other kind) is always rendered.
    """
    if request.method not in ("GET", "HEAD") or request.path.startswith(EXCLUDED_PREFIXES):
        return False
    cookies = request.COOKIES
    return MESSAGES_COOKIE not in cookies and settings.SESSION_COOKIE_NAME not in cookies


def may_store(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if getattr(request, _TAGS_ATTR, None) is None or getattr(request, _EXEMPT_ATTR, False):
        return False
    if request.path.startswith(EXCLUDED_PREFIXES) or not _anonymous(request):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if not _varies_only_as_the_key_does(response):
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type in CACHEABLE_TYPES


def _varies_only_as_the_key_does(response):
    """A ``Vary`` naming only what the key and the rules cover: the cookie (no session ⇒ anonymous), the language."""
    if not response.has_header("Vary"):
        return True
    names = {name.strip().lower() for name in response["Vary"].split(",") if name.strip()}
    return names <= VARY_COVERED


def _fresh(entry, stamps):
    """Whether every tag of ``entry`` was last bumped before its rendering started (``stamps``: tag key → time)."""
    limit = entry["started"] - float(getattr(settings, "PAGE_CACHE_CLOCK_SKEW", 0.5))
    return all(key in stamps and stamps[key] < limit for key in _tag_keys(entry))


def _tag_keys(entry):
    return [TAG_PREFIX + t for t in entry["tags"]]


# Per process: the tag keys each entry key had when last read, so that one MGET brings the entry
# and its tags' time stamps together. Only a guess: tags it missed are fetched in a second trip.
_TAG_KEYS_SEEN = {}
_TAG_KEYS_SEEN_MAX = 5000


def lookup(key):
    """The fresh cached entry under ``key``, or None; one cache round-trip when this process has read it before."""
    guessed = _TAG_KEYS_SEEN.get(key, ())
    values = cache.get_many([key, *guessed])
    entry = values.get(key)
    if entry is None:
        return None
    tag_keys = _tag_keys(entry)
    unasked = [k for k in tag_keys if k not in guessed]
    if unasked:
        values.update(cache.get_many(unasked))
        if len(_TAG_KEYS_SEEN) >= _TAG_KEYS_SEEN_MAX:
            _TAG_KEYS_SEEN.clear()
        _TAG_KEYS_SEEN[key] = tuple(tag_keys)
    return entry if _fresh(entry, values) else None


def _public_headers(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=int(getattr(settings, "PAGE_CACHE_BROWSER_SECONDS", 60)))


class PageCacheMiddleware:
    """Serve anonymous visitors' pages from the shared cache, and store them (see the module docstring).

    Sits before SessionMiddleware, so that a hit skips the session, the CSRF
    check and the user; after the security, permissions-policy and CSP
    middleware, whose headers every response gets. On the way out it sees the
    final response of everything inside it: the cookies that sessions, CSRF and
    flash messages set, and the headers locale, session and clickjacking add.
    It picks the language as LocaleMiddleware does (the key holds it) before
    LocaleMiddleware itself runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.locale = LocaleMiddleware(get_response)

    def __call__(self, request):
        if not enabled() or not may_read(request):
            return self.get_response(request)
        self.locale.process_request(request)
        key = cache_key(request)
        try:
            entry = lookup(key)
            if entry is not None:
                return self._from_entry(request, entry)
        except Exception:  # a cache that is down serves nothing: render as if uncached
            logger.exception("page cache: could not read %s", request.path)
        started = time.time()
        response = self.get_response(request)
        if may_store(request, response):
            try:
                response = self._store(request, response, key, started)
            except Exception:
                logger.exception("page cache: could not store %s", request.path)
        return response

    def _from_entry(self, request, entry):
        from django.http import HttpResponse

        for counter in entry.get("counters", ()):
            incr_counter(counter)
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response[HEADER] = "hit"
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=entry["cached_at"], response=response
        )

    def _store(self, request, response, key, started):
        tags = sorted(getattr(request, _TAGS_ATTR))
        # A tag never bumped (or whose key was evicted) gets a time stamp just before this rendering:
        # this entry is fresh, any older one (rendered before a bump that was lost) is not.
        tag_keys = [TAG_PREFIX + t for t in tags]
        known = cache.get_many(tag_keys)
        stamp = started - float(getattr(settings, "PAGE_CACHE_CLOCK_SKEW", 0.5)) - 0.001
        for tag_key in tag_keys:
            if tag_key not in known:
                cache.add(tag_key, stamp, None)
        cached_at = int(time.time())
        etag = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
        _public_headers(response, etag, cached_at)
        entry = {
            "content": response.content,
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k.lower() not in DROPPED_HEADERS],
            "tags": tags,
            "started": started,
            "cached_at": cached_at,
            "etag": etag,
            "counters": list(getattr(request, _COUNTERS_ATTR, ())),
        }
        cache.set(key, entry, page_cache_seconds())
        response[HEADER] = "miss"
        return get_conditional_response(request, etag=etag, last_modified=cached_at, response=response)
