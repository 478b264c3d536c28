#!/usr/bin/env python
"""How long the organisers' dashboard takes for a one-year range at full scale (target: under 1 s on PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_full .venv/bin/python bench/dashboard.py
    .venv/bin/python bench/dashboard.py --loans 500000 --notes 20000 --year 2025 --repeat 5

Runs on whatever DATABASE_URL points at (migrated first, by the script itself). When the database holds fewer loans or
notes than asked for, it adds its own exactly as bench/honours.py does (5,000 employees in 60
departments, 20,000 titles, 50,000 copies, 500,000 loans and 20,000 notes over three years by
default). Then it builds every table of the dashboard (reports.dashboard.build) for one calendar
year, `--repeat` times, and prints the query count and the median and worst seconds.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

TARGET_SECONDS = 1.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--departments", type=int, default=60)
    parser.add_argument("--titles", type=int, default=20000)
    parser.add_argument("--copies", type=int, default=50000)
    parser.add_argument("--loans", type=int, default=500_000)
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--year", type=int, default=0, help="the calendar year to show (default: last year)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261101)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # a fresh database works as it is
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.honours import fill
    from loans.models import Loan
    from progress.sources import ReadingNote
    from reports import dashboard

    started = time.perf_counter()
    fill(args, random.Random(args.seed))
    print(
        f"{connection.vendor}: {Loan.objects.count():,} loans, {ReadingNote.objects.count():,} notes "
        f"(data ready in {time.perf_counter() - started:.1f} s)"
    )
    year = args.year or datetime.date.today().year - 1
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    timings = []
    for _ in range(args.repeat):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            board = dashboard.build(start, end)
            timings.append(time.perf_counter() - began)
    median, worst = statistics.median(timings), max(timings)
    loans = sum(row[1] for row in board.table("loans_by_month").rows)
    print(
        f"dashboard {year}: {len(captured.captured_queries)} queries, {loans:,} loans in the year, "
        f"{board.participants:,} participants; median {median:.3f} s, worst {worst:.3f} s over {args.repeat} runs"
    )
    verdict = "OK" if median < TARGET_SECONDS else "SLOWER THAN TARGET"
    print(f"target < {TARGET_SECONDS:.0f} s: {verdict}")
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
