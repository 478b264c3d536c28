#!/usr/bin/env python
"""Book search times and the query counts of the catalogue pages, on a full catalogue.

    .venv/bin/python bench/search_books.py [--runs 50]

Run it after bench/import_books.py has filled the catalogue (20,000 books).
For each query it times book search as the results pages run it
(booklists.search.search_books through portal.pagination.paginate_counted): the
first page of 12 results with the count in the same query (COUNT(*) OVER ()),
and prints the median and the 95th percentile of ``--runs`` runs after one warm-up.

It then makes sure a catalogue page and a book list page with 50 books exist
(creating and publishing them under the zh-hans home page if they do not),
and counts the SQL queries of one warm request to the catalogue, a book page
and that list page (DESIGN.md §6: at most 15, whatever the data size).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.DEBUG = False
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Window  # noqa: E402
from django.test import Client, RequestFactory, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from booklists.models import Book, BookListIndexPage, BookListItem, BookListPage, CataloguePage  # noqa: E402
from booklists.search import search_books  # noqa: E402
from home.models import HomePage  # noqa: E402
from portal.pagination import paginate_counted  # noqa: E402

QUERY_BUDGET = 15
REQUEST = RequestFactory().get("/")
HOST = "localhost"
# Title words, a category, an author, a surname alone, a publisher, two words, an ISBN prefix, a
# word in no book; the ISBN of a book in the catalogue is added at run time.
QUERIES = [
    *("中国", "简史", "平凡", "新时代故事", "党史", "科普"),
    *("王伟", "王", "人民文学", "中国 简史", "9787", "量子纠缠"),
]


def timed(fn, runs):
    fn()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def search_page(query):
    """What one search results page asks the database: the first 12 books with the count (one query).

    As the site search and the searched catalogue ask it (portal.pagination.paginate_counted:
    ``COUNT(*) OVER ()`` in the page's query).
    """
    page = paginate_counted(REQUEST, search_books(query), 12)
    return page.paginator.count, list(page.object_list)


def explain(connection, isbn):
    """The plan of the search for 中国 (PostgreSQL: EXPLAIN; SQLite: EXPLAIN QUERY PLAN)."""
    sql, params = search_books("中国").annotate(total=Window(Count("*")))[:12].query.sql_with_params()
    prefix = "EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    print()
    print("Plan of the search for 中国 (first page):")
    for row in rows:
        print("  " + str(row[0] if connection.vendor == "postgresql" else row[-1]))


def ensure_pages():
    home = HomePage.objects.get(locale__language_code="zh-hans", depth=2)
    catalogue = CataloguePage.objects.child_of(home).first()
    if catalogue is None:
        catalogue = CataloguePage(title="图书目录", slug="catalogue")
        home.add_child(instance=catalogue)
        catalogue.save_revision().publish()
    index = BookListIndexPage.objects.child_of(home).first()
    if index is None:
        index = BookListIndexPage(title="推荐书目", slug="booklists")
        home.add_child(instance=index)
        index.save_revision().publish()
    book_list = BookListPage.objects.child_of(index).filter(slug="bench-50").first()
    if book_list is None:
        books = list(Book.objects.catalogue().order_by("pk")[:50])
        book_list = BookListPage(title="五十本推荐书目", slug="bench-50", theme="品读经典")
        book_list.items = [
            BookListItem(book=book, reason=f"推荐理由：{book.title}值得一读。", sort_order=n)
            for n, book in enumerate(books)
        ]
        index.add_child(instance=book_list)
        book_list.save_revision().publish()
    return catalogue.specific, book_list.specific


def count_queries(client, url):
    # The rendering's queries, not a page-cache hit's (which runs none).
    with override_settings(PAGE_CACHE_ENABLED=False):
        for _ in range(3):
            client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
    return response.status_code, len(captured)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args(argv)

    db = connection.settings_dict
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    books = Book.objects.catalogue().count()
    Locale.get_default()
    print(f"Book search bench — {engine}:{db['NAME']} — {books:,d} books — median of {args.runs} runs")
    if books < 1000:
        print("! fewer than 1,000 books: run bench/import_books.py first", file=sys.stderr)

    header = f"{'query':<14} {'found':>6} {'p50 ms':>7} {'p95':>6}  first results"
    print(header)
    print("-" * len(header))
    isbn = Book.objects.catalogue().exclude(isbn="").order_by("pk").values_list("isbn", flat=True)[books // 3]
    for query in [*QUERIES, isbn]:
        total, first = search_page(query)
        median, p95 = timed(lambda q=query: search_page(q), args.runs)
        shown = "、".join(f"{b.title}（{b.authors}）" for b in first[:3])
        print(f"{query:<14} {total:>6,d} {median:>7.1f} {p95:>6.1f}  {shown}")
    print("Each run: the first page of 12 with the count in the same query, as the results pages ask them.")
    explain(connection, isbn)

    catalogue, book_list = ensure_pages()
    book = Book.objects.catalogue().order_by("pk")[books // 2]
    client = Client(HTTP_HOST=HOST)
    print()
    print(f"{'page':<22} {'status':>6} {'queries':>7}  url")
    over = False
    for label, url in [
        ("catalogue", catalogue.url),
        ("catalogue, filtered", catalogue.url + "?category=literature&sort=newest&page=3"),
        ("book page", f"{catalogue.url}{book.pk}/"),
        ("list page (50 books)", book_list.url),
        ("search (books)", "/zh-hans/search/?q=%E4%B8%AD%E5%9B%BD&type=books"),
        ("search (all)", "/zh-hans/search/?q=%E4%B8%AD%E5%9B%BD"),
    ]:
        status, queries = count_queries(client, url)
        flag = "!" if queries > QUERY_BUDGET or status != 200 else ""
        over = over or bool(flag)
        print(f"{label:<22} {status:>6} {queries:>6}{flag:1}  {url}")
    if over:
        print(f"! over the budget of {QUERY_BUDGET} queries or not 200")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
