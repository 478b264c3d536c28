from django.core.cache import cache
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import post_page_move

from .collation import register_sqlite_collation
from .middleware import SITE_VERSION_KEY
from .models import RESTRICTED_PATHS_KEY


def forget_restricted_paths(**kwargs):
    cache.delete(RESTRICTED_PATHS_KEY)


def forget_sites(**kwargs):
    try:
        cache.incr(SITE_VERSION_KEY)
    except ValueError:
        cache.set(SITE_VERSION_KEY, 1, None)


def register_signal_handlers():
    post_save.connect(forget_sites, sender=Site, dispatch_uid="portal-site-saved")
    post_delete.connect(forget_sites, sender=Site, dispatch_uid="portal-site-deleted")
    post_save.connect(forget_restricted_paths, sender=PageViewRestriction, dispatch_uid="portal-restriction-saved")
    post_delete.connect(forget_restricted_paths, sender=PageViewRestriction, dispatch_uid="portal-restriction-deleted")
    post_page_move.connect(forget_restricted_paths, dispatch_uid="portal-page-moved")
    connection_created.connect(register_sqlite_collation, dispatch_uid="portal-pinyin-collation")
