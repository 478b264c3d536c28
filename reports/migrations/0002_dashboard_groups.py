"""Who sees the organisers' dashboard: 宣传编辑 (the editors, who also export and write the report) and
领导小组 (the leading group, who may only read: admin access and the dashboard, nothing to edit)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "宣传编辑"
LEADERSHIP = "领导小组"


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def set_up(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    dashboard = Permission.objects.get(content_type__app_label="reports", codename="view_dashboard")
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    Group.objects.get(name=EDITORS).permissions.add(dashboard)
    leadership, _ = Group.objects.get_or_create(name=LEADERSHIP)
    leadership.permissions.add(dashboard, access_admin)


def tear_down(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=LEADERSHIP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_dashboard_access"),
        ("people", "0002_groups"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(set_up, tear_down)]
