#!/usr/bin/env python
"""Lending throughput under concurrent desks, and proof that no copy is lent twice.

    .venv/bin/python bench/lending.py                      # scratch PostgreSQL database bench_lending
    .venv/bin/python bench/lending.py --threads 16 --seconds 20 --operations 20000
    .venv/bin/python bench/lending.py --db my_scratch --keep

Makes a scratch PostgreSQL database (drops and creates it with `psql -h
127.0.0.1 -U postgres`; PGHOST, PGPORT, PGUSER override), migrates it, and
fills it with reading rooms, titles, copies and employees. Then `--threads`
threads, each with its own connection, act as circulation desks: each picks a
copy at random (a share of the picks goes to a few "hot" copies that every desk
fights over), reads its status, and calls `loans.services.return_copy` when it
is on loan or `loans.services.lend` to a random employee otherwise, until
`--operations` actions in all or `--seconds` have passed, whichever is first.

It prints loans and returns per second, the refusals by rule (a refusal is the
expected answer when two desks race for one copy or an employee reaches the
loan limit), unexpected errors (deadlocks, integrity errors: must be 0), and
the double loans: copies with two active Loan rows, found with a GROUP BY
query (must be 0). It exits 1 when there are double loans, unexpected errors
or inconsistent copies. The database is dropped at the end unless --keep.
"""

import argparse
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

PGHOST = os.environ.get("PGHOST", "127.0.0.1")
PGPORT = os.environ.get("PGPORT", "5432")
PGUSER = os.environ.get("PGUSER", "postgres")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_lending", help="scratch database name (default bench_lending)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--threads", type=int, default=16, help="concurrent desks (default 16)")
    parser.add_argument("--operations", type=int, default=20000, help="stop after this many actions (default 20000)")
    parser.add_argument("--seconds", type=float, default=20.0, help="stop after this many seconds (default 20)")
    parser.add_argument("--titles", type=int, default=50, help="titles (default 50)")
    parser.add_argument("--copies", type=int, default=500, help="copies, spread over the titles (default 500)")
    parser.add_argument("--employees", type=int, default=300, help="employees (default 300)")
    parser.add_argument("--rooms", type=int, default=4, help="reading rooms (default 4)")
    parser.add_argument("--hot", type=int, default=5, help="contended copies every desk fights over (default 5)")
    parser.add_argument("--hot-share", type=float, default=0.2, help="share of picks that go to them (default 0.2)")
    parser.add_argument("--seed", type=int, default=20260401)
    return parser.parse_args(argv)


def psql(sql):
    subprocess.run(
        ["psql", "-h", PGHOST, "-p", PGPORT, "-U", PGUSER, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        check=True,
    )


def setup_django(db):
    os.environ["DATABASE_URL"] = f"postgres://{PGUSER}@{PGHOST}:{PGPORT}/{db}"
    import django
    from django.conf import settings

    settings.DEBUG = False  # no query log growing in every thread
    django.setup()


def fill(args, rng):
    """Rooms, titles, copies and employees, inserted in bulk."""
    from django.contrib.auth.hashers import make_password
    from wagtail.models import Locale

    from booklists.models import Book, Category
    from loans.models import Copy, LendingRules, ReadingRoom
    from people.models import User

    LendingRules.load()
    locale = Locale.get_default()
    category = Category.objects.filter(locale=locale).first()
    rooms = ReadingRoom.objects.bulk_create(
        [ReadingRoom(name=f"压测书屋{i + 1}", sort_order=i) for i in range(args.rooms)]
    )
    books = Book.objects.bulk_create(
        [Book(title=f"压测图书{i + 1}", authors="压测", locale=locale, category=category) for i in range(args.titles)]
    )
    copies = Copy.objects.bulk_create(
        [
            Copy(barcode=f"BL{i + 1:06d}", book=books[i % len(books)], home_room=room, current_room=room)
            for i, room in ((i, rooms[i % len(rooms)]) for i in range(args.copies))
        ]
    )
    password = make_password(None)
    employees = User.objects.bulk_create(
        [
            User(staff_number=f"BL{i + 1:05d}", real_name=f"压测职工{i + 1}", password=password)
            for i in range(args.employees)
        ]
    )
    barcodes = [copy.barcode for copy in copies]
    hot = rng.sample(barcodes, min(args.hot, len(barcodes)))
    return rooms, employees, barcodes, hot


def classify(message):
    """The rule behind a refusal, from its English message."""
    for key, label in (
        ("is already on loan", "copy already on loan"),
        ("is not on loan", "copy not on loan (returned by another desk)"),
        ("the limit is", "loan limit reached"),
        ("is held for", "held for a reservation"),
        ("overdue", "overdue book"),
    ):
        if key in message:
            return label
    return message


def desk(number, args, rooms, employees, barcodes, hot, barrier, budget, lock, totals):
    from django.db import connection
    from django.utils import translation

    from loans import services
    from loans.models import Copy, CopyStatus

    rng = random.Random(args.seed + number)
    counts = Counter()
    latencies = []
    translation.activate("en")
    try:
        barrier.wait()
        deadline = time.monotonic() + args.seconds
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            barcode = rng.choice(hot) if rng.random() < args.hot_share else rng.choice(barcodes)
            room = rng.choice(rooms)
            started = time.perf_counter()
            try:
                status = Copy.objects.filter(barcode=barcode).values_list("status", flat=True).first()
                if status == CopyStatus.ON_LOAN:
                    services.return_copy(barcode, room)
                    counts["returns"] += 1
                else:
                    services.lend(rng.choice(employees), barcode, room)
                    counts["loans"] += 1
            except services.Refused as refusal:
                counts["refused: " + classify(refusal.message)] += 1
            except Exception as error:  # noqa: BLE001 -- counted and reported; must not happen
                counts[f"ERROR {type(error).__name__}: {str(error).splitlines()[0]}"] += 1
            latencies.append(time.perf_counter() - started)
    finally:
        connection.close()
        with lock:
            totals["counts"].update(counts)
            totals["latencies"].extend(latencies)


def check():
    """Double loans and copies whose status disagrees with their loans."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM (SELECT copy_id FROM loans_loan WHERE returned_at IS NULL "
            "GROUP BY copy_id HAVING COUNT(*) > 1) AS doubled"
        )
        double = cursor.fetchone()[0]
        cursor.execute(
            "SELECT COUNT(*) FROM loans_copy c WHERE (c.status = 'on_loan') <> EXISTS "
            "(SELECT 1 FROM loans_loan l WHERE l.copy_id = c.id AND l.returned_at IS NULL)"
        )
        inconsistent = cursor.fetchone()[0]
        cursor.execute(
            "SELECT (SELECT COALESCE(SUM(loan_count), 0) FROM booklists_book), (SELECT COUNT(*) FROM loans_loan)"
        )
        counted, loans = cursor.fetchone()
        cursor.execute(
            "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM loans_loan WHERE returned_at IS NULL "
            "GROUP BY borrower_id) AS per_borrower"
        )
        most = cursor.fetchone()[0]
    return double, inconsistent, counted, loans, most


def main(argv=None):
    args = parse_args(argv)
    rng = random.Random(args.seed)
    psql(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
    psql(f"CREATE DATABASE \"{args.db}\" ENCODING 'UTF8' TEMPLATE template0")
    try:
        setup_django(args.db)
        from django.core.management import call_command
        from django.db import connection

        started = time.monotonic()
        call_command("migrate", verbosity=0, interactive=False)
        print(f"migrate: {time.monotonic() - started:.0f} s")
        rooms, employees, barcodes, hot = fill(args, rng)
        connection.close()
        print(
            f"data: {len(rooms)} rooms, {args.titles} titles, {len(barcodes)} copies ({len(hot)} hot, "
            f"{args.hot_share:.0%} of picks), {len(employees)} employees"
        )

        barrier = threading.Barrier(args.threads + 1)
        lock = threading.Lock()
        budget = [args.operations]
        totals = {"counts": Counter(), "latencies": []}
        threads = [
            threading.Thread(
                target=desk,
                args=(n, args, rooms, employees, barcodes, hot, barrier, budget, lock, totals),
            )
            for n in range(args.threads)
        ]
        for thread in threads:
            thread.start()
        barrier.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join(timeout=args.seconds + 60)
        elapsed = time.perf_counter() - began
        hung = sum(thread.is_alive() for thread in threads)

        counts = totals["counts"]
        latencies = sorted(totals["latencies"])
        actions = len(latencies)
        errors = {k: v for k, v in counts.items() if k.startswith("ERROR")}
        refused = {k: v for k, v in counts.items() if k.startswith("refused")}
        double, inconsistent, counted, loans, most = check()

        print(f"\n{args.threads} desks, {actions} actions in {elapsed:.1f} s ({actions / elapsed:.0f} actions/s)")
        print(f"  loans       {counts['loans']:>7}   {counts['loans'] / elapsed:8.1f} loans/s")
        print(f"  returns     {counts['returns']:>7}   {counts['returns'] / elapsed:8.1f} returns/s")
        print(f"  refusals    {sum(refused.values()):>7}")
        for key, value in sorted(refused.items(), key=lambda kv: -kv[1]):
            print(f"      {value:>7}  {key.removeprefix('refused: ')}")
        if latencies:
            p50 = latencies[len(latencies) // 2] * 1000
            p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
            print(f"  latency     median {p50:.1f} ms, p99 {p99:.1f} ms")
        print(f"  unexpected errors   {sum(errors.values())}")
        for key, value in errors.items():
            print(f"      {value:>7}  {key}")
        print(f"  double loans        {double}   (copies with two active loans; must be 0)")
        print(f"  inconsistent copies {inconsistent}   (status on_loan <> has an active loan; must be 0)")
        print(f"  Book.loan_count sum {counted} / loans {loans}")
        print(f"  most active loans held by one employee: {most} (limit 5)")
        if hung:
            print(f"  {hung} desks did not finish")
        ok = not (double or inconsistent or errors or hung) and counted == loans and most <= 5
        print("OK" if ok else "NOT OK")
        connection.close()
        return 0 if ok else 1
    finally:
        if not args.keep:
            try:
                from django.db import connections

                connections.close_all()
            except Exception:  # noqa: BLE001, S110 -- Django may not have started
                pass
            psql(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
