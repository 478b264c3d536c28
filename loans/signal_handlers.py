"""Availability is on the book's page and behind the catalogue's 在架可借 filter: clear those
cached pages whenever a copy changes (lent, returned, held, in transit, added, lost; portal/pagecache.py)."""

from django.db.models.signals import post_delete, post_save

from portal import pagecache

from .models import Copy


def copy_changed(sender, instance, **kwargs):
    pagecache.bump(pagecache.book_tag(instance.book_id), pagecache.CATALOGUE)


def copies_added(book_ids):
    """bulk_create sends no signals: the services that add copies in bulk call this."""
    pagecache.bump(pagecache.CATALOGUE, *(pagecache.book_tag(book_id) for book_id in set(book_ids)))


def register_signal_handlers():
    post_save.connect(copy_changed, sender=Copy, dispatch_uid="loans-pagecache-copy-saved")
    post_delete.connect(copy_changed, sender=Copy, dispatch_uid="loans-pagecache-copy-deleted")
