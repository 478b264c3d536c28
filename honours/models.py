"""Scoring rules, award rounds (评选) and the honours they confer.

An AwardRound is a snippet with Wagtail's draft, revision, lock, workflow and
preview mixins, so it goes through the same 三审三校 review as pages and its
history and audit log are Wagtail's own. Its candidate list (with each
candidate's figures) and the rules used are stored on the round: once
published, the live row only changes when a corrected revision is published,
so later loans and notes never alter it.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin
from wagtail_localize.fields import TranslatableField

from portal import pagecache
from portal.blocks import RICH_TEXT_FEATURES
from portal.models import BasePage, SharedCacheSettingMixin

# --- scoring rules ------------------------------------------------------------------------

RULE_LIMITS = {
    # field: (default, minimum, maximum)
    "min_read_days": (7, 1, 90),
    "read_points": (1, 0, 100),
    "note_points": (2, 0, 100),
    "excellent_bonus": (3, 0, 100),
    "max_reads_per_month": (10, 1, 100),
    "max_notes_per_month": (5, 1, 100),
    "star_winners": (10, 1, 100),
    "department_winners": (3, 1, 100),
    "note_winners": (10, 1, 100),
}


def _rule(field, label, help_text=""):
    default, low, high = RULE_LIMITS[field]
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[MinValueValidator(low), MaxValueValidator(high)],
        help_text=help_text,
    )


def _rule_constraints():
    return [
        models.CheckConstraint(
            condition=Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=f"honours_rules_{field}_range"
        )
        for field, (default, low, high) in RULE_LIMITS.items()
    ]


@register_setting(icon="pick")
class ScoringRules(SharedCacheSettingMixin, BaseGenericSetting):
    """How award rounds score verified reading. A round stores the numbers it used."""

    min_read_days = _rule(
        "min_read_days",
        _("days a loan must last to count as a read"),
        _("A loan returned sooner is not counted as reading."),
    )
    read_points = _rule("read_points", _("points per verified read"))
    note_points = _rule("note_points", _("points per approved note"))
    excellent_bonus = _rule("excellent_bonus", _("bonus points per excellent (优秀) note"))
    max_reads_per_month = _rule("max_reads_per_month", _("verified reads counted per employee per month"))
    max_notes_per_month = _rule("max_notes_per_month", _("notes counted per employee per month"))
    star_winners = _rule("star_winners", _("winners of a reading-star round"))
    department_winners = _rule("department_winners", _("winners of a department round"))
    note_winners = _rule("note_winners", _("winners of an excellent-notes round"))

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("min_read_days"),
                FieldRowPanel([FieldPanel("read_points"), FieldPanel("note_points"), FieldPanel("excellent_bonus")]),
                FieldRowPanel([FieldPanel("max_reads_per_month"), FieldPanel("max_notes_per_month")]),
            ],
            heading=_("Points"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("star_winners"), FieldPanel("department_winners"), FieldPanel("note_winners")])],
            heading=_("Default number of winners"),
        ),
    ]

    class Meta:
        verbose_name = _("scoring rules")
        constraints = _rule_constraints()

    def as_dict(self):
        return {field: getattr(self, field) for field in RULE_LIMITS}

    @classmethod
    def defaults(cls):
        return {field: default for field, (default, low, high) in RULE_LIMITS.items()}


# --- award rounds -----------------------------------------------------------------------


class AwardKind(models.TextChoices):
    STAR = "star", _("Reading star")
    DEPARTMENT = "department", _("Reading department")
    NOTE = "note", _("Excellent reading note")
    ESSAY = "essay", _("Essay contest award")


# The awards computed for a period from the reading record (monthly, quarterly, per campaign).
# An essay contest's award (ESSAY) is for one contest: its candidates are the contest's entries.
PERIODIC_KINDS = (AwardKind.STAR, AwardKind.DEPARTMENT, AwardKind.NOTE)


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    CAMPAIGN = "campaign", _("Campaign")
    CUSTOM = "custom", _("Custom dates")
    CONTEST = "contest", _("Essay contest")


class EssayPrize(models.TextChoices):
    """The prizes of an essay contest, best first (the order of the results)."""

    FIRST = "first", _("First prize")
    SECOND = "second", _("Second prize")
    THIRD = "third", _("Third prize")
    MERIT = "merit", _("Honourable mention")

    @classmethod
    def order(cls, value):
        return cls.values.index(value) + 1 if value in cls.values else len(cls.values) + 1


class AwardRoundQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)


def months_in(start, end):
    """Calendar months the period touches (caps apply to each of them, partial months included)."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


class AwardRound(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, models.Model):
    """评选: the ranking of one kind of award for one period."""

    kind = models.CharField(_("award"), max_length=12, choices=AwardKind.choices)
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.MONTH)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_rounds",
    )
    event = models.ForeignKey(
        "campaigns.EventPage",
        verbose_name=_("essay contest"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_rounds",
        help_text=_("Essay contest awards only: the contest (its page in the default language)."),
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    winner_count = models.PositiveSmallIntegerField(
        _("number of winners"),
        default=10,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The top candidates win; add or remove a winner with a written reason."),
    )
    # The stored result: each candidate with its figures, the rules used, and every override.
    rules = models.JSONField(_("rules used"), default=dict, blank=True, editable=False)
    candidates = models.JSONField(_("candidates"), default=list, blank=True, editable=False)
    summary = models.JSONField(_("summary"), default=dict, blank=True, editable=False)
    overrides = models.JSONField(_("overrides"), default=list, blank=True, editable=False)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True, editable=False)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("generated by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    correction_reason = models.TextField(
        _("reason for the correction"),
        blank=True,
        max_length=1000,
        help_text=_("Required when you change a round that has been published."),
    )

    objects = AwardRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "kind"]
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")
        permissions = [("override_awardround", "Can add or remove a winner of an award round, with a reason")]
        constraints = [
            # Two editors generating the same round at once get one round.
            models.UniqueConstraint(
                fields=["kind", "start_date", "end_date"],
                condition=Q(event__isnull=True),
                name="one_round_per_kind_and_period",
            ),
            # One results round per essay contest (two contests may share their dates).
            models.UniqueConstraint(
                fields=["kind", "event"], condition=Q(event__isnull=False), name="one_round_per_contest"
            ),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="round_dates_in_order"),
            models.CheckConstraint(condition=Q(winner_count__lte=100), name="round_winner_count_range"),
        ]
        indexes = [models.Index(fields=["live", "period_kind", "start_date"], name="round_listing_idx")]

    def __str__(self):
        return self.title or self.label()

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": gettext("The period ends before it starts.")})

    # --- labels ---------------------------------------------------------------------------

    def period_label(self):
        if self.period_kind == PeriodKind.MONTH:
            return formats.date_format(self.start_date, "YEAR_MONTH_FORMAT")
        if self.period_kind == PeriodKind.QUARTER:
            return gettext("Q%(quarter)d %(year)d") % {
                "year": self.start_date.year,
                "quarter": (self.start_date.month - 1) // 3 + 1,
            }
        if self.period_kind == PeriodKind.CAMPAIGN and self.campaign_id and self.campaign:
            return self.campaign.title
        if self.period_kind == PeriodKind.CONTEST:
            # The contest's title in the reader's language when the page set it (honours.views), else the stored one.
            contest_title = getattr(self, "contest_title", "") or self.contest_title_stored()
            if contest_title:
                return contest_title
        return f"{formats.date_format(self.start_date)} – {formats.date_format(self.end_date)}"

    def contest_title_stored(self):
        """The contest's title as stored with the candidates (no query)."""
        return (self.summary or {}).get("contest_title", "")

    def label(self):
        return gettext("%(period)s · %(award)s") % {"period": self.period_label(), "award": self.get_kind_display()}

    # --- winners ----------------------------------------------------------------------------

    def override_state(self):
        """{candidate key: the last override of it} (an "add" after a "remove" wins, and the reverse)."""
        state = {}
        for override in self.overrides or []:
            state[override["key"]] = override
        return state

    def winner_keys(self):
        """Keys of the winners: the top `winner_count` ranked candidates, then the overrides."""
        ranked = [c["key"] for c in self.candidates or [] if c.get("rank")]
        winners = ranked[: self.winner_count]
        for key, override in self.override_state().items():
            if override["action"] == "remove" and key in winners:
                winners.remove(key)
            elif override["action"] == "add" and key not in winners:
                winners.append(key)
        return winners

    def winners(self):
        """The winning candidates, in rank order (added winners after the ranked ones, by rank).

        An essay contest's winners carry the prize an editor gave them (`prize`, `prize_label`),
        and come best prize first.
        """
        keys = set(self.winner_keys())
        state = self.override_state()
        rows = []
        for candidate in self.candidates or []:
            if candidate["key"] in keys:
                row = dict(candidate)
                override = state.get(candidate["key"])
                row["added"] = bool(override and override["action"] == "add")
                if self.kind == AwardKind.ESSAY:
                    prize = (override or {}).get("prize", "")
                    row["prize"] = prize
                    row["prize_label"] = EssayPrize(prize).label if prize in EssayPrize.values else ""
                rows.append(row)
        if self.kind == AwardKind.ESSAY:
            rows.sort(key=lambda row: EssayPrize.order(row["prize"]))  # stable: entries keep their order
        return rows

    def candidate(self, key):
        return next((c for c in self.candidates or [] if c["key"] == key), None)

    @property
    def is_frozen(self):
        """Published at least once: the stored list is never regenerated, only corrected."""
        return self.live or self.first_published_at is not None

    @property
    def months(self):
        return months_in(self.start_date, self.end_date)

    # --- preview ----------------------------------------------------------------------------

    def get_preview_template(self, request, mode_name):
        return "honours/round_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"round": self, "preview": True, "winners": self.winners()}


class CountedRead(models.Model):
    """A verified read (a loan) counted by a 阅读之星 or 书香科室 round: written when its
    candidate list is generated, replaced when it is generated again, never touched once
    the round is published (generating a published round is refused).

    A read is dated by its return, or by the day the loan reached N days while it is
    still out (progress.record). A round generated while a book is out counts it in the
    month it reached N days; when it comes back next month its date moves there. So a
    round leaves out the loans another round of the same award and series (kind of
    period) for another period has counted, and keeps its own when generated again.
    Deleting a round frees its reads.
    """

    round = models.ForeignKey(
        AwardRound,
        verbose_name=_("award round"),
        on_delete=models.CASCADE,
        related_name="counted_reads",
        db_index=False,
    )
    loan = models.ForeignKey(
        "loans.Loan", verbose_name=_("loan"), on_delete=models.CASCADE, related_name="+", db_index=False
    )

    class Meta:
        verbose_name = _("counted read")
        verbose_name_plural = _("counted reads")
        constraints = [models.UniqueConstraint(fields=["round", "loan"], name="one_count_per_round_and_loan")]
        # "Counted by another round?" is asked per loan (an anti-join): the loan first.
        indexes = [models.Index(fields=["loan", "round"], name="counted_read_loan_idx")]

    def __str__(self):
        return f"{self.loan_id} · {self.round_id}"


class Honour(models.Model):
    """One winner of a published round, written when the round is published (derived from it).

    It lets "my honours", winner notices and certificates find a person's awards
    with an indexed lookup instead of reading every round's stored list.
    """

    round = models.ForeignKey(
        AwardRound, verbose_name=_("award round"), on_delete=models.CASCADE, related_name="honours"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="honours",
    )
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="honours",
    )
    note_id = models.BigIntegerField(_("note"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=120)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    figures = models.CharField(_("figures"), max_length=200, blank=True)
    awarded_on = models.DateField(_("awarded on"), default=datetime.date.today)

    class Meta:
        ordering = ["-awarded_on", "round", "rank", "pk"]
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        indexes = [models.Index(fields=["user", "awarded_on"], name="honour_user_idx")]

    def __str__(self):
        return f"{self.name} · {self.round}"


# --- the honour wall page -------------------------------------------------------------------


class HonorWallPage(RoutablePageMixin, BasePage):
    """荣誉墙: this period's 阅读之星, 书香科室 and 优秀读书笔记, an archive by period,
    the reading-room kiosk view and printable certificates. Only published rounds show."""

    page_cache_tags = (pagecache.HONOURS,)  # every route, the kiosk too (portal/pagecache.py)

    body = RichTextField(_("text"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "honours/honor_wall_page.html"

    class Meta:
        verbose_name = _("honour wall")

    @path("")
    def current(self, request):
        return self.render(request, context_overrides=self._context_for(request))

    @path("<int:year>/<int:month>/", name="month")
    def month(self, request, year, month):
        if not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise Http404
        return self.render(request, context_overrides=self._context_for(request, year=year, month=month))

    @path("round/<int:pk>/", name="round")
    def round(self, request, pk):
        return self.render(request, context_overrides=self._context_for(request, round_pk=pk))

    @path("kiosk/", name="kiosk")
    def kiosk(self, request):
        from .views import kiosk_view

        return kiosk_view(self, request)

    @path("certificate/<int:pk>/", name="certificate")
    def certificate(self, request, pk):
        from .views import certificate_view

        return certificate_view(self, request, pk)

    def _context_for(self, request, **kwargs):
        from .views import wall_context

        return wall_context(self, request, **kwargs)
