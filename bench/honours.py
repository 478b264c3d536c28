#!/usr/bin/env python
"""How long generating a month's award rounds takes at full scale (target: under 5 s on PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_full .venv/bin/python bench/honours.py
    .venv/bin/python bench/honours.py --loans 500000 --notes 20000 --month 2026-05

Runs on whatever DATABASE_URL points at (migrated first, by the script itself). When the database
holds fewer loans or notes than asked for, it adds its own with bulk_create
(employees ``HB00001``…, departments ``HB-01``…, titles and copies ``HB…``),
spread over three years, until it has them: 5,000 employees in 60
departments, 20,000 titles, 50,000 copies, 500,000 loans and 20,000 notes by
default (DESIGN.md §5). Then, for one month, it times services.generate_round
for each award (阅读之星, 书香科室, 优秀读书笔记) inside a transaction that is
rolled back, so the database is left as it was found, and prints the seconds.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

TARGET_SECONDS = 5.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--departments", type=int, default=60)
    parser.add_argument("--titles", type=int, default=20000)
    parser.add_argument("--copies", type=int, default=50000)
    parser.add_argument("--loans", type=int, default=500_000)
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--month", default="", help="YYYY-MM (default: the middle of the generated history)")
    parser.add_argument("--seed", type=int, default=20261101)
    return parser.parse_args(argv)


def fill(args, rng):
    """Add employees, titles, copies, loans and notes until the database has the asked-for numbers."""
    from django.utils import timezone
    from wagtail.models import Locale

    from booklists.factories import isbn13
    from booklists.models import Book, Category
    from loans.models import Copy, Loan, ReadingRoom
    from people.models import Department, User
    from progress.sources import ReadingNote

    now = timezone.now()
    history_start = now - datetime.timedelta(days=3 * 365)
    departments = list(Department.objects.filter(name__startswith="HB-"))
    for i in range(len(departments), args.departments):
        departments.append(Department.objects.create(name=f"HB-{i + 1:02d}", headcount=rng.randint(20, 150)))
    missing = args.employees - User.objects.filter(staff_number__startswith="HB").count()
    if missing > 0:
        start = User.objects.filter(staff_number__startswith="HB").count()
        User.objects.bulk_create(
            [
                User(
                    staff_number=f"HB{start + i + 1:05d}",
                    real_name=f"职工{start + i + 1}",
                    department=rng.choice(departments),
                    password="!",
                )
                for i in range(missing)
            ],
            batch_size=2000,
        )
    users = list(User.objects.filter(staff_number__startswith="HB").values_list("pk", flat=True))
    locale = Locale.get_default()
    category = Category.objects.filter(locale=locale).first()
    have_books = Book.objects.filter(title__startswith="HB书").count()
    if have_books < args.titles:
        Book.objects.bulk_create(
            [
                Book(
                    title=f"HB书{i}",
                    isbn=isbn13(9_000_000 + i),
                    category=category,
                    locale=locale,
                )
                for i in range(have_books, args.titles)
            ],
            batch_size=2000,
        )
    books = list(Book.objects.filter(title__startswith="HB书").values_list("pk", flat=True))
    room, _ = ReadingRoom.objects.get_or_create(name="HB书屋")
    have_copies = Copy.objects.filter(barcode__startswith="HB").count()
    if have_copies < args.copies:
        Copy.objects.bulk_create(
            [
                Copy(barcode=f"HB{i:07d}", book_id=books[i % len(books)], home_room=room, current_room=room)
                for i in range(have_copies, args.copies)
            ],
            batch_size=5000,
        )
    copies = list(Copy.objects.filter(barcode__startswith="HB").values_list("pk", "book_id"))
    missing = args.loans - Loan.objects.count()
    span = (now - history_start).total_seconds()
    while missing > 0:
        batch = []
        for _ in range(min(missing, 20000)):
            copy_id, book_id = rng.choice(copies)
            lent = history_start + datetime.timedelta(seconds=rng.random() * span)
            returned = lent + datetime.timedelta(days=rng.choice((1, 3, 5, 8, 12, 20, 28)))
            batch.append(
                Loan(
                    copy_id=copy_id,
                    book_id=book_id,
                    borrower_id=rng.choice(users),
                    lent_at=lent,
                    due_on=(lent + datetime.timedelta(days=30)).date(),
                    returned_at=returned if returned < now else now,
                )
            )
        Loan.objects.bulk_create(batch, batch_size=5000)
        missing -= len(batch)
    missing = args.notes - ReadingNote.objects.count()
    body = "<p>" + "读书心得体会。" * 20 + "</p>"
    while missing > 0:
        batch = []
        for i in range(min(missing, 5000)):
            published = history_start + datetime.timedelta(seconds=rng.random() * span)
            excellent = rng.random() < 0.1
            batch.append(
                ReadingNote(
                    author_id=rng.choice(users),
                    book_id=rng.choice(books),
                    title=f"HB心得{missing - i}",
                    body=body,
                    live=True,
                    first_published_at=published,
                    last_published_at=published,
                    is_excellent=excellent,
                    marked_excellent_at=published + datetime.timedelta(days=2) if excellent else None,
                )
            )
        ReadingNote.objects.bulk_create(batch, batch_size=2000)
        missing -= len(batch)


def main(argv=None):
    args = parse_args(argv)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # a fresh database works as it is
    from django.db import connection, transaction

    from honours import services
    from honours.models import PERIODIC_KINDS
    from loans.models import Loan
    from progress.sources import ReadingNote

    rng = random.Random(args.seed)
    started = time.perf_counter()
    fill(args, rng)
    print(
        f"{connection.vendor}: {Loan.objects.count():,} loans, {ReadingNote.objects.count():,} notes "
        f"(data ready in {time.perf_counter() - started:.1f} s)"
    )
    if args.month:
        year, month = (int(part) for part in args.month.split("-"))
    else:
        middle = datetime.date.today() - datetime.timedelta(days=540)
        year, month = middle.year, middle.month
    start, end = services.month_period(year, month)
    total = 0.0
    with transaction.atomic():
        for kind in PERIODIC_KINDS:
            began = time.perf_counter()
            award_round, _ = services.generate_round(kind, start, end)
            seconds = time.perf_counter() - began
            total += seconds
            print(f"  {kind:<11} {start:%Y-%m}: {seconds:6.2f} s, {award_round.summary['candidates']} candidates")
        transaction.set_rollback(True)
    verdict = "OK" if total < TARGET_SECONDS else "SLOWER THAN TARGET"
    print(f"generating a month's rounds: {total:.2f} s (target < {TARGET_SECONDS:.0f} s) {verdict}")
    return 0 if total < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
