"""Rules of the campaigns app that change data: entering an essay contest (征文).

An entry is a reading note written through notes.services.save_note and submitted
to note moderation like any other; the EssayEntry row ties it to the contest. The
public form (campaigns.views), the demo builder and the tests all come here.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from notes import services as note_services

from .models import CampaignPage, EssayEntry, EventPage


def original_event(event):
    """The contest's page in the default language: entries are stored against it, whatever translation was used."""
    default = Locale.get_default()
    if event.locale_id == default.pk:
        return event
    return EventPage.objects.get(translation_key=event.translation_key, locale=default)


def contest_campaign(event):
    """The campaign the contest belongs to (its ancestor campaign page), or None."""
    return CampaignPage.objects.ancestor_of(event).order_by("-depth").first()


def check_can_enter(event, author, now=None):
    """Raise ValidationError with the reason (for the employee) when `author` may not enter `event` now."""
    if not event.is_essay_contest:
        raise ValidationError(_("This event is not an essay contest: it does not take entries."))
    now = now or timezone.now()
    if event.entries_close is None or now > event.entries_close:
        closed = (
            formats.date_format(timezone.localtime(event.entries_close), "DATETIME_FORMAT")
            if event.entries_close
            else ""
        )
        raise ValidationError(
            _("Entries for this essay contest closed on %(date)s; no more entries are accepted.") % {"date": closed}
        )
    if EssayEntry.objects.for_event(event).filter(author=author).exists():
        raise ValidationError(_("You have already entered this essay contest."))


def submit_essay_entry(event, author, *, book, text=None, title="", body="", quote="", now=None):
    """Enter `event` (an essay contest, in any language) with a new reading note, submitted to moderation.

    Give either `text` (a NoteText from notes.services.clean_note_text) or the raw title, body and quote.
    Refused (ValidationError, nothing saved) for an event that is not an essay contest, after its
    deadline, and for an employee who has already entered it. Returns the EssayEntry.
    """
    event = original_event(event)
    now = now or timezone.now()
    check_can_enter(event, author, now)
    try:
        with transaction.atomic():
            note = note_services.save_note(
                author,
                book=book,
                text=text,
                title=title,
                body=body,
                quote=quote,
                campaign=contest_campaign(event),
                submit=True,
            )
            entry = EssayEntry(event=event, author=author, note=note, submitted_at=now)
            entry.full_clean()
            entry.save()
    except IntegrityError:  # the same employee entering twice at the same moment
        raise ValidationError(_("You have already entered this essay contest.")) from None
    return entry
