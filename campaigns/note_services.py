"""Writing, submitting, liking and listing reading notes.

The public form and the demo builder both go through these functions, so the
sanitising, the limits and the workflow are applied in one place.
"""

import time

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState

from loans.models import Loan
from portal.sanitize import plain_text_length, sanitize_user_html

from .reading_notes import BODY_MAX, BODY_MIN, TITLE_MAX, NoteLike, ReadingNote

SUBMISSIONS_PER_HOUR = 10


class NoteStatus:
    DRAFT = "draft"
    PENDING = "pending"
    RETURNED = "returned"
    PUBLISHED = "published"
    EXCELLENT = "excellent"


def validate_note(title, body_html):
    """Limits on what an employee may submit; messages name the numbers."""
    errors = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Please give the note a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("The title has %(count)d characters; at most %(limit)d.") % {
            "count": len(title),
            "limit": TITLE_MAX,
        }
    length = plain_text_length(body_html)
    if length < BODY_MIN:
        errors["body"] = _("The note has %(count)d characters; write at least %(limit)d.") % {
            "count": length,
            "limit": BODY_MIN,
        }
    elif length > BODY_MAX:
        errors["body"] = _("The note has %(count)d characters; at most %(limit)d.") % {
            "count": length,
            "limit": BODY_MAX,
        }
    if errors:
        raise ValidationError(errors)


def check_submission_rate(user):
    """At most SUBMISSIONS_PER_HOUR submissions per employee per hour, counted in the shared cache."""
    window = int(time.time() // 3600)
    key = f"note-submissions:{user.pk}:{window}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    if count > SUBMISSIONS_PER_HOUR:
        raise ValidationError(
            _("You have submitted %(limit)d notes in the last hour, the most allowed. Please try again later.")
            % {"limit": SUBMISSIONS_PER_HOUR}
        )


def save_note(author, *, book, title, body, quote="", campaign=None, note=None, submit=False):
    """Create or edit a note as a new revision; submit it for moderation if asked.

    A published note keeps its published version until the new revision is approved.
    Raises ValidationError (with the typed values untouched) when a limit is broken.
    """
    clean_body = sanitize_user_html(body)
    validate_note(title, clean_body)
    if note is not None:
        if note.author_id != author.pk:
            raise PermissionError("Not the author")
        if note_status(note) == NoteStatus.PENDING:
            raise ValidationError(_("This note is waiting for review and cannot be changed now."))
    if submit:
        check_submission_rate(author)

    with transaction.atomic():
        if note is None:
            note = ReadingNote(author=author, live=False)
            note.book = book
            note.title = title.strip()
            note.body = clean_body
            note.quote = (quote or "").strip()
            note.campaign = campaign
            note.save()
        else:
            note.book = book
            note.title = title.strip()
            note.body = clean_body
            note.quote = (quote or "").strip()
            note.campaign = campaign
            if not note.live:
                note.save()  # nothing public to protect: keep the row current too
        note.save_revision(user=author)
        if submit:
            state = note.current_workflow_state
            if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                state.resume(user=author)
            else:
                note.get_workflow().start(note, author)
            ReadingNote.objects.filter(pk=note.pk).update(submitted_at=timezone.now())
    return note


def like(note, user):
    """Like a published note once. Returns True if this call counted."""
    try:
        with transaction.atomic():
            NoteLike.objects.create(note=note, user=user)
            ReadingNote.objects.filter(pk=note.pk).update(like_count=F("like_count") + 1)
    except IntegrityError:
        return False
    return True


def mark_excellent(note, moderator, excellent=True):
    note.is_excellent = excellent
    note.marked_excellent_at = timezone.now() if excellent else None
    ReadingNote.objects.filter(pk=note.pk).update(
        is_excellent=note.is_excellent, marked_excellent_at=note.marked_excellent_at
    )


def _workflow_states():
    return WorkflowState.objects.filter(
        base_content_type__app_label="campaigns",
        base_content_type__model="readingnote",
        object_id=Cast_str(OuterRef("pk")),
    )


def Cast_str(expression):  # noqa: N802 - reads like a function in the queries above
    from django.db.models import CharField
    from django.db.models.functions import Cast

    return Cast(expression, output_field=CharField())


def with_status(notes):
    """Annotate `workflow_status` and `return_reason` in the same query (for "我的心得")."""
    latest_state = _workflow_states().order_by("-created_at", "-pk")
    rejected = TaskState.objects.filter(
        workflow_state__base_content_type__app_label="campaigns",
        workflow_state__base_content_type__model="readingnote",
        workflow_state__object_id=Cast_str(OuterRef("pk")),
        status=TaskState.STATUS_REJECTED,
    ).order_by("-finished_at", "-pk")
    return notes.annotate(
        workflow_status=Subquery(latest_state.values("status")[:1]),
        return_reason=Subquery(rejected.values("comment")[:1]),
    )


def note_status(note):
    """One of NoteStatus for a note (annotated by with_status, or looked up)."""
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


def with_verified(notes):
    """Annotate `verified` (借阅后撰写): the author has, or had, a loan of the note's book.

    An EXISTS subquery in the listing's own query, so the badge costs no query per note.
    """
    return notes.annotate(verified=Exists(Loan.objects.filter(borrower=OuterRef("author"), book=OuterRef("book"))))


def published_notes_for_listing(campaign="", category="", department="", excellent=False):
    notes = with_verified(
        ReadingNote.objects.published().select_related("author__department", "book__category", "campaign")
    )
    if campaign:
        notes = notes.filter(campaign__slug=campaign)
    if category:
        notes = notes.filter(book__category__code=category)
    if department:
        notes = notes.filter(author__department_id=department) if str(department).isdigit() else notes.none()
    if excellent:
        notes = notes.filter(is_excellent=True)
    return (
        notes.order_by("-is_excellent", "-first_published_at", "-pk")
        if excellent
        else notes.order_by("-first_published_at", "-pk")
    )


def liked_by(notes, user):
    """Annotate `liked` for the current user (one query with the listing)."""
    if not user.is_authenticated:
        return notes
    return notes.annotate(liked=Exists(NoteLike.objects.filter(note=OuterRef("pk"), user=user)))
