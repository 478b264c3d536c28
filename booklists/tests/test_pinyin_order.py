"""The catalogue, search results and the admin's book listing list titles in pinyin order
(阿Q正传 < 白鹿原 < 红楼梦 < 平凡的世界 < 西游记), not in Unicode code-point order."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from booklists.factories import BookFactory, CataloguePageFactory
from booklists.models import Book
from booklists.search import search_books

pytestmark = pytest.mark.django_db

IN_PINYIN_ORDER = ["阿Q正传", "白鹿原", "红楼梦", "平凡的世界", "西游记", "Harry Potter"]
SHUFFLED = ["西游记", "Harry Potter", "红楼梦", "阿Q正传", "平凡的世界", "白鹿原"]


@pytest.fixture
def books():
    return [BookFactory(title=title, authors="某作者", summary="经典小说") for title in SHUFFLED]


def card_titles(html):
    return re.findall(r'class="book-card__title"[^>]*>(?:<a [^>]*>)?《([^》]+)》', html)


def test_books_are_listed_in_pinyin_order_by_default(books):
    assert list(Book.objects.values_list("title", flat=True)) == IN_PINYIN_ORDER


def test_the_catalogue_lists_titles_in_pinyin_order(client, home_page, books):
    catalogue = CataloguePageFactory(parent=home_page)
    assert card_titles(client.get(catalogue.url).content.decode()) == IN_PINYIN_ORDER
    # Equally borrowed books (none here) follow in pinyin order too.
    most_borrowed = client.get(catalogue.url, {"sort": "most_borrowed"})
    assert card_titles(most_borrowed.content.decode()) == IN_PINYIN_ORDER


def test_equally_ranked_search_results_follow_pinyin_order(books):
    assert [book.title for book in search_books("经典小说")] == IN_PINYIN_ORDER


def test_the_admin_book_listing_sorts_titles_in_pinyin_order(client, superuser, books):
    client.force_login(superuser)
    html = client.get("/admin/snippets/booklists/book/").content.decode()
    positions = [html.index(title) for title in IN_PINYIN_ORDER]
    assert positions == sorted(positions)

    html = client.get("/admin/snippets/booklists/book/", {"ordering": "-title"}).content.decode()
    positions = [html.index(title) for title in IN_PINYIN_ORDER[::-1]]
    assert positions == sorted(positions)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only: no index on SQLite")
@pytest.mark.page_cache_off
def test_the_catalogue_reads_its_first_page_from_the_pinyin_index(client, home_page, books):
    """booklists 0008: the catalogue's own query, as sent, is planned as an index scan, not a sort of every title."""
    catalogue = CataloguePageFactory(parent=home_page)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(catalogue.url).status_code == 200
    listing = [q["sql"] for q in captured.captured_queries if 'COLLATE "zh-x-icu"' in q["sql"] and "LIMIT" in q["sql"]]
    assert len(listing) == 1, listing
    with connection.cursor() as cursor:
        # A handful of rows, without statistics: a sort would be as cheap. Forbid it, to show that an index
        # gives the query's order (the planner falls back to a sort if none does).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + listing[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Scan using book_title_pinyin_idx on booklists_book" in plan, plan
    assert 'Sort Key: booklists_book.title COLLATE "zh-x-icu"' not in plan, plan
