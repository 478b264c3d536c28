"""Circulation (借还): lending, returns, renewals, reservations and the holds shelf, used by the
desk, "my library" and the commands; also the per-loan figures both of them show.

Every action runs in one transaction. Queue-changing actions (return, reserve,
cancel, expiry) lock the title's Book row first, and lending locks the copy
and the borrower, so concurrent requests serialise on PostgreSQL instead of
lending one copy twice or losing a held copy. (On SQLite, IMMEDIATE
transactions serialise all writers.) Partial unique constraints on Loan and
Reservation are the backstop.

Refusals raise `Refused` with a message that names the rule and the numbers.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from booklists.models import Book

from ..models import (
    Copy,
    CopyMovement,
    CopyStatus,
    LendingRules,
    Loan,
    NoticeKind,
    Reservation,
    ReservationStatus,
)
from ..notices import notify
from .common import Outcome, Refused, _day, _name, check_room


def find_employee(staff_number):
    staff_number = (staff_number or "").strip()
    user = get_user_model().objects.filter(staff_number__iexact=staff_number, is_active=True).first()
    if user is None:
        raise Refused(_("No active employee has the staff number “%(number)s”.") % {"number": staff_number})
    return user


def _locked_copy(barcode):
    barcode = (barcode or "").strip()
    copy = Copy.objects.select_for_update(of=("self",)).select_related("book").filter(barcode=barcode).first()
    if copy is None:
        raise Refused(_("No copy has the barcode “%(barcode)s”.") % {"barcode": barcode})
    return copy


def _refuse_unusable(copy):
    if copy.status == CopyStatus.LOST:
        raise Refused(_("Copy %(barcode)s is recorded as lost.") % {"barcode": copy.barcode})
    if copy.status == CopyStatus.WITHDRAWN:
        raise Refused(_("Copy %(barcode)s has been withdrawn from the collection.") % {"barcode": copy.barcode})


def borrower_refusal(borrower, rules, today):
    """Why this employee may not borrow now, or None. Counts active and overdue loans in one query."""
    counts = (
        Loan.objects.filter(borrower=borrower)
        .active()
        .aggregate(active=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    )
    if counts["overdue"]:
        oldest = Loan.objects.filter(borrower=borrower).overdue(today).select_related("book").order_by("due_on").first()
        return _("%(name)s has an overdue book, 《%(title)s》 (due %(due)s): no new loans until it is returned.") % {
            "name": _name(borrower),
            "title": oldest.book.title,
            "due": _day(oldest.due_on),
        }
    if counts["active"] >= rules.max_active_loans:
        return _("%(name)s has %(count)d books on loan, the limit is %(limit)d.") % {
            "name": _name(borrower),
            "count": counts["active"],
            "limit": rules.max_active_loans,
        }
    return None


def lend(borrower, barcode, room, librarian=None, today=None):
    """Lend one copy. Raises Refused; changes nothing then."""
    rules = LendingRules.load()
    today = today or timezone.localdate()
    check_room(room)
    try:
        with transaction.atomic():
            # Lock the borrower so two desks cannot both let them pass the limit.
            get_user_model().objects.select_for_update().filter(pk=borrower.pk).first()
            # Then the title, like every queue-changing action, and only then the copy: one lock
            # order (borrower, book, copy, reservation) everywhere, so concurrent desks wait
            # for each other instead of deadlocking.
            book_id = Copy.objects.filter(barcode=(barcode or "").strip()).values_list("book_id", flat=True).first()
            if book_id:
                Book.objects.select_for_update().filter(pk=book_id).first()
            copy = _locked_copy(barcode)
            _refuse_unusable(copy)
            if copy.status == CopyStatus.ON_LOAN:
                raise Refused(_("Copy %(barcode)s is already on loan.") % {"barcode": copy.barcode})
            if copy.status == CopyStatus.IN_TRANSIT:
                raise Refused(_("Copy %(barcode)s is in transit between rooms.") % {"barcode": copy.barcode})
            hold = None
            if copy.status == CopyStatus.ON_HOLD:
                hold = (
                    Reservation.objects.select_for_update(of=("self",))
                    .select_related("user")
                    .filter(held_copy=copy)
                    .ready()
                    .first()
                )
                if hold and hold.user_id != borrower.pk:
                    raise Refused(
                        _("This copy is held for %(name)s until %(date)s.")
                        % {"name": _name(hold.user), "date": _day(hold.hold_until)}
                    )
            refusal = borrower_refusal(borrower, rules, today)
            if refusal:
                raise Refused(refusal)
            loan = Loan.objects.create(
                copy=copy,
                borrower=borrower,
                book=copy.book,
                due_on=today + datetime.timedelta(days=rules.loan_days),
                lent_in=room,
                lent_by=librarian,
            )
            copy.status = CopyStatus.ON_LOAN
            copy.save(update_fields=["status"])
            Book.objects.filter(pk=copy.book_id).update(loan_count=F("loan_count") + 1)
            if hold:
                # The held copy is the one lent: nothing to pass on.
                close_reservation(hold, ReservationStatus.FULFILLED, librarian, today, pass_on=False)
            else:
                # The borrower now has the title: take them out of its queue, and pass on a
                # copy held for them elsewhere, so nobody holds a copy for someone who has one.
                own = (
                    Reservation.objects.select_for_update().filter(user=borrower, book_id=copy.book_id).active().first()
                )
                if own:
                    close_reservation(own, ReservationStatus.FULFILLED, librarian, today)
    except IntegrityError as error:
        # The partial unique index caught a race the lock did not (should not happen).
        raise Refused(_("Copy %(barcode)s is already on loan.") % {"barcode": barcode}) from error
    return Outcome(
        _("Lent 《%(title)s》 (%(barcode)s) to %(name)s, due %(due)s.")
        % {"title": copy.book.title, "barcode": copy.barcode, "name": _name(borrower), "due": _day(loan.due_on)},
        loan=loan,
        copy=copy,
    )


def return_copy(barcode, room, librarian=None, today=None):
    """Take a copy back at any reading room (通借通还); hold it for the next in the queue."""
    check_room(room)
    today = today or timezone.localdate()
    with transaction.atomic():
        book_id = Copy.objects.filter(barcode=(barcode or "").strip()).values_list("book_id", flat=True).first()
        if book_id:
            Book.objects.select_for_update().filter(pk=book_id).first()
        copy = _locked_copy(barcode)
        loan = Loan.objects.select_for_update().filter(copy=copy).active().first()
        if loan is None and copy.status == CopyStatus.IN_TRANSIT:
            return _arrive(copy, room, librarian, today)
        if loan is None:
            raise Refused(_("Copy %(barcode)s is not on loan.") % {"barcode": copy.barcode})
        loan.returned_at = timezone.now()
        loan.returned_in = room
        loan.returned_by = librarian
        loan.save(update_fields=["returned_at", "returned_in", "returned_by"])
        if copy.current_room_id != room.pk:
            CopyMovement.objects.create(
                copy=copy, from_room=copy.current_room, to_room=room, moved_by=librarian, reason=_("Returned here")
            )
            copy.current_room = room
        message = _("《%(title)s》 (%(barcode)s) returned.") % {"title": copy.book.title, "barcode": copy.barcode}
        if loan.due_on < today:
            days = (today - loan.due_on).days
            message += " " + ngettext("It was %(days)d day overdue.", "It was %(days)d days overdue.", days) % {
                "days": days
            }
        hold = _hold_for_next(copy, librarian, today)
        if hold is None:
            copy.status = CopyStatus.ON_SHELF
            copy.save(update_fields=["status", "current_room"])
        else:
            message += " " + arrival_note(hold, copy)
    return Outcome(message, loan=loan, copy=copy, reservation=hold)


def _arrive(copy, room, librarian, today):
    """A copy in transit scanned at the return desk of `room`: it has arrived here."""
    if copy.current_room_id != room.pk:
        CopyMovement.objects.create(
            copy=copy, from_room_id=copy.current_room_id, to_room=room, moved_by=librarian, reason=_("Arrived here")
        )
        copy.current_room = room
    hold = receive_copy(copy, room, today)
    message = _("《%(title)s》 (%(barcode)s) arrived at %(room)s.") % {
        "title": copy.book.title,
        "barcode": copy.barcode,
        "room": room,
    }
    if hold is not None:
        message += " " + arrival_note(hold, copy)
    return Outcome(message, copy=copy, reservation=hold)


def arrival_note(hold, copy):
    """What to do with a copy that has just served reservation `hold`."""
    if copy.status == CopyStatus.IN_TRANSIT:
        return _("Reserved by %(name)s, who collects at %(room)s: send it there (in transit).") % {
            "name": _name(hold.user),
            "room": hold.pickup_room,
        }
    return _("Put it on the holds shelf for %(name)s (collect by %(date)s, pick up at %(room)s).") % {
        "name": _name(hold.user),
        "date": _day(hold.hold_until),
        "room": hold.pickup_room,
    }


def _hold_for_next(copy, actor, today):
    """Hold `copy` for the first waiting reservation of its title, if any. The caller holds the Book lock.

    At the reserver's pickup room the copy goes on the holds shelf (READY, notice sent). Anywhere else
    it is sent there: the copy is in transit, the reservation keeps waiting with this copy on its way
    (`held_copy`), and it becomes READY when the copy arrives (`receive_copy`)."""
    nxt = (
        Reservation.objects.select_for_update(of=("self",))
        .select_related("user", "pickup_room")
        .filter(book_id=copy.book_id, held_copy__isnull=True)
        .waiting()
        .order_by("created_at", "pk")
        .first()
    )
    if nxt is None:
        return None
    if copy.current_room_id != nxt.pickup_room_id:
        nxt.held_copy = copy
        nxt.save(update_fields=["held_copy"])
        copy.status = CopyStatus.IN_TRANSIT
        copy.save(update_fields=["status", "current_room"])
        return nxt
    _put_on_holds_shelf(nxt, copy, today)
    return nxt


def _put_on_holds_shelf(reservation, copy, today):
    rules = LendingRules.load()
    reservation.status = ReservationStatus.READY
    reservation.held_copy = copy
    reservation.hold_until = today + datetime.timedelta(days=rules.hold_days)
    reservation.save(update_fields=["status", "held_copy", "hold_until"])
    copy.status = CopyStatus.ON_HOLD
    copy.save(update_fields=["status", "current_room"])
    notify(
        reservation.user,
        NoticeKind.READY,
        key=f"ready:{reservation.pk}:{copy.pk}",
        message=lambda: (
            _("《%(title)s》 is ready for you at %(room)s. Please collect it by %(date)s.")
            % {"title": copy.book.title, "room": reservation.pickup_room, "date": _day(reservation.hold_until)}
        ),
    )


def receive_copy(copy, room, today=None):
    """A copy in transit arrives at `room` (the caller moved it there, holding the Book and copy locks).
    If it was sent for a reservation collected here, it goes on the holds shelf and the reserver is
    told; otherwise it serves the next in the queue or goes on the shelf. Returns the reservation or None."""
    today = today or timezone.localdate()
    sent_for = (
        Reservation.objects.select_for_update(of=("self",))
        .select_related("user", "pickup_room")
        .filter(held_copy=copy)
        .waiting()
        .first()
    )
    if sent_for is not None:
        if sent_for.pickup_room_id == room.pk:
            _put_on_holds_shelf(sent_for, copy, today)
            return sent_for
        # Arrived somewhere else: the reservation waits for a copy again.
        sent_for.held_copy = None
        sent_for.save(update_fields=["held_copy"])
    hold = _hold_for_next(copy, None, today)
    if hold is None:
        copy.status = CopyStatus.ON_SHELF
        copy.save(update_fields=["status", "current_room"])
    return hold


def _release_hold(reservation, actor, today):
    copy = Copy.objects.select_for_update().get(pk=reservation.held_copy_id)
    if _hold_for_next(copy, actor, today) is None:
        copy.status = CopyStatus.ON_SHELF
        copy.save(update_fields=["status"])


def close_reservation(reservation, status, actor, today, pass_on=True):
    """Close an active reservation as FULFILLED, CANCELLED or EXPIRED, inside the caller's transaction
    (which holds the title's Book lock). With `pass_on`, a copy held for it goes to the next in the
    queue, or back on the shelf."""
    was_ready = reservation.status == ReservationStatus.READY
    reservation.status = status
    reservation.closed_at = timezone.now()
    reservation.save(update_fields=["status", "closed_at"])
    if pass_on and was_ready and reservation.held_copy_id:
        _release_hold(reservation, actor, today)


def renewal_refusal(loan, rules, waiting, today=None):
    """Why `loan` cannot be renewed (for the message and the disabled button), or None."""
    today = today or timezone.localdate()
    if not loan.is_active:
        return _("This book has been returned.")
    if loan.due_on < today:
        return _("This book is overdue; please return it.")
    if loan.renewals >= rules.max_renewals:
        return _("Already renewed %(count)d times; at most %(limit)d renewals.") % {
            "count": loan.renewals,
            "limit": rules.max_renewals,
        }
    if waiting:
        return ngettext(
            "%(count)d person is waiting for this book, so it cannot be renewed.",
            "%(count)d people are waiting for this book, so it cannot be renewed.",
            waiting,
        ) % {"count": waiting}
    return None


def renew(loan_id, actor, today=None, as_librarian=False):
    rules = LendingRules.load()
    today = today or timezone.localdate()
    with transaction.atomic():
        loan = (
            Loan.objects.select_for_update(of=("self",)).select_related("book", "borrower").filter(pk=loan_id).first()
        )
        if loan is None or (not as_librarian and loan.borrower_id != actor.pk):
            raise Refused(_("No such loan."))
        waiting = Reservation.objects.filter(book_id=loan.book_id).waiting().count()
        refusal = renewal_refusal(loan, rules, waiting, today)
        if refusal:
            raise Refused(refusal)
        loan.due_on = loan.due_on + datetime.timedelta(days=rules.renewal_days)
        loan.renewals = F("renewals") + 1
        loan.save(update_fields=["due_on", "renewals"])
        loan.refresh_from_db(fields=["renewals"])
    return Outcome(
        _("Renewed 《%(title)s》: now due %(due)s.") % {"title": loan.book.title, "due": _day(loan.due_on)}, loan=loan
    )


def reserve(user, book, pickup_room, today=None):
    """Join the queue for a title; set a copy aside at once if one is on the shelf at the pickup room."""
    today = today or timezone.localdate()
    rules = LendingRules.load()
    check_room(pickup_room)
    try:
        with transaction.atomic():
            Book.objects.select_for_update().filter(pk=book.pk).first()
            if Loan.objects.filter(borrower=user, book=book).active().exists():
                raise Refused(_("You already have 《%(title)s》 on loan.") % {"title": book.title})
            if Reservation.objects.filter(user=user, book=book).active().exists():
                raise Refused(_("You have already reserved 《%(title)s》.") % {"title": book.title})
            if not Copy.objects.filter(book=book).usable().exists():
                raise Refused(_("The reading rooms have no copy of 《%(title)s》 to lend.") % {"title": book.title})
            reservation = Reservation.objects.create(user=user, book=book, pickup_room=pickup_room)
            copy = (
                Copy.objects.select_for_update()
                .filter(book=book, current_room=pickup_room, status=CopyStatus.ON_SHELF)
                .order_by("pk")
                .first()
            )
            if copy is not None:
                reservation.status = ReservationStatus.READY
                reservation.held_copy = copy
                reservation.hold_until = today + datetime.timedelta(days=rules.hold_days)
                reservation.save(update_fields=["status", "held_copy", "hold_until"])
                copy.status = CopyStatus.ON_HOLD
                copy.save(update_fields=["status"])
                message = _("A copy of 《%(title)s》 is set aside for you at %(room)s until %(date)s.") % {
                    "title": book.title,
                    "room": pickup_room,
                    "date": _day(reservation.hold_until),
                }
            else:
                ahead = queue_position(reservation) - 1
                if ahead == 0:
                    message = _("You are in the queue for 《%(title)s》; you are next.") % {"title": book.title}
                else:
                    message = ngettext(
                        "You are in the queue for 《%(title)s》; %(ahead)d person is ahead of you.",
                        "You are in the queue for 《%(title)s》; %(ahead)d people are ahead of you.",
                        ahead,
                    ) % {"title": book.title, "ahead": ahead}
    except IntegrityError as error:
        raise Refused(_("You have already reserved 《%(title)s》.") % {"title": book.title}) from error
    return Outcome(message, reservation=reservation)


def cancel_reservation(reservation_id, user, today=None, as_librarian=False):
    today = today or timezone.localdate()
    with transaction.atomic():
        book_id = Reservation.objects.filter(pk=reservation_id).values_list("book_id", flat=True).first()
        if book_id:
            Book.objects.select_for_update().filter(pk=book_id).first()
        reservation = (
            Reservation.objects.select_for_update(of=("self",)).select_related("book").filter(pk=reservation_id).first()
        )
        if reservation is None or (not as_librarian and reservation.user_id != user.pk):
            raise Refused(_("No such reservation."))
        if not reservation.is_active:
            raise Refused(_("This reservation is no longer active."))
        close_reservation(reservation, ReservationStatus.CANCELLED, user, today)
    return Outcome(_("Reservation for 《%(title)s》 cancelled.") % {"title": reservation.book.title})


def expire_holds(today=None):
    """Pass held copies not collected by their deadline to the next in line. Safe to run repeatedly."""
    today = today or timezone.localdate()
    expired = 0
    for reservation_id, book_id in (
        Reservation.objects.ready().filter(hold_until__lt=today).values_list("pk", "book_id")
    ):
        with transaction.atomic():
            Book.objects.select_for_update().filter(pk=book_id).first()
            reservation = (
                Reservation.objects.select_for_update().ready().filter(pk=reservation_id, hold_until__lt=today).first()
            )
            if reservation is None:
                continue  # collected or cancelled meanwhile
            close_reservation(reservation, ReservationStatus.EXPIRED, None, today)
            expired += 1
    return expired


def send_due_notices(today=None):
    """Notices for loans due within the reminder window and for overdue loans. Each is sent once."""
    today = today or timezone.localdate()
    rules = LendingRules.load()
    soon = today + datetime.timedelta(days=rules.due_soon_days)
    sent = 0
    active = Loan.objects.active().select_related("book", "borrower")
    for loan in active.filter(due_on__gte=today, due_on__lte=soon).iterator():
        sent += notify(
            loan.borrower,
            NoticeKind.DUE_SOON,
            key=f"due:{loan.pk}:{loan.due_on.isoformat()}",
            message=lambda loan=loan: (
                _("《%(title)s》 is due on %(due)s. Renew it or return it in time.")
                % {"title": loan.book.title, "due": _day(loan.due_on)}
            ),
        )
    for loan in active.filter(due_on__lt=today).iterator():
        sent += notify(
            loan.borrower,
            NoticeKind.OVERDUE,
            key=f"overdue:{loan.pk}:{loan.due_on.isoformat()}",
            message=lambda loan=loan: (
                _("《%(title)s》 was due on %(due)s and is overdue. Please return it.")
                % {"title": loan.book.title, "due": _day(loan.due_on)}
            ),
        )
    return sent


def queue_position(reservation):
    """The reservation's place in its title's queue (1 = next in line)."""
    return (
        Reservation.objects.filter(book_id=reservation.book_id)
        .waiting()
        .filter(Q(created_at__lt=reservation.created_at) | Q(created_at=reservation.created_at, pk__lt=reservation.pk))
        .count()
        + 1
    )


def with_queue_position(reservations):
    """`reservations` annotated with `ahead`, the waiting reservations for the same title made earlier
    (one query in all): see `ReservationQuerySet.with_queue_position`."""
    return reservations.with_queue_position()


# --- what the desk and 我的借阅 show of each loan -------------------------------------


def mark_due(loan, today):
    """Set the loan's due figures: `days` until due (0 on the due date, negative once overdue) and
    `overdue_days` (0 unless overdue)."""
    loan.days = loan.days_left(today)
    loan.overdue_days = -loan.days if loan.days < 0 else 0
    return loan


def current_loans(borrower, rules, today):
    """The borrower's active loans, soonest due first, in ONE query, each with its due figures
    (`mark_due`), `waiting` (people queued for the title) and `refusal`: why it cannot be renewed
    (the message and the disabled button), or None."""
    loans = list(
        Loan.objects.filter(borrower=borrower)
        .active()
        .select_related("book", "copy", "lent_in")
        .with_waiting()
        .order_by("due_on", "pk")
    )
    for loan in loans:
        mark_due(loan, today)
        loan.refusal = renewal_refusal(loan, rules, loan.waiting or 0, today)
    return loans
