"""The organisers' dashboard (总结评估): the figures of a campaign or any date range, computed by the database.

Every figure is a table (`Table`: headings and rows of plain values) so the
dashboard draws a chart from it, shows it beside the chart, and exports it to
CSV and XLSX with the same rows. Each table is one query whatever the data
size (grouped in SQL, limited where it is a "top N"); questionnaire answers
are JSON, so they are fetched in one query and counted here.

What counts as reading comes from the reading record (progress.record), so the
dashboard, the honour wall and the reading plans agree.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.contrib.forms.models import FormSubmission

from booklists.models import Book
from campaigns.models import QuestionnairePage
from loans.models import Loan
from notes.models import ReadingNote
from people.models import Department, User
from progress import record

from . import periods

TOP = 10
# Questionnaire questions whose answers are one of the given choices, and those that take several.
SINGLE_CHOICE = ("dropdown", "radio")
MULTIPLE_CHOICE = ("checkboxes", "multiselect")


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    chart: str = "bar"  # "bar", "line" or "" (no chart: a list such as the most active readers)
    note: str = ""
    chart_column: int = 1  # the column the chart draws

    @property
    def labels(self):
        return [str(row[0]) for row in self.rows]

    @property
    def values(self):
        return [row[self.chart_column] if row[self.chart_column] != "" else 0 for row in self.rows]


def check_range(start, end):
    """Refuse a missing end, then the shared rule (reports.periods): ends before it starts, over five years."""
    if start is None or end is None:
        raise ValidationError(_("Give both the first and the last day."))
    periods.check_range(start, end)


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Reading:
    """The period's verified reads and approved notes per employee, grouped by the database once
    (progress.record.grouped_figures: one pass each) and shared by every table that needs them.

    Four queries whatever the period: reads, notes, the employees (id, department, opt-out) and
    the departments. Joining them here costs a pass over at most the headcount.
    """

    reads: dict
    notes: dict
    members: dict  # employee id → (department id, hides from rankings)
    departments: list

    @classmethod
    def of(cls, start, end):
        groups = record.grouped_figures(start, end)
        return cls(
            reads={row["borrower_id"]: row["n"] for row in groups["reads"]},
            notes={row["author_id"]: row["n"] for row in groups["notes"]},
            members={
                pk: (department, hidden)
                for pk, department, hidden in User.objects.values_list("pk", "department_id", "hide_from_rankings")
            },
            departments=list(Department.objects.order_by("name").values_list("pk", "name", "headcount")),
        )

    @property
    def participants(self):
        """Employees with a verified read or an approved note in the period."""
        return (self.reads.keys() | self.notes.keys()) & self.members.keys()

    @property
    def headcount(self):
        return sum(headcount for _pk, _name, headcount in self.departments)


def participation_by_department(reading):
    """Per department: headcount, participants and the rate per head, best first.

    Departments without a headcount are listed with their participants and no rate ("未设置人数").
    """
    taking_part = {}
    for pk in reading.participants:
        department = reading.members[pk][0]
        taking_part[department] = taking_part.get(department, 0) + 1
    table = Table(
        "participation",
        _("Participation by department (per head)"),
        [_("Department"), _("Headcount"), _("Participants"), _("Participation rate (%)")],
        chart_column=3,
    )
    for pk, name, headcount in reading.departments:
        rate = _percent(taking_part.get(pk, 0), headcount)
        table.rows.append(
            [name, headcount or _("headcount not set"), taking_part.get(pk, 0), rate if rate is not None else ""]
        )
    table.rows.sort(key=lambda row: (row[3] == "", -(row[3] or 0)))
    return table


def loans_in(start, end):
    low, high = record.period_bounds(start, end)
    return Loan.objects.filter(lent_at__gte=low, lent_at__lt=high)


def months_between(start, end):
    """The first day of every calendar month the period touches."""
    month, months = start.replace(day=1), []
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def loans_by_month(start, end):
    """Loans per calendar month: one scan of the period's loans, a filtered count per month
    (cheaper than truncating every row's time in the site's time zone)."""
    counts = {}
    for month in months_between(start, end):
        last = min(end, (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1))
        low, high = record.period_bounds(max(start, month), last)
        counts[f"{month:%Y-%m}"] = Count("pk", filter=Q(lent_at__gte=low, lent_at__lt=high))
    totals = loans_in(start, end).aggregate(**counts) if counts else {}
    table = Table("loans_by_month", _("Loans by month"), [_("Month"), _("Loans")], chart="line")
    table.rows = [[month, n] for month, n in totals.items() if n]
    return table


def loans_by_category(start, end):
    categories = (
        loans_in(start, end).values(name=F("book__category__name")).annotate(n=Count("pk")).order_by("-n", "name")
    )
    table = Table("loans_by_category", _("Loans by category"), [_("Category"), _("Loans")])
    table.rows = [[row["name"] or _("No category"), row["n"]] for row in categories]
    return table


def notes_summary(start, end):
    """Notes submitted, approved and marked 优秀 in the period: ONE query."""
    low, high = record.period_bounds(start, end)
    figures = ReadingNote.objects.aggregate(
        submitted=Count("pk", filter=Q(submitted_at__gte=low, submitted_at__lt=high)),
        approved=Count("pk", filter=Q(live=True, first_published_at__gte=low, first_published_at__lt=high)),
        excellent=Count(
            "pk",
            filter=Q(live=True, is_excellent=True, marked_excellent_at__gte=low, marked_excellent_at__lt=high),
        ),
    )
    table = Table("notes", _("Reading notes"), [_("Notes"), pgettext("count", "Number")])
    table.rows = [
        [_("Submitted"), figures["submitted"]],
        [pgettext("reading notes", "Approved"), figures["approved"]],
        [_("Marked excellent"), figures["excellent"]],
    ]
    return table


def most_borrowed(start, end, limit=TOP):
    """The most borrowed titles: counted on the loans alone (no join), then the top titles fetched."""
    top = list(loans_in(start, end).values("book_id").annotate(n=Count("pk")).order_by("-n", "book_id")[:limit])
    books = Book.objects.in_bulk([row["book_id"] for row in top])
    table = Table("most_borrowed", _("Most borrowed books"), [_("Title"), _("Author"), _("Loans")], chart="")
    table.rows = [[books[row["book_id"]].title, books[row["book_id"]].authors, row["n"]] for row in top]
    return table


def most_active_readers(reading, limit=TOP):
    """The readers with most verified reads, then notes; those who opted out of rankings are left out by name."""
    reads, notes = reading.reads, reading.notes

    def score(pk):
        return (reads.get(pk, 0), notes.get(pk, 0))

    ranked = sorted((pk for pk in reading.participants if not reading.members[pk][1]), key=score, reverse=True)
    if len(ranked) > limit:  # keep everyone tied with the last place, then break ties by staff number
        cutoff = score(ranked[limit - 1])
        ranked = [pk for pk in ranked if score(pk) >= cutoff]
    users = User.objects.select_related("department").in_bulk(ranked)
    readers = sorted(users.values(), key=lambda user: (*(-n for n in score(user.pk)), user.staff_number))
    table = Table(
        "active_readers",
        _("Most active readers"),
        [pgettext("person", "Name"), _("Staff number"), _("Department"), _("Verified reads"), _("Approved notes")],
        chart="",
        note=_("Employees who chose to stay out of public rankings are not listed by name."),
    )
    table.rows = [
        [
            reader.real_name or reader.staff_number,
            reader.staff_number,
            reader.department.name if reader.department else "",
            *score(reader.pk),
        ]
        for reader in readers[:limit]
    ]
    return table


# -- questionnaires ------------------------------------------------------------


def _choices(field):
    return [choice.strip() for choice in field.choices.splitlines() if choice.strip()] if field.choices else []


def is_satisfaction_scale(choices):
    """A scale such as 非常满意 / 满意 / 一般 / 不满意 (or Very satisfied … Dissatisfied)."""
    return any("满意" in choice or "satisf" in choice.lower() for choice in choices)


def is_satisfied(choice):
    lowered = choice.lower()
    if "满意" in choice:
        return not choice.startswith(("不", "很不", "非常不"))
    return "satisf" in lowered and "dissatisf" not in lowered and not lowered.startswith(("not", "un"))


def questionnaire_results(questionnaire):
    """The choice questions of a questionnaire aggregated over its answers in every language.

    Returns (tables, satisfaction): one Table per choice question (answers per option, in the
    source language's wording: an English answer counts for the option at the same position),
    and the share of satisfied answers (满意率, %) of the first satisfaction-scale question, or None.
    Free-text questions are not aggregated; with only those there are no tables ("无选择题").
    Three queries: the source page's questions, the translations' questions, the answers.
    """
    pages = QuestionnairePage.objects.filter(translation_key=questionnaire.translation_key)
    fields = list(questionnaire.get_form_fields())
    other_fields = {}
    for other in type(fields[0]).objects.filter(page__in=pages).exclude(page=questionnaire) if fields else []:
        other_fields.setdefault(other.page_id, {})[other.clean_name] = _choices(other)
    answers = list(FormSubmission.objects.filter(page__in=pages).values_list("page_id", "form_data"))
    tables, satisfaction = [], None
    for question in fields:
        if question.field_type not in SINGLE_CHOICE + MULTIPLE_CHOICE:
            continue
        options = _choices(question)
        counts = dict.fromkeys(options, 0)
        answered = 0
        for page_id, data in answers:
            value = data.get(question.clean_name)
            if value in (None, "", []):
                continue
            values = value if isinstance(value, list) else [value]
            wording = other_fields.get(page_id, {}).get(question.clean_name)
            answered += 1
            for item in values:
                if wording and item in wording and wording.index(item) < len(options):
                    item = options[wording.index(item)]
                if item in counts:
                    counts[item] += 1
        table = Table(
            f"q-{question.clean_name}",
            question.label,
            [_("Answer"), _("Answers"), _("Share (%)")],
            note=_("%(count)d answered") % {"count": answered},
        )
        table.rows = [[option, n, _percent(n, answered) or 0] for option, n in counts.items()]
        tables.append(table)
        if satisfaction is None and question.field_type in SINGLE_CHOICE and is_satisfaction_scale(options):
            satisfied = sum(n for option, n in counts.items() if is_satisfied(option))
            satisfaction = _percent(satisfied, answered)
    return tables, satisfaction


# -- the whole dashboard ---------------------------------------------------------


@dataclass
class Dashboard:
    start: datetime.date
    end: datetime.date
    campaign: object = None
    tables: list = field(default_factory=list)
    participants: int = 0
    headcount: int = 0
    questionnaires: list = field(default_factory=list)

    @property
    def participation_rate(self):
        return _percent(self.participants, self.headcount)

    def table(self, key):
        return next((table for table in self.tables if table.key == key), None)


def build(start, end, campaign=None):
    """Every table of the dashboard for [start, end] (a campaign's dates when `campaign` is given)."""
    if campaign is not None:
        start, end = campaign.start_date, campaign.end_date
    check_range(start, end)
    dashboard = Dashboard(start=start, end=end, campaign=campaign)
    reading = Reading.of(start, end)
    dashboard.participants, dashboard.headcount = len(reading.participants), reading.headcount
    dashboard.tables = [
        participation_by_department(reading),
        loans_by_month(start, end),
        loans_by_category(start, end),
        notes_summary(start, end),
        most_borrowed(start, end),
        most_active_readers(reading),
    ]
    if campaign is not None:
        for questionnaire in QuestionnairePage.objects.child_of(campaign).live():
            tables, satisfaction = questionnaire_results(questionnaire)
            dashboard.questionnaires.append({"page": questionnaire, "tables": tables, "satisfaction": satisfaction})
    return dashboard
