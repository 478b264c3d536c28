"""Admin views of the campaigns app.

* The questionnaire answers' download (QuestionnaireSubmissionsListView).
* 活动报名 for the organisers (permission ``campaigns.manage_registrations``, given to the
  publicity editors): the events that take registrations with their counts, each event's list
  (exported as CSV/XLSX with safe cells) and the attendance screen, where a barcode scanner
  types a staff number and presses Enter, like the circulation desk.

Every rule lives in ``campaigns.services``; these views collect input and show its message.
"""

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import IndexView, PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.permission_policies import ModelPermissionPolicy

from portal.spreadsheets import SafeSpreadsheetExportMixin

from . import services
from .choices import RegistrationStatus
from .forms import AttendanceForm
from .models import EventPage, Registration

RECENT_CHECK_INS = 10


def _local(value):
    """A moment as the organisers read it: 2026-12-03 14:05 in local time ("" for none)."""
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def _naive_local(value):
    """A moment for an XLSX cell: local wall-clock time (spreadsheets have no time zones)."""
    return timezone.make_naive(value) if value else None


class QuestionnaireSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """The questionnaire answers' CSV/XLSX download, with an answer such as "=1+1" kept as text."""


# --- 活动报名 ---------------------------------------------------------------------------


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registration's model permissions, plus the action ``manage_registrations`` (see, export,
    mark attendance), whose permission is ``campaigns.manage_registrations``."""

    def _get_permission_codename(self, action):
        return action if action == "manage_registrations" else super()._get_permission_codename(action)

    def user_has_permission(self, user, action):
        return user.is_active and super().user_has_permission(user, action)


registration_permission_policy = RegistrationPermissionPolicy(Registration)


def can_manage_registrations(user):
    return registration_permission_policy.user_has_permission(user, "manage_registrations")


class RegistrationsPermissionMixin(PermissionCheckedMixin):
    permission_policy = registration_permission_policy
    permission_required = "manage_registrations"
    any_permission_required = None


def source_events():
    """Events taking registrations, one row per translation set (the page registrations belong to)."""
    earlier = EventPage.objects.filter(translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))
    return EventPage.objects.filter(takes_registrations=True, alias_of__isnull=True).exclude(Exists(earlier))


class EventRegistrationsIndexView(RegistrationsPermissionMixin, WagtailAdminTemplateMixin, View):
    """活动报名: the events that take registrations, upcoming first, with their counts (one query)."""

    template_name = "campaigns/admin/registration_events.html"
    page_title = gettext_lazy("Event registrations")
    header_icon = "date"

    def get(self, request):
        now = timezone.now()
        events = list(
            source_events()
            .annotate(
                confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
                waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
                attended=Count("registrations", filter=Q(registrations__attended_at__isnull=False)),
            )
            .order_by("-start_time", "pk")
        )
        upcoming = [event for event in events if event.end_time >= now]
        upcoming.reverse()
        past = [event for event in events if event.end_time < now]
        return self.render_to_response(self.get_context_data(upcoming=upcoming, past=past))


class RegistrationListView(RegistrationsPermissionMixin, SafeSpreadsheetExportMixin, IndexView):
    """One event's registrations: name, staff number, department, status, signed up at, attended."""

    model = Registration
    template_name = "campaigns/admin/registration_list.html"
    header_icon = "list-ul"
    index_url_name = "campaigns_registrations_list"
    paginate_by = 100
    default_ordering = "created_at"
    list_display = [
        Column("name", label=pgettext_lazy("person", "Name"), accessor="user.display_name"),
        Column("staff_number", label=gettext_lazy("Staff number"), accessor="user.staff_number"),
        Column("department", label=gettext_lazy("Department"), accessor="department_name"),
        StatusTagColumn(
            "get_status_display",
            label=pgettext_lazy("portal", "Status"),
            primary=lambda registration: registration.status == RegistrationStatus.CONFIRMED,
        ),
        Column("created_at", label=gettext_lazy("Signed up at"), accessor=lambda r: _local(r.created_at)),
        Column("attended_at", label=gettext_lazy("Attended at"), accessor=lambda r: _local(r.attended_at)),
    ]
    list_export = [
        "user.display_name",
        "user.staff_number",
        "department_name",
        "get_status_display",
        "created_at",
        "promoted_at",
        "cancelled_at",
        "attended_at",
    ]

    # Times in the organisation's time zone (Wagtail would write XLSX times in UTC).
    custom_field_preprocess = {
        field: {"csv": _local, "xlsx": _naive_local}
        for field in ("created_at", "promoted_at", "cancelled_at", "attended_at")
    }

    @property
    def export_headings(self):
        return {
            "user.display_name": pgettext_lazy("person", "Name"),
            "user.staff_number": gettext_lazy("Staff number"),
            "department_name": gettext_lazy("Department"),
            "get_status_display": pgettext_lazy("portal", "Status"),
            "created_at": gettext_lazy("Signed up at"),
            "promoted_at": gettext_lazy("Moved up from the waiting list at"),
            "cancelled_at": gettext_lazy("Cancelled at"),
            "attended_at": gettext_lazy("Attended at"),
        }

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.event = get_object_or_404(EventPage, pk=kwargs["event_id"], takes_registrations=True)

    @property
    def page_title(self):
        return self.event.title

    def get_page_subtitle(self):
        return gettext_lazy("Registrations")

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.event.pk])

    def get_filename(self):
        return f"registrations-{self.event.pk}-{timezone.localdate():%Y%m%d}"

    def get_base_queryset(self):
        return (
            Registration.objects.for_event(self.event)
            .select_related("user__department")
            .annotate(department_name=Coalesce(F("user__department__name"), Value("")))
            .order_by(
                # Confirmed first, then the waiting list in its order, then the cancelled.
                Case(
                    When(status=RegistrationStatus.CONFIRMED, then=Value(0)),
                    When(status=RegistrationStatus.WAITING, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                ),
                "created_at",
                "pk",
            )
        )

    def order_queryset(self, queryset):
        return queryset

    @property
    def header_buttons(self):
        return [
            HeaderButton(
                gettext_lazy("Mark attendance"),
                url=reverse("campaigns_registrations_attendance", args=[self.event.pk]),
                icon_name="tick",
            )
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["event"] = self.event
        context["counts"] = Registration.objects.for_event(self.event).counts()
        return context


class AttendanceView(RegistrationsPermissionMixin, WagtailAdminTemplateMixin, View):
    """签到: type or scan a staff number, press Enter; the answer says who was checked in or why not."""

    template_name = "campaigns/admin/attendance.html"
    header_icon = "tick"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.event = get_object_or_404(EventPage, pk=kwargs["event_id"], takes_registrations=True)

    def get_page_title(self):
        return gettext_lazy("Mark attendance")

    def get_page_subtitle(self):
        return self.event.title

    def render(self, form, result=None):
        registrations = Registration.objects.for_event(self.event)
        context = self.get_context_data(
            form=form,
            result=result,
            event=self.event,
            counts=registrations.counts(),
            recent=list(
                registrations.attended()
                .select_related("user__department")
                .order_by("-attended_at", "-pk")[:RECENT_CHECK_INS]
            ),
            list_url=reverse("campaigns_registrations_list", args=[self.event.pk]),
        )
        return self.render_to_response(context)

    def get(self, request, event_id):
        return self.render(AttendanceForm())

    def post(self, request, event_id):
        form = AttendanceForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        try:
            registration = services.mark_attendance(self.event, form.cleaned_data["staff_number"], request.user)
        except ValidationError as error:
            # The number stays in the box, selected, so the next scan replaces it.
            return self.render(form, result={"ok": False, "message": " ".join(error.messages)})
        return self.render(AttendanceForm(), result={"ok": True, "message": services.attendance_message(registration)})


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_registrations(request.user)


def registrations_menu_item():
    return RegistrationsMenuItem(
        gettext_lazy("Event registrations"),
        reverse("campaigns_registrations"),
        name="event-registrations",
        icon_name="date",
        order=258,
    )


def registration_admin_urls():
    return [
        path("event-registrations/", EventRegistrationsIndexView.as_view(), name="campaigns_registrations"),
        path(
            "event-registrations/<int:event_id>/",
            RegistrationListView.as_view(),
            name="campaigns_registrations_list",
        ),
        path(
            "event-registrations/<int:event_id>/attendance/",
            AttendanceView.as_view(),
            name="campaigns_registrations_attendance",
        ),
    ]
