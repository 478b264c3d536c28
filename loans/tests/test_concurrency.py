"""Real concurrent requests on PostgreSQL: a copy is never lent twice, a queue never
loses or doubles a place, a held copy is never lost, the loan limit holds.

Each thread uses its own database connection (Django gives every thread one) and
closes it when done; a barrier makes them start together. The rows are made in
the main thread first and committed (transactional tests), and
`restore_migrated_data` puts back what the flush at the end removes.

Run with e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/mine (pytest-django
creates test_mine).
"""

import datetime
import re
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from booklists.factories import BookFactory
from loans import services
from loans.factories import CopyFactory, EmployeeFactory, ReadingRoomFactory
from loans.models import Copy, CopyStatus, LendingRules, Loan, Reservation, ReservationStatus
from loans.services import Refused
from portal.tests import threads

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency tests need PostgreSQL (row locks); set DATABASE_URL=postgres://… to run them",
    ),
]

THREADS = 20
TODAY = timezone.localdate()


def run_together(*actions):
    """(result, error) per action, run at once; a Refused is a clean refusal."""
    return threads.run_together(*actions, refusals=Refused)


def refusals(results):
    return [error.message for _, error in results if isinstance(error, Refused)]


def successes(results):
    return [result for result, error in results if error is None]


@pytest.fixture
def room():
    LendingRules.load()  # create the settings row before threads race to create it
    return ReadingRoomFactory(name="并发测试书屋")


@pytest.fixture
def desk_room():
    return ReadingRoomFactory(name="并发测试二号书屋")


def test_twenty_desks_lend_the_last_copy(room):
    book = BookFactory(title="平凡的世界")
    holder = EmployeeFactory()
    for copy in CopyFactory.create_batch(2, book=book, home_room=room):
        services.lend(holder, copy.barcode, room)
    last = CopyFactory(book=book, home_room=room, barcode="LAST-1")
    readers = EmployeeFactory.create_batch(THREADS)

    results = run_together(*[lambda r=r: services.lend(r, "LAST-1", room) for r in readers])

    assert len(successes(results)) == 1
    messages = refusals(results)
    assert len(messages) == THREADS - 1
    assert all("LAST-1" in message for message in messages)
    winner = successes(results)[0].loan.borrower
    loan = Loan.objects.get(copy=last)
    assert loan.borrower == winner and loan.returned_at is None
    last.refresh_from_db()
    assert last.status == CopyStatus.ON_LOAN
    book.refresh_from_db()
    assert book.loan_count == 3


def test_twenty_reservations_get_distinct_places(room):
    book = BookFactory(title="乡土中国")
    holder = EmployeeFactory()
    for copy in CopyFactory.create_batch(2, book=book, home_room=room):
        services.lend(holder, copy.barcode, room)
    readers = EmployeeFactory.create_batch(THREADS)

    results = run_together(*[lambda r=r: services.reserve(r, book, room) for r in readers])

    outcomes = successes(results)
    assert len(outcomes) == THREADS
    reservations = list(Reservation.objects.filter(book=book))
    assert len(reservations) == THREADS
    assert {r.status for r in reservations} == {ReservationStatus.WAITING}
    assert sorted(services.queue_position(r) for r in reservations) == list(range(1, THREADS + 1))
    assert sorted(r.ahead for r in services.with_queue_position(Reservation.objects.filter(book=book))) == list(
        range(THREADS)
    )
    # Each request was told its own place in the queue (the first one: "you are next", no number).
    ahead = sorted(int(n) for o in outcomes for n in re.findall(r"\d+", o.message))
    assert ahead == list(range(1, THREADS))
    assert sum("您是下一位" in o.message for o in outcomes) == 1


def test_same_employee_at_several_desks_stays_within_the_limit(room, desk_room):
    reader = EmployeeFactory(real_name="并发读者")
    copies = [CopyFactory(home_room=room if i % 2 else desk_room) for i in range(10)]

    results = run_together(*[lambda c=c: services.lend(reader, c.barcode, c.current_room) for c in copies])

    assert len(successes(results)) == 5
    messages = refusals(results)
    assert len(messages) == 5
    assert all("并发读者" in m and m.count("5") == 2 for m in messages)
    assert Loan.objects.filter(borrower=reader, returned_at__isnull=True).count() == 5
    assert Copy.objects.filter(status=CopyStatus.ON_LOAN).count() == 5


def test_two_desks_lend_the_fifth_book_at_once(room, desk_room):
    for _ in range(5):
        reader = EmployeeFactory()
        for copy in CopyFactory.create_batch(4, home_room=room):
            services.lend(reader, copy.barcode, room)
        one, two = CopyFactory(home_room=room), CopyFactory(home_room=desk_room)

        results = run_together(
            lambda: services.lend(reader, one.barcode, room),  # noqa: B023 -- run before the loop moves on
            lambda: services.lend(reader, two.barcode, desk_room),  # noqa: B023
        )

        assert len(successes(results)) == 1 and len(refusals(results)) == 1
        assert Loan.objects.filter(borrower=reader, returned_at__isnull=True).count() == 5


def check_copy(copy):
    """A copy is on the shelf with no hold, or on hold with exactly one ready reservation: never both, never lost."""
    copy.refresh_from_db()
    ready = list(Reservation.objects.filter(held_copy=copy, status=ReservationStatus.READY))
    assert not Loan.objects.filter(copy=copy, returned_at__isnull=True).exists()
    if copy.status == CopyStatus.ON_HOLD:
        assert len(ready) == 1
    elif copy.status == CopyStatus.IN_TRANSIT:
        # Sent to another pickup room: exactly one waiting reservation has it on its way.
        assert ready == []
        ready = list(Reservation.objects.filter(held_copy=copy, status=ReservationStatus.WAITING))
        assert len(ready) == 1
    else:
        assert copy.status == CopyStatus.ON_SHELF
        assert ready == []
    return copy.status, ready


def test_return_racing_the_first_reserver_cancelling(room, desk_room):
    librarian = EmployeeFactory()
    seen = Counter()
    for round_ in range(THREADS):
        book = BookFactory()
        copy = CopyFactory(book=book, home_room=room)
        services.lend(EmployeeFactory(), copy.barcode, room)
        first_reader = EmployeeFactory()
        first = services.reserve(first_reader, book, room).reservation
        second = None
        if round_ % 2:
            second = services.reserve(EmployeeFactory(), book, desk_room).reservation
        assert first.status == ReservationStatus.WAITING

        run_together(
            lambda: services.return_copy(copy.barcode, room, librarian),  # noqa: B023
            lambda: services.cancel_reservation(first.pk, first_reader),  # noqa: B023
        )

        status, ready = check_copy(copy)
        first.refresh_from_db()
        assert first.status == ReservationStatus.CANCELLED
        if second is None:
            assert status == CopyStatus.ON_SHELF
            assert copy.current_room == room
        else:
            # Collected at another room: in transit there, no hold until it arrives.
            assert status == CopyStatus.IN_TRANSIT and ready == [second]
            assert copy.current_room == room
        seen[status] += 1
    assert seen == {CopyStatus.ON_SHELF: THREADS // 2, CopyStatus.IN_TRANSIT: THREADS // 2}


def test_lend_racing_a_reservation_of_the_same_title(room):
    """Lending locks the title before the copy, like reserving: the two wait for each other, never deadlock."""
    for _ in range(THREADS):
        book = BookFactory()
        copy = CopyFactory(book=book, home_room=room)
        CopyFactory(book=book, home_room=room, status=CopyStatus.IN_TRANSIT)
        borrower, reserver = EmployeeFactory(), EmployeeFactory()

        lent, reserved = run_together(
            lambda: services.lend(borrower, copy.barcode, room),  # noqa: B023
            lambda: services.reserve(reserver, book, room),  # noqa: B023
        )

        reservation = Reservation.objects.get(user=reserver)
        copy.refresh_from_db()
        if lent[1] is None:  # lent first: the reservation waits
            assert copy.status == CopyStatus.ON_LOAN
            assert reservation.status == ReservationStatus.WAITING
        else:  # reserved first: the copy is held, the lend refused
            assert copy.status == CopyStatus.ON_HOLD
            assert reservation.status == ReservationStatus.READY and reservation.held_copy == copy
            assert reserver.real_name in lent[1].message


def test_expiry_racing_the_reserver_collecting(room):
    """expire_holds and the desk lending the held copy to its reserver: one of them wins, cleanly."""
    for _ in range(10):
        book = BookFactory()
        copy = CopyFactory(book=book, home_room=room)
        reserver, next_reader = EmployeeFactory(), EmployeeFactory()
        services.reserve(reserver, book, room, today=TODAY - datetime.timedelta(days=4))
        services.reserve(next_reader, book, room)

        collected, expired = run_together(
            lambda: services.lend(reserver, copy.barcode, room),  # noqa: B023
            lambda: services.expire_holds(),
        )

        copy.refresh_from_db()
        statuses = dict(Reservation.objects.filter(book=book).values_list("user", "status"))
        if collected[1] is None:
            assert copy.status == CopyStatus.ON_LOAN
            assert statuses == {reserver.pk: "fulfilled", next_reader.pk: "waiting"}
        else:
            assert next_reader.real_name in collected[1].message
            assert copy.status == CopyStatus.ON_HOLD
            assert statuses == {reserver.pk: "expired", next_reader.pk: "ready"}
