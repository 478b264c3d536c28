#!/usr/bin/env python
"""Measure SQL queries and server time for each public page type.

    .venv/bin/python bench/measure.py [--requests 50] [--json out.json]

For each public page type it picks one live zh-hans page from the database
(whatever DATABASE_URL points at) and requests it in-process with Django's
test Client: 3 warm-up requests, one request under CaptureQueriesContext
(which counts queries whether or not DEBUG is on), then N timed requests.
The Client skips the network and the WSGI server, so the time is the time
Django takes to build the response: URL routing, middleware, the view, the
queries and the template.

DEBUG is switched off before Django starts (the dev settings turn it on),
so templates are not compiled in debug mode and queries are not logged
while timing, as in production.
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
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from campaigns.models import (  # noqa: E402
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    EventIndexPage,
    EventPage,
)
from home.models import HomePage, StandardPage  # noqa: E402

QUERY_BUDGET = 15  # DESIGN.md §6
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
]


def targets():
    """(label, url) for one live zh-hans page of each type, then search."""
    locale = Locale.objects.get(language_code="zh-hans")
    found = []
    for label, model in PAGE_TYPES:
        # A middle page of its kind rather than the first one created.
        pages = model.objects.live().public().filter(locale=locale).order_by("path")
        count = pages.count()
        page = pages[count // 2] if count else None
        url = page.get_url() if page else None
        found.append((label, url))
    found.append(("search", f"/zh-hans/search/?q={SEARCH_QUERY}"))
    return found


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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page (default 50)")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--label", default="", help="a title printed above the table")
    parser.add_argument("--sql", metavar="PAGE", action="append", default=[], help="print the SQL of PAGE (e.g. event)")
    args = parser.parse_args(argv)

    db = connection.settings_dict
    client = Client(HTTP_HOST=HOST, raise_request_exception=False)
    rows = []
    for label, url in targets():
        if url is None:
            rows.append({"page": label, "url": "-", "status": None})
            continue
        rows.append({"page": label, "url": url, **measure(client, url, args.requests, label in args.sql)})

    title = args.label or "Bench"
    print(f"{title} — {db['ENGINE'].rsplit('.', 1)[-1]}:{db['NAME']} — median of {args.requests} requests")
    header = f"{'page':<16} {'status':>6} {'queries':>7} {'median ms':>9} {'p90 ms':>7} {'req/s':>6}  url"
    print(header)
    print("-" * len(header))
    over = []
    for row in rows:
        if row["status"] is None:
            print(f"{row['page']:<16} {'-':>6} {'-':>7} {'-':>9} {'-':>7} {'-':>6}  (no live page of this type)")
            continue
        if row["status"] == "ERR":
            print(f"{row['page']:<16} {'ERR':>6} {'-':>7} {'-':>9} {'-':>7} {'-':>6}  {row['url']}  [{row['error']}]")
            continue
        queries = str(row["queries"])
        if row["queries"] > QUERY_BUDGET:
            queries += "!"
            over.append(row["page"])
        print(
            f"{row['page']:<16} {row['status']:>6} {queries:>7} {row['median_ms']:>9.1f} "
            f"{row['p90_ms']:>7.1f} {1000 / row['median_ms']:>6.0f}  {row['url']}"
            + (f"  [{row['error']}]" if row["error"] else "")
        )
    if over:
        print(f"! over the budget of {QUERY_BUDGET} queries (DESIGN.md §6): {', '.join(over)}")
    failed = [row["page"] for row in rows if row["status"] is not None and row["status"] != 200]
    if failed:
        print(f"Not 200: {', '.join(failed)} — those figures time an error page, not the real page.")

    if args.json:
        Path(args.json).write_text(json.dumps({"title": title, "rows": rows}, ensure_ascii=False, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
