"""我的阅读计划: the logged-in employee's goal, progress and pace, planned books and self-reported reads.

Everything here acts on the employee's own plan only: another employee's planned books and
reads are looked up with `user=request.user`, so they answer 404. The page runs a fixed number
of queries whatever the plan holds (see tests/test_plan_page.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from booklists.models import Book, BookListPage
from campaigns.models import ReadingChallengePage
from portal.models import visible

from . import challenges, services
from .forms import GoalForm, PlannedBookForm, SelfReadForm
from .models import PlannedBook, ReadingGoal, SelfReportedRead

ACTIONS = {"goal": GoalForm, "planned": PlannedBookForm, "self_read": SelfReadForm}


def _apply(request, action, form, today):
    """Run the service for a valid form; a refusal becomes the form's error and nothing is written."""
    data = form.cleaned_data
    try:
        if action == "goal":
            services.set_goal(request.user, data["books"], today)
            messages.success(request, _("Your reading goal is saved."))
        elif action == "planned":
            services.add_planned(request.user, title=data["title"], author=data["author"], today=today)
            messages.success(request, _("Added to your reading plan."))
        else:
            services.report_read(
                request.user,
                title=data["title"],
                author=data["author"],
                finished_on=data["finished_on"],
                note=data["note"],
            )
            messages.success(request, _("Your read is recorded as self-reported."))
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@login_required
def plan(request):
    today = timezone.localdate()
    goal = ReadingGoal.objects.filter(user=request.user, year=today.year).first()
    forms = {
        "goal": GoalForm(instance=goal, prefix="goal"),
        "planned": PlannedBookForm(prefix="planned"),
        "self_read": SelfReadForm(prefix="self_read"),
    }
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            return redirect("progress:plan")
        # A fresh instance: a refused change must not alter the goal shown next to the form.
        form = ACTIONS[action](request.POST, prefix=action)
        if form.is_valid() and _apply(request, action, form, today):
            return redirect("progress:plan")
        forms[action] = form
    verified = list(services.verified_reads(request.user, today.year).select_related("book").order_by("lent_at"))
    reported = list(services.self_reads(request.user, today.year))
    planned = list(PlannedBook.objects.filter(user=request.user, year=today.year))
    read_books = {loan.book_id for loan in verified}
    read_titles = {(read.title, read.author) for read in reported} | {
        (loan.book.title, loan.book.authors) for loan in verified
    }
    for item in planned:
        item.is_read = item.book_id in read_books or (item.title, item.author) in read_titles
    progress = services.progress_for(goal, len(verified), len(reported), today) if goal else None
    return render(
        request,
        "progress/plan.html",
        {
            "goal": goal,
            "progress": progress,
            "verified": verified,
            "reported": reported,
            "planned": planned,
            "forms": forms,
            "year": today.year,
            "today": today,
        },
    )


def _back(request, fallback="progress:plan"):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def add_book(request, book_id):
    book = get_object_or_404(Book, pk=book_id)
    try:
        services.add_planned(request.user, book=book)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("《%(title)s》 is added to your reading plan.") % {"title": book.title})
    return _back(request)


@login_required
@require_POST
def add_list(request, page_id):
    page = get_object_or_404(BookListPage.objects.live().public(), pk=page_id)
    added = services.add_books(request.user, [item.book for item in page.items.select_related("book")])
    if added:
        messages.success(
            request,
            ngettext(
                "%(count)d book of this list is added to your reading plan.",
                "%(count)d books of this list are added to your reading plan.",
                added,
            )
            % {"count": added},
        )
    else:
        messages.info(request, _("Every book of this list is already in your reading plan."))
    return _back(request)


@login_required
@require_POST
def remove_planned(request, pk):
    get_object_or_404(PlannedBook, pk=pk, user=request.user).delete()
    messages.success(request, _("Removed from your reading plan."))
    return redirect("progress:plan")


@login_required
@require_POST
def remove_self_read(request, pk):
    get_object_or_404(SelfReportedRead, pk=pk, user=request.user).delete()
    messages.success(request, _("The self-reported read is removed."))
    return redirect("progress:plan")


# -- themed reading challenges --------------------------------------------------------------


def _challenge_action(request, page_id, action, success):
    """Join or leave a live challenge page (any language); a refusal is shown and nothing changes."""
    page = get_object_or_404(visible(ReadingChallengePage.objects.all()), pk=page_id)
    try:
        action(request.user, page)
    except challenges.ChallengeRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, success % {"title": page.title})
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(page.get_url(request))


@login_required
@require_POST
def join_challenge(request, page_id):
    return _challenge_action(request, page_id, challenges.join, _("You have joined “%(title)s”."))


@login_required
@require_POST
def leave_challenge(request, page_id):
    return _challenge_action(request, page_id, challenges.leave, _("You have left “%(title)s”."))
