"""The catalogue's 在架可借 checkbox: loans' filter registered on booklists' hook (issue 9, item 23)."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from booklists.factories import BookFactory, CataloguePageFactory, CategoryFactory
from booklists.models import Book
from booklists.tests.test_pages import titles_in
from loans.models import Copy, CopyStatus, ReadingRoom, books_on_shelf

pytestmark = pytest.mark.django_db

BUDGET = 15
_barcodes = itertools.count(1)


def make_copy(book, room, status=CopyStatus.ON_SHELF):
    return Copy.objects.create(
        barcode=f"A{next(_barcodes):06d}", book=book, home_room=room, current_room=room, status=status
    )


@pytest.fixture
def room(db):
    return ReadingRoom.objects.create(name="机关职工书屋")


@pytest.fixture
def catalogue(home_page):
    return CataloguePageFactory(parent=home_page)


@pytest.fixture
def books(room):
    literature = CategoryFactory(code="literature")
    history = CategoryFactory(code="humanities-history")
    books = {
        "pingfan": BookFactory(title="平凡的世界", year=2005, category=literature),  # on the shelf
        "shijie": BookFactory(title="世界文学简史", year=2010, category=history),  # on the shelf
        "lent": BookFactory(title="世界的另一面", year=2015, category=literature),  # its only copy is lent
        "weicheng": BookFactory(title="围城", year=1991, category=literature),  # one lent, one on the shelf
        "none": BookFactory(title="没有复本的世界", category=literature),  # no copies
    }
    make_copy(books["pingfan"], room)
    make_copy(books["shijie"], room)
    make_copy(books["lent"], room, CopyStatus.ON_LOAN)
    make_copy(books["weicheng"], room, CopyStatus.ON_LOAN)
    make_copy(books["weicheng"], room)
    return books


def test_books_on_shelf(books, room):
    closed = ReadingRoom.objects.create(name="已关闭的书屋", is_active=False)
    only_in_closed_room = BookFactory(title="闭馆图书")
    make_copy(only_in_closed_room, closed)
    held = BookFactory(title="预约保留")
    make_copy(held, room, CopyStatus.ON_HOLD)
    found = set(books_on_shelf(Book.objects.all()).values_list("title", flat=True))
    assert found == {"平凡的世界", "世界文学简史", "围城"}


def test_checkbox_shows_only_books_on_the_shelf(client, catalogue, books):
    everything = client.get(catalogue.url).content.decode()
    assert len(titles_in(everything, "book-card__title")) == 5
    assert '<input type="checkbox" name="available" value="1">' in everything

    response = client.get(catalogue.url, {"available": "1"})
    html = response.content.decode()
    assert titles_in(html, "book-card__title") == ["平凡的世界", "世界文学简史", "围城"]
    assert "世界的另一面" not in html  # its only copy is lent
    assert '<input type="checkbox" name="available" value="1" checked>' in html
    assert response.context["books"].paginator.count == 3


def test_search_and_checkbox_combined(client, catalogue, books):
    response = client.get(catalogue.url, {"q": "世界", "available": "1"})
    html = response.content.decode()
    assert titles_in(html, "book-card__title") == ["平凡的世界", "世界文学简史"]
    assert 'name="q" value="世界"' in html

    with_category = client.get(catalogue.url, {"q": "世界", "available": "1", "category": "literature"})
    assert titles_in(with_category.content.decode(), "book-card__title") == ["平凡的世界"]
    # Category and sort links keep the query and the checkbox.
    assert "?q=%E4%B8%96%E7%95%8C&amp;available=1&amp;category=literature&amp;sort=newest" in (
        with_category.content.decode()
    )


def test_nothing_on_the_shelf_says_so(client, catalogue, books):
    Copy.objects.update(status=CopyStatus.ON_LOAN)
    html = client.get(catalogue.url, {"available": "1"}).content.decode()
    assert "目前没有在架可借的图书。" in html


def test_pagination_keeps_query_and_checkbox(client, catalogue, room):
    category = CategoryFactory(code="popular-science")
    for n in range(30):
        make_copy(BookFactory(title=f"科普读物{n:02d}", category=category), room)
    make_copy(BookFactory(title="科普读物（借出）", category=category), room, CopyStatus.ON_LOAN)
    params = {"q": "科普", "available": "1", "sort": "newest"}
    first = client.get(catalogue.url, params)
    assert first.context["books"].paginator.count == 30
    assert "?q=%E7%A7%91%E6%99%AE&amp;available=1&amp;sort=newest&amp;page=2" in first.content.decode()
    second = client.get(catalogue.url, {**params, "page": 2})
    assert len(titles_in(second.content.decode(), "book-card__title")) == 6


def make_many(count, start, room):
    category = CategoryFactory(code="budget") if start == 0 else None
    category = category or CategoryFactory._meta.model.objects.get(code="budget")
    books = [BookFactory(title=f"预算测试图书{n:04d}", category=category) for n in range(start, start + count)]
    for n, book in enumerate(books):
        make_copy(book, room, CopyStatus.ON_SHELF if n % 2 else CopyStatus.ON_LOAN)
    get_search_backend().add_bulk(Book, list(Book.objects.filter(pk__in=[b.pk for b in books])))


def count_queries(client, url):
    client.get(url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_searched_and_filtered_catalogue_query_count_is_fixed(client, catalogue, room):
    url = catalogue.url + "?q=%E9%A2%84%E7%AE%97&available=1&category=budget&sort=newest"  # 预算
    make_many(6, 0, room)
    small = count_queries(client, url)
    make_many(100, 6, room)
    assert count_queries(client, url) == small
    assert count_queries(client, url + "&page=2") == small
    assert small <= BUDGET
