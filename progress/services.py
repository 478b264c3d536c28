"""The reading plan's rules: pace, progress and the changes an employee makes to their own plan.

**Pace** (应读): how many books an employee "should" have read by today to reach the goal
evenly over the year, rounded down::

    pace = goal × days elapsed / days in the period

The period runs from 1 January to 31 December (365 or 366 days: leap years count
their 29 February). A goal set during the year is paced from the day it was set,
not from 1 January (someone who starts in July is not "behind" by half a year on
day one): the period then runs from `set_on` to 31 December. Days elapsed count
today itself (on the last day of the year pace equals the goal). Changing the
number later keeps the original `set_on`.

Every change goes through ``full_clean()``, so the model's validators and
constraints refuse bad input with a message and nothing is written.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loans.models import NoticeKind
from loans.notices import notify

from . import record
from .models import PlannedBook, ReadingGoal, SelfReportedRead


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def pace(goal, set_on, today):
    """Books that should be read by `today` for `goal` books by 31 December, counted from `set_on`."""
    start, end = year_bounds(today.year)
    start = max(start, set_on) if set_on.year == today.year else start
    if today < start:
        return 0
    total = (end - start).days + 1
    elapsed = min((today - start).days + 1, total)
    return goal * elapsed // total


@dataclass
class Progress:
    goal: int
    verified: int
    self_reported: int
    expected: int

    @property
    def read(self):
        return self.verified + self.self_reported

    @property
    def difference(self):
        return self.read - self.expected

    @property
    def percent(self):
        return min(100, round(100 * self.read / self.goal)) if self.goal else 0

    @property
    def done(self):
        return self.read >= self.goal

    def pace_text(self):
        """已读 7 本，按进度应读 9 本，落后 2 本 (or 领先 / 进度正好)."""
        read = ngettext("%(count)d book read", "%(count)d books read", self.read) % {"count": self.read}
        expected = ngettext("%(count)d book expected by now", "%(count)d books expected by now", self.expected) % {
            "count": self.expected
        }
        if self.difference < 0:
            gap = ngettext("%(count)d book behind", "%(count)d books behind", -self.difference) % {
                "count": -self.difference
            }
        elif self.difference > 0:
            gap = ngettext("%(count)d book ahead", "%(count)d books ahead", self.difference) % {
                "count": self.difference
            }
        else:
            gap = _("on pace")
        return _("%(read)s, %(expected)s, %(gap)s") % {"read": read, "expected": expected, "gap": gap}


def verified_reads(user, year, today=None):
    """The employee's verified reads dated in `year` (progress.record), up to today."""
    start, end = year_bounds(year)
    return record.verified_loans(start, end).filter(borrower=user)


def self_reads(user, year):
    start, end = year_bounds(year)
    return SelfReportedRead.objects.filter(user=user, finished_on__gte=start, finished_on__lte=end)


def progress_for(goal, verified, self_reported, today):
    return Progress(
        goal=goal.books,
        verified=verified,
        self_reported=self_reported,
        expected=pace(goal.books, goal.set_on, today),
    )


# -- changes -----------------------------------------------------------------


def set_goal(user, books, today=None):
    """Set (or change) this year's goal. Raises ValidationError for a number out of bounds."""
    today = today or timezone.localdate()
    goal = ReadingGoal.objects.filter(user=user, year=today.year).first() or ReadingGoal(
        user=user, year=today.year, set_on=today
    )
    goal.books = books
    goal.full_clean()
    goal.save()
    return goal


def _planned(user, year, book=None, title="", author=""):
    if book is not None:
        title, author = book.title, book.authors
    return PlannedBook(user=user, year=year, book=book, title=title.strip(), author=author.strip())


def add_planned(user, *, book=None, title="", author="", today=None):
    """Add one planned book (catalogue `book`, or typed `title`/`author`). ValidationError if already planned."""
    today = today or timezone.localdate()
    planned = _planned(user, today.year, book, title, author)
    planned.full_clean()
    planned.save()
    return planned


def add_books(user, books, today=None):
    """Add every book of a list not yet in this year's plan; returns how many were added."""
    today = today or timezone.localdate()
    books = list(books)
    taken = set(
        PlannedBook.objects.filter(user=user, year=today.year, book__in=books).values_list("book_id", flat=True)
    )
    titles = set(PlannedBook.objects.filter(user=user, year=today.year).values_list("title", "author"))
    new = []
    for book in books:
        if book.pk in taken or (book.title, book.authors) in titles:
            continue
        taken.add(book.pk)
        titles.add((book.title, book.authors))
        new.append(_planned(user, today.year, book))
    with transaction.atomic():
        PlannedBook.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def report_read(user, *, title, author="", finished_on, note=""):
    """Record a self-reported read. ValidationError for a future date or a book already reported."""
    read = SelfReportedRead(user=user, title=title.strip(), author=author.strip(), finished_on=finished_on, note=note)
    read.full_clean()
    read.save()
    return read


def goals_with_counts(year):
    """This year's goals, each annotated with `verified` and `self_reported` counts: ONE query for any number."""
    start, end = year_bounds(year)
    verified = record.verified_loans(start, end).filter(borrower=OuterRef("user"))
    reported = SelfReportedRead.objects.filter(user=OuterRef("user"), finished_on__gte=start, finished_on__lte=end)
    return ReadingGoal.objects.filter(year=year).annotate(
        verified=_count(verified, "borrower"), self_reported=_count(reported, "user")
    )


def _count(queryset, field):
    counted = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def summary(user, today=None):
    """(goal, Progress) for the employee's goal this year, or (None, None): ONE query."""
    today = today or timezone.localdate()
    goal = goals_with_counts(today.year).filter(user=user).first()
    if goal is None:
        return None, None
    return goal, progress_for(goal, goal.verified, goal.self_reported, today)


def behind_message(progress):
    return lambda: _("Your reading plan: %(pace)s. Keep going!") % {"pace": progress.pace_text()}


def send_plan_reminders(today=None):
    """The monthly notice to everyone behind their pace; each employee gets at most one a month."""
    today = today or timezone.localdate()
    sent = 0
    for goal in goals_with_counts(today.year).select_related("user").filter(user__is_active=True):
        progress = progress_for(goal, goal.verified, goal.self_reported, today)
        if progress.difference >= 0 or progress.done:
            continue
        key = f"plan-behind:{goal.user_id}:{today:%Y-%m}"
        sent += notify(goal.user, NoticeKind.PLAN, key, behind_message(progress))
    return sent
