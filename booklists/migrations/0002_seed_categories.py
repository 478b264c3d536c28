"""The eight categories reading rooms use, in Chinese and English, and who may edit books."""

import uuid

from django.contrib.auth.management import create_permissions
from django.db import migrations

CATEGORIES = [
    ("philosophy-law", "哲学法律", "Philosophy and Law"),
    ("humanities-history", "人文历史", "Humanities and History"),
    ("calligraphy-art", "书画艺术", "Calligraphy and Art"),
    ("literature", "中外文学", "Chinese and World Literature"),
    ("party-history", "党建党史", "Party Building and History"),
    ("health", "生活保健", "Life and Health"),
    ("popular-science", "科普知识", "Popular Science"),
    ("inspiration", "人生励志", "Inspiration"),
]


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Category = apps.get_model("booklists", "Category")
    zh = Locale.objects.get(language_code="zh-hans")
    en, _ = Locale.objects.get_or_create(language_code="en")
    for order, (code, name_zh, name_en) in enumerate(CATEGORIES):
        key = uuid.uuid4()
        Category.objects.get_or_create(
            locale=zh, code=code, defaults={"name": name_zh, "sort_order": order, "translation_key": key}
        )
        source = Category.objects.get(locale=zh, code=code)
        Category.objects.get_or_create(
            locale=en,
            code=code,
            defaults={"name": name_en, "sort_order": order, "translation_key": source.translation_key},
        )

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def grant(group_name, codenames):
        group = Group.objects.filter(name=group_name).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="booklists", codename__in=codenames)
            )

    grant("书屋管理员", ["add_book", "change_book", "delete_book", "view_book", "add_category", "change_category",
                      "view_category"])
    # Editors pick books for recommended lists in the chooser.
    grant("宣传编辑", ["view_book", "view_category"])
    for reviewer in ("初审", "复审", "终审"):
        grant(reviewer, ["view_book", "view_category"])


class Migration(migrations.Migration):
    dependencies = [
        ("booklists", "0001_initial"),
        ("people", "0002_groups"),
        ("home", "0002_site_root"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
