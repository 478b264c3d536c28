"""Every lending rule and refusal in loans/services/, with the numbers in its message.

Messages are checked in zh-hans (the default language) on their stable parts:
the numbers, names, titles, barcodes and dates they must carry. Every refusal
is also checked to leave the database exactly as it was.
"""

import datetime
import re

import pytest
from django.utils import timezone, translation

from booklists.factories import BookFactory
from booklists.models import Book
from loans import services, stats
from loans.factories import CopyFactory, EmployeeFactory, ReadingRoomFactory, ReservationFactory
from loans.models import (
    Copy,
    CopyMovement,
    CopyStatus,
    LendingRules,
    Loan,
    Notice,
    NoticeKind,
    Reservation,
    ReservationStatus,
)
from loans.services import Refused

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def day(value):
    """The date as messages show it (n月j日)."""
    return f"{value.month}月{value.day}日"


def numbers(message):
    return [int(n) for n in re.findall(r"\d+", message)]


def snapshot():
    """Everything a lending action may change."""
    return {
        "copies": list(Copy.objects.order_by("pk").values_list("pk", "status", "current_room_id")),
        "loans": list(Loan.objects.order_by("pk").values_list("pk", "returned_at", "due_on", "renewals")),
        "reservations": list(
            Reservation.objects.order_by("pk").values_list("pk", "status", "held_copy_id", "hold_until", "closed_at")
        ),
        "notices": Notice.objects.count(),
        "movements": CopyMovement.objects.count(),
        "loan_counts": list(Book.objects.order_by("pk").values_list("pk", "loan_count")),
    }


def refused(action, *args, **kwargs):
    """Run `action`, expect Refused, check nothing changed; return the message."""
    before = snapshot()
    with pytest.raises(Refused) as excinfo:
        action(*args, **kwargs)
    assert snapshot() == before, "a refusal changed the database"
    assert excinfo.value.message == str(excinfo.value)
    return excinfo.value.message


@pytest.fixture(autouse=True)
def zh_hans():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def room():
    return ReadingRoomFactory(name="机关一号职工书屋")


@pytest.fixture
def other_room():
    return ReadingRoomFactory(name="东院阅览角")


@pytest.fixture
def librarian():
    return EmployeeFactory(real_name="管理员")


@pytest.fixture
def reader():
    return EmployeeFactory(staff_number="R-ZHANG", real_name="张读者")


@pytest.fixture
def second_reader():
    return EmployeeFactory(staff_number="R-LI", real_name="李读者")


@pytest.fixture
def third_reader():
    return EmployeeFactory(staff_number="R-WANG", real_name="王读者")


@pytest.fixture
def book():
    return BookFactory(title="平凡的世界")


@pytest.fixture
def copy(book, room):
    return CopyFactory(book=book, home_room=room, barcode="SX000001")


def lend(borrower, copy, room, librarian=None, today=TODAY):
    return services.lend(borrower, copy.barcode, room, librarian=librarian, today=today)


def reload(obj):
    obj.refresh_from_db()
    return obj


# --- lending -------------------------------------------------------------------


def test_lend_for_thirty_days(reader, copy, room, librarian, book):
    outcome = lend(reader, copy, room, librarian)

    loan = outcome.loan
    assert loan.due_on == TODAY + datetime.timedelta(days=30)
    assert (loan.borrower, loan.copy, loan.book, loan.lent_in, loan.lent_by) == (reader, copy, book, room, librarian)
    assert loan.is_active and loan.renewals == 0
    assert reload(copy).status == CopyStatus.ON_LOAN
    assert reload(book).loan_count == 1
    for part in ("平凡的世界", "SX000001", "张读者", day(loan.due_on)):
        assert part in outcome.message


def test_loan_period_follows_the_rules(reader, copy, room):
    rules = LendingRules.load()
    rules.loan_days = 14
    rules.save()

    assert lend(reader, copy, room).loan.due_on == TODAY + datetime.timedelta(days=14)


def test_loan_count_counts_every_loan_and_no_refusal(reader, second_reader, copy, room, book):
    lend(reader, copy, room)
    refused(lend, second_reader, copy, room)
    services.return_copy(copy.barcode, room)
    lend(second_reader, copy, room)

    assert reload(book).loan_count == 2
    assert stats.popular_books()[0] == book


def test_sixth_loan_refused(reader, room):
    copies = CopyFactory.create_batch(6, home_room=room)
    for copy in copies[:5]:
        lend(reader, copy, room)

    message = refused(lend, reader, copies[5], room)

    assert "张读者" in message
    assert numbers(message) == [5, 5]
    assert "上限" in message
    assert reload(copies[5]).status == CopyStatus.ON_SHELF


def test_loan_limit_follows_the_rules(reader, room):
    rules = LendingRules.load()
    rules.max_active_loans = 2
    rules.save()
    copies = CopyFactory.create_batch(3, home_room=room)
    lend(reader, copies[0], room)
    lend(reader, copies[1], room)

    assert numbers(refused(lend, reader, copies[2], room)) == [2, 2]


def test_returned_books_do_not_count_towards_the_limit(reader, room):
    copies = CopyFactory.create_batch(6, home_room=room)
    for copy in copies[:5]:
        lend(reader, copy, room)
    services.return_copy(copies[0].barcode, room)

    assert lend(reader, copies[5], room).loan


def test_no_new_loans_with_an_overdue_book(reader, room):
    late = CopyFactory(home_room=room, book__title="乡土中国")
    lent_on = TODAY - datetime.timedelta(days=40)
    loan = lend(reader, late, room, today=lent_on).loan
    assert loan.due_on == TODAY - datetime.timedelta(days=10)
    assert loan.is_overdue

    message = refused(lend, reader, CopyFactory(home_room=room), room)

    for part in ("张读者", "乡土中国", day(loan.due_on)):
        assert part in message


def test_a_book_due_today_is_not_overdue(reader, room):
    lend(reader, CopyFactory(home_room=room), room, today=TODAY - datetime.timedelta(days=30))

    assert lend(reader, CopyFactory(home_room=room), room).loan


@pytest.mark.parametrize(
    "status, fragment",
    [
        (CopyStatus.LOST, "丢失"),
        (CopyStatus.WITHDRAWN, "剔除"),
        (CopyStatus.IN_TRANSIT, "调拨"),
    ],
)
def test_unusable_copies_are_refused(reader, copy, room, status, fragment):
    copy.status = status
    copy.save()

    message = refused(lend, reader, copy, room)

    assert "SX000001" in message
    assert fragment in message


def test_copy_already_on_loan_is_refused(reader, second_reader, copy, room):
    lend(reader, copy, room)

    message = refused(lend, second_reader, copy, room)

    assert "SX000001" in message and "已借出" in message
    assert Loan.objects.get().borrower == reader


def test_unknown_barcode_is_refused(reader, room):
    message = refused(services.lend, reader, "  NO-SUCH-1 ", room)

    assert "NO-SUCH-1" in message


def test_inactive_room_is_refused(reader, copy, room):
    room.is_active = False
    room.save()

    message = refused(lend, reader, copy, room)

    assert "机关一号职工书屋" in message
    assert refused(services.lend, reader, copy.barcode, None)


def test_find_employee(reader):
    assert services.find_employee(" r-zhang ") == reader

    assert "NOBODY" in refused(services.find_employee, "NOBODY")
    reader.is_active = False
    reader.save()
    assert "R-ZHANG" in refused(services.find_employee, "R-ZHANG")


# --- renewals ------------------------------------------------------------------


def test_one_renewal_of_thirty_days(reader, copy, room, book):
    loan = lend(reader, copy, room).loan

    outcome = services.renew(loan.pk, reader)

    loan.refresh_from_db()
    assert loan.due_on == TODAY + datetime.timedelta(days=60)
    assert loan.renewals == 1
    assert "平凡的世界" in outcome.message and day(loan.due_on) in outcome.message

    message = refused(services.renew, loan.pk, reader)
    assert numbers(message) == [1, 1]
    assert reload(loan).due_on == TODAY + datetime.timedelta(days=60)


def test_renewal_refused_when_people_wait(reader, second_reader, third_reader, copy, room, other_room, book):
    loan = lend(reader, copy, room).loan
    services.reserve(second_reader, book, room)
    services.reserve(third_reader, book, other_room)

    message = refused(services.renew, loan.pk, reader)

    assert numbers(message) == [2]
    assert reload(loan).renewals == 0


def test_overdue_renewal_refused(reader, copy, room):
    loan = lend(reader, copy, room, today=TODAY - datetime.timedelta(days=31)).loan

    message = refused(services.renew, loan.pk, reader)

    assert "逾期" in message


def test_renewing_someone_elses_loan_is_refused(reader, second_reader, librarian, copy, room):
    loan = lend(reader, copy, room).loan

    refused(services.renew, loan.pk, second_reader)
    refused(services.renew, 999999, reader)
    assert services.renew(loan.pk, librarian, as_librarian=True).loan.renewals == 1


def test_returned_loan_cannot_be_renewed(reader, copy, room):
    loan = lend(reader, copy, room).loan
    services.return_copy(copy.barcode, room)

    refused(services.renew, loan.pk, reader)


# --- holds ---------------------------------------------------------------------


def test_held_copy_lends_only_to_the_reserver(reader, second_reader, copy, room, book):
    reservation = services.reserve(second_reader, book, room).reservation
    assert reservation.status == ReservationStatus.READY

    message = refused(lend, reader, copy, room)

    assert "李读者" in message and day(reservation.hold_until) in message

    loan = lend(second_reader, copy, room).loan
    assert loan.borrower == second_reader
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.FULFILLED and reservation.closed_at
    assert reload(copy).status == CopyStatus.ON_LOAN


def test_lending_another_copy_fulfils_the_borrowers_reservation(reader, second_reader, book, room, other_room):
    """A reserver who borrows another copy of the title leaves the queue, and the copy held for them moves on."""
    held = CopyFactory(book=book, home_room=room, barcode="SX-HELD")
    other = CopyFactory(book=book, home_room=other_room, barcode="SX-OTHER")
    mine = services.reserve(reader, book, room).reservation
    assert mine.held_copy == held
    theirs = services.reserve(second_reader, book, room).reservation
    assert theirs.status == ReservationStatus.WAITING

    lend(reader, other, other_room)

    assert reload(mine).status == ReservationStatus.FULFILLED
    theirs.refresh_from_db()
    assert theirs.status == ReservationStatus.READY and theirs.held_copy == held
    assert reload(held).status == CopyStatus.ON_HOLD


def test_lending_to_a_waiting_reserver_takes_them_out_of_the_queue(reader, second_reader, book, room):
    copy = CopyFactory(book=book, home_room=room)
    lend(second_reader, copy, room)
    waiting = services.reserve(reader, book, room).reservation
    assert waiting.status == ReservationStatus.WAITING
    lend(reader, CopyFactory(book=book, home_room=room), room)

    assert reload(waiting).status == ReservationStatus.FULFILLED
    services.return_copy(copy.barcode, room)
    assert reload(copy).status == CopyStatus.ON_SHELF
    assert not Notice.objects.filter(user=reader, kind=NoticeKind.READY).exists()


# --- returns -------------------------------------------------------------------


def test_returning_a_copy_not_on_loan_is_refused(copy, room):
    message = refused(services.return_copy, copy.barcode, room)

    assert "SX000001" in message and "未借出" in message
    assert "NOPE" in refused(services.return_copy, "NOPE", room)


def test_return_in_the_same_room(reader, librarian, copy, room, book):
    lend(reader, copy, room)

    outcome = services.return_copy(copy.barcode, room, librarian)

    loan = outcome.loan
    assert loan.returned_at and loan.returned_in == room and loan.returned_by == librarian
    assert reload(copy).status == CopyStatus.ON_SHELF
    assert CopyMovement.objects.count() == 0
    assert "平凡的世界" in outcome.message and "SX000001" in outcome.message


def test_return_at_another_room_moves_the_copy(reader, librarian, copy, room, other_room):
    lend(reader, copy, room)

    outcome = services.return_copy(copy.barcode, other_room, librarian)

    copy.refresh_from_db()
    assert copy.current_room == other_room and copy.home_room == room
    assert copy.status == CopyStatus.ON_SHELF
    movement = CopyMovement.objects.get()
    assert (movement.copy, movement.from_room, movement.to_room, movement.moved_by) == (
        copy,
        room,
        other_room,
        librarian,
    )
    assert outcome.loan.returned_in == other_room
    assert list(stats.availability(copy.book).values_list("name", "on_shelf")) == [("东院阅览角", 1)]


def test_late_return_says_how_late(reader, copy, room):
    lend(reader, copy, room, today=TODAY - datetime.timedelta(days=37))

    message = services.return_copy(copy.barcode, room).message

    assert 7 in numbers(message)


def test_inactive_room_cannot_take_returns(reader, copy, room, other_room):
    lend(reader, copy, room)
    other_room.is_active = False
    other_room.save()

    assert "东院阅览角" in refused(services.return_copy, copy.barcode, other_room)


# --- reservations --------------------------------------------------------------


def test_reserve_with_a_copy_on_the_shelf_sets_it_aside(reader, copy, room, book):
    outcome = services.reserve(reader, book, room)

    reservation = outcome.reservation
    assert reservation.status == ReservationStatus.READY
    assert reservation.held_copy == copy
    assert reservation.hold_until == TODAY + datetime.timedelta(days=3)
    assert reload(copy).status == CopyStatus.ON_HOLD
    for part in ("平凡的世界", "机关一号职工书屋", day(reservation.hold_until)):
        assert part in outcome.message


def test_reserve_without_a_copy_at_the_pickup_room_waits(reader, second_reader, third_reader, copy, room, other_room):
    book = copy.book
    lend(reader, copy, room)

    first = services.reserve(second_reader, book, room)
    # A copy on the shelf elsewhere is not set aside for another pickup room.
    CopyFactory(book=book, home_room=other_room)
    second = services.reserve(third_reader, book, room)

    assert first.reservation.status == ReservationStatus.WAITING and first.reservation.held_copy is None
    assert services.queue_position(first.reservation) == 1
    assert numbers(first.message) == [] and "您是下一位" in first.message
    assert services.queue_position(second.reservation) == 2
    assert numbers(second.message) == [1]
    assert "平凡的世界" in second.message
    annotated = services.with_queue_position(Reservation.objects.order_by("pk"))
    assert [r.ahead for r in annotated] == [0, 1]


def test_reserve_refused_when_the_title_is_on_loan_to_you(reader, copy, room, book):
    lend(reader, copy, room)

    assert "平凡的世界" in refused(services.reserve, reader, book, room)


def test_reserve_refused_when_already_reserved(reader, copy, room, other_room, book):
    services.reserve(reader, book, room)

    assert "平凡的世界" in refused(services.reserve, reader, book, other_room)


def test_reserve_refused_without_a_usable_copy(reader, room, book):
    CopyFactory(book=book, home_room=room, status=CopyStatus.LOST)
    CopyFactory(book=book, home_room=room, status=CopyStatus.WITHDRAWN)

    assert "平凡的世界" in refused(services.reserve, reader, book, room)


def test_reserve_refused_at_an_inactive_room(reader, copy, other_room, book):
    other_room.is_active = False
    other_room.save()

    refused(services.reserve, reader, book, other_room)


def test_reserve_again_after_cancelling(reader, copy, room, book):
    first = services.reserve(reader, book, room).reservation
    services.cancel_reservation(first.pk, reader)

    assert services.reserve(reader, book, room).reservation.status == ReservationStatus.READY


def test_returned_copy_is_held_for_the_first_in_the_queue(
    reader, second_reader, third_reader, librarian, copy, room, other_room, book
):
    lend(reader, copy, room)
    first = services.reserve(second_reader, book, other_room).reservation
    second = services.reserve(third_reader, book, room).reservation

    outcome = services.return_copy(copy.barcode, room, librarian)

    first.refresh_from_db()
    assert outcome.reservation == first
    # Returned at another room than the pickup room: sent there, in transit, nobody told yet.
    assert first.status == ReservationStatus.WAITING and first.held_copy == copy
    copy.refresh_from_db()
    assert copy.status == CopyStatus.IN_TRANSIT and copy.current_room == room
    assert "东院阅览角" in outcome.message and not Notice.objects.exists()
    # It arrives at the pickup room (the desk's transfer): on the holds shelf, READY notice.
    services.transfer([copy.barcode], other_room, librarian, "")
    first.refresh_from_db()
    assert first.status == ReservationStatus.READY and first.held_copy == copy
    assert first.hold_until == TODAY + datetime.timedelta(days=3)
    copy.refresh_from_db()
    assert copy.status == CopyStatus.ON_HOLD
    assert copy.current_room == other_room
    movement = CopyMovement.objects.get()
    assert (movement.from_room, movement.to_room) == (room, other_room)
    notice = Notice.objects.get()
    assert (notice.user, notice.kind) == (second_reader, NoticeKind.READY)
    assert "平凡的世界" in notice.message and "东院阅览角" in notice.message
    assert day(first.hold_until) in notice.message
    assert "李读者" in outcome.message
    assert reload(second).status == ReservationStatus.WAITING
    assert services.queue_position(second) == 1

    message = refused(lend, third_reader, copy, other_room)
    assert "李读者" in message
    assert lend(second_reader, copy, other_room).loan


def test_expired_hold_passes_to_the_next(reader, second_reader, third_reader, copy, room, book):
    lend(reader, copy, room)
    first = services.reserve(second_reader, book, room).reservation
    second = services.reserve(third_reader, book, room).reservation
    services.return_copy(copy.barcode, room)
    first.refresh_from_db()

    # Still within the pickup window on its last day.
    assert services.expire_holds(today=first.hold_until) == 0
    assert reload(first).status == ReservationStatus.READY

    later = first.hold_until + datetime.timedelta(days=1)
    assert services.expire_holds(today=later) == 1

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ReservationStatus.EXPIRED and first.closed_at
    assert second.status == ReservationStatus.READY and second.held_copy == copy
    assert second.hold_until == later + datetime.timedelta(days=3)
    assert reload(copy).status == CopyStatus.ON_HOLD
    assert Notice.objects.filter(user=third_reader, kind=NoticeKind.READY).count() == 1
    assert services.expire_holds(today=later) == 0

    final = second.hold_until + datetime.timedelta(days=1)
    assert services.expire_holds(today=final) == 1
    assert reload(second).status == ReservationStatus.EXPIRED
    assert reload(copy).status == CopyStatus.ON_SHELF
    assert not Reservation.objects.filter(status__in=["waiting", "ready"]).exists()


def test_cancel_ready_reservation_passes_the_copy_on(reader, second_reader, copy, room, book):
    first = services.reserve(reader, book, room).reservation
    second = services.reserve(second_reader, book, room).reservation
    assert second.status == ReservationStatus.WAITING

    outcome = services.cancel_reservation(first.pk, reader)

    assert "平凡的世界" in outcome.message
    assert reload(first).status == ReservationStatus.CANCELLED
    second.refresh_from_db()
    assert second.status == ReservationStatus.READY and second.held_copy == copy
    assert reload(copy).status == CopyStatus.ON_HOLD


def test_cancel_ready_reservation_with_nobody_waiting_shelves_the_copy(reader, copy, room, book):
    first = services.reserve(reader, book, room).reservation

    services.cancel_reservation(first.pk, reader)

    assert reload(copy).status == CopyStatus.ON_SHELF


def test_cancel_refusals(reader, second_reader, librarian, copy, room, book):
    reservation = services.reserve(reader, book, room).reservation

    refused(services.cancel_reservation, reservation.pk, second_reader)
    refused(services.cancel_reservation, 999999, reader)
    services.cancel_reservation(reservation.pk, librarian, as_librarian=True)
    refused(services.cancel_reservation, reservation.pk, reader)


# --- statistics and transfers ----------------------------------------------------


def test_availability_per_room(reader, room, other_room, book):
    closed = ReadingRoomFactory(name="停用书屋", is_active=False)
    CopyFactory.create_batch(2, book=book, home_room=room)
    lent = CopyFactory(book=book, home_room=room)
    CopyFactory(book=book, home_room=room, status=CopyStatus.LOST)
    CopyFactory(book=book, home_room=other_room, status=CopyStatus.WITHDRAWN)
    CopyFactory(book=book, home_room=closed)
    CopyFactory(home_room=other_room)  # another title
    lend(reader, lent, room)

    rows = [(r.name, r.on_shelf, r.total) for r in stats.availability(book)]

    assert rows == [("机关一号职工书屋", 2, 3)]
    assert stats.copy_count(book) == 4


def test_transfer_moves_a_batch(librarian, room, other_room, book):
    copies = CopyFactory.create_batch(3, book=book, home_room=room)

    moved, problems = services.transfer([c.barcode for c in copies], other_room, librarian, reason="流动书箱轮换")

    assert problems == [] and len(moved) == 3
    assert set(Copy.objects.values_list("current_room", flat=True)) == {other_room.pk}
    assert CopyMovement.objects.filter(reason="流动书箱轮换", moved_by=librarian).count() == 3


def test_transfer_is_all_or_nothing(reader, librarian, room, other_room, book):
    good = CopyFactory(book=book, home_room=room, barcode="SX-GOOD")
    lent = CopyFactory(book=book, home_room=room, barcode="SX-LENT")
    there = CopyFactory(book=book, home_room=other_room, barcode="SX-THERE")
    lend(reader, lent, room)
    before = snapshot()

    moved, problems = services.transfer(["SX-GOOD", "SX-LENT", "SX-THERE", "SX-NONE"], other_room, librarian)

    assert moved == []
    assert len(problems) == 3
    assert "SX-LENT" in problems[0] and "SX-THERE" in problems[1] and "SX-NONE" in problems[2]
    assert snapshot() == before
    assert reload(good).current_room == room and reload(there).current_room == other_room


def test_queue_position_ignores_other_titles_and_closed_reservations(room, book):
    other = BookFactory()
    cancelled = ReservationFactory(book=book, pickup_room=room, status=ReservationStatus.CANCELLED)
    ReservationFactory(book=other, pickup_room=room)
    mine = ReservationFactory(book=book, pickup_room=room)

    assert cancelled.pk < mine.pk
    assert services.queue_position(mine) == 1
