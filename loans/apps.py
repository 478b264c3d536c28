from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoansConfig(AppConfig):
    name = "loans"
    verbose_name = _("Lending")

    def ready(self):
        # Registers the lending panel of the catalogue's book pages (portal_book_page_panels).
        from . import hooks  # noqa: F401
