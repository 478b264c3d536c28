from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    name = "honours"
    verbose_name = _("Honour wall")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.localization import register_linked_pages

        from .models import HonorWallPage
        from .signal_handlers import register_signal_handlers

        register_linked_pages(HonorWallPage)
        register_signal_handlers()
