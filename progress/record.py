"""The reading record: what counts as having read a book, as queries the database answers.

A **verified read** (有效阅读) is a loan of a title that lasted at least ``min_days``
days (default 7: a borrow-and-return in minutes is not reading), counted once per
employee and title. It is dated by its **return**; a loan still out is dated the
day it reached ``min_days`` days (``lent_at + min_days``). A loan still out at the
end of a month is therefore a read of that month, and moves to the month of its
return when it comes back.

That move would let one read count in two award rounds (the round of the month
it reached N days, generated while the book was out, and the round of the month
it was returned). The reading record does not know about rounds (they are a
layer above): ``verified_loans`` takes ``counted_elsewhere``, rows (with a
``loan`` field) of reads already counted elsewhere, left out; and ``kept``, loan
ids counted regardless of their date. honours.scoring passes the reads other
rounds of the same award and series have counted, and the round's own reads
from its previous generation whose date has moved since (see honours.models.CountedRead).

Once per employee and title: only the employee's *first* verified loan of a title
(by the time it was lent) counts, in the period its date falls in; a second loan of
the same title never counts again.

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
    Case,
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, TruncMonth
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


def _window(start, end, as_of):
    """[low, high): the period's bounds, the upper one no later than `as_of` (now by default)."""
    low, high = period_bounds(start, end)
    return low, min(high, (as_of or timezone.now()) + datetime.timedelta(microseconds=1))


def read_on(start, end, *, min_days=DEFAULT_MIN_DAYS, as_of=None):
    """The date of a loan's verified read, for the loans `verified_loans` gives for this period:
    its return when it was returned in the period (by `as_of`), else the day it reached `min_days`.

    For a loan dated in the period that is the rule (returned: the return; still out: the
    N-day mark). A loan ``kept`` by a round (counted by its previous generation while out,
    returned after the period) keeps the date it was counted with, its N-day mark.
    """
    low, high = _window(start, end, as_of)
    return Case(
        When(returned_at__gte=low, returned_at__lt=high, then=F("returned_at")),
        default=ExpressionWrapper(F("lent_at") + datetime.timedelta(days=min_days), output_field=DateTimeField()),
        output_field=DateTimeField(),
    )


def dated_in(start, end, *, min_days=DEFAULT_MIN_DAYS, as_of=None):
    """A Q: the loan's read date falls in the period — returned in it, or still out (at `as_of`)
    and `min_days` days old in it. Two ranges on indexed columns (``returned_at``, ``lent_at``)."""
    span = datetime.timedelta(days=min_days)
    low, high = _window(start, end, as_of)
    still_out = Q(returned_at__isnull=True)
    if as_of is not None:
        still_out |= Q(returned_at__gt=as_of)
    return Q(returned_at__gte=low, returned_at__lt=high) | (
        still_out & Q(lent_at__gte=low - span, lent_at__lt=high - span)
    )


def verified_loans(start, end, *, min_days=DEFAULT_MIN_DAYS, as_of=None, counted_elsewhere=None, kept=None):
    """Loans that are an employee's first verified read of a title, dated in [start, end].

    Dated in the period: returned in it (and kept at least `min_days`), or still out
    (at `as_of`) and reached `min_days` days in it. Both are ranges on an indexed
    column (``returned_at``, ``lent_at``); the "first of this title" test is an
    anti-join on the borrower's earlier loans of the same book (index loan_reader_title_idx).

    `counted_elsewhere`: a queryset of rows with a ``loan`` field (reads counted
    by other award rounds): those loans are left out (an anti-join). `kept`: loan
    ids (a short list) that count whatever their date (a round's own reads whose date moved).
    """
    dated = dated_in(start, end, min_days=min_days, as_of=as_of)
    if kept is not None:
        dated |= Q(pk__in=kept)
    earlier = Loan.objects.filter(_lasted(min_days), borrower=OuterRef("borrower"), book=OuterRef("book")).filter(
        Q(lent_at__lt=OuterRef("lent_at")) | Q(lent_at=OuterRef("lent_at"), pk__lt=OuterRef("pk"))
    )
    loans = Loan.objects.filter(_lasted(min_days), dated).exclude(Exists(earlier))
    if counted_elsewhere is not None:
        loans = loans.exclude(Exists(counted_elsewhere.filter(loan=OuterRef("pk"))))
    return loans


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
    borrowers = Loan.objects.filter(
        Q(returned_at__gte=low, returned_at__lt=high) | Q(lent_at__gte=low - span, lent_at__lt=high - span)
    ).values("borrower_id")
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
    never = Value(NEVER, output_field=DateTimeField())
    dated = read_on(start, end, min_days=min_days, as_of=as_of)
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
            Coalesce(_latest(reads, dated, "borrower"), never),
            Coalesce(_latest(notes, F("first_published_at"), "author"), never),
            Coalesce(_latest(excellent, F("marked_excellent_at"), "author"), never),
        ),
    )


__all__ = [
    "DEFAULT_MIN_DAYS",
    "active_employees",
    "approved_notes",
    "dated_in",
    "ever_read",
    "excellent_notes",
    "grouped_figures",
    "period_bounds",
    "read_on",
    "reading_figures",
    "verified_loans",
    "with_verified_read",
]


def grouped_figures(
    start, end, *, min_days=DEFAULT_MIN_DAYS, as_of=None, by_month=False, counted_elsewhere=None, kept=None
):
    """The period's figures as grouped querysets, one row per employee, for joining at scale.

    reads: (borrower_id, n, last) — verified reads and the date of the latest;
    notes: (author_id, n, last) — approved notes; excellent: (author_id, n, last)
    — 优秀 marks; verified_notes: (author_id, n). Each is one pass over the
    period's rows (the ranking joins them in one statement; see honours.scoring).

    `by_month`: reads, notes and excellent are grouped per employee *and* calendar
    month of their date (a ``month`` column, in the site's time zone), for caps that
    apply month by month. `counted_elsewhere` and `kept` go to `verified_loans`.
    """
    dated = read_on(start, end, min_days=min_days, as_of=as_of)
    zone = timezone.get_default_timezone()

    def grouped(queryset, who, when):
        keys = {"month": TruncMonth(when, tzinfo=zone)} if by_month else {}
        return (
            queryset.order_by()
            .values(who, **keys)
            .annotate(n=Count("pk"), last=Max(when, output_field=DateTimeField()))
        )

    reads = verified_loans(start, end, min_days=min_days, as_of=as_of, counted_elsewhere=counted_elsewhere, kept=kept)
    return {
        "reads": grouped(reads, "borrower_id", dated),
        "notes": grouped(approved_notes(start, end), "author_id", F("first_published_at")),
        "excellent": grouped(excellent_notes(start, end), "author_id", F("marked_excellent_at")),
        "verified_notes": with_verified_read(approved_notes(start, end), min_days, as_of)
        .filter(verified=True)
        .order_by()
        .values("author_id")
        .annotate(n=Count("pk")),
    }
