"""The reading record: what counts as having read a book, as queries the database answers.

A **verified read** (有效阅读) is a loan of a title that lasted at least ``min_days``
days (default 7: a borrow-and-return in minutes is not reading), counted once per
employee and title. It is dated the moment the loan reached ``min_days`` days:
for a loan still out that is the day it reached N days; for a returned loan it
is the same moment (the return came later). Dating a returned loan by its return
day instead would move a read from one month to the next when a book that was
out at the end of a month comes back, so the same read would be counted in two
rounds; with this date a read never moves once it exists.

Once per employee and title: only the employee's *first* verified loan of a title
counts, in the period its date falls in; a second loan of the same title never
counts again.

An **approved note** is a published reading note, dated when first published.
Its 优秀 mark is dated when the moderator marked it. A **verified note** is a
note on a book its author has a verified read of.

Every function takes a period (local dates, both ends included) and returns a
QuerySet, so callers add their own set of employees and the database computes
each figure in one query. The honour wall, reports and reading plans use these.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from .sources import Loan, ReadingNote

DEFAULT_MIN_DAYS = 7
# Stands for "no activity" in the last-activity comparison (SQLite's MAX(a, b) is NULL if either is).
NEVER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def period_bounds(start, end):
    """Aware datetimes [start 00:00, the day after end 00:00) in the site's time zone."""
    zone = timezone.get_default_timezone()
    low = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), zone)
    high = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), zone)
    return low, high


def _lasted(min_days):
    """The loan lasted `min_days` days: still out, or returned at least that long after lending."""
    return Q(returned_at__isnull=True) | Q(returned_at__gte=F("lent_at") + datetime.timedelta(days=min_days))


def verified_loans(start, end, *, min_days=DEFAULT_MIN_DAYS, as_of=None):
    """Loans that are an employee's first verified read of a title, dated in [start, end].

    The date of a read is ``lent_at + min_days``; the period filter is therefore
    a range on ``lent_at`` (indexed), and the "first of this title" test an
    anti-join on the borrower's earlier loans of the same book.
    """
    span = datetime.timedelta(days=min_days)
    low, high = period_bounds(start, end)
    high = min(high, (as_of or timezone.now()) + datetime.timedelta(microseconds=1))
    earlier = Loan.objects.filter(_lasted(min_days), borrower=OuterRef("borrower"), book=OuterRef("book")).filter(
        Q(lent_at__lt=OuterRef("lent_at")) | Q(lent_at=OuterRef("lent_at"), pk__lt=OuterRef("pk"))
    )
    return Loan.objects.filter(_lasted(min_days), lent_at__gte=low - span, lent_at__lt=high - span).exclude(
        Exists(earlier)
    )


def ever_read(min_days=DEFAULT_MIN_DAYS, as_of=None):
    """Loans that make a verified read of their title at `as_of` (any date)."""
    reached = (as_of or timezone.now()) - datetime.timedelta(days=min_days)
    return Loan.objects.filter(_lasted(min_days), lent_at__lte=reached)


def approved_notes(start, end):
    """Published notes, dated by their first publication."""
    low, high = period_bounds(start, end)
    return ReadingNote.objects.filter(live=True, first_published_at__gte=low, first_published_at__lt=high)


def excellent_notes(start, end):
    """Published notes marked 优秀 in the period (dated by the mark)."""
    return ReadingNote.objects.excellent_between(start, end)


def with_verified_read(notes, min_days=DEFAULT_MIN_DAYS, as_of=None):
    """Annotate `verified`: the author has a verified read of the note's book (借阅后撰写, counted strictly)."""
    return notes.annotate(
        verified=Exists(ever_read(min_days, as_of).filter(borrower=OuterRef("author"), book=OuterRef("book")))
    )


def _count(queryset, field):
    """A correlated COUNT, 0 when there is nothing."""
    counted = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _latest(queryset, field, group):
    return Subquery(
        queryset.order_by().values(group).annotate(latest=Max(field)).values("latest")[:1],
        output_field=DateTimeField(),
    )


def active_employees(start, end, *, min_days=DEFAULT_MIN_DAYS):
    """Employees who may have a figure in the period (a loan in the window, or a note): a cheap pre-filter."""
    span = datetime.timedelta(days=min_days)
    low, high = period_bounds(start, end)
    borrowers = Loan.objects.filter(lent_at__gte=low - span, lent_at__lt=high - span).values("borrower_id")
    authors = approved_notes(start, end).values("author_id")
    excellent = excellent_notes(start, end).values("author_id")
    return get_user_model().objects.filter(Q(pk__in=borrowers) | Q(pk__in=authors) | Q(pk__in=excellent))


def reading_figures(users, start, end, *, min_days=DEFAULT_MIN_DAYS, as_of=None):
    """`users` annotated, in ONE query, with their figures for the period:

    reads (verified reads), notes (approved notes), excellent (notes marked 优秀),
    verified_notes (approved notes on a book they have a verified read of),
    last_activity (the latest of: a verified read's date, a note's publication,
    a 优秀 mark in the period; NULL with no activity).
    """
    span = datetime.timedelta(days=min_days)
    never = Value(NEVER, output_field=DateTimeField())
    reads = verified_loans(start, end, min_days=min_days, as_of=as_of).filter(borrower=OuterRef("pk"))
    notes = approved_notes(start, end).filter(author=OuterRef("pk"))
    excellent = excellent_notes(start, end).filter(author=OuterRef("pk"))
    verified_notes = with_verified_read(approved_notes(start, end), min_days, as_of).filter(
        author=OuterRef("pk"), verified=True
    )
    return users.annotate(
        reads=_count(reads, "borrower"),
        notes=_count(notes, "author"),
        excellent=_count(excellent, "author"),
        verified_notes=_count(verified_notes, "author"),
        last_activity=Greatest(
            Coalesce(_latest(reads, F("lent_at") + span, "borrower"), never),
            Coalesce(_latest(notes, F("first_published_at"), "author"), never),
            Coalesce(_latest(excellent, F("marked_excellent_at"), "author"), never),
        ),
    )


__all__ = [
    "DEFAULT_MIN_DAYS",
    "active_employees",
    "approved_notes",
    "ever_read",
    "excellent_notes",
    "grouped_figures",
    "period_bounds",
    "reading_figures",
    "verified_loans",
    "with_verified_read",
]


def grouped_figures(start, end, *, min_days=DEFAULT_MIN_DAYS, as_of=None):
    """The period's figures as grouped querysets, one row per employee, for joining at scale.

    reads: (borrower_id, n, last) — verified reads and the date of the latest;
    notes: (author_id, n, last) — approved notes; excellent: (author_id, n, last)
    — 优秀 marks; verified_notes: (author_id, n). Each is one pass over the
    period's rows (the ranking joins them in one statement; see honours.scoring).
    """
    span = datetime.timedelta(days=min_days)
    return {
        "reads": verified_loans(start, end, min_days=min_days, as_of=as_of)
        .order_by()
        .values("borrower_id")
        .annotate(n=Count("pk"), last=Max(F("lent_at") + span, output_field=DateTimeField())),
        "notes": approved_notes(start, end)
        .order_by()
        .values("author_id")
        .annotate(n=Count("pk"), last=Max("first_published_at")),
        "excellent": excellent_notes(start, end)
        .order_by()
        .values("author_id")
        .annotate(n=Count("pk"), last=Max("marked_excellent_at")),
        "verified_notes": with_verified_read(approved_notes(start, end), min_days, as_of)
        .filter(verified=True)
        .order_by()
        .values("author_id")
        .annotate(n=Count("pk")),
    }
