"""三审三校: the three-level review through Wagtail's real admin views.

An editor (宣传编辑) writes and submits; 初审, 复审 and 终审 approve in turn,
each through the admin workflow action URL as a logged-in member of their
group. Only the last approval publishes. Any level can send the page back.
"""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.factories import ArticlePageFactory
from campaigns.models import ArticlePage
from people import groups

pytestmark = pytest.mark.django_db

LEVELS = list(groups.REVIEW_LEVELS)


def article_data(title, slug, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "新闻报道导语",
            "date": "2026-04-23",
            "source": "机关工会",
            "author": "宣传科",
            "campaign": "",
            "tags": "读书月",
            "body": streamfield([("paragraph", rich_text("<p>世界读书日，全体干部职工共读一本书。</p>"))]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["campaigns", "articlepage", parent.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit_new_article(client, editor, parent, title="世界读书日活动报道", slug="world-book-day"):
    """The editor fills in the add form and presses “Submit to 三审三校”."""
    client.force_login(editor)
    response = client.post(add_url(parent), {**article_data(title, slug), "action-submit": "action-submit"})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return ArticlePage.objects.get(slug=slug)


def assert_denied(response):
    """Wagtail's admin answers PermissionDenied with 403, or a redirect to the dashboard with an error."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def current_task_state(page):
    page.refresh_from_db()
    return page.current_workflow_state.current_task_state


def act(client, user, page, action, comment="", task_state=None):
    """POST a workflow action as ``user`` through the admin, like the moderation buttons do."""
    task_state = task_state or current_task_state(page)
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


@pytest.fixture
def workflow():
    return Workflow.objects.get(name="三审三校")


def test_workflow_from_migration_has_three_group_steps(home_page, workflow):
    tasks = [task.specific for task in workflow.tasks.order_by("workflow_tasks__sort_order")]
    assert [task.name for task in tasks] == LEVELS
    assert [[g.name for g in task.groups.all()] for task in tasks] == [[name] for name in LEVELS]
    assert workflow.active
    assert home_page.get_workflow() == workflow


def test_editor_cannot_publish_directly(client, editor, article_index):
    assert not article_index.permissions_for_user(editor).can_publish_subpage()
    client.force_login(editor)

    response = client.post(
        add_url(article_index), {**article_data("直接发布的尝试", "direct"), "action-publish": "action-publish"}
    )
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="direct")
    assert not page.live
    assert page.has_unpublished_changes
    assert not page.permissions_for_user(editor).can_publish()

    # Editing and pressing publish again still only saves a draft.
    response = client.post(
        edit_url(page), {**article_data("直接发布的尝试（改）", "direct"), "action-publish": "action-publish"}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.draft_title == "直接发布的尝试（改）"
    assert client.get(page.url).status_code == 404
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


@pytest.mark.parametrize("role", ["editor", "reviewer_1", "reviewer_2", "reviewer_3"])
def test_nobody_but_superusers_has_publish_permission(request, article, role):
    user = request.getfixturevalue(role)
    perms = article.permissions_for_user(user)
    assert perms.can_edit()
    assert not perms.can_publish()
    assert not perms.can_unpublish()


def test_superuser_can_publish(article, superuser):
    assert article.permissions_for_user(superuser).can_publish()


def test_three_approvals_publish_the_page(client, editor, reviewers, article_index, workflow):
    page = submit_new_article(client, editor, article_index)

    state = page.current_workflow_state
    assert state.workflow == workflow
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor
    assert not page.live
    assert client.get(page.url).status_code == 404

    for level, reviewer in zip(LEVELS, reviewers, strict=True):
        task_state = current_task_state(page)
        assert task_state.task.name == level
        assert not ArticlePage.objects.get(pk=page.pk).live, f"live before {level}"

        response = act(client, reviewer, page, "approve", comment=f"{level}通过")

        assert response.status_code == 302
        task_state.refresh_from_db()
        assert task_state.status == TaskState.STATUS_APPROVED
        assert task_state.finished_by == reviewer
        assert task_state.comment == f"{level}通过"

    page.refresh_from_db()
    assert page.live
    assert page.title == "世界读书日活动报道"
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    client.logout()
    assert client.get(page.url).status_code == 200


def test_each_approval_is_in_the_audit_log(client, editor, reviewers, article_index):
    before = timezone.now()
    page = submit_new_article(client, editor, article_index)
    for reviewer in reviewers:
        act(client, reviewer, page, "approve", comment=f"{reviewer.real_name}同意")

    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.start", user=editor).count() == 1
    approvals = list(PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").order_by("timestamp"))
    assert [entry.user for entry in approvals] == reviewers
    assert [entry.data["workflow"]["task"]["title"] for entry in approvals] == LEVELS
    assert [entry.data["workflow"]["next"] for entry in approvals][-1] is None
    assert [entry.data["comment"] for entry in approvals] == [f"{r.real_name}同意" for r in reviewers]
    for entry in approvals:
        assert before <= entry.timestamp <= timezone.now()
    publish = PageLogEntry.objects.get(page=page, action="wagtail.publish")
    assert publish.user == reviewers[-1]


@pytest.mark.parametrize("level", [0, 1, 2])
def test_rejection_at_each_level_returns_the_page_to_the_editor(client, editor, reviewers, article_index, level):
    page = submit_new_article(client, editor, article_index)
    for reviewer in reviewers[:level]:
        assert act(client, reviewer, page, "approve").status_code == 302

    rejected_task = current_task_state(page)
    assert rejected_task.task.name == LEVELS[level]
    comment = f"{LEVELS[level]}意见：标题需要修改，数据请核实"
    response = act(client, reviewers[level], page, "reject", comment=comment)

    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected_task.refresh_from_db()
    assert rejected_task.status == TaskState.STATUS_REJECTED
    assert rejected_task.comment == comment
    assert rejected_task.finished_by == reviewers[level]
    entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert entry.user == reviewers[level]
    assert entry.data["comment"] == comment
    assert client.get(page.url).status_code == 404
    # Nobody later in the chain got a task.
    assert TaskState.objects.filter(workflow_state=state).count() == level + 1


def test_resubmission_after_changes_resumes_at_the_rejecting_level(client, editor, reviewers, article_index):
    page = submit_new_article(client, editor, article_index)
    act(client, reviewers[0], page, "approve")
    act(client, reviewers[1], page, "reject", comment="请补充活动照片")

    client.force_login(editor)
    response = client.post(
        edit_url(page),
        {**article_data("世界读书日活动报道（修改稿）", "world-book-day"), "action-submit": "action-submit"},
    )
    assert response.status_code == 302

    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert current_task_state(page).task.name == groups.REVIEW_2
    act(client, reviewers[1], page, "approve")
    act(client, reviewers[2], page, "approve")
    page.refresh_from_db()
    assert page.live
    assert page.title == "世界读书日活动报道（修改稿）"


def test_reviewer_cannot_act_on_another_levels_task(client, editor, reviewer_1, reviewer_2, reviewer_3, article_index):
    page = submit_new_article(client, editor, article_index)
    first = current_task_state(page)

    for outsider in (reviewer_2, reviewer_3, editor):
        for action in ("approve", "reject"):
            assert_denied(act(client, outsider, page, action, comment="越级审批", task_state=first))

    first.refresh_from_db()
    assert first.status == TaskState.STATUS_IN_PROGRESS
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").exists()

    # The right reviewer can.
    response = act(client, reviewer_1, page, "approve")
    assert response["Location"] == edit_url(page)
    second = current_task_state(page)
    assert second.task.name == groups.REVIEW_2
    # ...but not the next level's task as well.
    assert_denied(act(client, reviewer_1, page, "approve", task_state=second))
    second.refresh_from_db()
    assert second.status == TaskState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert not page.live


def test_employee_without_groups_cannot_act(client, employee, editor, article_index):
    page = submit_new_article(client, editor, article_index)
    response = act(client, employee, page, "approve")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS


def test_anonymous_cannot_act(client, editor, article_index):
    page = submit_new_article(client, editor, article_index)
    task_state = current_task_state(page)
    client.logout()
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    assert "login" in response["Location"]
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_scheduled_page_goes_live_only_after_publish_scheduled(client, editor, reviewers, article_index, workflow):
    go_live = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=3)
    page = ArticlePageFactory(parent=article_index, slug="scheduled", title="定时发布的报道", live=False)
    page.go_live_at = go_live
    page.save_revision(user=editor)
    workflow.start(page, editor)

    for reviewer in reviewers:
        assert act(client, reviewer, page, "approve", comment="同意定时发布").status_code == 302

    page.refresh_from_db()
    assert not page.live
    revision = page.latest_revision
    assert revision.approved_go_live_at == go_live
    client.logout()
    assert client.get(page.url).status_code == 404

    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live, "published before its time"

    later = go_live + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled", verbosity=0)

    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_the_editors_dashboard_shows_the_reviewers_comment(client, editor, reviewers, article_index):
    """Issue 9, item 19: "请求的更改 初审" alone does not say what to change."""
    page = submit_new_article(client, editor, article_index)
    act(client, reviewers[0], page, "reject", comment="请核实活动日期和参加人数")
    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home"), headers={"accept-language": "zh-hans"})
    html = dashboard.content.decode()
    panel = html.split('id="objects-in-workflow-section"')[1]
    assert "请核实活动日期和参加人数" in panel
    assert "审核意见" in panel and reviewers[0].display_name in panel
