"""Live figures (实时数据) for the home page and the reports, computed by the database.

Every figure the portal can compute is one row of a single ``UNION ALL`` statement (``compute``),
so the home page pays one query for all of them, and nothing at all while the result is in the
cache (``current``: the shared Django cache, ``CACHE_SECONDS``). A figure no database can know,
到馆人次 (visits), is the sum of what librarians record at the desk (``VisitRecord``) and is
labelled as recorded wherever it is shown.

Definitions (the year is the calendar year in the site's time zone):

- titles: titles in the catalogue (图书品种); copies: copies not lost or withdrawn (馆藏册数);
- reading rooms: active reading rooms and book boxes;
- loans this year: loans lent this year;
- active readers: employees with a verified read (有效阅读, progress.record) or an approved
  note this year;
- notes published: reading notes published (all years);
- participation rate: active readers per head of the departments' headcount (the employees
  with an account when no department has a headcount);
- visits this year: the recorded visits of all rooms this year.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import CharField, Count, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from booklists.models import Book
from loans.models import Copy, Loan, ReadingRoom
from notes.models import ReadingNote
from people.models import Department
from progress.record import approved_notes, period_bounds, verified_loans

from .models import VisitRecord

CACHE_SECONDS = 300
CACHE_KEY = "reports:figures:%d"


@dataclass(frozen=True)
class Figure:
    key: str
    name: str  # what editors choose from
    label: str  # what visitors read under the number, unless the editor wrote their own
    unit: str = ""
    recorded: bool = False
    percent: bool = False


def _label(text):
    return pgettext_lazy("live figure", text)


def _unit(text):
    return pgettext_lazy("figure unit", text)


FIGURES = {
    figure.key: figure
    for figure in (
        Figure("titles", _("Titles in the catalogue"), _label("in the catalogue"), _unit("titles")),
        Figure("copies", _("Books in the reading rooms"), _label("in the reading rooms"), _unit("books")),
        Figure(
            "reading_rooms", _("Reading rooms and book boxes"), _label("reading rooms and book boxes"), _unit("rooms")
        ),
        Figure("loans_this_year", _("Loans this year"), _label("lent this year"), _unit("loans")),
        Figure("active_readers", _("Active readers this year"), _label("active this year"), _unit("readers")),
        Figure("notes_published", _("Reading notes published"), _label("published"), _unit("notes")),
        Figure(
            "participation_rate",
            _("Participation rate this year"),
            _label("of the staff reading this year"),
            "%",
            percent=True,
        ),
        Figure(
            "visits_this_year",
            _("Visits this year (recorded at the desk)"),
            _label("at the reading rooms this year"),
            _unit("visits"),
            recorded=True,
        ),
    )
}
CHOICES = [(figure.key, figure.name) for figure in FIGURES.values()]


def _row(key, queryset, aggregate):
    """SELECT '<key>', <aggregate> FROM …: one row, even for an empty table."""
    return (
        queryset.order_by()
        .annotate(figure=Value(key, output_field=CharField()))
        .values("figure")
        .annotate(n=Coalesce(aggregate, Value(0), output_field=IntegerField()))
        .values_list("figure", "n")
    )


def compute(year=None):
    """{key: number} for every figure, in ONE query. `year`: the calendar year (this one by default)."""
    year = year or timezone.localdate().year
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    low, high = period_bounds(start, end)
    User = get_user_model()
    active = User.objects.filter(
        Q(pk__in=verified_loans(start, end).values("borrower_id"))
        | Q(pk__in=approved_notes(start, end).values("author_id"))
    )
    rows = [
        _row("titles", Book.objects.all(), Count("pk")),
        _row("copies", Copy.objects.usable(), Count("pk")),
        _row("reading_rooms", ReadingRoom.objects.filter(is_active=True), Count("pk")),
        _row("loans_this_year", Loan.objects.filter(lent_at__gte=low, lent_at__lt=high), Count("pk")),
        _row("active_readers", active, Count("pk")),
        _row("notes_published", ReadingNote.objects.filter(live=True), Count("pk")),
        _row("headcount", Department.objects.all(), Sum("headcount")),
        _row("employees", User.objects.filter(is_active=True), Count("pk")),
        _row("visits_this_year", VisitRecord.objects.in_year(year), Sum("count")),
    ]
    values = dict(rows[0].union(*rows[1:], all=True))
    values = {key: values.get(key) or 0 for key in (*FIGURES, "headcount", "employees")}
    people = values.pop("headcount") or values.pop("employees")
    values.pop("employees", None)
    values["participation_rate"] = round(100 * values["active_readers"] / people, 1) if people else 0
    return values


def current(year=None):
    """`compute`, kept in the shared cache for CACHE_SECONDS (the home page asks on every view)."""
    year = year or timezone.localdate().year
    key = CACHE_KEY % year
    values = cache.get(key)
    if values is None:
        values = compute(year)
        cache.set(key, values, CACHE_SECONDS)
    return values


def formatted(key, value):
    """A figure as people read it: 20,000; 37.5 (percent) without a trailing .0."""
    if FIGURES[key].percent:
        return f"{value:.1f}".removesuffix(".0")
    return f"{int(value):,}"
