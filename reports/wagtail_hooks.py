"""Registers the reports admin: the organisers' dashboard (see admin_views.py)."""

from wagtail import hooks

from . import admin_views

hooks.register("register_admin_urls", admin_views.admin_urls)
hooks.register("register_admin_menu_item", admin_views.dashboard_menu_item)
hooks.register("register_admin_menu_item", admin_views.summary_menu_item)
