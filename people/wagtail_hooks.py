from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .models import Department


class DepartmentViewSet(ModelViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    menu_order = 650
    add_to_settings_menu = True
    form_fields = ["name", "code", "headcount", "sort_order"]
    list_display = ["name", "code", "headcount", Column("member_count", label=_("Registered members"))]
    search_fields = ["name", "code"]
    ordering = ["sort_order", "name"]

    def get_queryset(self, request):
        return Department.objects.annotate(member_count=Count("members"))


@hooks.register("register_admin_viewset")
def register_department_viewset():
    return DepartmentViewSet("departments")


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return admin_views.admin_urls()


class LockoutMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_unlock(request.user)


@hooks.register("register_settings_menu_item")
def register_lockout_menu_item():
    return LockoutMenuItem(_("Locked log-ins"), reverse("people_lockouts:index"), icon_name="lock", order=660)
