"""Who sees the organisers' dashboard and the summary reports.

- 宣传编辑 (editors) see the dashboard, export its tables, draft and edit the summary reports.
- 领导小组 (the leading group) may only read: admin access, the dashboard and the reports.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "宣传编辑"
LEADERSHIP = "领导小组"


def set_up(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(*codenames):
        return Permission.objects.filter(content_type__app_label="reports", codename__in=codenames)

    Group.objects.get(name=EDITORS).permissions.add(
        *perms("view_dashboard", "add_campaignreport", "change_campaignreport", "view_campaignreport")
    )
    leadership, _ = Group.objects.get_or_create(name=LEADERSHIP)
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    leadership.permissions.add(access_admin, *perms("view_dashboard", "view_campaignreport"))


def tear_down(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=LEADERSHIP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_campaign_report_and_dashboard"),
        ("reports", "0002_roles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(set_up, tear_down)]
