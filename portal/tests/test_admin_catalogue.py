"""The strings Wagtail's own zh_Hans catalogues lack are supplied by the portal, and win.

portal/locale (an app catalogue, portal being the first app) overrides Wagtail's apps;
locale/zh_Hans/LC_MESSAGES/djangojs.po (LOCALE_PATHS) is the only place the admin's
JavaScript catalogue reads besides wagtail.admin's own. See portal/locale/UPSTREAM.md.
"""

import json

import pytest
from django.conf import settings
from django.utils.translation import gettext, override


def test_portal_comes_before_every_wagtail_app():
    apps = settings.INSTALLED_APPS
    assert apps.index("portal") < min(i for i, app in enumerate(apps) if app.startswith("wagtail"))


@pytest.mark.parametrize(
    ("msgid", "chinese"),
    [
        ("Search all pages…", "搜索所有页面…"),  # wagtail.admin: missing upstream
        ("Your pages and snippets in a workflow", "流程中的我的页面和片段"),
        ("Privacy and access", "私密性与访问权限"),
        ("Locked by workflow", "被工作流锁定"),  # wagtail (core)
        ("%(label)s and Publish", "%(label)s并发布"),  # a correction of an upstream translation
    ],
)
def test_upstream_strings_are_chinese(msgid, chinese):
    with override("zh-hans"):
        assert gettext(msgid) == chinese
    with override("en"):
        assert gettext(msgid) == msgid


def test_the_lock_message_of_a_page_in_review_is_chinese():
    with override("zh-hans"):
        message = gettext(
            "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> workflow."
        ).format(model_name="页面", task_name="初审", workflow_name="三审三校")
    assert message == "此页面正在<b>“三审三校”</b>流程中等待<b>“初审”</b>。"


def test_admin_javascript_catalogue_has_the_supplied_strings(admin_client):
    response = admin_client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    text = response.content.decode()
    catalog = json.loads(text.split("const newcatalog = ", 1)[1].split(";\n", 1)[0])
    assert catalog["Autosave in progress…"] == "正在自动保存…"
    assert catalog["Write something or type ‘/’ to insert a block"] == "输入内容，或输入“/”插入块"
