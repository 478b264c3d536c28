"""Registers the people app's admin views (people/admin_views.py) with Wagtail."""

from wagtail import hooks

from .admin_views import DepartmentViewSet


@hooks.register("register_admin_viewset")
def register_department_viewset():
    return DepartmentViewSet("departments")
