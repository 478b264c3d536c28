"""Writing, submitting, liking and marking reading notes: the rules that change data.

The public form, the demo builder and the tests all go through these
functions. A note's text is sanitised and checked in exactly one place,
`clean_note_text()`: the form calls it to report the messages next to its
fields and hands the result to `save_note()`; other callers give `save_note()`
the raw text and it calls `clean_note_text()` itself.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import WorkflowState

from people.groups import NOTE_MODERATORS
from portal import pagecache
from portal.sanitize import MAX_NESTING, nesting_depth, plain_text_length, sanitize_user_html

from .models import BODY_MAX, BODY_MIN, TITLE_MAX, NoteLike, NoteStatus, ReadingNote, note_status
from .signal_handlers import clear_note_pages

SUBMISSIONS_PER_HOUR = 10

LOG_MARK_EXCELLENT = "notes.mark_excellent"
LOG_UNMARK_EXCELLENT = "notes.unmark_excellent"


class NotAllowed(PermissionDenied):
    """A rule of notes refuses what this user asked; `message` says why, for the person who asked."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def is_note_moderator(user):
    """Members of 心得审核员 (and superusers): they approve, return and mark 优秀, never write for others."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_portal_is_note_moderator", None)
    if cached is None:
        cached = user._portal_is_note_moderator = user.groups.filter(name=NOTE_MODERATORS).exists()
    return cached


@dataclass(frozen=True)
class NoteText:
    """A note's title, body and quotation once `clean_note_text()` has sanitised and checked them."""

    title: str
    body: str  # Wagtail's rich-text database format, cleaned by the allowlist
    quote: str


def clean_note_text(title, body, quote=""):
    """Sanitise the body and apply the limits on what an employee may submit; messages name the numbers.

    Returns a NoteText, or raises ValidationError({"title": …, "body": …}) with every broken limit.
    """
    errors = {}
    # Before anything parses the body into a tree: the converters recurse once per level.
    depth = nesting_depth(body)
    if depth > MAX_NESTING:
        raise ValidationError(
            {
                "body": _(
                    "The formatting of the note is nested %(depth)d levels deep; at most %(limit)d are allowed. "
                    "Please remove some of the formatting."
                )
                % {"depth": depth, "limit": MAX_NESTING}
            }
        )
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Please give the note a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("The title has %(count)d characters; at most %(limit)d.") % {
            "count": len(title),
            "limit": TITLE_MAX,
        }
    clean_body = sanitize_user_html(body)
    length = plain_text_length(clean_body)
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
    return NoteText(title=title, body=clean_body, quote=(quote or "").strip())


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


def save_note(author, *, book, title="", body="", quote="", text=None, campaign=None, note=None, submit=False):
    """Create or edit a note as a new revision; submit it for moderation if asked.

    Give either the raw `title`, `body` and `quote`, or `text`, a NoteText from clean_note_text().
    A published note keeps its published version until the new revision is approved.
    Raises ValidationError (with the typed values untouched) when a limit is broken.
    """
    if text is None:
        text = clean_note_text(title, body, quote)
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
        note.title = text.title
        note.body = text.body
        note.quote = text.quote
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
    """Like a published note once. Returns True if this call counted.

    Raises NotAllowed for the note's author: nobody likes their own note.
    """
    if note.author_id == user.pk:
        raise NotAllowed(_("You cannot like your own note."))
    try:
        with transaction.atomic():
            NoteLike.objects.create(note=note, user=user)
            ReadingNote.objects.filter(pk=note.pk).update(like_count=F("like_count") + 1)
    except IntegrityError:
        return False
    pagecache.bump(pagecache.note_tag(note))  # its page shows the count
    return True


def mark_excellent(note, moderator, excellent=True):
    """Mark a note 优秀 (or take the mark away), with an entry in Wagtail's audit log: who and when.

    Raises NotAllowed unless `moderator` is a note moderator, the note is published and it is not their own.
    """
    if not is_note_moderator(moderator):
        raise NotAllowed(_("Only note moderators mark notes excellent."))
    if note.author_id == moderator.pk:
        raise NotAllowed(_("You cannot decide on your own note: another moderator marks it excellent."))
    if not note.live:
        raise NotAllowed(_("Only a published note can be marked excellent."))
    with transaction.atomic():
        note.is_excellent = excellent
        note.marked_excellent_at = timezone.now() if excellent else None
        ReadingNote.objects.filter(pk=note.pk).update(
            is_excellent=note.is_excellent, marked_excellent_at=note.marked_excellent_at
        )
        log(instance=note, action=LOG_MARK_EXCELLENT if excellent else LOG_UNMARK_EXCELLENT, user=moderator)
        # update() sends no signal: the 优秀 badge and the home page's 优秀 notes change.
        clear_note_pages(note)
