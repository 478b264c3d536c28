"""The personal reading plan (我的阅读计划): a yearly goal, planned books and self-reported reads.

Verified reads come from the reading record (progress.record); a self-reported read is the
employee's own word for a book read outside the reading room and is always shown as such.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MIN_GOAL = 1
MAX_GOAL = 365  # a book a day is already more than anyone reads


class ReadingGoal(models.Model):
    """How many books an employee means to read in a calendar year; `set_on` dates the pace (see services.pace)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="reading_goals"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    books = models.PositiveSmallIntegerField(
        _("books to read"),
        validators=[
            MinValueValidator(MIN_GOAL, _("A goal is at least %(limit_value)s book.")),
            MaxValueValidator(MAX_GOAL, _("A goal is at most %(limit_value)s books.")),
        ],
    )
    set_on = models.DateField(_("set on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("reading goal")
        verbose_name_plural = _("reading goals")
        # Staff development (成长档案查阅) may open any employee's reading record (progress.views.record).
        permissions = [("view_reading_record", "Can view any employee's reading record")]
        constraints = [
            models.UniqueConstraint(fields=["user", "year"], name="reading_goal_one_per_year"),
            models.CheckConstraint(
                condition=Q(books__gte=MIN_GOAL, books__lte=MAX_GOAL), name="reading_goal_books_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.year}: {self.books}"


class PlannedBook(models.Model):
    """A book the employee plans to read this year: from the catalogue (`book`) or typed in (title, author)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="planned_books"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    book = models.ForeignKey(
        "booklists.Book", verbose_name=_("book"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.CharField(_("author"), max_length=200, blank=True)
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("planned book")
        verbose_name_plural = _("planned books")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "year", "book"],
                condition=Q(book__isnull=False),
                name="planned_book_once",
                violation_error_message=_("This book is already in your plan."),
            ),
            models.UniqueConstraint(
                fields=["user", "year", "title", "author"],
                name="planned_title_once",
                violation_error_message=_("This book is already in your plan."),
            ),
        ]

    def __str__(self):
        return self.title


class SelfReportedRead(models.Model):
    """A book the employee says they read outside the reading room (自报阅读, never a verified read)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="self_reads"
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.CharField(_("author"), max_length=200, blank=True)
    finished_on = models.DateField(_("date finished"))
    note = models.TextField(_("note"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-finished_on", "-pk"]
        verbose_name = _("self-reported read")
        verbose_name_plural = _("self-reported reads")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "title", "author"],
                name="self_read_once",
                violation_error_message=_("You have already reported this book."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.finished_on and self.finished_on > timezone.localdate():
            raise ValidationError({"finished_on": _("The date finished cannot be in the future.")})
