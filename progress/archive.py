"""个人成长档案: one employee's reading in one year, as sections the page and the spreadsheet share.

A **section** is a dict:

- ``order`` (int): where it stands on the page and in the workbook;
- ``key``: a stable identifier (HTML id, tests);
- ``title``: its translated heading (also the worksheet's name);
- ``template``: an HTML fragment rendered with ``section`` in its context;
- ``columns``: translated column headings;
- ``rows``: a list of rows, each a list of plain values (text, numbers, dates) under ``columns``.

A section may carry more keys for its own template (the plan's ``progress``, the notes' ``entries``);
``sections_for`` adds ``labelled_rows`` (each cell with its heading) for the table template,
``progress/record/table.html``, which any section may use.

The reading plan's sections come from here (plan 10, verified reads 20, self-reported reads 25,
notes 30). Apps above or beside progress add theirs through the ``progress_record_sections``
hook: each hook is ``fn(user, year) -> list of sections`` (challenges 40, events 50, honours 60),
registered from that app's wagtail_hooks.py. Every section runs a fixed number of queries.
"""

import datetime

from django.db.models import DateTimeField, ExpressionWrapper, F
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail import hooks

from . import record, services
from .models import ReadingGoal, SelfReportedRead
from .sources import ReadingNote

HOOK = "progress_record_sections"
FIRST_YEAR = 2000
TABLE_TEMPLATE = "progress/record/table.html"


def section(order, key, title, columns, rows, template=TABLE_TEMPLATE, **extra):
    """A section dict in the shape every section shares (see the module docstring)."""
    return {
        "order": order,
        "key": key,
        "title": title,
        "template": template,
        "columns": list(columns),
        "rows": [list(row) for row in rows],
        **extra,
    }


def read_date(loan, min_days=record.DEFAULT_MIN_DAYS):
    """The local day a verified read is dated (progress.record): its return, or the day it reached `min_days`."""
    return timezone.localtime(loan.returned_at or loan.lent_at + datetime.timedelta(days=min_days)).date()


def progress_sections(user, year, today=None):
    """The plan, the verified and self-reported reads and the published notes of `year`: four queries."""
    today = today or timezone.localdate()
    start, end = services.year_bounds(year)
    goal = ReadingGoal.objects.filter(user=user, year=year).first()
    verified = list(services.verified_reads(user, year).select_related("book", "lent_in").order_by("lent_at", "pk"))
    reported = list(services.self_reads(user, year).order_by("finished_on", "pk"))
    notes = list(
        record.approved_notes(start, end).filter(author=user).select_related("book").order_by("first_published_at")
    )

    # Pace as it stood on the year's last day for a past year, today for this one.
    progress = services.progress_for(goal, len(verified), len(reported), min(today, end)) if goal else None
    plan_row = [
        goal.books if goal else "",
        len(verified),
        len(reported),
        len(verified) + len(reported),
        progress.pace_text() if progress else _("No goal set"),
    ]
    excellent = _("Excellent")
    note_rows = [
        [
            note.title,
            note.book.title,
            timezone.localtime(note.first_published_at).date(),
            excellent if note.is_excellent else "",
        ]
        for note in notes
    ]
    return [
        section(
            10,
            "plan",
            _("Reading plan"),
            [_("Goal"), _("Verified reads"), _("Self-reported reads"), _("Books read in total"), _("Pace")],
            [plan_row],
            template="progress/record/plan.html",
            goal=goal,
            progress=progress,
        ),
        section(
            20,
            "verified",
            _("Verified reads"),
            [pgettext("portal", "Title"), _("Author"), _("Date read"), _("Reading room")],
            [
                [loan.book.title, loan.book.authors, read_date(loan), loan.lent_in.name if loan.lent_in else ""]
                for loan in verified
            ],
            template="progress/record/verified.html",
        ),
        section(
            25,
            "self_reported",
            _("Self-reported reads"),
            [pgettext("portal", "Title"), _("Author"), _("Date finished"), pgettext("portal", "Note")],
            [[read.title, read.author, read.finished_on, read.note] for read in reported],
            template="progress/record/self_reported.html",
        ),
        section(
            30,
            "notes",
            _("Reading notes"),
            [_("Title"), pgettext("portal", "Book"), _("Published on"), excellent],
            note_rows,
            template="progress/record/notes.html",
            entries=list(zip(notes, note_rows, strict=True)),
        ),
    ]


def sections_for(user, year, today=None):
    """Every section of the employee's record for `year`, in order: the plan's and the hooks'."""
    sections = progress_sections(user, year, today)
    for hook in hooks.get_hooks(HOOK):
        sections.extend(hook(user, year))
    for item in sections:
        # For the table template: each cell with its column's heading (the label on a phone).
        item.setdefault("labelled_rows", [list(zip(item["columns"], row, strict=False)) for row in item["rows"]])
    return sorted(sections, key=lambda item: item["order"])


def activity_years(user, today=None):
    """Years with a goal, a verified read, a self-reported read or a published note, newest first,
    always with this year: ONE query (a UNION of four)."""
    today = today or timezone.localdate()
    span = datetime.timedelta(days=record.DEFAULT_MIN_DAYS)
    read_on = Coalesce("returned_at", ExpressionWrapper(F("lent_at") + span, output_field=DateTimeField()))
    queries = [
        record.ever_read().filter(borrower=user).annotate(y=ExtractYear(read_on)).values_list("y"),
        SelfReportedRead.objects.filter(user=user).annotate(y=ExtractYear("finished_on")).values_list("y"),
        ReadingGoal.objects.filter(user=user).annotate(y=F("year")).values_list("y"),
        ReadingNote.objects.filter(author=user, live=True, first_published_at__isnull=False)
        .annotate(y=ExtractYear("first_published_at"))
        .values_list("y"),
    ]
    first, *rest = [query.order_by() for query in queries]
    years = {year for (year,) in first.union(*rest)} | {today.year}
    return sorted((year for year in years if FIRST_YEAR <= year <= today.year), reverse=True)


def parse_year(value, today=None):
    """The year asked for in ``?year=``: this year when absent; None (→ 404) when not a year we keep."""
    today = today or timezone.localdate()
    if value in (None, ""):
        return today.year
    if not value.isdigit() or len(value) != 4:
        return None
    year = int(value)
    return year if FIRST_YEAR <= year <= today.year else None
