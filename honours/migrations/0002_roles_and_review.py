"""Who does what with award rounds, and the review they go through.

- 宣传编辑 (editors) generate candidate lists, choose the number of winners, add or
  remove a winner with a reason and submit the round to 三审三校.
- 初审 / 复审 / 终审 approve or reject their step (and may correct what they
  review, 三校), but do not change winners.
- Nobody but superusers has the "publish" permission: the final approval publishes.

Award rounds use the same 三审三校 workflow as pages (campaigns/migrations/0002).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "宣传编辑"
REVIEWERS = ("初审", "复审", "终审")
WORKFLOW_NAME = "三审三校"


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def set_up(apps, schema_editor):
    ensure_permissions(apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    def perms(*codenames):
        return Permission.objects.filter(content_type__app_label="honours", codename__in=codenames)

    editors = Group.objects.get(name=EDITORS)
    editors.permissions.add(*perms("add_awardround", "change_awardround", "view_awardround", "override_awardround"))
    for name in REVIEWERS:
        Group.objects.get(name=name).permissions.add(*perms("change_awardround", "view_awardround"))

    round_type, _ = ContentType.objects.get_or_create(app_label="honours", model="awardround")
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    WorkflowContentType.objects.update_or_create(content_type=round_type, defaults={"workflow": workflow})


def tear_down(apps, schema_editor):
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(content_type__app_label="honours").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("honours", "0001_initial"),
        ("people", "0002_groups"),
        ("campaigns", "0002_review_workflow"),
    ]

    operations = [migrations.RunPython(set_up, tear_down)]
