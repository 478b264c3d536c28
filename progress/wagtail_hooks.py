"""Registers the reading plan's and the reading challenges' panels on pages of apps to its left
(see panels.py) and the admin's reading-record lookup for 成长档案查阅 (see admin_views.py)."""

from wagtail import hooks

from . import admin_views, panels

hooks.register("portal_book_page_panels", panels.book_plan_panel)
hooks.register("portal_book_list_page_panels", panels.list_plan_panel)
hooks.register("loans_my_library_panels", panels.my_plan_panel)
hooks.register("register_admin_urls", admin_views.admin_urls)
hooks.register("register_admin_menu_item", admin_views.record_menu_item)
hooks.register("portal_challenge_page_panels", panels.challenge_page_panels)
hooks.register("loans_my_library_panels", panels.my_challenges_panel)
hooks.register("progress_record_sections", panels.challenge_record_section)
