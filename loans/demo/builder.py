"""Lending data of the demo site, built by ``manage.py load_demo`` (home app).

What it builds, each step idempotent:

* reading rooms (职工书屋, 阅览角, a room run with an enterprise, two 流动书箱),
  looked up by name;
* one copy per 册数 of every catalogue book (``booklists/demo/catalogue.csv``),
  barcodes SX000001… in catalogue order, looked up by barcode; a few lost or
  withdrawn;
* a year of returned loans, written in bulk from a seeded random generator
  (skipped when any returned loan exists), then ``Book.loan_count`` recounted;
* the current state — transfers to the book boxes, active and overdue loans, a
  reservation queue, a copy on the holds shelf, due notices — made through
  ``loans.services`` so every lending rule holds (skipped when any loan is
  active or any reservation exists).

Dates are relative to today, so the demo always has loans due soon and overdue.
What it builds (names, titles, numbers) is in ``loans/demo/content.py``.
"""

import csv
import datetime
import random
from collections import defaultdict

from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from booklists.demo.content import CATALOGUE_FILE
from booklists.models import Book

from .. import services
from ..models import Copy, CopyMovement, CopyStatus, Loan, Notice, ReadingRoom, Reservation
from .content import (
    BARCODE_PREFIX,
    BOX_1,
    BOX_2,
    BOX_FILLS,
    CANTEEN,
    CATEGORY_FACTOR,
    CURRENT_LOANS,
    HISTORY_DAYS,
    HOLD,
    HOT_TITLES,
    INFO,
    JOINT,
    LOANS_PER_WORKING_DAY,
    LOST_AND_WITHDRAWN,
    MAIN,
    MONTH_FACTOR,
    POPULAR_TITLE,
    QUEUE,
    READING_MONTH_2024,
    RENEWED,
    ROOMS,
    SEED,
)


def read_catalogue():
    """(title, category name, copies) in catalogue order."""
    with CATALOGUE_FILE.open(encoding="utf-8-sig", newline="") as handle:
        return [(row["书名"].strip(), row["分类"].strip(), int(row["册数"] or 0)) for row in csv.DictReader(handle)]


def barcode(number):
    return f"{BARCODE_PREFIX}{number:06d}"


def local_datetime(day, hhmm):
    time = datetime.time.fromisoformat(hhmm)
    return timezone.make_aware(datetime.datetime.combine(day, time))


def desk_time(rng, room_spec, day):
    """A random moment within one of the room's desk hours on `day`."""
    start, end = rng.choice(room_spec["hours"])
    first = datetime.datetime.combine(day, datetime.time.fromisoformat(start))
    minutes = int((datetime.datetime.combine(day, datetime.time.fromisoformat(end)) - first).total_seconds() // 60)
    return timezone.make_aware(first + datetime.timedelta(minutes=rng.randrange(minutes)))


def next_working_day(day):
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


class LendingDemo:
    """Builds the lending data. `tally(label, created, skipped)` records what was done."""

    def __init__(self, departments, users, librarian, tally, today=None):
        self.departments = departments
        self.users = users  # staff number → User: borrowers of the history and the current state
        self.librarian = librarian
        self.tally = tally
        self.today = today or timezone.localdate()
        self.room_specs = {spec["name"]: spec for spec in ROOMS}
        self.warnings = []

    def days_ago(self, days):
        return self.today - datetime.timedelta(days=days)

    def build(self):
        notices_before = Notice.objects.count()
        self.rooms = self.build_rooms()
        self.build_copies()
        self.plan = self.current_plan()
        history = self.build_history()
        reading_month = self.build_reading_month_2024()
        current = self.build_current_state()
        if history or reading_month or current:
            self.recount_loans()
        # What the nightly job does: remind borrowers of books due soon or overdue.
        services.send_due_notices(today=self.today)
        # Counted with the 预约到书 notice the holds shelf sent.
        self.tally("借阅通知", Notice.objects.count() - notices_before, notices_before)

    # -- rooms and copies ----------------------------------------------------

    def build_rooms(self):
        rooms = {}
        created = 0
        for order, spec in enumerate(ROOMS):
            room, was_created = ReadingRoom.objects.get_or_create(
                name=spec["name"],
                defaults={
                    "kind": spec["kind"],
                    "operator": spec["operator"],
                    "department": self.departments.get(spec["department"]),
                    "address": spec["address"],
                    "opening_hours": spec["opening_hours"],
                    "contact": spec["contact"],
                    "sort_order": order,
                },
            )
            created += was_created
            rooms[spec["name"]] = room
        self.tally("阅览点", created, len(ROOMS) - created)
        return rooms

    def copy_plan(self):
        """(barcode, title, room name, acquired_on, status, note) for every catalogue copy, deterministic."""
        rng = random.Random(SEED)
        shelves = [spec["name"] for spec in ROOMS if spec["share"]]
        weights = [spec["share"] for spec in ROOMS if spec["share"]]
        damaged = {number: (status, note) for number, status, note in LOST_AND_WITHDRAWN}
        plan, number = [], 0
        for title, _category, copies in read_catalogue():
            for index in range(copies):
                number += 1
                # The first copy of every title is in the main reading room.
                room = MAIN if index == 0 else rng.choices(shelves, weights)[0]
                # Most copies are a few years old; one in twenty arrived in the last two months.
                age = rng.randint(20, 60) if rng.random() < 0.05 else rng.randint(400, 1800)
                status, note = damaged.get(number, (CopyStatus.ON_SHELF, ""))
                plan.append((barcode(number), title, room, self.days_ago(age), status, note))
        return plan

    def build_copies(self):
        plan = self.copy_plan()
        books = {}
        for book in Book.objects.catalogue().filter(title__in={row[1] for row in plan}).order_by("pk"):
            books.setdefault(book.title, book)
        existing = set(Copy.objects.filter(barcode__in=[row[0] for row in plan]).values_list("barcode", flat=True))
        new = [
            Copy(
                barcode=code,
                book=books[title],
                home_room=self.rooms[room],
                current_room=self.rooms[room],
                acquired_on=acquired_on,
                status=status,
                note=note,
            )
            for code, title, room, acquired_on, status, note in plan
            if code not in existing and title in books
        ]
        Copy.objects.bulk_create(new, batch_size=500)
        self.tally("复本", len(new), len(existing))

    # -- the plan of the current state -----------------------------------------

    def current_plan(self):
        """Which copy each current loan and box transfer uses, and from which day the history must
        leave it alone. Worked out from the copies alone, so the history and the current state agree."""
        copies = defaultdict(list)  # title → [(barcode, home room name)] by barcode
        for code, title, room_name in (
            Copy.objects.filter(barcode__startswith=BARCODE_PREFIX, status=CopyStatus.ON_SHELF)
            .order_by("barcode")
            .values_list("barcode", "book__title", "home_room__name")
        ):
            copies[title].append((code, room_name))
        taken = set()
        reserved_from = {}  # barcode → first day the history must not use it

        def pick(title, room_name, since):
            candidates = [code for code, home in copies.get(title, []) if code not in taken]
            preferred = [code for code, home in copies.get(title, []) if code not in taken and home == room_name]
            chosen = (preferred or candidates or [None])[0]
            if chosen:
                taken.add(chosen)
                reserved_from[chosen] = min(reserved_from.get(chosen, since), since)
            # Lent where the copy is, if the wished-for room has none.
            return chosen, dict(copies.get(title, [])).get(chosen, room_name)

        boxes = []
        for box, days, reason, titles in BOX_FILLS:
            since = self.days_ago(days)
            # A box takes a second copy, so the main room keeps the title.
            codes = []
            for title in titles:
                spare = [code for code, home in copies.get(title, [])[1:] if code not in taken and home == MAIN]
                others = [code for code, home in copies.get(title, [])[1:] if code not in taken]
                chosen = (spare or others or [None])[0]
                if chosen:
                    taken.add(chosen)
                    reserved_from[chosen] = since
                    codes.append(chosen)
            boxes.append((box, since, reason, codes))
        box_codes = {code: box for box, _since, _reason, codes in boxes for code in codes}

        loans = []
        for staff_number, title, days, room_name in CURRENT_LOANS:
            since = self.days_ago(days)
            if room_name in (BOX_1, BOX_2):
                of_title = {code for code, _home in copies.get(title, [])}
                code = next((c for c, b in box_codes.items() if b == room_name and c in of_title), None)
                if code:
                    reserved_from[code] = min(reserved_from[code], since)
            else:
                code, room_name = pick(title, room_name, since)
            loans.append((staff_number, title, since, room_name, code))
        return {"boxes": boxes, "loans": loans, "reserved_from": reserved_from}

    # -- a year of history -----------------------------------------------------

    def build_history(self):
        if Loan.objects.returned().exists():
            self.tally("借阅历史", 0, Loan.objects.returned().count())
            return 0
        rng = random.Random(SEED + 1)
        catalogue = {title: category for title, category, _copies in read_catalogue()}
        copies = defaultdict(list)
        for copy in (
            Copy.objects.filter(barcode__startswith=BARCODE_PREFIX)
            .select_related("home_room")
            .only("pk", "barcode", "book_id", "book__title", "home_room__name", "acquired_on", "status")
            .order_by("barcode")
        ):
            if copy.status in (CopyStatus.LOST, CopyStatus.WITHDRAWN):
                until = self.days_ago(200)  # they were still on the shelf last spring
            else:
                until = self.plan["reserved_from"].get(copy.barcode, self.today) - datetime.timedelta(days=1)
            copies[copy.book_id].append(
                {"pk": copy.pk, "room": copy.home_room.name, "from": copy.acquired_on, "until": until, "free": None}
            )
        books = list(Book.objects.filter(pk__in=copies).values_list("pk", "title"))
        book_weights = [
            CATEGORY_FACTOR.get(catalogue.get(title), 1.0) * HOT_TITLES.get(title, 1) * (1 + len(copies[pk]) / 2)
            for pk, title in books
        ]
        borrowers = sorted(self.users.values(), key=lambda user: user.staff_number)
        # Some read a book a week, most one or two a month, a few hardly ever.
        appetite = [rng.choice([6, 4, 3, 2, 2, 1, 1, 0.3]) for _ in borrowers]
        on_loan = defaultdict(list)  # borrower pk → [(due, returned)]
        rows = []
        last_day = self.days_ago(1)
        for days in range(HISTORY_DAYS, 0, -1):
            day = self.days_ago(days)
            if day.weekday() >= 5:
                continue
            expected = LOANS_PER_WORKING_DAY * MONTH_FACTOR[day.month]
            for _ in range(max(0, round(rng.gauss(expected, expected / 3)))):
                borrower = rng.choices(borrowers, appetite)[0]
                current = [(due, back) for due, back in on_loan[borrower.pk] if back >= day]
                on_loan[borrower.pk] = current
                if len(current) >= 5 or any(due < day for due, _back in current):
                    continue  # the desk would refuse: at the limit or a book overdue
                book_id = rng.choices(books, book_weights)[0][0]
                free = [
                    copy
                    for copy in copies[book_id]
                    if copy["from"] < day <= copy["until"] and (copy["free"] is None or copy["free"] < day)
                ]
                if not free:
                    continue
                copy = rng.choice(free)
                chance = rng.random()
                renewals = 0
                due = day + datetime.timedelta(days=30)
                if chance < 0.08:  # returned late
                    back = due + datetime.timedelta(days=rng.randint(1, 21))
                elif chance < 0.25:  # renewed once
                    renewals = 1
                    due += datetime.timedelta(days=30)
                    back = day + datetime.timedelta(days=rng.randint(31, 60))
                else:
                    back = day + datetime.timedelta(days=rng.choice([3, 5, 7, 9, 12, 14, 16, 19, 21, 24, 27, 30]))
                back = next_working_day(back)
                if back > last_day or back > copy["until"]:
                    continue  # would still be out today: the current state has its own loans
                lent_in = copy["room"]
                # 通借通还: one book in nine comes back at another reading room.
                returned_in = lent_in
                if rng.random() < 0.11:
                    returned_in = rng.choice([MAIN, CANTEEN, INFO, JOINT])
                rows.append(
                    Loan(
                        copy_id=copy["pk"],
                        borrower=borrower,
                        book_id=book_id,
                        lent_at=desk_time(rng, self.room_specs[lent_in], day),
                        due_on=due,
                        renewals=renewals,
                        returned_at=desk_time(rng, self.room_specs[returned_in], back),
                        lent_in=self.rooms[lent_in],
                        returned_in=self.rooms[returned_in],
                        lent_by=self.librarian,
                        returned_by=self.librarian,
                    )
                )
                copy["free"] = back
                on_loan[borrower.pk].append((due, back))
        Loan.objects.bulk_create(rows, batch_size=500)
        self.tally("借阅历史", len(rows), 0)
        return len(rows)

    def build_reading_month_2024(self):
        """The loans of the 2024 读书月 (READING_MONTH_2024), once: skipped when any loan of that window exists."""
        first, last = datetime.date(2024, 4, 1), datetime.date(2024, 6, 30)
        window = Loan.objects.filter(lent_at__date__gte=first, lent_at__date__lte=last)
        if window.exists():
            self.tally("2024读书月借阅", 0, window.count())
            return 0
        rng = random.Random(SEED + 2)
        rows = []
        for staff_number, title, lent_on, kept in READING_MONTH_2024:
            borrower = self.users.get(staff_number)
            lent_on = datetime.date.fromisoformat(lent_on)
            # A copy that was already on the shelf then, the oldest first.
            copy = (
                Copy.objects.filter(book__title=title, barcode__startswith=BARCODE_PREFIX, acquired_on__lt=lent_on)
                .select_related("home_room")
                .order_by("acquired_on", "barcode")
                .first()
            )
            if borrower is None or copy is None:
                self.warnings.append(f"2024读书月: 《{title}》 not lent to {staff_number}")
                continue
            room = copy.home_room
            back = next_working_day(lent_on + datetime.timedelta(days=kept))
            rows.append(
                Loan(
                    copy=copy,
                    borrower=borrower,
                    book_id=copy.book_id,
                    lent_at=desk_time(rng, self.room_specs[room.name], lent_on),
                    due_on=lent_on + datetime.timedelta(days=30),
                    returned_at=desk_time(rng, self.room_specs[room.name], back),
                    lent_in=room,
                    returned_in=room,
                    lent_by=self.librarian,
                    returned_by=self.librarian,
                )
            )
        Loan.objects.bulk_create(rows)
        self.tally("2024读书月借阅", len(rows), 0)
        return len(rows)

    # -- the current state, through the lending rules ---------------------------

    def build_current_state(self):
        active = Loan.objects.active().count()
        reservations = Reservation.objects.count()
        if active or reservations:
            self.tally("当前借阅", 0, active)
            self.tally("预约", 0, reservations)
            self.tally("调拨记录", 0, CopyMovement.objects.count())
            return 0
        movements_before = CopyMovement.objects.count()
        self.fill_boxes()
        lent = 0
        self.hold_loan = None
        for staff_number, title, since, room_name, code in self.plan["loans"]:
            borrower = self.users.get(staff_number)
            if borrower is None or code is None:
                self.warnings.append(f"没有可借给 {staff_number} 的《{title}》，跳过")
                continue
            loan = self.lend(borrower, code, room_name, since)
            lent += 1
            if (staff_number, title) == RENEWED[:2]:
                services.renew(loan.pk, borrower, today=self.days_ago(RENEWED[2]))
            if (staff_number, title) != (HOLD["user"], HOLD["title"]) and title == HOLD["title"]:
                self.hold_loan = loan
        reservations = self.build_queue() + self.build_hold()
        self.tally("当前借阅", lent - (self.hold_loan is not None), 0)
        self.tally("预约", reservations, 0)
        # The box fills, and the held copy's trip from where it was returned to its pickup room.
        self.tally("调拨记录", CopyMovement.objects.count() - movements_before, movements_before)
        return lent + reservations

    def fill_boxes(self):
        for box_name, since, reason, codes in self.plan["boxes"]:
            moved, refused = services.transfer(codes, self.rooms[box_name], self.librarian, reason=reason)
            if refused:
                raise RuntimeError("; ".join(str(message) for message in refused))
            CopyMovement.objects.filter(copy__in=moved, to_room=self.rooms[box_name]).update(
                moved_at=local_datetime(since, "09:30")
            )

    def lend(self, borrower, code, room_name, day):
        rng = random.Random(f"{SEED}:{code}:{day}")
        outcome = services.lend(borrower, code, self.rooms[room_name], librarian=self.librarian, today=day)
        lent_at = desk_time(rng, self.room_specs[room_name], day)
        Loan.objects.filter(pk=outcome.loan.pk).update(lent_at=lent_at)
        return outcome.loan

    def build_queue(self):
        book = Book.objects.catalogue().filter(title=POPULAR_TITLE).first()
        made = 0
        for position, (staff_number, days) in enumerate(QUEUE):
            user = self.users.get(staff_number)
            if book is None or user is None:
                continue
            day = self.days_ago(days)
            outcome = services.reserve(user, book, self.rooms[MAIN], today=day)
            Reservation.objects.filter(pk=outcome.reservation.pk).update(
                created_at=local_datetime(day, f"{12 + position % 2}:{10 + 7 * position:02d}")
            )
            made += 1
        return made

    def build_hold(self):
        """E1007 reserves a title that is out; it comes back yesterday and is held for them."""
        user = self.users.get(HOLD["user"])
        loan = getattr(self, "hold_loan", None)
        if user is None or loan is None:
            return 0
        reserved = self.days_ago(HOLD["reserved_days_ago"])
        outcome = services.reserve(user, loan.book, self.rooms[HOLD["pickup"]], today=reserved)
        Reservation.objects.filter(pk=outcome.reservation.pk).update(created_at=local_datetime(reserved, "12:25"))
        yesterday = self.days_ago(1)
        returned = services.return_copy(
            loan.copy.barcode, self.rooms[HOLD["returned_in"]], librarian=self.librarian, today=yesterday
        )
        Loan.objects.filter(pk=loan.pk).update(returned_at=local_datetime(yesterday, "12:20"))
        CopyMovement.objects.filter(copy_id=loan.copy_id, moved_at__date__gte=self.today).update(
            moved_at=local_datetime(yesterday, "12:20")
        )
        return 1 if returned.reservation else 0

    def recount_loans(self):
        counts = Loan.objects.filter(book=OuterRef("pk")).order_by().values("book").annotate(n=Count("pk")).values("n")
        Book.objects.update(loan_count=Coalesce(Subquery(counts), 0))


def check_consistency():
    """What is wrong with the lending data (an empty list when every rule holds)."""
    problems = []
    doubles = Loan.objects.active().values("copy_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    if doubles:
        problems.append(f"{doubles} copies are on loan twice")
    on_loan = set(Loan.objects.active().values_list("copy_id", flat=True))
    status_on_loan = set(Copy.objects.filter(status=CopyStatus.ON_LOAN).values_list("pk", flat=True))
    if on_loan != status_on_loan:
        problems.append(f"{len(on_loan ^ status_on_loan)} copies' status disagrees with their loans")
    held = set(Reservation.objects.ready().values_list("held_copy_id", flat=True))
    status_held = set(Copy.objects.filter(status=CopyStatus.ON_HOLD).values_list("pk", flat=True))
    if held != status_held:
        problems.append(f"{len(held ^ status_held)} copies' status disagrees with the holds shelf")
    counts = Loan.objects.filter(book=OuterRef("pk")).order_by().values("book").annotate(n=Count("pk")).values("n")
    wrong = Book.objects.alias(n=Coalesce(Subquery(counts), 0)).exclude(loan_count=F("n")).count()
    if wrong:
        problems.append(f"{wrong} books' loan_count disagrees with their loans")
    return problems
