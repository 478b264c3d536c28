"""Admin screens of the loans app.

* The circulation desk (借阅台): lend, return, renew, transfer, overdue loans, the holds shelf and
  one employee's record. Only librarians (permission ``loans.use_desk``) get in.
* Collection management (馆藏管理): reading rooms, copies and copy movements (model viewsets), and
  batch copy creation (permission ``loans.add_copy``).
* The desk's menu and its admin URLs, which ``wagtail_hooks`` registers.

Every rule lives in ``loans.services``; these views collect input, call the service once per
barcode and show what happened, with the service's message verbatim.
"""

from dataclasses import dataclass

import django_filters
from django.contrib import messages
from django.db.models import Count, Min
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import IndexView, PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from portal.collation import PinyinOrderingMixin, pinyin_order
from portal.pagination import paginate
from portal.spreadsheets import SafeSpreadsheetExportMixin

from . import services
from .forms import BatchCopyForm, CopyAdminForm, EmployeeLookupForm, LendForm, ReturnForm, TransferForm
from .models import Copy, CopyMovement, CopyStatus, LendingRules, Loan, ReadingRoom, Reservation, RoomKind

SESSION_ROOM = "loans_desk_room"
OVERDUE_PER_PAGE = 50
HOLDS_PER_PAGE = 50
HISTORY_PER_PAGE = 20
QUEUE_TITLES = 50


class LoanPermissionPolicy(ModelPermissionPolicy):
    """Loan's model permissions, plus the action ``use_desk`` (the circulation desk), whose
    permission is ``loans.use_desk`` (a custom codename, without the ``_loan`` suffix)."""

    def _get_permission_codename(self, action):
        return action if action == "use_desk" else super()._get_permission_codename(action)

    def user_has_permission(self, user, action):
        return user.is_active and super().user_has_permission(user, action)


loan_permission_policy = LoanPermissionPolicy(Loan)


def can_use_desk(user):
    return loan_permission_policy.user_has_permission(user, "use_desk")


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


class AdminScreen(PermissionCheckedMixin, WagtailAdminTemplateMixin, View):
    """A form screen in the Wagtail admin: Wagtail checks the permission (a refusal sends the user
    to the dashboard with Wagtail's message) and provides the page title and header icon."""

    def render(self, request, **context):
        return self.render_to_response(self.get_context_data(**context))


class DeskView(AdminScreen):
    """A page of the circulation desk, with the desk's tabs."""

    permission_policy = loan_permission_policy
    permission_required = "use_desk"
    header_icon = "doc-full"
    url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["desk_sections"] = [
            {"url": reverse(name), "label": label, "icon": icon, "current": name == self.url_name}
            for name, label, icon in desk_sections()
        ]
        return context

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
    """Current loans (with due figures and the renewal verdict, see `services.current_loans`) and
    active reservations (with queue position): three queries."""
    today = today or timezone.localdate()
    rules = LendingRules.load()
    reservations = list(
        Reservation.objects.filter(user=employee)
        .active()
        .select_related("book", "pickup_room", "held_copy")
        .with_queue_position()
        .order_by("created_at", "pk")
    )
    for reservation in reservations:
        reservation.position = (reservation.ahead or 0) + 1
        reservation.expired = bool(reservation.hold_until and reservation.hold_until < today)
    return {
        "employee": employee,
        "loans": services.current_loans(employee, rules, today),
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
            Loan.objects.filter(borrower=employee)
            .returned()
            .select_related("book", "copy", "returned_in")
            .order_by("-returned_at", "-pk")
        )
        page = paginate(request, history, HISTORY_PER_PAGE, param="p")
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
    http_method_names = ["post"]

    def post(self, request, loan_id):
        loan = Loan.objects.select_related("borrower").filter(pk=loan_id).first()
        fallback = _employee_url(loan.borrower.staff_number) if loan else reverse("loans_desk_employee")
        _report(request, lambda: services.renew(loan_id, request.user, as_librarian=True))
        return _back(request, fallback)


class CancelReservationView(DeskView):
    http_method_names = ["post"]

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
            Loan.objects.overdue(today)
            .select_related("borrower__department", "book", "copy__current_room")
            .order_by("due_on", "pk")
        )
        page = paginate(request, loans, OVERDUE_PER_PAGE, param="p")
        for loan in page:
            services.mark_due(loan, today)
        return self.render(request, page=page, today=today)


class HoldsShelfView(DeskView):
    template_name = "loans/desk/holds.html"
    page_title = gettext_lazy("Holds shelf")
    header_icon = "tag"
    url_name = "loans_desk_holds"

    def get(self, request):
        today = timezone.localdate()
        rooms = list(ReadingRoom.objects.filter(is_active=True).order_by("sort_order", pinyin_order("name")))
        room = next((r for r in rooms if str(r.pk) == request.GET.get("room", "")), None)
        holds = (
            Reservation.objects.ready()
            .select_related("held_copy", "book", "user__department", "pickup_room")
            .order_by("hold_until", "pk")
        )
        if room:
            holds = holds.filter(pickup_room=room)
        page = paginate(request, holds, HOLDS_PER_PAGE, param="p")
        for hold in page:
            hold.expired = bool(hold.hold_until and hold.hold_until < today)
        queue = list(
            Reservation.objects.waiting()
            .values("book_id", "book__title", "book__authors")
            .annotate(waiting=Count("pk"), since=Min("created_at"))
            .order_by("-waiting", "since", pinyin_order("book__title"))[:QUEUE_TITLES]
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


# --- collection management ----------------------------------------------------------


class BatchCopiesView(AdminScreen):
    """批量添加复本: one book, one room, a barcode range, in one transaction."""

    model = Copy
    permission_required = "add"
    template_name = "loans/admin/batch_copies.html"
    page_title = gettext_lazy("Add copies in batch")
    header_icon = "copy"

    def render(self, request, form, **context):
        return super().render(request, form=form, **context)

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


class ReadingRoomFilterSet(WagtailFilterSet):
    class Meta:
        model = ReadingRoom
        fields = ["kind", "operator", "department", "is_active"]


class ReadingRoomIndexView(PinyinOrderingMixin, IndexView):
    pinyin_fields = ("name",)


class ReadingRoomViewSet(ModelViewSet):
    model = ReadingRoom
    index_view_class = ReadingRoomIndexView
    name = "loans_rooms"
    url_prefix = "reading-rooms"
    icon = "home"
    menu_label = gettext_lazy("Reading rooms")
    filterset_class = ReadingRoomFilterSet
    list_display = ["name", "kind", "operator", "department", "is_active"]
    search_fields = ["name", "address"]
    ordering = ["sort_order", "name"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return ReadingRoom.objects.select_related("department")


class CopyFilterSet(WagtailFilterSet):
    current_room = django_filters.ModelChoiceFilter(
        label=gettext_lazy("current room"), queryset=ReadingRoom.objects.order_by("sort_order", pinyin_order("name"))
    )
    home_room = django_filters.ModelChoiceFilter(
        label=gettext_lazy("home room"), queryset=ReadingRoom.objects.order_by("sort_order", pinyin_order("name"))
    )
    status = django_filters.ChoiceFilter(label=pgettext_lazy("portal", "Status"), choices=CopyStatus.choices)
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("kind of room"), field_name="current_room__kind", choices=RoomKind.choices
    )

    class Meta:
        model = Copy
        fields = ["current_room", "home_room", "status", "kind"]


class CopyIndexView(SafeSpreadsheetExportMixin, IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("loans.add_copy"):
            buttons.append(
                HeaderButton(gettext_lazy("Add copies in batch"), url=reverse("loans_copies_batch"), icon_name="copy")
            )
        return buttons


class CopyViewSet(ModelViewSet):
    model = Copy
    name = "loans_copies"
    url_prefix = "copies"
    icon = "doc-full"
    menu_label = gettext_lazy("Copies")
    index_view_class = CopyIndexView
    filterset_class = CopyFilterSet
    list_display = [
        "barcode",
        Column("book", label=pgettext_lazy("portal", "Book"), sort_key="book__title"),
        "current_room",
        "home_room",
        StatusTagColumn(
            "get_status_display",
            label=pgettext_lazy("portal", "Status"),
            sort_key="status",
            primary=lambda copy: copy.status == CopyStatus.ON_SHELF,
        ),
        "acquired_on",
    ]
    list_export = ["barcode", "book", "home_room", "current_room", "status", "acquired_on", "note"]
    export_filename = "copies"
    search_fields = ["barcode", "book__title"]
    ordering = ["barcode"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList(Copy.panels, base_form_class=CopyAdminForm)

    def get_queryset(self, request):
        return Copy.objects.select_related("book", "current_room", "home_room")


class ReadOnlyPolicy(ModelPermissionPolicy):
    """History is written by the services only: nobody adds, edits or deletes it by hand."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in ("add", "change", "delete")]
        return super().users_with_any_permission(actions)


class CopyMovementFilterSet(WagtailFilterSet):
    from_room = django_filters.ModelChoiceFilter(
        label=gettext_lazy("from"), queryset=ReadingRoom.objects.order_by("sort_order", pinyin_order("name"))
    )
    to_room = django_filters.ModelChoiceFilter(
        label=gettext_lazy("to"), queryset=ReadingRoom.objects.order_by("sort_order", pinyin_order("name"))
    )
    moved_at = django_filters.DateFromToRangeFilter(label=gettext_lazy("moved at"), widget=DateRangePickerWidget)

    class Meta:
        model = CopyMovement
        fields = ["from_room", "to_room", "moved_at"]


class CopyMovementViewSet(ModelViewSet):
    model = CopyMovement
    name = "loans_movements"
    url_prefix = "copy-movements"
    icon = "resubmit"
    menu_label = gettext_lazy("Copy movements")
    filterset_class = CopyMovementFilterSet
    list_display = [
        Column("copy", label=gettext_lazy("copy")),
        "from_room",
        "to_room",
        "moved_by",
        "moved_at",
        "reason",
    ]
    search_fields = ["copy__barcode", "copy__book__title", "reason"]
    ordering = ["-moved_at", "-pk"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["reason"]

    def get_queryset(self, request):
        return CopyMovement.objects.select_related("copy__book", "from_room", "to_room", "moved_by")


class BatchCopiesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("loans.add_copy")


class CollectionViewSetGroup(ModelViewSetGroup):
    items = (ReadingRoomViewSet, CopyViewSet, CopyMovementViewSet)
    menu_label = gettext_lazy("Reading room collection")
    menu_name = "reading-room-collection"
    menu_icon = "folder-inverse"
    menu_order = 256

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.insert(
            2,
            BatchCopiesMenuItem(
                gettext_lazy("Add copies in batch"),
                reverse("loans_copies_batch"),
                name="copies-batch",
                icon_name="copy",
                order=3,
            ),
        )
        for order, item in enumerate(items, start=1):
            item.order = order
        return items


# --- what wagtail_hooks registers -------------------------------------------------------


def admin_urls():
    """The desk's pages and batch copy creation (the viewsets bring their own URLs)."""
    return [
        path("desk/", LendView.as_view(), name="loans_desk_lend"),
        path("desk/return/", ReturnView.as_view(), name="loans_desk_return"),
        path("desk/reader/", EmployeeView.as_view(), name="loans_desk_employee"),
        path("desk/loans/<int:loan_id>/renew/", RenewView.as_view(), name="loans_desk_renew"),
        path(
            "desk/reservations/<int:reservation_id>/cancel/",
            CancelReservationView.as_view(),
            name="loans_desk_cancel_reservation",
        ),
        path("desk/overdue/", OverdueView.as_view(), name="loans_desk_overdue"),
        path("desk/holds/", HoldsShelfView.as_view(), name="loans_desk_holds"),
        path("desk/transfer/", TransferView.as_view(), name="loans_desk_transfer"),
        path("copies/batch/", BatchCopiesView.as_view(), name="loans_copies_batch"),
    ]


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_desk(request.user)


def desk_menu_item():
    """借阅台 in the admin menu, one item per desk section, shown to librarians only."""
    items = [
        DeskMenuItem(label, reverse(name), name=name, icon_name=icon, order=index)
        for index, (name, label, icon) in enumerate(desk_sections(), start=1)
    ]
    return SubmenuMenuItem(
        gettext_lazy("Circulation desk"), Menu(items=items), name="desk", icon_name="clipboard-list", order=255
    )
