"""我的阅读计划: the logged-in employee's goal, progress and pace, planned books and self-reported reads;
and 个人成长档案, the reading record by year (page and XLSX).

Everything on the plan acts on the employee's own plan only: another employee's planned books and
reads are looked up with `user=request.user`, so they answer 404. A reading record is shown to its
employee and to staff holding ``progress.view_reading_record`` (成长档案查阅); anyone else asking for
another employee's record gets 404, whether that staff number exists or not. The pages run a fixed
number of queries whatever they hold (see tests/test_plan.py and tests/test_record.py).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models.functions import Upper
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from booklists.models import Book, BookListPage
from campaigns.models import ReadingChallengePage
from people.models import staff_number_key
from portal.models import visible

from . import archive, challenges, exports, services
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


# -- 个人成长档案 ----------------------------------------------------------------

RECORD_PERMISSION = "progress.view_reading_record"


def _record_owner(request, staff_number=None):
    """The employee whose record is asked for, with their department: the requester's own, or,
    for a holder of the record permission, anyone's. 404 for anyone else, before any lookup."""
    employees = get_user_model().objects.select_related("department")
    if staff_number is None or staff_number_key(staff_number) == staff_number_key(request.user.staff_number):
        return employees.get(pk=request.user.pk)
    if not request.user.has_perm(RECORD_PERMISSION):
        raise Http404
    return get_object_or_404(employees.alias(key=Upper("staff_number")), key=staff_number_key(staff_number))


def _record_urls(owner, own):
    if own:
        return reverse("progress:record"), reverse("progress:record_xlsx")
    return (
        reverse("progress:employee_record", args=[owner.staff_number]),
        reverse("progress:employee_record_xlsx", args=[owner.staff_number]),
    )


def _record_context(request, staff_number):
    owner = _record_owner(request, staff_number)
    today = timezone.localdate()
    year = archive.parse_year(request.GET.get("year"), today)
    if year is None:
        raise Http404
    return owner, year, today


@never_cache
@login_required
def record(request, staff_number=None):
    owner, year, today = _record_context(request, staff_number)
    own = owner.pk == request.user.pk
    page_url, xlsx_url = _record_urls(owner, own)
    return render(
        request,
        "progress/record.html",
        {
            "owner": owner,
            "own": own,
            "year": year,
            "years": archive.activity_years(owner, today),
            "sections": archive.sections_for(owner, year, today),
            "today": today,
            "page_url": page_url,
            "xlsx_url": f"{xlsx_url}?year={year}",
        },
    )


@never_cache
@login_required
def record_xlsx(request, staff_number=None):
    owner, year, today = _record_context(request, staff_number)
    content = exports.record_workbook(owner, year, archive.sections_for(owner, year, today))
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="reading-record-{owner.staff_number}-{year}.xlsx"'
    return response


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
