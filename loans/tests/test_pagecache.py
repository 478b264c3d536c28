"""Availability in the page cache (portal/pagecache.py): lending and returning a copy clears the
book's page and the catalogue at once, and no other book's page."""

import pytest

from booklists.factories import BookFactory, CataloguePageFactory
from loans import services
from loans.models import CopyStatus
from portal import pagecache

from .test_public import book_url, make_copy, make_room


@pytest.fixture
def room(db):
    return make_room()


@pytest.fixture
def catalogue(home_page):
    return CataloguePageFactory(parent=home_page)


@pytest.fixture
def book(db):
    return BookFactory(title="乡土中国", authors="费孝通")


pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_lending_and_returning_clear_the_book_page_and_the_catalogue(client, catalogue, book, room, employee):
    copy = make_copy(book, room)
    other = BookFactory(title="围城")
    urls = [book_url(catalogue, book), catalogue.url + "?available=1", book_url(catalogue, other)]
    for url in urls:
        client.get(url)
        assert client.get(url)[pagecache.HEADER] == "hit", url
    assert "乡土中国" in text(client.get(catalogue.url + "?available=1"))

    services.lend(employee, copy.barcode, room)
    copy.refresh_from_db()
    assert copy.status == CopyStatus.ON_LOAN

    response = client.get(urls[0])
    assert response[pagecache.HEADER] == "miss"
    assert "共1册，在架0册" in text(response)
    response = client.get(urls[1])
    assert response[pagecache.HEADER] == "miss" and "乡土中国" not in text(response)
    assert client.get(urls[2])[pagecache.HEADER] == "hit"  # another book: still cached

    services.return_copy(copy.barcode, room)
    response = client.get(urls[0])
    assert response[pagecache.HEADER] == "miss" and "共1册，在架1册" in text(response)
