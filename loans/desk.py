"""The circulation desk (借阅台) in the Wagtail admin: lend, return, renew, transfer, overdue
loans, the holds shelf, one employee's record and batch copy creation.

Only librarians (permission ``loans.use_desk``) get in. Every rule lives in
``loans.services``; these views collect input, call the service once per barcode
and show what happened, with the service's message verbatim.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, Min, OuterRef, Subquery
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View
from wagtail.admin.auth import permission_denied

from . import services
from .forms import BatchCopyForm, EmployeeLookupForm, LendForm, ReturnForm, TransferForm
from .models import ACTIVE_RESERVATION_STATUSES, LendingRules, Loan, ReadingRoom, Reservation, ReservationStatus

DESK_PERMISSION = "loans.use_desk"
SESSION_ROOM = "loans_desk_room"
OVERDUE_PER_PAGE = 50
HOLDS_PER_PAGE = 50
HISTORY_PER_PAGE = 20
QUEUE_TITLES = 50


def can_use_desk(user):
    return user.is_active and user.has_perm(DESK_PERMISSION)


def desk_sections():
    """The desk's pages, in the order of the menu and of the tabs on every desk page."""
    return [
        ("loans_desk_lend", gettext_lazy("Lend"), "arrow-right-full"),
        ("loans_desk_return", pgettext_lazy("portal", "Return"), "arrow-left"),
        ("loans_desk_employee", gettext_lazy("Reader record"), "user"),
        ("loans_desk_overdue", gettext_lazy("Overdue"), "warning"),
        ("loans_desk_holds", gettext_lazy("Holds shelf"), "tag"),
        ("loans_desk_transfer", gettext_lazy("Transfer"), "resubmit"),
    ]


@dataclass
class Result:
    barcode: str
    ok: bool
    message: str
    hold: bool = False


def _rows(text):
    return "\n".join(text)


class DeskView(View):
    template_name = None
    page_title = ""
    header_icon = "doc-full"
    url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not can_use_desk(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, **context):
        context["page_title"] = self.page_title
        context["header_icon"] = self.header_icon
        context["desk_sections"] = [
            {"url": reverse(name), "label": label, "icon": icon, "current": name == self.url_name}
            for name, label, icon in desk_sections()
        ]
        return TemplateResponse(request, self.template_name, context)

    # --- the room the librarian works in, remembered in the session ---

    def session_room(self, request):
        room_id = request.session.get(SESSION_ROOM)
        if not room_id:
            return None
        return ReadingRoom.objects.filter(pk=room_id, is_active=True).first()

    def remember_room(self, request, room):
        request.session[SESSION_ROOM] = room.pk


def focus(form, field_name):
    """The scanner types into the focused field: put it where the next scan goes."""
    for name, field in form.fields.items():
        field.widget.attrs.pop("autofocus", None)
        if name == field_name:
            field.widget.attrs["autofocus"] = ""
    return form


def employee_summary(employee, today=None):
    """Current loans (with the renewal verdict), active reservations (with queue position): three queries."""
    today = today or timezone.localdate()
    rules = LendingRules.load()
    waiting = (
        Reservation.objects.filter(book_id=OuterRef("book_id"), status=ReservationStatus.WAITING)
        .order_by()
        .values("book_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    loans = list(
        Loan.objects.filter(borrower=employee, returned_at__isnull=True)
        .select_related("book", "copy", "lent_in")
        .annotate(waiting=Subquery(waiting, output_field=IntegerField()))
        .order_by("due_on", "pk")
    )
    for loan in loans:
        loan.left = loan.days_left(today)
        loan.overdue_days = -loan.left if loan.left < 0 else 0
        loan.refusal = services.renewal_refusal(loan, rules, loan.waiting or 0, today)
    reservations = list(
        services.with_queue_position(
            Reservation.objects.filter(user=employee, status__in=ACTIVE_RESERVATION_STATUSES).select_related(
                "book", "pickup_room", "held_copy"
            )
        ).order_by("created_at", "pk")
    )
    for reservation in reservations:
        reservation.position = (reservation.ahead or 0) + 1
        reservation.expired = bool(reservation.hold_until and reservation.hold_until < today)
    return {
        "employee": employee,
        "loans": loans,
        "reservations": reservations,
        "rules": rules,
        "can_borrow_refusal": services.borrower_refusal(employee, rules, today),
        "today": today,
    }


class LendView(DeskView):
    template_name = "loans/desk/lend.html"
    page_title = gettext_lazy("Lend books")
    header_icon = "arrow-right-full"
    url_name = "loans_desk_lend"

    def get(self, request):
        room = self.session_room(request)
        staff_number = request.GET.get("staff_number", "").strip()
        form = LendForm(initial={"room": room, "staff_number": staff_number})
        context = {}
        if staff_number:
            try:
                context["summary"] = employee_summary(services.find_employee(staff_number))
            except services.Refused as refusal:
                form = LendForm(data={"room": room.pk if room else "", "staff_number": staff_number})
                form.is_valid()
                form.add_error("staff_number", refusal.message)
        focus(form, "scan" if context.get("summary") and room else ("room" if not room else "staff_number"))
        context["here"] = request.get_full_path()
        return self.render(request, form=form, **context)

    def post(self, request):
        form = LendForm(request.POST)
        if not form.is_valid():
            focus(form, next((name for name in ("room", "staff_number", "scan") if name in form.errors), "scan"))
            return self.render(request, form=form)
        room = form.cleaned_data["room"]
        self.remember_room(request, room)
        try:
            borrower = services.find_employee(form.cleaned_data["staff_number"])
        except services.Refused as refusal:
            form.add_error("staff_number", refusal.message)
            return self.render(request, form=focus(form, "staff_number"))
        results, kept = [], []
        for barcode in form.cleaned_data["barcode_list"]:
            try:
                outcome = services.lend(borrower, barcode, room, librarian=request.user)
            except services.Refused as refusal:
                results.append(Result(barcode, False, refusal.message))
                kept.append(barcode)
            else:
                results.append(Result(barcode, True, outcome.message))
        # The refused barcodes stay in the box, so the librarian can fix them and try again.
        next_form = LendForm(initial={"room": room, "staff_number": borrower.staff_number, "barcodes": _rows(kept)})
        return self.render(
            request,
            form=focus(next_form, "scan"),
            results=results,
            summary=employee_summary(borrower),
            here=reverse("loans_desk_lend") + "?" + urlencode({"staff_number": borrower.staff_number}),
        )


class ReturnView(DeskView):
    template_name = "loans/desk/return.html"
    page_title = gettext_lazy("Return books")
    header_icon = "arrow-left"
    url_name = "loans_desk_return"

    def get(self, request):
        room = self.session_room(request)
        form = ReturnForm(initial={"room": room})
        return self.render(request, form=focus(form, "scan" if room else "room"))

    def post(self, request):
        form = ReturnForm(request.POST)
        if not form.is_valid():
            return self.render(request, form=focus(form, "room" if "room" in form.errors else "scan"))
        room = form.cleaned_data["room"]
        self.remember_room(request, room)
        results, kept = [], []
        for barcode in form.cleaned_data["barcode_list"]:
            try:
                outcome = services.return_copy(barcode, room, librarian=request.user)
            except services.Refused as refusal:
                results.append(Result(barcode, False, refusal.message))
                kept.append(barcode)
            else:
                results.append(Result(barcode, True, outcome.message, hold=outcome.reservation is not None))
        next_form = ReturnForm(initial={"room": room, "barcodes": _rows(kept)})
        return self.render(request, form=focus(next_form, "scan"), results=results)


class TransferView(DeskView):
    template_name = "loans/desk/transfer.html"
    page_title = gettext_lazy("Transfer copies")
    header_icon = "resubmit"
    url_name = "loans_desk_transfer"

    def get(self, request):
        return self.render(request, form=focus(TransferForm(), "to_room"))

    def post(self, request):
        form = TransferForm(request.POST)
        if not form.is_valid():
            return self.render(request, form=focus(form, "to_room" if "to_room" in form.errors else "scan"))
        to_room = form.cleaned_data["to_room"]
        try:
            moved, refused = services.transfer(
                form.cleaned_data["barcode_list"], to_room, request.user, form.cleaned_data["reason"]
            )
        except services.Refused as refusal:
            form.add_error("to_room", refusal.message)
            return self.render(request, form=focus(form, "to_room"))
        if refused:
            # Nothing moved: keep everything the librarian typed, list every refusal.
            return self.render(request, form=focus(form, "scan"), refusals=refused)
        next_form = TransferForm(initial={"to_room": to_room, "reason": form.cleaned_data["reason"]})
        return self.render(request, form=focus(next_form, "scan"), moved=moved, to_room=to_room)


class EmployeeView(DeskView):
    template_name = "loans/desk/employee.html"
    page_title = gettext_lazy("Reader record")
    header_icon = "user"
    url_name = "loans_desk_employee"

    def get(self, request):
        if "staff_number" not in request.GET:
            return self.render(request, form=EmployeeLookupForm())
        form = EmployeeLookupForm(request.GET)
        if not form.is_valid():
            return self.render(request, form=form)
        try:
            employee = services.find_employee(form.cleaned_data["staff_number"])
        except services.Refused as refusal:
            form.add_error("staff_number", refusal.message)
            return self.render(request, form=form)
        history = (
            Loan.objects.filter(borrower=employee, returned_at__isnull=False)
            .select_related("book", "copy", "returned_in")
            .order_by("-returned_at", "-pk")
        )
        page = Paginator(history, HISTORY_PER_PAGE).get_page(request.GET.get("p"))
        return self.render(
            request,
            form=form,
            summary=employee_summary(employee),
            history=page,
            here=request.get_full_path(),
            page_query=urlencode({"staff_number": employee.staff_number}),
        )


def _back(request, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def _employee_url(staff_number):
    return reverse("loans_desk_employee") + "?" + urlencode({"staff_number": staff_number})


def _report(request, action):
    """Run a desk action and show its outcome or refusal as a message."""
    try:
        outcome = action()
    except services.Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, outcome.message)


class RenewView(DeskView):
    def get(self, request, loan_id):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, loan_id):
        loan = Loan.objects.select_related("borrower").filter(pk=loan_id).first()
        fallback = _employee_url(loan.borrower.staff_number) if loan else reverse("loans_desk_employee")
        _report(request, lambda: services.renew(loan_id, request.user, as_librarian=True))
        return _back(request, fallback)


class CancelReservationView(DeskView):
    def get(self, request, reservation_id):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, reservation_id):
        reservation = Reservation.objects.select_related("user").filter(pk=reservation_id).first()
        fallback = _employee_url(reservation.user.staff_number) if reservation else reverse("loans_desk_employee")
        _report(request, lambda: services.cancel_reservation(reservation_id, request.user, as_librarian=True))
        return _back(request, fallback)


class OverdueView(DeskView):
    template_name = "loans/desk/overdue.html"
    page_title = gettext_lazy("Overdue loans")
    header_icon = "warning"
    url_name = "loans_desk_overdue"

    def get(self, request):
        today = timezone.localdate()
        loans = (
            Loan.objects.filter(returned_at__isnull=True, due_on__lt=today)
            .select_related("borrower__department", "book", "copy__current_room")
            .order_by("due_on", "pk")
        )
        page = Paginator(loans, OVERDUE_PER_PAGE).get_page(request.GET.get("p"))
        for loan in page:
            loan.overdue_days = (today - loan.due_on).days
        return self.render(request, page=page, today=today)


class HoldsShelfView(DeskView):
    template_name = "loans/desk/holds.html"
    page_title = gettext_lazy("Holds shelf")
    header_icon = "tag"
    url_name = "loans_desk_holds"

    def get(self, request):
        today = timezone.localdate()
        rooms = list(ReadingRoom.objects.filter(is_active=True).order_by("sort_order", "name"))
        room = next((r for r in rooms if str(r.pk) == request.GET.get("room", "")), None)
        holds = (
            Reservation.objects.filter(status=ReservationStatus.READY)
            .select_related("held_copy", "book", "user__department", "pickup_room")
            .order_by("hold_until", "pk")
        )
        if room:
            holds = holds.filter(pickup_room=room)
        page = Paginator(holds, HOLDS_PER_PAGE).get_page(request.GET.get("p"))
        for hold in page:
            hold.expired = bool(hold.hold_until and hold.hold_until < today)
        queue = list(
            Reservation.objects.filter(status=ReservationStatus.WAITING)
            .values("book_id", "book__title", "book__authors")
            .annotate(waiting=Count("pk"), since=Min("created_at"))
            .order_by("-waiting", "since")[:QUEUE_TITLES]
        )
        return self.render(
            request,
            page=page,
            rooms=rooms,
            room=room,
            queue=queue,
            queue_limit=QUEUE_TITLES,
            today=today,
            page_query=urlencode({"room": room.pk}) if room else "",
        )


class BatchCopiesView(View):
    """批量添加复本: one book, one room, a barcode range, in one transaction."""

    template_name = "loans/admin/batch_copies.html"
    page_title = gettext_lazy("Add copies in batch")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("loans.add_copy"):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, form, **context):
        context.update(form=form, page_title=self.page_title, header_icon="copy")
        return TemplateResponse(request, self.template_name, context)

    def get(self, request):
        room_id = request.session.get(SESSION_ROOM)
        initial = {"count": 1, "acquired_on": timezone.localdate()}
        if room_id:
            initial["room"] = room_id
        return self.render(request, BatchCopyForm(initial=initial))

    def post(self, request):
        form = BatchCopyForm(request.POST)
        if not form.is_valid():
            return self.render(request, form)
        data = form.cleaned_data
        barcodes = services.barcode_range(data["prefix"], data["start"], data["count"])
        if "preview" in request.POST:
            return self.render(request, form, preview=barcodes)
        try:
            copies = services.add_copies(
                data["book"], data["room"], barcodes, acquired_on=data["acquired_on"], note=data["note"]
            )
        except services.Refused as refusal:
            return self.render(request, form, refusal=refusal.message, preview=barcodes)
        messages.success(
            request,
            _("Added %(count)d copies of 《%(title)s》 to %(room)s: %(first)s – %(last)s.")
            % {
                "count": len(copies),
                "title": data["book"].title,
                "room": data["room"],
                "first": barcodes[0],
                "last": barcodes[-1],
            },
        )
        return redirect(reverse("loans_copies:index") + "?" + urlencode({"q": data["prefix"] or barcodes[0]}))
