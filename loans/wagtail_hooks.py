"""Registers the loans app with Wagtail. What is registered lives elsewhere: the admin screens,
menu and viewsets in `admin_views`, the book page's lending panel in `panels`, the catalogue
import's copies in `services.collection`."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import admin_views, panels
from .models import CopyMovement, books_on_shelf
from .services import collection

# First, before any view asks the registry for CopyMovement's policy.
register_permission_policy(CopyMovement, admin_views.ReadOnlyPolicy(CopyMovement))

hooks.register("register_admin_urls", admin_views.admin_urls)
hooks.register("register_admin_menu_item", admin_views.desk_menu_item)
hooks.register("register_admin_viewset", admin_views.CollectionViewSetGroup)
hooks.register("portal_book_page_panels", panels.lending_panel)
hooks.register("portal_catalogue_imported", collection.add_copies_for_imported_books)
hooks.register("portal_catalogue_import_rooms", collection.import_rooms)
hooks.register("portal_catalogue_import_tables", collection.imported_tables)
hooks.register("portal_catalogue_available_filter", books_on_shelf)
