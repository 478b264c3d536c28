"""Departments in the Wagtail admin (Settings → Departments); people/wagtail_hooks.py registers them."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

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
