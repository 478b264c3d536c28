"""Registers the catalogue's admin views (booklists/admin_views.py) with Wagtail."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin_views import BookImportView, CatalogueViewSetGroup, ImportMenuItem

register_snippet(CatalogueViewSetGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("books/import/", BookImportView.as_view(), name="booklists_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import books"), reverse("booklists_import"), icon_name="upload", order=260)
