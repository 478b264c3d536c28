"""The lending panel on a catalogue book page. `wagtail_hooks` registers `lending_panel` for the
`portal_book_page_panels` hook (booklists does not import loans)."""

from urllib.parse import urlencode

from django.db.models import Count, IntegerField, Subquery
from django.urls import reverse

from . import services, stats
from .models import Loan, Notice, Reservation, ReservationStatus
from .notices import remember_unread_count


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
    rooms = stats.availability(book).annotate(waiting=Reservation.objects.waiting_count(book))
    if user is not None and user.is_authenticated:
        mine = Reservation.objects.filter(user=user, book=book).active()
        rooms = rooms.annotate(
            my_loan_due=_first(Loan.objects.filter(borrower=user, book=book).active(), "due_on"),
            my_reservation_id=_first(mine, "pk"),
            my_reservation_status=_first(mine, "status"),
            my_reservation_room=_first(mine, "pickup_room__name"),
            my_reservation_hold_until=_first(mine, "hold_until"),
            my_reservation_ahead=_first(services.with_queue_position(mine), "ahead"),
            unread_notices=_count(Notice.objects.filter(user=user).unread(), "user_id"),
        )
    return list(rooms)


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
        remember_unread_count(request, first.unread_notices or 0)  # the header badge needs no query of its own
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
