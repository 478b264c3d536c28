"""Librarians run the desk and manage rooms, copies and the lending rules."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LIBRARIANS = "书屋管理员"
CODENAMES = [
    "use_desk",
    "view_loan",
    "add_copy", "change_copy", "view_copy",
    "add_readingroom", "change_readingroom", "view_readingroom",
    "view_reservation", "change_reservation",
    "view_copymovement",
    "change_lendingrules", "view_lendingrules",
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=LIBRARIANS).first()
    if group:
        group.permissions.add(*Permission.objects.filter(content_type__app_label="loans", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("loans", "0001_initial"),
        ("people", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
