from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Department, User

        post_save.connect(clear_page_cache_for_people, sender=User, dispatch_uid="people-pagecache-user")
        post_delete.connect(clear_page_cache_for_people, sender=User, dispatch_uid="people-pagecache-user-del")
        post_save.connect(clear_page_cache_for_people, sender=Department, dispatch_uid="people-pagecache-department")
        post_delete.connect(
            clear_page_cache_for_people, sender=Department, dispatch_uid="people-pagecache-department-del"
        )


# A log-in saves these; nothing the public sees.
PRIVATE_USER_FIELDS = {"last_login", "password"}


def clear_page_cache_for_people(sender, instance, update_fields=None, **kwargs):
    """Names, departments and 不参与公开排名 show on notes, the honour wall and the rankings:
    clear the page cache when they change (portal/pagecache.py)."""
    from portal import pagecache

    if update_fields and set(update_fields) <= PRIVATE_USER_FIELDS:
        return
    pagecache.bump_all()


class PeopleUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with forms that know the staff number and department."""

    user_viewset = "people.viewsets.StaffUserViewSet"
