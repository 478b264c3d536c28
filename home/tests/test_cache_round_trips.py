"""Each public page asks the shared cache (Redis in production) a fixed, small number of times.

The audit of issue 14 counted 33 round-trips on one uncached home page: 24 for Wagtail's site
root paths (every `page.url` without the request looks them up again) and 6 for the restricted
paths (every `visible()` call). Site-wide data (the site, its root paths, the restrictions, the
settings) now costs at most two calls per request (portal/sitewide.py). The counts are exact and
deterministic, unlike timings (those are in bench/).
"""

import pytest

from booklists.factories import BookListIndexPageFactory, BookListPageFactory, CataloguePageFactory
from honours.models import HonorWallPage
from honours.tests.helpers import at, note
from notes.factories import NotesIndexPageFactory
from people.factories import UserFactory
from portal.tests.cache_calls import count_cache_calls

pytestmark = pytest.mark.django_db

# What a page may ask the cache for on an uncached request: one batch of site-wide data, one of
# the site's settings (the footer) and, on the home page, the live figures.
BUDGETS = {"home": 3, "campaign": 2, "article_index": 2, "catalogue": 2, "book": 2, "honours": 2, "notes": 2}


@pytest.fixture
def full_site(site_tree, home_page):
    catalogue = CataloguePageFactory(parent=home_page)
    lists = BookListIndexPageFactory(parent=home_page)
    notes_index = NotesIndexPageFactory(parent=home_page)
    wall = HonorWallPage(title="荣誉墙", slug="honours")
    home_page.add_child(instance=wall)
    wall.save_revision().publish()
    reader = UserFactory(real_name="李明")
    notes = [note(reader, published=at(day), excellent_at=at(day + 1), title=f"心得{day}") for day in (1, 2, 3)]
    BookListPageFactory(parent=lists, books=[n.book for n in notes])
    return {
        "home": home_page.url,
        "campaign": site_tree.campaign.url,
        "article_index": site_tree.article_index.url,
        "catalogue": catalogue.url,
        "book": f"{catalogue.url}{notes[0].book.pk}/",
        "honours": HonorWallPage.objects.get(pk=wall.pk).url,
        "notes": notes_index.url,
    }


def cache_calls(client, url):
    client.get(url)  # a warm cache: what a running server sees
    with count_cache_calls() as calls:
        response = client.get(url)
    assert response.status_code == 200, url
    return calls


@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_page_makes_few_cache_calls(client, full_site, name):
    calls = cache_calls(client, full_site[name])

    assert len(calls) <= BUDGETS[name], f"{full_site[name]}: {len(calls)} cache calls\n{calls}"


@pytest.mark.parametrize("name", ["home", "campaign", "catalogue"])
def test_site_root_paths_and_restrictions_are_read_once(client, full_site, name):
    calls = cache_calls(client, full_site[name])

    keys = [str(k) for k in calls.keys_asked()]
    assert sum("wagtail_site_root_paths" in k for k in keys) <= 1, calls
    assert sum("restricted-page-paths" in k for k in keys) <= 1, calls


def test_english_home_page_makes_few_cache_calls(client, full_site, en_home):
    calls = cache_calls(client, en_home.url)

    assert len(calls) <= BUDGETS["home"], calls
