"""心得审核: a one-step workflow for reading notes, done by the 心得审核员 group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW_NAME = "心得审核"
GROUP = "心得审核员"


def create_workflow(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    NoteModerationTask = apps.get_model("notes", "NoteModerationTask")

    moderators = Group.objects.get(name=GROUP)
    # Moderators find notes in the snippets area; they neither create nor delete them there.
    # (0003 takes change_readingnote away again: the permission policy ignores it.)
    moderators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="notes", codename__in=["change_readingnote", "view_readingnote"]
        )
    )
    task_type, _ = ContentType.objects.get_or_create(app_label="notes", model="notemoderationtask")
    note_type, _ = ContentType.objects.get_or_create(app_label="notes", model="readingnote")
    task, _ = NoteModerationTask.objects.get_or_create(
        name="心得审核", defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.update_or_create(content_type=note_type, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notes", "0001_initial"),
        ("people", "0002_groups"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
