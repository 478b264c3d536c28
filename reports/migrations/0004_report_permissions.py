"""宣传编辑 draft and edit the summary reports; 领导小组 read them (view only)."""

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
        *perms("add_campaignreport", "change_campaignreport", "view_campaignreport")
    )
    Group.objects.get(name=LEADERSHIP).permissions.add(*perms("view_campaignreport"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_campaign_report"), ("reports", "0002_dashboard_groups")]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
