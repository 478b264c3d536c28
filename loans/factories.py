"""Factories for reading rooms, copies, employees, loans and reservations.

``CopyFactory()`` makes a book (booklists.factories.BookFactory) and a room
unless given them; ``CopyFactory(book=book, home_room=room)`` puts the copy on
the shelf there (``current_room`` follows ``home_room`` unless given).

``LoanFactory`` and ``ReservationFactory`` write rows directly, bypassing the
lending rules in loans/services/: use them to set up a state (an overdue
loan, a long queue), and the services for the action under test.
"""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from booklists.factories import BookFactory
from loans.models import Copy, CopyStatus, Loan, ReadingRoom, Reservation, ReservationStatus
from people.factories import UserFactory


class ReadingRoomFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"第{n}职工书屋")
    address = factory.Sequence(lambda n: f"机关大楼{n}层")
    opening_hours = "工作日 12:00–13:30"
    is_active = True

    class Meta:
        model = ReadingRoom
        django_get_or_create = ("name",)


class EmployeeFactory(UserFactory):
    """An ordinary employee (职工) who borrows books; see people.factories.UserFactory."""

    staff_number = factory.Sequence(lambda n: f"L{n:05d}")
    real_name = factory.Sequence(lambda n: f"读者{n}")


class CopyFactory(DjangoModelFactory):
    barcode = factory.Sequence(lambda n: f"T{n:07d}")
    book = factory.SubFactory(BookFactory)
    home_room = factory.SubFactory(ReadingRoomFactory)
    current_room = factory.SelfAttribute("home_room")
    status = CopyStatus.ON_SHELF

    class Meta:
        model = Copy


class LoanFactory(DjangoModelFactory):
    """An active loan written directly (no rules). Sets the copy's status to on loan."""

    copy = factory.SubFactory(CopyFactory)
    borrower = factory.SubFactory(EmployeeFactory)
    book = factory.SelfAttribute("copy.book")
    lent_in = factory.SelfAttribute("copy.current_room")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))

    class Meta:
        model = Loan
        skip_postgeneration_save = True

    @factory.post_generation
    def mark_copy(self, create, extracted, **kwargs):
        if create and self.returned_at is None and self.copy.status != CopyStatus.ON_LOAN:
            self.copy.status = CopyStatus.ON_LOAN
            self.copy.save(update_fields=["status"])


class ReservationFactory(DjangoModelFactory):
    """A waiting reservation written directly (no rules)."""

    user = factory.SubFactory(EmployeeFactory)
    book = factory.SubFactory(BookFactory)
    pickup_room = factory.SubFactory(ReadingRoomFactory)
    status = ReservationStatus.WAITING

    class Meta:
        model = Reservation
