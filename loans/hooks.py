"""The lending panel on a catalogue book page, plugged in through the
`portal_book_page_panels` hook (booklists does not import loans)."""

from urllib.parse import urlencode

from django.db.models import Count, IntegerField, Subquery
from django.urls import reverse
from wagtail import hooks

from . import services, stats
from .models import (
    ACTIVE_RESERVATION_STATUSES,
    Copy,
    Loan,
    Notice,
    ReadingRoom,
    Reservation,
    ReservationStatus,
    RoomKind,
)


def _count(queryset, group):
    """A scalar subquery counting `queryset` (filtered to one `group` value); NULL when it is empty."""
    return Subquery(
        queryset.order_by().values(group).annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()
    )


def _first(queryset, field):
    return Subquery(queryset.values(field)[:1])


def lending_rooms(book, user=None):
    """stats.availability(book), each row also carrying what the panel needs, so the panel runs ONE query:

    the number waiting for the title and, for a logged-in employee, their active loan of it, their
    active reservation (status, pickup room, collect-by date, queue position) and their unread notices.
    The extra subqueries do not depend on the room: the database evaluates them once.
    """
    rooms = stats.availability(book).annotate(
        waiting=_count(Reservation.objects.filter(book=book, status=ReservationStatus.WAITING), "book_id")
    )
    if user is not None and user.is_authenticated:
        mine = Reservation.objects.filter(user=user, book=book, status__in=ACTIVE_RESERVATION_STATUSES)
        rooms = rooms.annotate(
            my_loan_due=_first(Loan.objects.filter(borrower=user, book=book, returned_at__isnull=True), "due_on"),
            my_reservation_id=_first(mine, "pk"),
            my_reservation_status=_first(mine, "status"),
            my_reservation_room=_first(mine, "pickup_room__name"),
            my_reservation_hold_until=_first(mine, "hold_until"),
            my_reservation_ahead=_first(services.with_queue_position(mine), "ahead"),
            unread_notices=_count(Notice.objects.filter(user=user, read_at__isnull=True), "user_id"),
        )
    return list(rooms)


@hooks.register("portal_book_page_panels")
def lending_panel(request, book):
    """Copies per reading room (在架 N / 共 M), the queue, and the reserve form or the visitor's own status."""
    user = getattr(request, "user", None)
    logged_in = user is not None and user.is_authenticated
    rooms = lending_rooms(book, user if logged_in else None)
    first = rooms[0] if rooms else None
    panel = {
        "template": "loans/public/book_panel.html",
        "book": book,
        "rooms": rooms,
        "total": sum(room.total for room in rooms),
        "on_shelf": sum(room.on_shelf for room in rooms),
        "waiting": (first.waiting or 0) if first else 0,
        "reserve_url": reverse("loans:reserve", args=[book.pk]),
        "next": request.get_full_path(),
        "login_url": f"{reverse('people:login')}?{urlencode({'next': request.get_full_path()})}",
        "loan_due": None,
        "reservation": None,
        # Collect where the title is shelved; the first room with a copy on the shelf sets one aside at once.
        "suggested_room": next((room for room in rooms if room.on_shelf), first),
    }
    if logged_in and first is not None:
        request._loans_unread_notices = first.unread_notices or 0  # the header badge needs no query of its own
        panel["loan_due"] = first.my_loan_due
        if first.my_reservation_id:
            panel["reservation"] = {
                "pk": first.my_reservation_id,
                "status": first.my_reservation_status,
                "ready": first.my_reservation_status == ReservationStatus.READY,
                "pickup_room": first.my_reservation_room,
                "hold_until": first.my_reservation_hold_until,
                "ahead": first.my_reservation_ahead or 0,
            }
    return [panel]


IMPORTED_BARCODE_PREFIX = "SX"


@hooks.register("portal_catalogue_imported")
def add_copies_for_imported_books(holdings):
    """The catalogue import's 册数 column: add copies until each book has that many.

    New copies go to the first active reading room (not a mobile box) with
    barcodes continuing the SX000001 series. Re-importing the same file adds
    nothing. Returns the number of copies added.
    """
    wanted = {}
    for book, count in holdings:
        if count:
            wanted[book.pk] = max(wanted.get(book.pk, 0), count)
    if not wanted:
        return 0
    room = ReadingRoom.objects.filter(is_active=True).exclude(kind=RoomKind.BOX).order_by("sort_order", "name").first()
    if room is None:
        return 0  # no room yet: librarians add copies at the desk later
    have = dict(
        Copy.objects.filter(book_id__in=wanted)
        .order_by()
        .values("book_id")
        .annotate(n=Count("pk"))
        .values_list("book_id", "n")
    )
    last = (
        Copy.objects.filter(barcode__regex=rf"^{IMPORTED_BARCODE_PREFIX}[0-9]{{6}}$")
        .order_by("-barcode")
        .values_list("barcode", flat=True)
        .first()
    )
    number = int(last[len(IMPORTED_BARCODE_PREFIX) :]) if last else 0
    new = []
    for book_id, count in wanted.items():
        for _ in range(count - have.get(book_id, 0)):
            number += 1
            new.append(
                Copy(
                    barcode=f"{IMPORTED_BARCODE_PREFIX}{number:06d}", book_id=book_id, home_room=room, current_room=room
                )
            )
    Copy.objects.bulk_create(new, batch_size=1000)
    return len(new)
