from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotesConfig(AppConfig):
    name = "notes"
    verbose_name = _("Reading notes")

    def ready(self):
        from portal.localization import register_linked_pages

        from .models import NotesIndexPage
        from .signal_handlers import register_signal_handlers

        register_linked_pages(NotesIndexPage)
        register_signal_handlers()
