"""Panels the reading plan puts on other apps' pages (registered in wagtail_hooks.py):
the "add to my reading plan" button on a catalogue book page (portal_book_page_panels), the
"add this list to my plan" button on a recommended list (portal_book_list_page_panels) and the
plan's progress on "my library" (loans_my_library_panels)."""

from django.utils import timezone

from . import services
from .models import PlannedBook


def book_plan_panel(request, book):
    """One query for a logged-in employee (is the book planned already?); nothing for visitors."""
    if not request.user.is_authenticated:
        return []
    planned = PlannedBook.objects.filter(user=request.user, year=timezone.localdate().year, book=book).exists()
    return [{"template": "progress/panels/book_button.html", "book": book, "planned": planned}]


def list_plan_panel(request, page):
    if not request.user.is_authenticated or not page.pk:
        return []
    return [{"template": "progress/panels/list_button.html", "page": page}]


def my_plan_panel(request, user):
    """The goal, progress and pace: ONE query."""
    goal, progress = services.summary(user)
    return [{"template": "progress/panels/my_plan.html", "goal": goal, "progress": progress}]
