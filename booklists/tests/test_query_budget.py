"""Catalogue, book and list pages run a fixed number of queries (at most 15) whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from booklists.factories import BookListIndexPageFactory, BookListPageFactory, CataloguePageFactory, isbn13
from booklists.models import Book, Category

# Budgets are for the page as rendered: with the page cache the measured GET would be a hit.
pytestmark = [pytest.mark.django_db, pytest.mark.page_cache_off]

BUDGET = 15


def make_books(count, start=0):
    locale = Locale.get_default()
    categories = list(Category.objects.filter(locale=locale))
    books = Book.objects.bulk_create(
        [
            Book(
                locale=locale,
                title=f"预算测试图书{n:04d}",
                authors=f"作者{n % 37}",
                publisher="出版社",
                isbn=isbn13(500000 + n),
                year=1950 + n % 70,
                category=categories[n % len(categories)],
                summary="简介",
            )
            for n in range(start, start + count)
        ]
    )
    books = list(Book.objects.filter(pk__in=[b.pk for b in books]).select_related("category"))
    get_search_backend().add_bulk(Book, books)
    return books


def count_queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, settings)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def pages(home_page):
    return {"catalogue": CataloguePageFactory(parent=home_page), "index": BookListIndexPageFactory(parent=home_page)}


def test_catalogue(client, pages):
    url = pages["catalogue"].url
    make_books(5)
    small = count_queries(client, url)
    small_filtered = count_queries(client, url + "?category=literature&sort=newest")
    make_books(495, start=5)
    assert count_queries(client, url) == small
    assert count_queries(client, url + "?category=literature&sort=newest") == small_filtered
    assert count_queries(client, url + "?page=5") == small
    assert max(small, small_filtered) <= BUDGET


def test_book_page(client, pages):
    books = make_books(5)
    book = books[0]
    BookListPageFactory(parent=pages["index"], books=[book])
    url = f"{pages['catalogue'].url}{book.pk}/"
    small = count_queries(client, url)

    more = make_books(495, start=5)
    for n in range(5):
        BookListPageFactory(parent=pages["index"], books=[book, *more[n * 10 : n * 10 + 10]])
    assert count_queries(client, url) == small
    assert small <= BUDGET


def test_list_page(client, pages):
    books = make_books(50)
    short = BookListPageFactory(parent=pages["index"], books=[(b, f"推荐理由{b.pk}") for b in books[:5]])
    long = BookListPageFactory(parent=pages["index"], books=[(b, f"推荐理由{b.pk}") for b in books])
    small = count_queries(client, short.url)
    large = count_queries(client, long.url)
    assert large == small
    assert count_queries(client, long.url + "?category=literature") == small
    assert small <= BUDGET


def test_list_index(client, pages):
    books = make_books(10)
    BookListPageFactory(parent=pages["index"], books=books[:3])
    small = count_queries(client, pages["index"].url)
    for n in range(10):
        BookListPageFactory(parent=pages["index"], books=books[n : n + 3])
    assert count_queries(client, pages["index"].url) == small
    assert small <= BUDGET


def test_book_search(client, pages):
    url = "/zh-hans/search/?q=%E9%A2%84%E7%AE%97&type=books"  # 预算
    make_books(5)
    small = count_queries(client, url)
    make_books(495, start=5)
    assert count_queries(client, url) == small
    assert small <= BUDGET


def test_catalogue_searched_and_filtered(client, pages):
    url = pages["catalogue"].url + "?q=%E9%A2%84%E7%AE%97&available=1&category=literature&sort=newest"  # 预算
    make_books(5)
    small = count_queries(client, url)
    searched = count_queries(client, pages["catalogue"].url + "?q=%E9%A2%84%E7%AE%97")
    make_books(495, start=5)
    assert count_queries(client, url) == small
    assert count_queries(client, pages["catalogue"].url + "?q=%E9%A2%84%E7%AE%97") == searched
    assert count_queries(client, pages["catalogue"].url + "?q=%E9%A2%84%E7%AE%97&page=5") == searched
    assert max(small, searched) <= BUDGET
