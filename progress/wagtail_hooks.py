"""Registers the reading plan's panels on pages of apps to its left (see panels.py)."""

from wagtail import hooks

from . import panels

hooks.register("portal_book_page_panels", panels.book_plan_panel)
hooks.register("portal_book_list_page_panels", panels.list_plan_panel)
hooks.register("loans_my_library_panels", panels.my_plan_panel)
