"""Panels the reading plan puts on other apps' pages (registered in wagtail_hooks.py):
the "add to my reading plan" button on a catalogue book page (portal_book_page_panels), the
"add this list to my plan" button on a recommended list (portal_book_list_page_panels) and the
plan's progress on "my library" (loans_my_library_panels); and the themed reading challenges' panels
on the challenge page (portal_challenge_page_panels) and on "my library"."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import challenges, record, services
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


# -- themed reading challenges (progress/challenges.py) -------------------------------------


def challenge_page_panels(request, page):
    """On a challenge page (portal_challenge_page_panels): the visitor's own progress with the
    join/leave button, then the overall and per-department completion. Three queries at most."""
    today = timezone.localdate()
    ended = page.end_date < today
    progress = challenges.progress_for(request.user, page) if request.user.is_authenticated else None
    overall = challenges.completion(page)
    departments = challenges.department_completion(page)
    for department in departments:
        department["percent"] = challenges.rate_percent(department["rate"])
    return [
        {
            "template": "progress/panels/challenge_progress.html",
            "challenge": page,
            "progress": progress,
            "ended": ended,
            "min_days": record.DEFAULT_MIN_DAYS,
            "may_join": progress is not None and page.is_self_enrolment and not progress.taking_part and not ended,
            "may_leave": progress is not None and page.is_self_enrolment and progress.taking_part and not ended,
        },
        {
            "template": "progress/panels/challenge_completion.html",
            "challenge": page,
            "overall": overall,
            "overall_percent": challenges.rate_percent(overall["rate"]),
            "departments": departments,
        },
    ]


def my_challenges_panel(request, user):
    """The employee's running and recently ended challenges on "my library": TWO queries."""
    entries = challenges.my_challenges(user)
    if not entries:
        return []
    return [{"template": "progress/panels/my_challenges.html", "entries": entries, "today": timezone.localdate()}]


def challenge_record_section(user, year):
    """个人成长档案: the challenges the employee finished that ended in `year` (progress_record_sections).

    TWO queries. `rows` are plain values for the XLSX export, in the order of `columns`.
    """
    finished = challenges.completed_in_year(user, year)
    rows = [
        [
            entry.challenge.title,
            entry.challenge.campaign_title or "",
            entry.challenge.start_date,
            entry.challenge.end_date,
            entry.reads,
            entry.notes,
            pgettext("challenge", "Completed"),
        ]
        for entry in finished
    ]
    return [
        {
            "order": 40,
            "key": "challenges",
            "title": _("Reading challenges completed"),
            "template": "progress/record/challenges.html",
            "columns": [
                _("Challenge"),
                _("Campaign"),
                _("Starts on"),
                _("Ends on"),
                _("Verified reads counted"),
                _("Approved notes counted"),
                pgettext("portal", "Status"),
            ],
            "rows": rows,
            "entries": finished,
        }
    ]
