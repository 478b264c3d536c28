from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from portal import pagecache

        from .models import SiteText

        # The footer of every page.
        pagecache.clear_all_on_change(SiteText)
