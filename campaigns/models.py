import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from booklists.models import BookListPage
from notes.models import note_status
from people import groups
from portal import pagecache
from portal.blocks import RICH_TEXT_FEATURES, BodyBlock
from portal.collation import pinyin_order
from portal.models import BasePage, PortalPageMixin, visible
from portal.pagination import paginate
from portal.search import CJKSearchField

from .choices import Enrolment, EventKind, PhaseKind, RegistrationStatus
from .forms import CampaignPageForm, EventPageForm

ARTICLES_PER_PAGE = 10
MAX_CAPACITY = 10000
ESSAY_ENTRIES_SHOWN = 30
GALLERY_LIMIT = 24  # photos shown in 成果展示; the rest are counted
GALLERY_THUMBNAIL = "fill-480x320"
GALLERY_THUMBNAIL_2X = "fill-960x640"
GALLERY_FULL = "max-1600x1600"
GALLERY_VERSION_KEY = "campaigns:gallery:version"
GALLERY_CACHE_KEY = "campaigns:gallery:%d:%d"
GALLERY_CACHE_SECONDS = 24 * 60 * 60


def gallery_photos(collection_id):
    """(photos, total) of a collection, computed: see CampaignPage.outcome_photos."""
    images = (
        get_image_model()
        .objects.filter(collection_id=collection_id)
        .prefetch_renditions(GALLERY_THUMBNAIL, GALLERY_THUMBNAIL_2X, GALLERY_FULL)
        .order_by("created_at", "pk")
    )
    found = list(images[: GALLERY_LIMIT + 1])
    total = len(found) if len(found) <= GALLERY_LIMIT else images.count()
    photos = []
    for image in found[:GALLERY_LIMIT]:
        thumbnail, large, full = (
            image.get_rendition(spec) for spec in (GALLERY_THUMBNAIL, GALLERY_THUMBNAIL_2X, GALLERY_FULL)
        )
        photos.append(
            {
                "title": image.title,
                "alt": image.default_alt_text,
                "src": thumbnail.url,
                "srcset": f"{thumbnail.url} {thumbnail.width}w, {large.url} {large.width}w",
                "width": thumbnail.width,
                "height": thumbnail.height,
                "full": full.url,
            }
        )
    return photos, total


def forget_galleries(**kwargs):
    """Signal handler (campaigns.apps): an image or collection changed, or a rendition was deleted; drop
    every cached gallery (the next view of each computes it again)."""
    try:
        cache.incr(GALLERY_VERSION_KEY)
    except ValueError:  # not set yet, or evicted: nothing cached under it is reachable either
        cache.set(GALLERY_VERSION_KEY, 1, None)


# Event pages in the page cache: cleared by every change of a registration (campaigns/signal_handlers.py).
EVENTS_CACHE_TAG = "events"
CHALLENGES_CACHE_TAG = "challenges"


class CampaignIndexPage(BasePage):
    """书香机关创建活动: the list of campaigns, newest first."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1
    template = "campaigns/campaign_index_page.html"

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = (
            visible(CampaignPage.objects.child_of(self)).order_by("-start_date").select_related("listing_image")
        )
        return context


class CampaignPageQuerySet(PageQuerySet):
    def current(self, today=None):
        """The campaign of the moment, by its dates alone (so the same in every language).

        The one running today (the latest to start, if several overlap), else the next to
        start; None when every campaign has ended: a finished campaign is not current.
        """
        today = today or timezone.localdate()
        running = models.Q(start_date__lte=today)
        return (
            self.filter(end_date__gte=today)  # running or still to come, in one query
            .order_by(
                models.Case(models.When(running, then=models.Value(0)), default=models.Value(1)),
                models.Case(models.When(running, then=models.F("start_date"))).desc(nulls_last=True),
                "start_date",
                "path",
            )
            .first()
        )

    def latest(self):
        """The campaign that started last (for a home page when none is current)."""
        return self.order_by("-start_date", "path").first()


class CampaignPage(BasePage):
    """A dated campaign (书香机关创建活动) with phases, events and reports."""

    # Cached pages (portal/pagecache.py): its notes panel and its awards in the 总结评估 phase.
    page_cache_tags = (pagecache.NOTES, pagecache.HONOURS)

    objects = PageManager.from_queryset(CampaignPageQuerySet)()

    theme = models.CharField(_("theme"), max_length=120, blank=True, help_text=_("e.g. 书香润机关 阅读促提升"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    organiser = models.CharField(_("organiser"), max_length=120, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    outcome_summary = models.TextField(
        _("summary of the results"),
        blank=True,
        max_length=1000,
        help_text=_("A few sentences opening the results showcase (成果展示) in the 总结评估 phase."),
    )
    outcome_gallery = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("photo gallery"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "An image collection whose photos the results showcase shows (at most 24) once the campaign "
            "reaches its 总结评估 phase. Give every photo a description: it is the text read out instead of it."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("theme"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("dates")),
        FieldPanel("organiser"),
        InlinePanel("phases", label=_("phases"), min_num=1, max_num=3, heading=_("Phases")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("outcome_summary"), FieldPanel("outcome_gallery")],
            heading=_("Results showcase (成果展示)"),
        ),
    ]
    base_form_class = CampaignPageForm

    search_fields = BasePage.search_fields + [
        CJKSearchField("theme", boost=2),
        CJKSearchField("organiser"),
        CJKSearchField("body"),
        index.FilterField("start_date"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("theme"),
        TranslatableField("organiser"),
        TranslatableField("body"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        TranslatableField("phases"),
        TranslatableField("outcome_summary"),
        # The same photos in every language; their titles and descriptions are the images' own.
        SynchronizedField("outcome_gallery"),
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = [
        "campaigns.EventIndexPage",
        "campaigns.ReadingChallengePage",
        "campaigns.QuestionnairePage",
        "home.StandardPage",
    ]
    template = "campaigns/campaign_page.html"

    class Meta:
        verbose_name = _("campaign")

    def phase_timeline(self, today=None):
        """Phases in date order, each marked past, current or upcoming."""
        today = today or timezone.localdate()
        timeline = []
        for phase in sorted(self.phases.all(), key=lambda p: p.start_date):
            if phase.end_date < today:
                state = "past"
            elif phase.start_date <= today:
                state = "current"
            else:
                state = "upcoming"
            timeline.append({"phase": phase, "state": state})
        return timeline

    def current_phase(self, today=None):
        return next((item["phase"] for item in self.phase_timeline(today) if item["state"] == "current"), None)

    @staticmethod
    def shows_outcomes(timeline):
        """成果展示 is shown once the campaign reaches its 总结评估 phase: that phase is current or
        over, or (a campaign without one) every phase is over."""
        states = [item["state"] for item in timeline if item["phase"].kind == PhaseKind.EVALUATE]
        if states:
            return any(state in ("current", "past") for state in states)
        return bool(timeline) and all(item["state"] == "past" for item in timeline)

    def outcome_photos(self):
        """(photos, total): at most GALLERY_LIMIT photos of the gallery collection, oldest first, as
        plain dicts ready to draw (title, alt, src, srcset, width, height, full), and how many the
        collection holds. ([], 0) without a collection.

        Kept in the shared cache until an image or a collection changes or a rendition is deleted
        (campaigns.apps connects forget_galleries, which bumps GALLERY_VERSION_KEY): no query while
        cached; otherwise two (the images with their renditions prefetched), a third when the
        collection holds more than are shown, and the writes of any rendition not made yet.
        """
        if not self.outcome_gallery_id:
            return [], 0
        version = cache.get_or_set(GALLERY_VERSION_KEY, 1, None)
        key = GALLERY_CACHE_KEY % (self.outcome_gallery_id, version)
        cached = cache.get(key)
        if cached is None:
            cached = gallery_photos(self.outcome_gallery_id)
            cache.set(key, cached, GALLERY_CACHE_SECONDS)
        return cached

    @property
    def status(self):
        today = timezone.localdate()
        if today < self.start_date:
            return "upcoming"
        if today > self.end_date:
            return "finished"
        return "running"

    def events(self, request=None):
        return visible(EventPage.objects.descendant_of(self))

    @cached_property
    def live_challenges(self):
        """The campaign's published themed reading challenges, latest first: one query, shared by the
        page and the panels that need them (reports' figures)."""
        return list(visible(ReadingChallengePage.objects.child_of(self)).order_by("-start_date", "path"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["timeline"] = self.phase_timeline()
        # Panels from other apps (the portal_campaign_page_panels hook) without campaigns importing
        # them: each hook returns a list of dicts with a "template" and a "position": "below" goes
        # under the book lists (notes: the 读书心得 written for this campaign); "outcomes" into
        # 成果展示, in "order", shown from the 总结评估 phase on (reports: the figures, 10; honours:
        # the awards, 20; notes: the 优秀 notes, 30; the providers ask shows_outcomes(timeline)
        # before querying); anything else at the top of the main column.
        context["shows_outcomes"] = self.shows_outcomes(context["timeline"])
        panels = [
            panel
            for hook in hooks.get_hooks("portal_campaign_page_panels")
            for panel in hook(request, self, context["timeline"])
        ]
        context["panels"] = [panel for panel in panels if panel.get("position") not in ("below", "outcomes")]
        context["campaign_panels"] = [panel for panel in panels if panel.get("position") == "below"]
        context["outcome_panels"] = sorted(
            (panel for panel in panels if panel.get("position") == "outcomes" and context["shows_outcomes"]),
            key=lambda panel: panel.get("order", 100),
        )
        context["gallery"], context["gallery_total"] = self.outcome_photos() if context["shows_outcomes"] else ([], 0)
        # Images have no locale: their titles and descriptions are written in the admin, in the default language.
        context["gallery_language"] = settings.LANGUAGE_CODE
        # One query for both lists: a campaign has tens of events, not thousands.
        now = timezone.now()
        events = list(self.events(request).order_by("start_time"))
        context["upcoming_events"] = [event for event in events if event.end_time >= now][:6]
        context["past_events"] = [event for event in reversed(events) if event.end_time < now][:6]
        context["articles"] = list(visible(ArticlePage.objects.filter(campaign=self)).order_by("-date", "-pk")[:6])
        context["questionnaires"] = list(visible(QuestionnairePage.objects.child_of(self)))
        context["challenges"] = self.live_challenges
        context["book_lists"] = list(
            visible(BookListPage.objects.filter(campaign=self)).order_by("-first_published_at")[:6]
        )
        return context


MAX_CHALLENGE_READS = 100  # more than a book every few days over a long reading month (also in the message below)
MAX_CHALLENGE_NOTES = 50


class ReadingChallengePage(BasePage):
    """主题阅读活动 / 读书月: a campaign's themed reading drive and its rule.

    A participant finishes it with at least `min_reads` verified reads (有效阅读) and
    `min_notes` approved notes, both dated between `start_date` and `end_date`, on books of
    `category` and/or of `book_list` when these are set. With `enrolment` "everyone" every
    active employee takes part; with "self" those who joined (报名, ChallengeParticipant).
    The progress and completion rates are computed in progress/challenges.py and reach this
    page through the `portal_challenge_page_panels` hook (campaigns cannot import progress).
    """

    page_cache_tags = (CHALLENGES_CACHE_TAG,)  # who joined (portal/pagecache.py)

    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    min_reads = models.PositiveSmallIntegerField(
        _("verified reads required"),
        default=1,
        validators=[MaxValueValidator(MAX_CHALLENGE_READS, _("A challenge asks for at most %(limit_value)s books."))],
        help_text=_("Books borrowed and kept long enough to count as read."),
    )
    min_notes = models.PositiveSmallIntegerField(
        _("approved notes required"),
        default=1,
        validators=[MaxValueValidator(MAX_CHALLENGE_NOTES, _("A challenge asks for at most %(limit_value)s notes."))],
        help_text=_("Reading notes published after moderation."),
    )
    category = models.ForeignKey(
        "booklists.Category",
        verbose_name=_("only books of the category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty to count books of every category."),
    )
    book_list = models.ForeignKey(
        BookListPage,
        verbose_name=_("only books of the list"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty to count books on any list or none."),
    )
    enrolment = models.CharField(_("who takes part"), max_length=10, choices=Enrolment.choices, default=Enrolment.SELF)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("dates")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_reads"), FieldPanel("min_notes")]),
                FieldPanel("category"),
                PageChooserPanel("book_list", page_type="booklists.BookListPage"),
                FieldPanel("enrolment"),
            ],
            heading=_("Rule"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [CJKSearchField("body"), index.FilterField("start_date")]
    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("min_reads"),
        SynchronizedField("min_notes"),
        SynchronizedField("category"),
        SynchronizedField("book_list"),
        SynchronizedField("enrolment"),
        TranslatableField("body"),
    ]

    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types = []
    template = "campaigns/reading_challenge_page.html"

    class Meta:
        verbose_name = _("themed reading challenge")
        verbose_name_plural = _("themed reading challenges")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="challenge_ends_after_start",
                violation_error_message=_("The challenge cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_reads__lte=MAX_CHALLENGE_READS, min_notes__lte=MAX_CHALLENGE_NOTES),
                name="challenge_rule_in_bounds",
                violation_error_message=_("A challenge asks for at most 100 books and 50 notes."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_reads__gt=0) | models.Q(min_notes__gt=0),
                name="challenge_asks_something",
                violation_error_message=_("A challenge asks for at least one book or one note."),
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The challenge cannot end before it starts.")
        if self.min_reads == 0 and self.min_notes == 0:
            errors["min_reads"] = _("A challenge asks for at least one book or one note.")
        if errors:
            raise ValidationError(errors)

    def scope_names(self):
        """(category name, list title) in the page's language where translated; "" when not limited."""
        category = book_list = ""
        if self.category_id:
            category = self.category.get_translation_or_none(self.locale_id) or self.category
            category = category.name
        if self.book_list_id:
            book_list = self.book_list.get_translation_or_none(self.locale_id) or self.book_list
            book_list = book_list.title
        return category, book_list

    def rule_text(self):
        """The rule in plain words: 在2024年4月23日至2024年5月23日期间，借阅并读完至少1本书，并发表至少1篇读书心得。"""
        parts = []
        if self.min_reads:
            parts.append(
                ngettext(
                    "borrow and read at least %(count)d book",
                    "borrow and read at least %(count)d books",
                    self.min_reads,
                )
                % {"count": self.min_reads}
            )
        if self.min_notes:
            parts.append(
                ngettext(
                    "publish at least %(count)d reading note",
                    "publish at least %(count)d reading notes",
                    self.min_notes,
                )
                % {"count": self.min_notes}
            )
        rule = parts[0]
        if len(parts) == 2:
            rule = gettext("%(reads)s and %(notes)s") % {"reads": parts[0], "notes": parts[1]}
        text = gettext("Between %(start)s and %(end)s, %(rule)s.") % {
            "start": date_filter(self.start_date, "DATE_FORMAT"),
            "end": date_filter(self.end_date, "DATE_FORMAT"),
            "rule": rule,
        }
        category, book_list = self.scope_names()
        if category and book_list:
            scope = gettext("Only books of the category “%(category)s” on the list “%(list)s” count.")
        elif category:
            scope = gettext("Only books of the category “%(category)s” count.")
        elif book_list:
            scope = gettext("Only books on the list “%(list)s” count.")
        else:
            return text
        # Two sentences: a space between them in English, none in Chinese.
        return gettext("%(rule)s %(scope)s") % {
            "rule": text,
            "scope": scope % {"category": category, "list": book_list},
        }

    @property
    def is_self_enrolment(self):
        return self.enrolment == Enrolment.SELF

    def status(self, today=None):
        today = today or timezone.localdate()
        if today < self.start_date:
            return "upcoming"
        if today > self.end_date:
            return "finished"
        return "running"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["challenge_status"] = self.status()
        # The progress, join button and completion rates come from progress/ through this hook.
        context["panels"] = [
            panel for hook in hooks.get_hooks("portal_challenge_page_panels") for panel in hook(request, self)
        ]
        return context


class ChallengeParticipant(models.Model):
    """An employee who joined a self-enrolment challenge (报名).

    Stored against the challenge in the default language, so one list serves every translation;
    look participants up by the challenge's `translation_key` (see progress/challenges.py).
    """

    challenge = models.ForeignKey(
        ReadingChallengePage, verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="challenge_entries",
    )
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("challenge participant")
        verbose_name_plural = _("challenge participants")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "user"],
                name="challenge_participant_once",
                violation_error_message=_("You have already joined this challenge."),
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.challenge}"


class CampaignPhase(TranslatableMixin, Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=20, choices=PhaseKind.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    description = models.TextField(pgettext_lazy("portal", "description"), blank=True)

    panels = [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("description"),
    ]
    translatable_fields = [
        SynchronizedField("kind"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        TranslatableField("description"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self):
        return self.get_kind_display()


class EventIndexPage(BasePage):
    """活动: a campaign's events, split into upcoming and past."""

    parent_page_types = ["campaigns.CampaignPage", "home.HomePage"]
    subpage_types = ["campaigns.EventPage"]
    max_count_per_parent = 1
    template = "campaigns/event_index_page.html"

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = visible(EventPage.objects.child_of(self))
        context["upcoming_events"] = events.filter(end_time__gte=now).order_by("start_time")
        context["past_events"] = paginate(request, events.filter(end_time__lt=now).order_by("-start_time"), 12)
        return context


class EventPage(RoutablePageMixin, BasePage):
    """An event: 读书分享会, 征文, 朗诵比赛, 讲座."""

    # Cached pages (portal/pagecache.py): places left change with every sign-up; essay entries are notes.
    page_cache_tags = (EVENTS_CACHE_TAG, pagecache.NOTES)

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.SHARING)
    start_time = models.DateTimeField(_("starts"))
    end_time = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200)
    speaker = models.CharField(_("speaker / host"), max_length=200, blank=True)
    entries_close = models.DateTimeField(
        _("entries close"),
        null=True,
        blank=True,
        help_text=_("Essay contests only: the deadline for entries. Required for an essay contest."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    # 报名: the same in every language (synchronised); the registrations belong to the source page.
    takes_registrations = models.BooleanField(
        _("takes registrations"), default=False, help_text=_("Employees sign up on the event page.")
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
        help_text=_("How many people can take part; when it is full, employees may join the waiting list."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take registrations until the event starts."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")], heading=_("time")),
        FieldPanel("entries_close"),
        FieldPanel("place"),
        FieldPanel("speaker"),
        MultiFieldPanel(
            [
                FieldPanel("takes_registrations"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("body"),
    ]
    base_form_class = EventPageForm

    search_fields = BasePage.search_fields + [
        CJKSearchField("place"),
        CJKSearchField("speaker"),
        CJKSearchField("body"),
        index.FilterField("start_time"),
        index.FilterField("end_time"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("kind"),
        SynchronizedField("start_time"),
        SynchronizedField("end_time"),
        SynchronizedField("entries_close"),
        TranslatableField("place"),
        TranslatableField("speaker"),
        TranslatableField("body"),
        SynchronizedField("takes_registrations"),
        SynchronizedField("capacity"),
        SynchronizedField("registration_deadline"),
    ]

    parent_page_types = ["campaigns.EventIndexPage"]
    subpage_types = []
    template = "campaigns/event_page.html"

    class Meta:
        verbose_name = _("event")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                name="event_capacity_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(takes_registrations=False) | models.Q(capacity__isnull=False),
                name="event_registrations_need_capacity",
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.takes_registrations and not self.capacity:
            errors["capacity"] = _("Give the number of places: the event takes registrations.")
        if self.registration_deadline and self.end_time and self.registration_deadline >= self.end_time:
            errors["registration_deadline"] = _("Registration must close before the event ends.")
        if self.takes_registrations and self.capacity and self.translation_key and "capacity" not in errors:
            confirmed = Registration.objects.for_event(self).confirmed().count() if self.pk else 0
            if self.capacity < confirmed:
                errors["capacity"] = _(
                    "%(count)d people have a place already: the event cannot have fewer places. "
                    "Ask some of them to cancel first."
                ) % {"count": confirmed}
        if self.kind == EventKind.ESSAY and self.entries_close is None:
            errors["entries_close"] = _("An essay contest needs a deadline for its entries.")
        elif self.entries_close and self.start_time and self.entries_close < self.start_time:
            errors["entries_close"] = _("Entries cannot close before the contest starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_past(self):
        return self.end_time < timezone.now()

    @property
    def registration_closes_at(self):
        """When sign-up closes: the deadline, or the start of the event when none is set."""
        return self.registration_deadline or self.start_time

    @property
    def registration_open(self):
        return self.takes_registrations and timezone.now() < self.registration_closes_at

    def registration_event_id(self):
        """The pk of the page registrations belong to: the first page of this translation set
        (the source-locale page), the same for every translation. One query, kept on the page."""
        cached = getattr(self, "_registration_event_id", None)
        if cached is None:
            cached = (
                EventPage.objects.filter(translation_key=self.translation_key, alias_of__isnull=True)
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            ) or self.pk
            self._registration_event_id = cached
        return cached

    @path("register/", name="register")
    def register(self, request):
        from .views import sign_up_view

        return sign_up_view(request, self)

    @path("cancel-registration/", name="cancel_registration")
    def cancel_registration(self, request):
        from .views import cancel_view

        return cancel_view(request, self)

    # --- 征文 (essay contest) ---------------------------------------------------------------

    @property
    def is_essay_contest(self):
        return self.kind == EventKind.ESSAY

    def accepts_entries(self, now=None):
        """An essay contest takes entries until its deadline."""
        if not self.is_essay_contest or self.entries_close is None:
            return False
        return (now or timezone.now()) <= self.entries_close

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.takes_registrations:
            context["registration"] = registration_summary(self, request.user)
        if self.is_essay_contest:
            context.update(self.essay_context(request))
        # Panels from higher apps (honours: the contest's published results), without importing them.
        context["event_panels"] = [
            panel for hook in hooks.get_hooks("campaigns_event_page_panels") for panel in hook(request, self)
        ]
        return context

    def essay_context(self, request):
        """The contest's published entries, their count and the visitor's own entry: three queries at most."""
        from notes.models import ReadingNote
        from notes.views import status_labels

        entries = EssayEntry.objects.for_event(self)
        own = None
        if request.user.is_authenticated:
            own = (
                ReadingNote.objects.filter(
                    essay_entry__event__translation_key=self.translation_key, author=request.user
                )
                .with_status()
                .first()
            )
            if own is not None:
                own.status = note_status(own)
                own.status_label = status_labels()[own.status]
        return {
            "essay_entries": list(entries.published().cards()[:ESSAY_ENTRIES_SHOWN]),
            "essay_entry_count": entries.count(),
            "essay_own_note": own,
            "essay_open": self.accepts_entries(),
        }

    @path("enter/", name="enter")
    def enter(self, request):
        from .views import essay_entry_view

        return essay_entry_view(self, request)

    @path("ics/", name="ics")
    def ics(self, request):
        from icalendar import Calendar, Event

        calendar = Calendar()
        calendar.add("prodid", "-//shuxiang-portal//EN")
        calendar.add("version", "2.0")
        event = Event()
        event.add("uid", f"event-{self.translation_key}@shuxiang-portal")
        event.add("summary", self.title)
        event.add("dtstart", self.start_time)
        event.add("dtend", self.end_time)
        event.add("dtstamp", self.last_published_at or timezone.now())
        event.add("location", self.place)
        description = self.intro
        if self.speaker:
            description = f"{self.speaker}\n{description}".strip()
        event.add("description", description)
        event.add("url", self.get_full_url(request))
        calendar.add_component(event)
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="event-{self.pk}.ics"'
        return response


class EssayEntryQuerySet(models.QuerySet):
    def for_event(self, event):
        """The entries of a contest, asked from the contest page in any language (entries keep the original)."""
        return self.filter(event__translation_key=event.translation_key)

    def published(self):
        """Entries whose note a moderator has approved (and which is still published)."""
        return self.filter(note__live=True)

    def cards(self):
        return self.select_related("note__author__department", "note__book").order_by("-submitted_at", "-pk")


class EssayEntry(models.Model):
    """征文: an employee's entry to an essay contest, a reading note that goes through note moderation.

    The entry points at the contest's page in the default language (the original), whichever
    translation it was submitted from. Rules: campaigns.services.submit_essay_entry.
    """

    event = models.ForeignKey(
        EventPage, verbose_name=_("essay contest"), on_delete=models.CASCADE, related_name="essay_entries"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="essay_entries"
    )
    note = models.OneToOneField(
        "notes.ReadingNote", verbose_name=_("reading note"), on_delete=models.CASCADE, related_name="essay_entry"
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    objects = EssayEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("essay contest entry")
        verbose_name_plural = _("essay contest entries")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "author"],
                name="one_essay_entry_per_employee",
                violation_error_message=_("You have already entered this essay contest."),
            )
        ]

    def __str__(self):
        return f"{self.event} · {self.note}"

    def clean(self):
        super().clean()
        if self.event_id and not self.event.is_essay_contest:
            raise ValidationError(_("This event is not an essay contest: it does not take entries."))
        if self.note_id and self.author_id and self.note.author_id != self.author_id:
            raise ValidationError(_("An entry is the author's own note."))


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("campaigns.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticleIndexPage(RoutablePageMixin, BasePage):
    """宣传报道: news reports, newest first, filterable by tag, with an RSS feed."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.ArticlePage"]
    max_count_per_parent = 1
    template = "campaigns/article_index_page.html"

    class Meta:
        verbose_name = _("article index")

    def articles(self, request=None):
        return visible(ArticlePage.objects.child_of(self)).order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles(request).select_related("listing_image")
        tag = request.GET.get("tag", "").strip()
        if tag:
            articles = articles.filter(tags__name=tag)
        context["tag"] = tag
        context["articles"] = paginate(request, articles, ARTICLES_PER_PAGE)
        context["tags"] = (
            Tag.objects.filter(campaigns_articlepagetag_items__content_object__in=self.articles(request))
            .distinct()
            .order_by(pinyin_order("name"))
        )
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from .feeds import ArticleFeed

        return ArticleFeed(self)(request)

    @path("tag/<str:tag>/", name="tag")
    def tag_redirect(self, request, tag):
        return redirect(f"{self.url}?tag={tag}")


class ArticlePage(BasePage):
    """宣传报道: one news report."""

    date = models.DateField(_("date"), default=datetime.date.today)
    source = models.CharField(_("source"), max_length=120, blank=True, help_text=_("e.g. 机关工会"))
    author = models.CharField(_("author"), max_length=60, blank=True)
    campaign = models.ForeignKey(
        CampaignPage,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("source"), FieldPanel("author")]),
                FieldPanel("campaign"),
                FieldPanel("tags"),
            ],
            heading=_("Report details"),
        ),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        CJKSearchField("source"),
        CJKSearchField("author"),
        CJKSearchField("body"),
        index.FilterField("date"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("date"),
        TranslatableField("source"),
        TranslatableField("author"),
        SynchronizedField("campaign"),
        TranslatableField("body"),
    ]

    parent_page_types = ["campaigns.ArticleIndexPage"]
    subpage_types = []
    template = "campaigns/article_page.html"

    class Meta:
        verbose_name = _("news report")


def may_read_answers(user):
    """Questionnaire answers are personal data: only their owners read and export them.

    The owners are the publicity editors (宣传编辑), who make the questionnaires, and
    superusers. Reviewers (初审/复审/终审) review the page, not the answers, though
    Wagtail would let anybody who may edit the page read them; the hook
    filter_form_submissions_for_user (campaigns/wagtail_hooks.py) and
    QuestionnaireAnswersPanel apply this rule.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_portal_may_read_answers", None)
    if cached is None:
        cached = user._portal_may_read_answers = user.groups.filter(name=groups.EDITORS).exists()
    return cached


class QuestionnaireAnswersPanel(FormSubmissionsPanel):
    """The count of answers and the link to them, in the page editor: for the questionnaire's owners only."""

    class BoundPanel(FormSubmissionsPanel.BoundPanel):
        def is_shown(self):
            return self.request is not None and may_read_answers(self.request.user) and super().is_shown()


class QuestionnaireField(TranslatableMixin, AbstractFormField):
    page = ParentalKey("campaigns.QuestionnairePage", on_delete=models.CASCADE, related_name="form_fields")

    # The questions are translated; the answer keys (clean_name) and field types are the same in every language.
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
        SynchronizedField("default_value"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass


class QuestionnairePage(PortalPageMixin, AbstractEmailForm):
    """问卷调查: a feedback questionnaire; staff export the answers from the admin."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = AbstractEmailForm.content_panels + [
        QuestionnaireAnswersPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("questions")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email the answers (optional)"),
        ),
    ]
    search_fields = AbstractEmailForm.search_fields + [CJKSearchField("title", boost=3), CJKSearchField("intro")]

    def get_submissions_list_view_class(self):
        # Wagtail's forms views import the page model: load them when the admin asks, not at import time.
        from .admin_views import QuestionnaireSubmissionsListView

        return QuestionnaireSubmissionsListView

    parent_page_types = ["campaigns.CampaignPage", "home.HomePage"]
    subpage_types = []
    template = "campaigns/questionnaire_page.html"
    landing_page_template = "campaigns/questionnaire_page_landing.html"

    class Meta:
        verbose_name = _("questionnaire")

    @property
    def summary(self):
        return self.search_description

    def send_mail(self, form):
        if self.to_address:
            super().send_mail(form)


class RegistrationQuerySet(models.QuerySet):
    def for_event(self, event):
        """Registrations of `event` in any of its languages (they belong to the source page)."""
        return self.filter(event_id=event.registration_event_id())

    def active(self):
        """Not cancelled: confirmed or waiting."""
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING)

    def attended(self):
        return self.filter(attended_at__isnull=False)

    def in_queue_order(self):
        """Waiting list order: first come, first served."""
        return self.order_by("created_at", "pk")

    def with_waiting_position(self):
        """Annotate `waiting_position` (1 = next to move up) on waiting registrations; None otherwise."""
        ahead = (
            Registration.objects.filter(
                event_id=models.OuterRef("event_id"),
                status=RegistrationStatus.WAITING,
            )
            .filter(
                models.Q(created_at__lt=models.OuterRef("created_at"))
                | models.Q(created_at=models.OuterRef("created_at"), pk__lt=models.OuterRef("pk"))
            )
            .order_by()
            .values("event_id")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            waiting_position=models.Case(
                models.When(
                    status=RegistrationStatus.WAITING,
                    then=Coalesce(models.Subquery(ahead), 0) + 1,
                ),
                default=None,
                output_field=models.IntegerField(),
            )
        )

    def counts(self):
        """{"confirmed": n, "waiting": m, "attended": k} in one query."""
        return self.aggregate(
            confirmed=models.Count("pk", filter=models.Q(status=RegistrationStatus.CONFIRMED)),
            waiting=models.Count("pk", filter=models.Q(status=RegistrationStatus.WAITING)),
            attended=models.Count("pk", filter=models.Q(attended_at__isnull=False)),
        )


class Registration(models.Model):
    """报名: one employee's place (or place on the waiting list) at an event.

    Registrations belong to the event's source-locale page, so they are the same in every
    language. Rules that change them live in campaigns.services (sign_up, cancel, mark_attendance).
    """

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(
        pgettext_lazy("portal", "Status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list at"), null=True, blank=True)
    attended_at = models.DateTimeField(_("attended at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        permissions = [("manage_registrations", _("Can see event registrations, export them and mark attendance"))]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~models.Q(status=RegistrationStatus.CANCELLED),
                name="one_open_registration_per_event_and_user",
            ),
            models.CheckConstraint(
                condition=models.Q(attended_at__isnull=True) | models.Q(status=RegistrationStatus.CONFIRMED),
                name="registration_attended_only_if_confirmed",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="registration_queue_idx"),
            models.Index(fields=["user", "status"], name="registration_user_idx"),
        ]

    def __str__(self):
        return f"{self.user} · {self.event_id} · {self.get_status_display()}"

    @property
    def is_active(self):
        return self.status != RegistrationStatus.CANCELLED


def registration_summary(event, user):
    """What the event page shows about sign-up: counts, places left, the visitor's own registration.

    Two queries (the source page's pk and the counts), one more for a logged-in employee.
    """
    registrations = Registration.objects.for_event(event)
    counts = registrations.counts()
    mine = None
    if user is not None and user.is_authenticated:
        mine = registrations.filter(user=user).with_waiting_position().order_by("-created_at", "-pk").first()
    capacity = event.capacity or 0
    return {
        "capacity": capacity,
        "confirmed": counts["confirmed"],
        "waiting": counts["waiting"],
        "places_left": max(capacity - counts["confirmed"], 0),
        "closes_at": event.registration_closes_at,
        "open": event.registration_open,
        "mine": mine,
        "active": mine is not None and mine.is_active,
        "can_cancel": mine is not None and mine.is_active and timezone.now() < event.start_time,
    }
