"""Admin screen of the reading record: 成长档案查阅 looks an employee up by staff number and opens
their reading record (the public page, progress.views.record). Only holders of
``progress.view_reading_record`` see the menu item and get in."""

from django.contrib.auth import get_user_model
from django.db.models.functions import Upper
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from people.models import staff_number_key

from .forms import RecordLookupForm
from .models import ReadingGoal

ACTION = "view_reading_record"


class RecordPermissionPolicy(ModelPermissionPolicy):
    """ReadingGoal's model permissions, plus ``view_reading_record`` (a codename without the model suffix)."""

    def _get_permission_codename(self, action):
        return action if action == ACTION else super()._get_permission_codename(action)

    def user_has_permission(self, user, action):
        return user.is_active and super().user_has_permission(user, action)


record_permission_policy = RecordPermissionPolicy(ReadingGoal)


class RecordLookupView(PermissionCheckedMixin, WagtailAdminTemplateMixin, View):
    permission_policy = record_permission_policy
    permission_required = ACTION
    template_name = "progress/admin/record_lookup.html"
    page_title = gettext_lazy("Reading records")
    header_icon = "user"

    def get(self, request):
        if "staff_number" not in request.GET:
            return self.render(RecordLookupForm())
        form = RecordLookupForm(request.GET)
        if form.is_valid():
            number = form.cleaned_data["staff_number"]
            employee = (
                get_user_model()
                .objects.alias(key=Upper("staff_number"))
                .filter(key=staff_number_key(number))
                .only("staff_number")
                .first()
            )
            if employee is not None:
                return redirect("progress:employee_record", employee.staff_number)
            form.add_error("staff_number", _("No employee has the staff number %(number)s.") % {"number": number})
        return self.render(form)

    def render(self, form):
        return self.render_to_response(self.get_context_data(form=form))


class RecordMenuItem(MenuItem):
    def is_shown(self, request):
        return record_permission_policy.user_has_permission(request.user, ACTION)


def admin_urls():
    return [path("reading-records/", RecordLookupView.as_view(), name="progress_record_lookup")]


def record_menu_item():
    return RecordMenuItem(
        gettext_lazy("Reading records"),
        reverse("progress_record_lookup"),
        name="reading-records",
        icon_name="user",
        order=258,
    )
