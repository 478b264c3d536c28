"""Publicity editors (宣传编辑) organise the events: they see the registrations, export them and
mark attendance (campaigns.manage_registrations)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "宣传编辑"
CODENAMES = ["manage_registrations", "view_registration"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group:
        group.permissions.add(*Permission.objects.filter(content_type__app_label="campaigns", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="campaigns", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0006_event_registration"),
        ("people", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
