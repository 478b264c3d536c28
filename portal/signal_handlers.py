import time

from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import post_page_move

from . import sitewide
from .collation import register_sqlite_collation
from .middleware import SITE_VERSION_KEY
from .models import RESTRICTED_PATHS_KEY


def forget_restricted_paths(**kwargs):
    sitewide.delete(RESTRICTED_PATHS_KEY)


def forget_sites(**kwargs):
    try:
        sitewide.incr(SITE_VERSION_KEY)
    except ValueError:  # lost (or never set): a new number, never one a stale entry has
        sitewide.set(SITE_VERSION_KEY, time.time_ns() // 1_000_000, None)


def register_signal_handlers():
    post_save.connect(forget_sites, sender=Site, dispatch_uid="portal-site-saved")
    post_delete.connect(forget_sites, sender=Site, dispatch_uid="portal-site-deleted")
    post_save.connect(forget_restricted_paths, sender=PageViewRestriction, dispatch_uid="portal-restriction-saved")
    post_delete.connect(forget_restricted_paths, sender=PageViewRestriction, dispatch_uid="portal-restriction-deleted")
    post_page_move.connect(forget_restricted_paths, dispatch_uid="portal-page-moved")
    connection_created.connect(register_sqlite_collation, dispatch_uid="portal-pinyin-collation")
