"""心得审核员 no longer hold notes.change_readingnote.

ReadingNotePermissionPolicy gives nobody "change" on notes whatever their groups (a moderator's
screen opens through the moderation task), so the permission granted in 0002 did nothing.
"""

from django.db import migrations

GROUP = "心得审核员"


def _change_permission(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="notes", codename="change_readingnote"
    )


def remove_change_permission(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name=GROUP):
        group.permissions.remove(*_change_permission(apps))


def restore_change_permission(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name=GROUP):
        group.permissions.add(*_change_permission(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("notes", "0002_moderation_workflow"),
    ]

    operations = [migrations.RunPython(remove_change_permission, restore_change_permission)]
