"""The reading record's own permission and the group that holds it.

成长档案查阅 (staff development) may open any employee's reading record (成长档案) and its
spreadsheet, and look an employee up by staff number in the admin. Nobody else sees another
employee's record; superusers hold every permission.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECORD_READERS = "成长档案查阅"  # people.groups.RECORD_READERS


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; this one is needed now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    readers, _ = Group.objects.get_or_create(name=RECORD_READERS)
    readers.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="progress", codename="view_reading_record"),
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=RECORD_READERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0001_reading_plan"),
        ("people", "0002_groups"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="readinggoal",
            options={
                "permissions": [("view_reading_record", "Can view any employee's reading record")],
                "verbose_name": "reading goal",
                "verbose_name_plural": "reading goals",
            },
        ),
        migrations.RunPython(create_group, remove_group),
    ]
