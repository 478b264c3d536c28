"""Clear the cached pages that show a reading note when it is published, unpublished or deleted.

See portal/pagecache.py; marking 优秀 and liking clear them from notes/services.py.
"""

from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

from portal import pagecache

from .models import ReadingNote


def clear_note_pages(note):
    """The note's page, its book's page and every list of notes (index, home, campaign pages, search)."""
    pagecache.bump(pagecache.note_tag(note), pagecache.book_tag(note.book_id), pagecache.NOTES)


def note_changed(sender, instance, **kwargs):
    clear_note_pages(instance)


def register_signal_handlers():
    published.connect(note_changed, sender=ReadingNote, dispatch_uid="notes-pagecache-published")
    unpublished.connect(note_changed, sender=ReadingNote, dispatch_uid="notes-pagecache-unpublished")
    post_delete.connect(note_changed, sender=ReadingNote, dispatch_uid="notes-pagecache-deleted")
