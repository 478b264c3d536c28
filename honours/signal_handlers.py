from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

from portal import pagecache

from .models import AwardRound


def round_published(sender, instance, **kwargs):
    from .services import record_publication

    record_publication(instance)
    clear_wall(sender, instance)


def clear_wall(sender, instance, **kwargs):
    """Clear the wall, its archive, round pages, certificates, the kiosk and the home page's 阅读之星
    in the page cache (portal/pagecache.py)."""
    pagecache.bump(pagecache.HONOURS)


def register_signal_handlers():
    published.connect(round_published, sender=AwardRound, dispatch_uid="honours-round-published")
    unpublished.connect(clear_wall, sender=AwardRound, dispatch_uid="honours-pagecache-unpublished")
    post_delete.connect(clear_wall, sender=AwardRound, dispatch_uid="honours-pagecache-deleted")
