from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BooklistsConfig(AppConfig):
    name = "booklists"
    verbose_name = _("Books")

    def ready(self):
        from portal.localization import register_linked_pages

        from .models import CataloguePage

        register_linked_pages(CataloguePage)
        from portal import pagecache

        from .models import Book, BookTag, Category

        # Book titles and categories are shown on book lists, notes, the home page and search.
        pagecache.clear_all_on_change(Book, BookTag, Category)
