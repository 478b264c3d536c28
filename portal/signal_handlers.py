import time

from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import pagecache, sitewide
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


SHOWN_EVERYWHERE = (
    BaseSiteSetting,
    BaseGenericSetting,
    Site,
    Redirect,
    PageViewRestriction,
    Locale,
    AbstractImage,
    AbstractDocument,
)
# A page save that only records a new draft changes nothing the public sees.
DRAFT_ONLY_FIELDS = {
    "draft_title",
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def clear_page_cache_on_save(sender, instance, update_fields=None, created=False, **kwargs):
    """Pages, settings, sites, redirects, restrictions, images, documents and the models apps
    register with ``pagecache.clear_all_on_change`` appear on (nearly) every page: clear them all."""
    if isinstance(instance, Page):
        if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
            return
        pagecache.bump_all()
    elif created and isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        # for_site() creates a missing settings row with its defaults while a page renders: nothing changed.
        return
    elif isinstance(instance, SHOWN_EVERYWHERE) or pagecache.clears_all(instance):
        pagecache.bump_all()


def clear_page_cache(**kwargs):
    pagecache.bump_all()


def register_signal_handlers():
    # No sender: every model's saves pass through one isinstance check (pages have many classes).
    post_save.connect(clear_page_cache_on_save, dispatch_uid="portal-pagecache-saved")
    post_delete.connect(clear_page_cache_on_save, dispatch_uid="portal-pagecache-deleted")
    page_published.connect(clear_page_cache, dispatch_uid="portal-pagecache-published")
    page_unpublished.connect(clear_page_cache, dispatch_uid="portal-pagecache-unpublished")
    post_page_move.connect(clear_page_cache, dispatch_uid="portal-pagecache-moved")
    post_save.connect(forget_sites, sender=Site, dispatch_uid="portal-site-saved")
    post_delete.connect(forget_sites, sender=Site, dispatch_uid="portal-site-deleted")
    post_save.connect(forget_restricted_paths, sender=PageViewRestriction, dispatch_uid="portal-restriction-saved")
    post_delete.connect(forget_restricted_paths, sender=PageViewRestriction, dispatch_uid="portal-restriction-deleted")
    post_page_move.connect(forget_restricted_paths, dispatch_uid="portal-page-moved")
    connection_created.connect(register_sqlite_collation, dispatch_uid="portal-pinyin-collation")
