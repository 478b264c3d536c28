"""What the reports app stores: the visits librarians record at the desk (到馆人次), and the
permissions of the reports themselves.

Everything else the reports show is computed from other apps' data (reports/figures.py,
reports/review_sheets.py).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from loans.models import ReadingRoom


class ReportAccess(models.Model):
    """No table: it only holds the permissions of the reports (granted to groups in 0002)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_review_sheets", _("Can view and export review sheets (信息审查单)")),
            ("view_dashboard", _("Can see the organisers' dashboard and export its tables")),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)


class VisitPeriod(models.TextChoices):
    DAY = "day", pgettext_lazy("visit period", "by day")
    MONTH = "month", pgettext_lazy("visit period", "by month")


class VisitRecordQuerySet(models.QuerySet):
    def in_year(self, year):
        return self.filter(date__year=year)

    def total(self):
        return self.aggregate(total=models.Sum("count"))["total"] or 0


class VisitRecord(models.Model):
    """到馆人次 of one reading room for one day or one month, counted at the door and typed in
    by a librarian. The home page shows their sum as a recorded (not computed) figure."""

    room = models.ForeignKey(
        ReadingRoom, verbose_name=_("reading room"), on_delete=models.PROTECT, related_name="visit_records"
    )
    period = models.CharField(
        pgettext_lazy("visit record", "period"), max_length=5, choices=VisitPeriod.choices, default=VisitPeriod.DAY
    )
    date = models.DateField(
        _("date"), help_text=_("For a month, any day of the month: the record is kept under its first day.")
    )
    count = models.IntegerField(_("number of visits"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    objects = VisitRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit record")
        verbose_name_plural = _("visit records")
        ordering = ["-date", "room"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "period", "date"],
                name="one_visit_record_per_room_and_period",
                violation_error_message=_("Visits for this reading room and period are already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(count__gte=0),
                name="visit_count_not_negative",
                violation_error_message=_("The number of visits cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.room} {self.period_label()}"

    def period_label(self):
        if self.period == VisitPeriod.MONTH:
            return _("%(year)d-%(month)02d (month)") % {"year": self.date.year, "month": self.date.month}
        return self.date.isoformat()

    def _month(self):
        first = self.date.replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return first, following

    def clean(self):
        super().clean()
        errors = {}
        if self.count is not None and self.count < 0:
            errors["count"] = _("The number of visits cannot be negative.")
        if self.date:
            if self.period == VisitPeriod.MONTH:
                self.date = self.date.replace(day=1)
            today = timezone.localdate()
            if self.date > today:
                errors["date"] = (
                    _("This month has not begun yet.")
                    if self.period == VisitPeriod.MONTH
                    else _("Visits cannot be recorded for a future date.")
                )
            elif self.room_id:
                # A month's total and its days would count the same visits twice.
                first, following = self._month()
                others = VisitRecord.objects.filter(room_id=self.room_id, date__gte=first, date__lt=following)
                if self.pk:
                    others = others.exclude(pk=self.pk)
                if self.period == VisitPeriod.MONTH and others.filter(period=VisitPeriod.DAY).exists():
                    errors["period"] = _(
                        "Daily visits are already recorded for this room in this month: "
                        "add to them instead of a monthly total."
                    )
                elif self.period == VisitPeriod.DAY and others.filter(period=VisitPeriod.MONTH).exists():
                    errors["period"] = _(
                        "A monthly total is already recorded for this room in this month: correct it instead."
                    )
        if errors:
            raise ValidationError(errors)


class CampaignReport(models.Model):
    """总结评估报告: the written report of a campaign. Its prose is drafted from the facts and edited
    here; the figures and tables are filled from live data each time the report is shown or exported."""

    SECTIONS = ("situation", "practices", "results", "awards", "problems", "next_steps")

    campaign = models.OneToOneField(
        "campaigns.CampaignPage", verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="report"
    )
    situation = models.TextField(pgettext_lazy("report", "Overview"), blank=True, max_length=10000)
    practices = models.TextField(pgettext_lazy("report", "What was done"), blank=True, max_length=10000)
    results = models.TextField(pgettext_lazy("report", "Results"), blank=True, max_length=10000)
    awards = models.TextField(pgettext_lazy("report", "Awards"), blank=True, max_length=10000)
    problems = models.TextField(pgettext_lazy("report", "Problems"), blank=True, max_length=10000)
    next_steps = models.TextField(pgettext_lazy("report", "Next steps"), blank=True, max_length=10000)
    drafted_at = models.DateTimeField(_("drafted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("campaign report")
        verbose_name_plural = _("campaign reports")

    def __str__(self):
        return str(self.campaign)
