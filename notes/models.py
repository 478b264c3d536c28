"""Reading notes (读书心得): written by employees, moderated through Wagtail's workflow.

A note is a snippet with Wagtail's draft, revision, lock and workflow mixins,
so moderators use the same review queue, history and audit log as pages.
The body is sanitised before it is stored (notes.services, portal/sanitize.py).

A note may belong to a campaign: the foreign key names "campaigns.CampaignPage"
as a string, because campaigns sits above notes (DESIGN.md §3) and notes never
imports it. Code here that needs the campaign model reads it from that key
(`campaign_model()`).
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TaskState,
    WorkflowMixin,
    WorkflowState,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from booklists.models import Book, Category
from loans.models import Loan
from people.models import Department
from portal import pagecache
from portal.collation import pinyin_key
from portal.internals import content_language
from portal.models import BasePage
from portal.pagination import paginate
from portal.params import int_param
from portal.sanitize import NOTE_FEATURES
from portal.search import CJKAutocompleteField, CJKSearchField

TITLE_MAX = 100
BODY_MIN = 50
BODY_MAX = 20_000
NOTES_PER_PAGE = 20


class NoteStatus:
    DRAFT = "draft"
    PENDING = "pending"
    RETURNED = "returned"
    PUBLISHED = "published"
    EXCELLENT = "excellent"


def _as_text(expression):
    return Cast(expression, output_field=CharField())


class ReadingNoteQuerySet(SearchableQuerySetMixin, models.QuerySet):
    """The queries the public pages, the admin and other apps' panels share."""

    def published(self):
        return self.filter(live=True)

    def excellent_between(self, start, end):
        """Published notes marked 优秀 from day `start` to day `end` (dated by the mark, in the site's
        time zone): what the campaign's figures count and its 成果展示 lists."""
        zone = timezone.get_default_timezone()
        low = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), zone)
        high = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), zone)
        return self.filter(live=True, is_excellent=True, marked_excellent_at__gte=low, marked_excellent_at__lt=high)

    def with_verified(self):
        """Annotate `verified` (借阅后撰写): the author has, or had, a loan of the note's book.

        An EXISTS subquery in the listing's own query, so the badge costs no query per note.
        """
        return self.annotate(verified=Exists(Loan.objects.filter(borrower=OuterRef("author"), book=OuterRef("book"))))

    def cards(self):
        """Published notes as the note cards show them: author, department, book and the 借阅后撰写 badge."""
        return self.published().with_verified().select_related("author__department", "book")

    def with_status(self):
        """Annotate `workflow_status` and `return_reason` in the same query (for "我的心得" and the admin)."""
        if "workflow_status" in self.query.annotations:
            return self
        opts = self.model._meta
        states = WorkflowState.objects.filter(
            base_content_type__app_label=opts.app_label,
            base_content_type__model=opts.model_name,
            object_id=_as_text(OuterRef("pk")),
        )
        rejected = TaskState.objects.filter(
            workflow_state__base_content_type__app_label=opts.app_label,
            workflow_state__base_content_type__model=opts.model_name,
            workflow_state__object_id=_as_text(OuterRef("pk")),
            status=TaskState.STATUS_REJECTED,
        ).order_by("-finished_at", "-pk")
        return self.annotate(
            workflow_status=Subquery(states.order_by("-created_at", "-pk").values("status")[:1]),
            return_reason=Subquery(rejected.values("comment")[:1]),
        )

    def visible_to(self, user):
        """The notes `user` may read, on the public site and in the admin.

        Published notes for everyone; the author's own notes; and for moderators, the notes
        waiting for their review. A draft never submitted, or returned and being reworked,
        is the author's alone.
        """
        from .services import is_note_moderator

        if not user.is_authenticated:
            return self.published()
        visible = Q(live=True) | Q(author_id=user.pk)
        if is_note_moderator(user):
            visible |= Q(workflow_status=WorkflowState.STATUS_IN_PROGRESS)
            return self.with_status().filter(visible)
        return self.filter(visible)

    def liked_by(self, user):
        """Annotate `liked` for the current user (one query with the listing)."""
        if not user.is_authenticated:
            return self
        return self.annotate(liked=Exists(NoteLike.objects.filter(note=OuterRef("pk"), user=user)))

    def listing(self, campaign="", category="", department="", excellent=False):
        """The notes index: published notes, filtered by campaign slug, category code, department and 优秀."""
        notes = self.published().with_verified().select_related("author__department", "book__category", "campaign")
        if campaign:
            notes = notes.filter(campaign__slug=campaign)
        if category:
            notes = notes.filter(book__category__code=category)
        if department:
            notes = notes.filter(author__department_id=department) if str(department).isdigit() else notes.none()
        if excellent:
            return notes.filter(is_excellent=True).order_by("-is_excellent", "-first_published_at", "-pk")
        return notes.order_by("-first_published_at", "-pk")


class ReadingNote(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed, models.Model
):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="reading_notes"
    )
    book = models.ForeignKey(Book, verbose_name=_("book"), on_delete=models.PROTECT, related_name="reading_notes")
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reading_notes",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = RichTextField(_("note"), features=NOTE_FEATURES, validators=[MaxLengthValidator(BODY_MAX * 4)])
    quote = models.TextField(_("quotation from the book"), blank=True, max_length=500)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    is_excellent = models.BooleanField(_("excellent (优秀)"), default=False)
    marked_excellent_at = models.DateTimeField(_("marked excellent"), null=True, blank=True)
    like_count = models.PositiveIntegerField(_("likes"), default=0, editable=False)
    read_count = models.PositiveIntegerField(_("reads"), default=0, editable=False)

    objects = ReadingNoteQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("book"),
        FieldPanel("campaign"),
        FieldPanel("quote"),
        FieldPanel("body", heading=_("Text of the note")),
    ]
    search_fields = [
        CJKSearchField("title", boost=3),
        CJKSearchField("body"),
        CJKSearchField("quote"),
        CJKAutocompleteField("title"),
        index.FilterField("live"),
        index.FilterField("book"),
    ]

    class Meta:
        ordering = ["-first_published_at", "-pk"]
        verbose_name = _("reading note")
        verbose_name_plural = _("reading notes")
        indexes = [
            models.Index(fields=["live", "is_excellent", "first_published_at"], name="note_listing_idx"),
            models.Index(fields=["book", "live"], name="note_book_idx"),
            # The home page's 优秀读书心得 (latest marked first): without it PostgreSQL joined all
            # ~950 excellent notes to their books and authors before sorting (216 ms at full scale).
            models.Index(
                F("marked_excellent_at").desc(),  # DESC: nulls first on PostgreSQL, as the ORDER BY
                F("id").desc(),
                name="note_excellent_idx",
                condition=Q(live=True, is_excellent=True),
            ),
        ]

    def __str__(self):
        return self.title

    def get_preview_template(self, request, mode_name):
        return "notes/note_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"note": self, "preview": True}

    def get_absolute_url(self):
        return reverse("notes:detail", kwargs={"pk": self.pk})

    @property
    def pending_reads_key(self):
        """Reads not yet in `read_count`: counted in the shared cache, also by the page cache's hits."""
        return f"notes:pending-reads:{self.pk}"

    def record_read(self):
        """Count this read, then move the reads waiting in the cache into `read_count` (one UPDATE).

        Anonymous visitors mostly get the cached page, which only adds 1 in the cache
        (pagecache.count_hits), so the row is written when the page is rendered again
        (at most once per PAGE_CACHE_SECONDS and language), not on every GET.
        Returns how many reads were added to the row.
        """
        key = self.pending_reads_key
        pagecache.incr_counter(key)
        # One flusher at a time, so two renders never both add the same reads.
        if not cache.add(f"{key}:flushing", 1, 10):
            return 0
        try:
            pending = cache.get(key) or 0
            if pending > 0:
                cache.decr(key, pending)
                ReadingNote.objects.filter(pk=self.pk).update(read_count=F("read_count") + pending)
        finally:
            cache.delete(f"{key}:flushing")
        return max(pending, 0)

    def publish(self, revision, user=None, **kwargs):
        """Publish a revision, only ever one its author wrote.

        Every way a note goes live ends here (the moderation workflow, the admin, code), so a
        revision saved by anybody else (a moderator's edit in the admin) can never appear
        on the public site under the author's name.
        """
        if revision.user_id != self.author_id:
            raise PermissionDenied(gettext("Only a version the author wrote can be published."))
        return super().publish(revision, user=user, **kwargs)


def campaign_model():
    """The campaign page model, from the note's foreign key (notes does not import campaigns)."""
    return ReadingNote._meta.get_field("campaign").related_model


def note_status(note):
    """One of NoteStatus for a note (annotated by `with_status()`, or looked up)."""
    status = getattr(note, "workflow_status", None)
    if not hasattr(note, "workflow_status"):
        state = note.current_workflow_state
        status = state.status if state else None
    if status == WorkflowState.STATUS_IN_PROGRESS:
        return NoteStatus.PENDING
    if status == WorkflowState.STATUS_NEEDS_CHANGES:
        return NoteStatus.RETURNED
    if note.live:
        return NoteStatus.EXCELLENT if note.is_excellent else NoteStatus.PUBLISHED
    return NoteStatus.DRAFT


class NoteLike(models.Model):
    """One like per employee and note; the unique constraint makes double clicks count once."""

    note = models.ForeignKey(ReadingNote, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="note_likes")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("like")
        verbose_name_plural = _("likes")
        constraints = [models.UniqueConstraint(fields=["note", "user"], name="one_like_per_user")]

    def __str__(self):
        return f"{self.user} ♥ {self.note}"


class NoteModerationTask(AbstractGroupApprovalTask):
    """A group approval in which nobody may approve their own note."""

    class Meta:
        verbose_name = _("note moderation task")
        verbose_name_plural = _("note moderation tasks")

    def _is_own(self, obj, user):
        return getattr(obj, "author_id", None) == getattr(user, "pk", None)

    @staticmethod
    def _latest_revision_user_id(obj):
        revision = obj.latest_revision if getattr(obj, "latest_revision_id", None) else None
        return revision.user_id if revision else None

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and not self._is_own(obj, user)

    def locked_for_user(self, obj, user):
        return super().locked_for_user(obj, user) or self._is_own(obj, user)

    def get_actions(self, obj, user):
        """Approve or return; nothing on one's own note; never approve a version one wrote, or its author did not."""
        if self._is_own(obj, user):
            return []
        actions = super().get_actions(obj, user)
        written_by = self._latest_revision_user_id(obj)
        if written_by == user.pk or written_by != getattr(obj, "author_id", None):
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        """Every caller (the admin views, the demo, code) gets the same answer as the buttons."""
        obj = task_state.workflow_state.content_object
        if action_name not in {name for name, _label, _modal in self.get_actions(obj, user)}:
            raise PermissionDenied(gettext("You may not do this to this note."))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        own = ReadingNote.objects.filter(author_id=user.pk).values_list("pk", flat=True)
        return states.exclude(workflow_state__object_id__in=[str(pk) for pk in own])

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve notes, except their own")


def filter_menus():
    """Campaigns, categories and departments for the notes index's filters, in ONE query (a UNION).

    Campaigns and categories are listed in the reader's language (their slugs and codes, the
    filters' keys, are the same in every language), departments by their (Chinese) names.
    """
    language = content_language(get_language() or settings.LANGUAGE_CODE)
    text = CharField()
    campaigns = (
        campaign_model()
        .objects.live()
        .filter(locale__language_code=language)
        .annotate(kind=Value("campaign", text), key=F("slug"), label=F("title"), sort=Cast("start_date", text))
        .values_list("kind", "key", "label", "sort")
        .order_by()
    )
    categories = (
        Category.objects.filter(locale__language_code=language)
        .annotate(kind=Value("category", text), key=F("code"), label=F("name"), sort=Cast("sort_order", text))
        .values_list("kind", "key", "label", "sort")
        .order_by()
    )
    departments = (
        Department.objects.annotate(
            kind=Value("department", text), key=Cast("pk", text), label=F("name"), sort=Cast("sort_order", text)
        )
        .values_list("kind", "key", "label", "sort")
        .order_by()
    )
    menus = {"campaign": [], "category": [], "department": []}
    for kind, key, label, sort in campaigns.union(categories, departments, all=True):
        menus[kind].append({"key": key, "label": label, "sort": sort})
    menus["campaign"].sort(key=lambda item: item["sort"], reverse=True)  # ISO dates: newest first
    menus["category"].sort(key=lambda item: (int(item["sort"]), pinyin_key(item["label"])))
    menus["department"].sort(key=lambda item: (int(item["sort"]), pinyin_key(item["label"])))
    return {
        "filter_campaigns": menus["campaign"],
        "filter_categories": menus["category"],
        "filter_departments": menus["department"],
    }


class NotesIndexPage(BasePage):
    """读书心得: published notes, filterable by campaign, category, department and 优秀."""

    page_cache_tags = (pagecache.NOTES,)  # portal/pagecache.py

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "notes/notes_index_page.html"

    class Meta:
        verbose_name = _("reading notes index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = {
            "campaign": request.GET.get("campaign", ""),
            "category": request.GET.get("category", ""),
            "department": str(int_param(request, "department", default="")),
            "excellent": request.GET.get("excellent", "") == "1",
        }
        context["filters"] = filters
        context["notes"] = paginate(request, ReadingNote.objects.listing(**filters), NOTES_PER_PAGE)
        context.update(filter_menus())
        return context
