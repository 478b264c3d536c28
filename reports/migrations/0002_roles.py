"""Who may use the reports.

- 信息审查单 (review sheets): 宣传编辑 and the three review levels (初审, 复审, 终审), who
  keep them; superusers have every permission anyway.
- 到馆人次 (visit records): 书屋管理员 record them at the desk; editors may look at them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "宣传编辑"
REVIEWERS = ("初审", "复审", "终审")
LIBRARIANS = "书屋管理员"


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def set_up(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(*codenames):
        return Permission.objects.filter(content_type__app_label="reports", codename__in=codenames)

    for name in (EDITORS, *REVIEWERS):
        Group.objects.get(name=name).permissions.add(*perms("view_review_sheets"))
    Group.objects.get(name=EDITORS).permissions.add(*perms("view_visitrecord"))
    Group.objects.get(name=LIBRARIANS).permissions.add(
        *perms("add_visitrecord", "change_visitrecord", "delete_visitrecord", "view_visitrecord")
    )


def tear_down(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(content_type__app_label="reports"):
        permission.group_set.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_visit_records"),
        ("people", "0002_groups"),
    ]

    operations = [migrations.RunPython(set_up, tear_down)]
