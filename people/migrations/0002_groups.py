"""Create the organisation's roles and give each the admin rights it needs.

Nobody but superusers gets the page "publish" permission: every page goes
through the three-level review workflow (created in campaigns 0002).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "宣传编辑"
REVIEWERS = ("初审", "复审", "终审")
NOTE_MODERATORS = "心得审核员"
LIBRARIANS = "书屋管理员"


def ensure_permissions(apps):
    # Permissions are normally created after all migrations; we need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def perm(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    # Wagtail's own example groups would give publish rights that bypass the review.
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()

    access_admin = perm(apps, "wagtailadmin", "access_admin")
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    def page_perms(group, codenames):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=perm(apps, "wagtailcore", codename)
            )

    def collection_perms(group, app_label, codenames):
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=perm(apps, app_label, codename)
            )

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(access_admin)
    page_perms(editors, ["add_page", "change_page", "lock_page"])
    collection_perms(editors, "wagtailimages", ["add_image", "change_image", "choose_image"])
    collection_perms(editors, "wagtaildocs", ["add_document", "change_document", "choose_document"])

    for name in REVIEWERS:
        reviewers, _ = Group.objects.get_or_create(name=name)
        reviewers.permissions.add(access_admin)
        # Reviewers may correct what they review (三校), but publishing is the workflow's job.
        page_perms(reviewers, ["change_page"])
        collection_perms(reviewers, "wagtailimages", ["choose_image"])
        collection_perms(reviewers, "wagtaildocs", ["choose_document"])

    moderators, _ = Group.objects.get_or_create(name=NOTE_MODERATORS)
    moderators.permissions.add(access_admin)

    librarians, _ = Group.objects.get_or_create(name=LIBRARIANS)
    librarians.permissions.add(access_admin)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[EDITORS, *REVIEWERS, NOTE_MODERATORS, LIBRARIANS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
