"""Registrations only: the snippet viewset, the admin URL, the admin buttons, log actions, other pages' panels.

What is registered lives in notes/admin_views.py and notes/panels.py.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import admin_views, panels, services
from .models import ReadingNote

# Before the snippet is registered, which would make Wagtail create a plain policy for it.
register_permission_policy(ReadingNote, admin_views.ReadingNotePermissionPolicy(ReadingNote))
register_snippet(admin_views.ReadingNoteViewSet)


@hooks.register("register_admin_urls")
def register_note_admin_urls():
    return [
        path(
            "reading-notes/<int:pk>/excellent/",
            admin_views.MarkExcellentView.as_view(),
            name=admin_views.EXCELLENT_URL_NAME,
        )
    ]


@hooks.register("register_log_actions")
def register_note_log_actions(actions):
    actions.register_action(services.LOG_MARK_EXCELLENT, _("Mark as 优秀"), _("Marked as 优秀"))
    actions.register_action(services.LOG_UNMARK_EXCELLENT, _("Remove 优秀 mark"), _("优秀 mark removed"))


hooks.register("register_snippet_listing_buttons", admin_views.note_listing_buttons)
hooks.register("register_snippet_action_menu_item", admin_views.note_excellent_menu_item)
hooks.register("construct_snippet_action_menu", admin_views.note_action_menu)
hooks.register("portal_book_page_panels", panels.book_notes_panel)
hooks.register("portal_campaign_page_panels", panels.campaign_notes_panel)
