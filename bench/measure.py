#!/usr/bin/env python
"""Measure SQL queries and server time for every public page type, "my library" and the desk.

    .venv/bin/python bench/measure.py [--requests 50] [--json out.json] [--sql PAGE]

For each page it picks one live zh-hans page (or book, note, employee) from
the database (whatever DATABASE_URL points at) and requests it in-process
with Django's test Client: 3 warm-up requests, one request under
CaptureQueriesContext (which counts queries whether or not DEBUG is on), then
N timed requests. The Client skips the network and the WSGI server, so the
time is the time Django takes to build the response: URL routing,
middleware, the view, the queries and the template.

Pages are requested as an anonymous visitor; the pages that change for a
signed-in reader (home, catalogue, book, notes, note) again as an employee
with loans, history and notes, plus "my library" and "my notes"; the desk
(lend with a reader looked up, overdue list, reader record) as a librarian.
Users are signed in with Client.force_login, as the tests do.

DEBUG is switched off before Django starts (the dev settings turn it on),
so templates are not compiled in debug mode and queries are not logged
while timing, as in production.

What is measured is the rendering: the anonymous page cache (portal/pagecache.py) is
switched off, or every anonymous page would show 0 queries after the warm-up. `--page-cache`
leaves it on and measures the cached copies instead (bench/http_load.py compares both through
gunicorn).
"""

import argparse
import json
import logging
import os
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.DEBUG = False  # must happen before setup: template engines read it once
django.setup()

# Errors are reported in the table, one line each, not as tracebacks.
logging.getLogger("django.request").setLevel(logging.CRITICAL)
warnings.filterwarnings("ignore", message="No directory at")

from django.db import connection  # noqa: E402
from django.db.models import Count, Exists, OuterRef  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from booklists.models import Book, BookListIndexPage, BookListPage, CataloguePage  # noqa: E402
from campaigns.models import (  # noqa: E402
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    EventIndexPage,
    EventPage,
    QuestionnairePage,
)
from home.models import HomePage, StandardPage  # noqa: E402
from honours.models import HonorWallPage  # noqa: E402
from loans.models import Loan  # noqa: E402
from notes.models import NotesIndexPage, ReadingNote  # noqa: E402
from people.groups import LIBRARIANS  # noqa: E402
from people.models import User  # noqa: E402

QUERY_BUDGET = 15  # DESIGN.md §6, for public pages
WARM_UP = 3
HOST = "localhost"  # the default Site's hostname; in ALLOWED_HOSTS of every settings module
SEARCH_QUERY = "读书"

PAGE_TYPES = [
    ("home", HomePage),
    ("campaign index", CampaignIndexPage),
    ("campaign", CampaignPage),
    ("event index", EventIndexPage),
    ("event", EventPage),
    ("article index", ArticleIndexPage),
    ("article", ArticlePage),
    ("standard page", StandardPage),
    ("questionnaire", QuestionnairePage),
    ("catalogue", CataloguePage),
    ("book-list index", BookListIndexPage),
    ("book list", BookListPage),
    ("notes index", NotesIndexPage),
    ("honour wall", HonorWallPage),
]
# Admin screens are not public pages: the 15-query budget is not theirs.
BUDGET_EXEMPT = {"librarian"}


def middle(queryset):
    """The middle row of an ordered queryset, rather than the first one created."""
    count = queryset.count()
    return queryset[count // 2] if count else None


def page_urls():
    """{label: url} for one live zh-hans page of each type."""
    locale = Locale.objects.get(language_code="zh-hans")
    urls = {}
    for label, model in PAGE_TYPES:
        page = middle(model.objects.live().public().filter(locale=locale).order_by("path"))
        urls[label] = page.get_url() if page else None
    return urls


def reader():
    """An employee (in no staff group) with books out, a loan history and published notes: the most active one."""
    out = Loan.objects.filter(borrower=OuterRef("pk"), returned_at__isnull=True)
    notes = ReadingNote.objects.filter(author=OuterRef("pk"), live=True)
    return (
        User.objects.filter(is_active=True, is_staff=False, groups__isnull=True)
        .filter(Exists(out), Exists(notes))
        .annotate(n=Count("loans"))
        .order_by("-n", "pk")
        .first()
    )


def targets():
    """(label, role, url) for every page measured; url None when there is nothing of that kind."""
    urls = page_urls()
    catalogue = urls.pop("catalogue")
    book = middle(Book.objects.catalogue().filter(copies__isnull=False).distinct().order_by("-loan_count", "pk")[:200])
    note = middle(ReadingNote.objects.published().order_by("-first_published_at", "-pk")[:500])
    employee = reader()
    with translation.override("zh-hans"):
        notes_url = urls.get("notes index")
        library = reverse("loans:my_library")
        my_notes = reverse("notes:mine")
        note_url = reverse("notes:detail", kwargs={"pk": note.pk}) if note else None
    category = book.category.code if book and book.category_id else ""
    filtered = (
        f"{catalogue}?{urlencode({'category': category, 'sort': 'most_borrowed', 'page': 2})}" if catalogue else None
    )
    book_url = f"{catalogue}{book.pk}/" if catalogue and book else None
    article_index = urls.get("article index")
    staff_number = employee.staff_number if employee else ""
    found = [
        ("home", "anonymous", urls["home"]),
        ("campaign index", "anonymous", urls["campaign index"]),
        ("campaign", "anonymous", urls["campaign"]),
        ("event index", "anonymous", urls["event index"]),
        ("event", "anonymous", urls["event"]),
        ("article index", "anonymous", article_index),
        ("article", "anonymous", urls["article"]),
        ("RSS feed", "anonymous", f"{article_index}feed/" if article_index else None),
        ("standard page", "anonymous", urls["standard page"]),
        ("questionnaire", "anonymous", urls["questionnaire"]),
        ("search", "anonymous", f"/zh-hans/search/?q={SEARCH_QUERY}"),
        ("catalogue", "anonymous", catalogue),
        ("catalogue sorted+filtered", "anonymous", filtered),
        ("book page", "anonymous", book_url),
        ("book-list index", "anonymous", urls["book-list index"]),
        ("book list", "anonymous", urls["book list"]),
        ("notes index", "anonymous", notes_url),
        ("honour wall", "anonymous", urls["honour wall"]),
        ("note page", "anonymous", note_url),
        ("home", "employee", urls["home"]),
        ("catalogue", "employee", catalogue),
        ("book page", "employee", book_url),
        ("notes index", "employee", notes_url),
        ("note page", "employee", note_url),
        ("my library", "employee", library if employee else None),
        ("my notes", "employee", my_notes if employee else None),
        ("desk: lend", "librarian", f"/admin/desk/?staff_number={staff_number}" if employee else None),
        ("desk: overdue", "librarian", "/admin/desk/overdue/"),
        ("desk: reader", "librarian", f"/admin/desk/reader/?staff_number={staff_number}" if employee else None),
    ]
    return found, employee


def measure(client, url, requests, show_sql=False):
    try:
        for _ in range(WARM_UP):
            response = client.get(url)
    except Exception as exc:  # e.g. a missing template and no 500.html to fall back on
        while exc.__context__ is not None:  # the first error, not the failing error handler's
            exc = exc.__context__
        return {"status": "ERR", "error": f"{type(exc).__name__}: {exc}"[:80]}
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = len(captured)
    if show_sql:
        print(f"--- {queries} queries for {url}")
        for n, query in enumerate(captured.captured_queries, start=1):
            print(f"{n:3d}. {query['sql'][:300]}")
    status = response.status_code
    error = ""
    if status >= 400:
        exc = getattr(response, "exc_info", None)
        if exc and exc[1] is not None:
            error = f"{type(exc[1]).__name__}: {exc[1]}"[:80]
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return {
        "status": status,
        "queries": queries,
        "median_ms": statistics.median(times),
        "p90_ms": statistics.quantiles(times, n=10)[-1] if len(times) >= 2 else times[0],
        "bytes": len(response.content),
        "error": error,
    }


def clients(employee):
    anonymous = Client(HTTP_HOST=HOST, raise_request_exception=False)
    signed_in = {"anonymous": anonymous}
    if employee is not None:
        signed_in["employee"] = Client(HTTP_HOST=HOST, raise_request_exception=False)
        signed_in["employee"].force_login(employee)
    librarian = User.objects.filter(groups__name=LIBRARIANS, is_active=True).order_by("staff_number").first()
    if librarian is not None:
        signed_in["librarian"] = Client(HTTP_HOST=HOST, raise_request_exception=False)
        signed_in["librarian"].force_login(librarian)
    return signed_in, librarian


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page (default 50)")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--label", default="", help="a title printed above the table")
    parser.add_argument(
        "--page-cache", action="store_true", help="serve anonymous pages from the page cache (off by default)"
    )
    parser.add_argument(
        "--sql", metavar="PAGE", action="append", default=[], help="print the SQL of PAGE (e.g. event, 'my library')"
    )
    args = parser.parse_args(argv)
    settings.PAGE_CACHE_ENABLED = args.page_cache

    db = connection.settings_dict
    found, employee = targets()
    by_role, librarian = clients(employee)
    rows = []
    for label, role, url in found:
        row = {"page": label, "user": role, "url": url or "-", "status": None}
        client = by_role.get(role)
        if url is not None and client is not None:
            row.update(measure(client, url, args.requests, label in args.sql))
        rows.append(row)

    title = args.label or "Bench"
    print(f"{title} — {db['ENGINE'].rsplit('.', 1)[-1]}:{db['NAME']} — median of {args.requests} requests")
    if employee is not None:
        desk = getattr(librarian, "staff_number", "-")
        print(f"employee: {employee.staff_number} ({employee.n} loans); librarian: {desk}")
    header = f"{'page':<26} {'user':<9} {'status':>6} {'queries':>7} {'median ms':>9} {'p90 ms':>7} {'req/s':>6}  url"
    print(header)
    print("-" * len(header))
    over = []
    for row in rows:
        lead = f"{row['page']:<26} {row['user']:<9}"
        if row["status"] is None:
            print(f"{lead} {'-':>6} {'-':>7} {'-':>9} {'-':>7} {'-':>6}  (nothing of this kind to measure)")
            continue
        if row["status"] == "ERR":
            print(f"{lead} {'ERR':>6} {'-':>7} {'-':>9} {'-':>7} {'-':>6}  {row['url']}  [{row['error']}]")
            continue
        queries = str(row["queries"])
        if row["queries"] > QUERY_BUDGET and row["user"] not in BUDGET_EXEMPT:
            queries += "!"
            over.append(f"{row['page']} ({row['user']})")
        print(
            f"{lead} {row['status']:>6} {queries:>7} {row['median_ms']:>9.1f} "
            f"{row['p90_ms']:>7.1f} {1000 / row['median_ms']:>6.0f}  {row['url']}"
            + (f"  [{row['error']}]" if row["error"] else "")
        )
    if over:
        print(f"! over the budget of {QUERY_BUDGET} queries (DESIGN.md §6): {', '.join(over)}")
    failed = [f"{row['page']} ({row['user']})" for row in rows if row["status"] is not None and row["status"] != 200]
    if failed:
        print(f"Not 200: {', '.join(failed)} — those figures time an error page, not the real page.")

    if args.json:
        Path(args.json).write_text(json.dumps({"title": title, "rows": rows}, ensure_ascii=False, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
