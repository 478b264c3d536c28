"""三审三校: a three-step Wagtail workflow (初审 → 复审 → 终审) for every page."""

from django.db import migrations

WORKFLOW_NAME = "三审三校"
STEPS = ("初审", "复审", "终审")


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for order, name in enumerate(STEPS):
        task, _ = GroupApprovalTask.objects.get_or_create(
            name=name, defaults={"content_type": task_type, "active": True}
        )
        task.groups.set([Group.objects.get(name=name)])
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})

    # The whole site, replacing Wagtail's default single-step "Moderators approval".
    root = Page.objects.get(depth=1)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    # Only workflows assigned to nothing: the note moderation workflow (notes 0002) may already exist.
    Workflow.objects.exclude(pk=workflow.pk).filter(
        workflow_pages__isnull=True, workflow_content_types__isnull=True
    ).update(active=False)


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("people", "0002_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
