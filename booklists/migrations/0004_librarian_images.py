"""Librarians upload book covers and reading-room photos."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    librarians = Group.objects.filter(name="书屋管理员").first()
    if librarians is None:
        return
    root = Collection.objects.get(depth=1)
    for codename in ("add_image", "change_image", "choose_image"):
        permission = Permission.objects.get(content_type__app_label="wagtailimages", codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=librarians, collection=root, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("booklists", "0003_book_loan_count"),
        ("people", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
