"""Registers the reading plan's and the reading challenges' panels on pages of apps to its left (see panels.py)."""

from wagtail import hooks

from . import panels

hooks.register("portal_book_page_panels", panels.book_plan_panel)
hooks.register("portal_book_list_page_panels", panels.list_plan_panel)
hooks.register("loans_my_library_panels", panels.my_plan_panel)
hooks.register("portal_challenge_page_panels", panels.challenge_page_panels)
hooks.register("loans_my_library_panels", panels.my_challenges_panel)
hooks.register("progress_record_sections", panels.challenge_record_section)
