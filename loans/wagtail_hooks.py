"""The circulation desk (借阅台) and collection management (馆藏管理) in the Wagtail admin."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import desk
from .forms import CopyAdminForm
from .models import Copy, CopyMovement, CopyStatus, ReadingRoom, RoomKind

# --- the desk ------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [
        path("desk/", desk.LendView.as_view(), name="loans_desk_lend"),
        path("desk/return/", desk.ReturnView.as_view(), name="loans_desk_return"),
        path("desk/reader/", desk.EmployeeView.as_view(), name="loans_desk_employee"),
        path("desk/loans/<int:loan_id>/renew/", desk.RenewView.as_view(), name="loans_desk_renew"),
        path(
            "desk/reservations/<int:reservation_id>/cancel/",
            desk.CancelReservationView.as_view(),
            name="loans_desk_cancel_reservation",
        ),
        path("desk/overdue/", desk.OverdueView.as_view(), name="loans_desk_overdue"),
        path("desk/holds/", desk.HoldsShelfView.as_view(), name="loans_desk_holds"),
        path("desk/transfer/", desk.TransferView.as_view(), name="loans_desk_transfer"),
        path("copies/batch/", desk.BatchCopiesView.as_view(), name="loans_copies_batch"),
    ]


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return desk.can_use_desk(request.user)


@hooks.register("register_admin_menu_item")
def register_desk_menu():
    items = [
        DeskMenuItem(label, reverse(name), name=name, icon_name=icon, order=index)
        for index, (name, label, icon) in enumerate(desk.desk_sections(), start=1)
    ]
    return SubmenuMenuItem(_("Circulation desk"), Menu(items=items), name="desk", icon_name="clipboard-list", order=255)


# --- reading rooms, copies and their movements ------------------------------------


class ReadingRoomFilterSet(WagtailFilterSet):
    class Meta:
        model = ReadingRoom
        fields = ["kind", "operator", "department", "is_active"]


class ReadingRoomViewSet(ModelViewSet):
    model = ReadingRoom
    name = "loans_rooms"
    url_prefix = "reading-rooms"
    icon = "home"
    menu_label = _("Reading rooms")
    filterset_class = ReadingRoomFilterSet
    list_display = ["name", "kind", "operator", "department", "is_active"]
    search_fields = ["name", "address"]
    ordering = ["sort_order", "name"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return ReadingRoom.objects.select_related("department")


class CopyFilterSet(WagtailFilterSet):
    current_room = django_filters.ModelChoiceFilter(
        label=_("current room"), queryset=ReadingRoom.objects.order_by("sort_order", "name")
    )
    home_room = django_filters.ModelChoiceFilter(
        label=_("home room"), queryset=ReadingRoom.objects.order_by("sort_order", "name")
    )
    status = django_filters.ChoiceFilter(label=pgettext_lazy("portal", "Status"), choices=CopyStatus.choices)
    kind = django_filters.ChoiceFilter(
        label=_("kind of room"), field_name="current_room__kind", choices=RoomKind.choices
    )

    class Meta:
        model = Copy
        fields = ["current_room", "home_room", "status", "kind"]


class CopyIndexView(IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("loans.add_copy"):
            buttons.append(HeaderButton(_("Add copies in batch"), url=reverse("loans_copies_batch"), icon_name="copy"))
        return buttons


class CopyViewSet(ModelViewSet):
    model = Copy
    name = "loans_copies"
    url_prefix = "copies"
    icon = "doc-full"
    menu_label = _("Copies")
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


register_permission_policy(CopyMovement, ReadOnlyPolicy(CopyMovement))


class CopyMovementFilterSet(WagtailFilterSet):
    from_room = django_filters.ModelChoiceFilter(
        label=_("from"), queryset=ReadingRoom.objects.order_by("sort_order", "name")
    )
    to_room = django_filters.ModelChoiceFilter(
        label=_("to"), queryset=ReadingRoom.objects.order_by("sort_order", "name")
    )
    moved_at = django_filters.DateFromToRangeFilter(label=_("moved at"), widget=DateRangePickerWidget)

    class Meta:
        model = CopyMovement
        fields = ["from_room", "to_room", "moved_at"]


class CopyMovementViewSet(ModelViewSet):
    model = CopyMovement
    name = "loans_movements"
    url_prefix = "copy-movements"
    icon = "resubmit"
    menu_label = _("Copy movements")
    filterset_class = CopyMovementFilterSet
    list_display = [
        Column("copy", label=_("copy")),
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
    menu_label = _("Reading room collection")
    menu_name = "reading-room-collection"
    menu_icon = "folder-inverse"
    menu_order = 256

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.insert(
            2,
            BatchCopiesMenuItem(
                _("Add copies in batch"), reverse("loans_copies_batch"), name="copies-batch", icon_name="copy", order=3
            ),
        )
        for order, item in enumerate(items, start=1):
            item.order = order
        return items


@hooks.register("register_admin_viewset")
def register_collection_viewsets():
    return CollectionViewSetGroup()
