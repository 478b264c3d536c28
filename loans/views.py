"""The employee's side of lending on the public site: 我的借阅, reserving from a book page, reading rooms.

Every rule lives in loans.services; these views only ask it and report the
answer. An employee sees and changes only their own loans and reservations:
somebody else's id is a 404, exactly like an id that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Q, Value, When, Window
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST
from wagtail import hooks

from booklists.models import Book, CataloguePage
from portal.collation import pinyin_order
from portal.localization import localized_page
from portal.params import page_number
from portal.spreadsheets import SafeCSVWriter

from . import services
from .models import (
    UNUSABLE_COPY_STATUSES,
    CopyStatus,
    LendingRules,
    Loan,
    Notice,
    ReadingRoom,
    Reservation,
    ReservationStatus,
)
from .notices import unread_count

HISTORY_PER_PAGE = 20
NOTICES_SHOWN = 20


def active_reservations(user):
    """The user's active reservations, ready ones first, with their place in the queue (`ahead`)."""
    return (
        Reservation.objects.filter(user=user)
        .active()
        .select_related("book", "pickup_room")
        .order_by(Case(When(status=ReservationStatus.READY, then=Value(0)), default=Value(1)), "created_at", "pk")
        .with_queue_position()
    )


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
def my_library(request):
    """我的借阅: loans, reservations, notices and the history, in a fixed number of queries."""
    user = request.user
    today = timezone.localdate()
    rules = LendingRules.load(request)
    loans = services.current_loans(user, rules, today)
    reservations = list(active_reservations(user))
    notices = list(
        Notice.objects.filter(user=user)
        .annotate(unread=Case(When(read_at__isnull=True, then=Value(1)), default=Value(0)))
        .order_by("-unread", "-created_at", "-pk")[:NOTICES_SHOWN]
    )
    history = history_page(request, Loan.objects.filter(borrower=user).select_related("book", "lent_in", "returned_in"))
    return render(
        request,
        "loans/public/my_library.html",
        {
            "loans": loans,
            "reservations": reservations,
            "notices": notices,
            "unread_count": unread_count(request),
            "history": history,
            "rules": rules,
            "today": today,
            "catalogue": localized_page(CataloguePage, request),
            # Panels from higher apps (the loans_my_library_panels hook), e.g. the employee's honours.
            "panels": [panel for hook in hooks.get_hooks("loans_my_library_panels") for panel in hook(request, user)],
        },
    )


class _CountedPaginator(Paginator):
    """A paginator told its count, so it need not ask the database."""

    def __init__(self, count, per_page):
        super().__init__([], per_page)
        self.__dict__["count"] = count


def history_page(request, loans, per_page=HISTORY_PER_PAGE):
    """One page of `loans` and the total, in ONE query (a window count), however long the history.

    Only a page number past the end costs more: the count, then the last page.
    """
    number = page_number(request)
    counted = loans.annotate(history_total=Window(Count("pk")))
    rows = list(counted[(number - 1) * per_page : number * per_page])
    if rows:
        total = rows[0].history_total
    else:
        total = loans.count() if number > 1 else 0
        if total:
            number = (total + per_page - 1) // per_page
            rows = list(counted[(number - 1) * per_page : number * per_page])
        else:
            number = 1
    return Page(rows, number, _CountedPaginator(total, per_page))


@login_required
@require_POST
def renew(request, loan_id):
    loan = get_object_or_404(Loan, pk=loan_id, borrower=request.user)
    try:
        outcome = services.renew(loan.pk, request.user)
    except services.Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, outcome.message)
    return redirect(_safe_next(request, reverse("loans:my_library")))


@login_required
@require_POST
def cancel_reservation(request, reservation_id):
    reservation = get_object_or_404(Reservation, pk=reservation_id, user=request.user)
    try:
        outcome = services.cancel_reservation(reservation.pk, request.user)
    except services.Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, outcome.message)
    return redirect(_safe_next(request, reverse("loans:my_library")))


@login_required
@require_POST
def mark_notices_read(request):
    count = Notice.objects.filter(user=request.user).unread().update(read_at=timezone.now())
    if count:
        messages.success(request, _("All notices are marked as read."))
    return redirect(reverse("loans:my_library") + "#notices")


@login_required
@require_POST
def reserve(request, book_id):
    """预约 from a book page: join the queue, or have a copy set aside at once."""
    book = get_object_or_404(Book.objects.catalogue(), pk=book_id)
    catalogue = localized_page(CataloguePage, request)
    fallback = catalogue.book_url(book, request) if catalogue else reverse("loans:my_library")
    back = _safe_next(request, fallback)
    room_id = request.POST.get("pickup_room", "")
    room = ReadingRoom.objects.filter(pk=room_id).first() if room_id.isdigit() else None
    if room is None:
        messages.error(request, _("Choose the reading room where you will collect the book."))
        return redirect(back)
    try:
        outcome = services.reserve(request.user, book, room)
    except services.Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, outcome.message)
    return redirect(back)


CSV_COLUMNS = [
    ("title", lambda: pgettext("portal", "Title")),
    ("authors", lambda: _("Authors")),
    ("isbn", lambda: "ISBN"),
    ("barcode", lambda: _("Barcode")),
    ("lent_at", lambda: _("Borrowed on")),
    ("lent_in", lambda: _("Borrowed in")),
    ("due_on", lambda: _("Due on")),
    ("renewals", lambda: _("Times renewed")),
    ("returned_at", lambda: _("Returned on")),
    ("returned_in", lambda: _("Returned at")),
]


@login_required
def history_csv(request):
    """The whole loan history as CSV, UTF-8 with a BOM so Excel reads the Chinese correctly."""
    loans = (
        Loan.objects.filter(borrower=request.user)
        .select_related("book", "copy", "lent_in", "returned_in")
        .order_by("-lent_at", "-pk")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"loans-{request.user.staff_number}-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = SafeCSVWriter(response)
    writer.writerow([label() for _key, label in CSV_COLUMNS])
    moment = "SHORT_DATETIME_FORMAT"  # 2025-12-03 14:05 in both languages: spreadsheets read it
    for loan in loans.iterator(chunk_size=500):
        writer.writerow(
            [
                loan.book.title,
                loan.book.authors,
                loan.book.isbn,
                loan.copy.barcode,
                date_format(timezone.localtime(loan.lent_at), moment),
                loan.lent_in.name if loan.lent_in else "",
                date_format(loan.due_on, "SHORT_DATE_FORMAT"),
                loan.renewals,
                date_format(timezone.localtime(loan.returned_at), moment) if loan.returned_at else "",
                loan.returned_in.name if loan.returned_in else "",
            ]
        )
    return response


def reading_rooms(request):
    """阅览点: the active reading rooms and book boxes, with the copies each holds (one query)."""
    usable = ~Q(copies__status__in=UNUSABLE_COPY_STATUSES)
    rooms = (
        ReadingRoom.objects.filter(is_active=True)
        .select_related("department")
        .annotate(
            copy_total=Count("copies", filter=usable),
            copy_on_shelf=Count("copies", filter=Q(copies__status=CopyStatus.ON_SHELF)),
        )
        .order_by("sort_order", pinyin_order("name"))
    )
    return render(request, "loans/public/reading_rooms.html", {"rooms": list(rooms)})
