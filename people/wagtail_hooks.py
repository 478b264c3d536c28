"""Registers the people app's admin views (people/admin_views.py) with Wagtail."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import admin_views
from .admin_views import DepartmentViewSet, LockoutMenuItem


@hooks.register("register_admin_viewset")
def register_department_viewset():
    return DepartmentViewSet("departments")


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return admin_views.admin_urls()


@hooks.register("register_settings_menu_item")
def register_lockout_menu_item():
    return LockoutMenuItem(_("Locked log-ins"), reverse("people_lockouts:index"), icon_name="lock", order=660)
