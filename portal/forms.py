"""The admin form every page type is edited with."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class PortalPageForm(WagtailAdminPageForm):
    """Wagtail's page form with an optional slug.

    Left empty, the slug becomes the title's pinyin when the page is saved
    (portal.models.PortalPageMixin), e.g. `shu-xiang-ji-guan` for 书香机关.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields.get("slug")
        if slug is not None:
            slug.required = False
            slug.help_text = _("Leave empty to use the title's pinyin, e.g. shu-xiang-ji-guan.")
