"""With Redis unreachable every page is still served from the database, and nobody is logged out.

The cache backend is portal.cache.ResilientRedisCache pointed at a closed port (what a stopped
Redis looks like); "Redis returns" is the same backend pointed at the test Redis (db 4).
"""

import logging
import socket
import time

import pytest
from django.core.cache import cache
from django.test import override_settings

from booklists.factories import CataloguePageFactory
from honours.models import HonorWallPage
from honours.tests.helpers import at, note
from notes.services import check_submission_rate
from people.factories import PASSWORD, UserFactory
from portal import cache as resilient
from portal import sitewide
from portal.middleware import site_cache_key
from portal.tests.cache_calls import count_cache_calls

pytestmark = pytest.mark.django_db


def backend(location, prefix):
    return {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"BREAKER_SECONDS": 60},
        }
    }


REDIS_DOWN = backend("redis://127.0.0.1:6390/0", "shuxiang-test-down")
REDIS_UP = backend("redis://127.0.0.1:6379/4", "shuxiang-test-fastpath")
LOGIN = "/zh-hans/accounts/login/"


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.25).close()
        return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def fresh_breakers():
    resilient.reset_breakers()
    yield
    resilient.reset_breakers()


@pytest.fixture
def pages(site_tree, home_page):
    catalogue = CataloguePageFactory(parent=home_page)
    wall = HonorWallPage(title="荣誉墙", slug="honours")
    home_page.add_child(instance=wall)
    wall.save_revision().publish()
    excellent = note(UserFactory(), published=at(1), excellent_at=at(2))
    return {
        "home": home_page.url,
        "campaign": site_tree.campaign.url,
        "catalogue": catalogue.url,
        "book": f"{catalogue.url}{excellent.book.pk}/",
        "honours": HonorWallPage.objects.get(pk=wall.pk).url,
        "article": site_tree.article.url,
        "login": LOGIN,
    }


@pytest.mark.parametrize("name", ["home", "campaign", "catalogue", "book", "honours", "article", "login"])
def test_public_pages_are_served_with_redis_down(client, pages, name, caplog):
    with override_settings(CACHES=REDIS_DOWN), caplog.at_level(logging.WARNING, logger="portal.cache"):
        first = client.get(pages[name])
        second = client.get(pages[name])

    assert first.status_code == 200
    assert second.status_code == 200
    # One warning for the outage, not one per cache call.
    assert len([r for r in caplog.records if r.name == "portal.cache"]) == 1


def test_logging_in_works_with_redis_down(client, pages):
    user = UserFactory(staff_number="E2001")
    with override_settings(CACHES=REDIS_DOWN):
        wrong = client.post(LOGIN, {"username": "E2001", "password": "wrong"})
        right = client.post(LOGIN, {"username": "E2001", "password": PASSWORD})
        library = client.get("/zh-hans/library/")

    assert wrong.status_code == 200
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert library.status_code == 200


def test_a_logged_in_user_stays_logged_in_when_redis_goes_away(client, pages):
    if not redis_reachable():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    user = UserFactory(staff_number="E2002")
    with override_settings(CACHES=REDIS_UP):
        assert client.post(LOGIN, {"username": "E2002", "password": PASSWORD}).status_code == 302
        assert client.get("/zh-hans/library/").status_code == 200
    with override_settings(CACHES=REDIS_DOWN):
        library = client.get("/zh-hans/library/")
        home = client.get(pages["home"])

    assert library.status_code == 200  # not a redirect to the log-in page
    assert home.status_code == 200
    assert user.real_name in home.content.decode()


def test_note_rate_limit_fails_open_with_redis_down(db):
    user = UserFactory()
    with override_settings(CACHES=REDIS_DOWN):
        for _ in range(20):
            check_submission_rate(user)  # never refuses: notes are still moderated


def test_caching_resumes_when_redis_returns(client, pages):
    if not redis_reachable():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    with override_settings(CACHES=REDIS_DOWN):
        assert client.get(pages["home"]).status_code == 200
    with override_settings(CACHES=REDIS_UP):
        cache.clear()
        try:
            # Same process, breaker of the other address untouched: Redis is used at once.
            assert client.get(pages["home"]).status_code == 200
            request = client.get(pages["home"]).wsgi_request
            assert cache.get(site_cache_key(request), version=sitewide.VERSION) is not None
            with count_cache_calls() as calls:
                assert client.get(pages["home"]).status_code == 200
            assert len(calls) <= 3, calls
        finally:
            cache.clear()


def test_redis_back_after_the_breaker_period(settings):
    """The same address: failures open the breaker, which closes by itself after BREAKER_SECONDS."""
    if not redis_reachable():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    up = resilient.ResilientRedisCache(
        "redis://127.0.0.1:6379/4", {"KEY_PREFIX": "shuxiang-test-breaker", "OPTIONS": {"BREAKER_SECONDS": 0.05}}
    )
    up.set("kept", 1)
    up.set("stale", "old")
    up._breaker.trip(ConnectionError("simulated"), "delete", write=True)  # a delete that never arrived
    assert up.get("kept") is None  # breaker open: Redis skipped
    time.sleep(0.06)
    assert up.get("kept") is None  # back, and the keys that might be stale were dropped
    assert up.get("stale") is None
    up.set("new", 2)
    assert up.get("new") == 2
    up.clear()


def test_login_lockout_still_holds_with_redis_down(client, pages, settings):
    """django-axes counts failures in the database: the lockout does not depend on Redis."""
    UserFactory(staff_number="E2003")
    with override_settings(CACHES=REDIS_DOWN):
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            client.post(LOGIN, {"username": "E2003", "password": "wrong"})
        locked = client.post(LOGIN, {"username": "E2003", "password": PASSWORD})

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
