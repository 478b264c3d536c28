from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")


class PeopleUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with forms that know the staff number and department."""

    user_viewset = "people.viewsets.StaffUserViewSet"
