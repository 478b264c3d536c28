"""The 标为优秀 admin view: who may use it, what it changes, and its entries in Wagtail's audit log."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from booklists.factories import BookFactory
from notes.factories import ReadingNoteFactory
from notes.models import ReadingNote
from people import groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(make_user):
    return make_user(groups.NOTE_MODERATORS, real_name="审核员")


def excellent_url(note):
    return reverse("notes_excellent", args=[note.pk])


def entries(note):
    return ModelLogEntry.objects.for_instance(note).filter(action__startswith="notes.").order_by("timestamp", "pk")


def test_marking_and_unmarking_excellent_is_logged_with_who_and_when(client, moderator):
    note = ReadingNoteFactory(title="值得推荐的心得")
    client.force_login(moderator)

    before = timezone.now()
    response = client.post(excellent_url(note), {"excellent": "1"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.is_excellent
    (marked,) = entries(note)
    assert marked.action == "notes.mark_excellent"
    assert marked.user_id == moderator.pk
    assert before <= marked.timestamp <= timezone.now()
    assert marked.label == "值得推荐的心得"

    client.post(excellent_url(note), {"excellent": "0"})
    note.refresh_from_db()
    assert not note.is_excellent
    assert [entry.action for entry in entries(note)] == ["notes.mark_excellent", "notes.unmark_excellent"]

    # The note's history in the admin shows both, in Chinese.
    history = client.get(reverse("wagtailsnippets_notes_readingnote:history", args=[note.pk]))
    assert history.status_code == 200
    page = history.content.decode()
    assert "已评为“优秀”" in page and "已取消“优秀”标记" in page
    assert moderator.display_name in page


def test_log_actions_have_translated_labels():
    with override("zh-hans"):
        assert log_registry.action_exists("notes.mark_excellent")
        assert str(log_registry.get_action_label("notes.mark_excellent")) == "评为“优秀”"
        assert str(log_registry.get_action_label("notes.unmark_excellent")) == "取消“优秀”标记"
        assert ("notes.mark_excellent", log_registry.get_action_label("notes.mark_excellent")) in (
            log_registry.get_choices()
        )


def test_nothing_is_logged_when_nothing_is_marked(client, make_user, moderator):
    note = ReadingNoteFactory()
    client.force_login(make_user(real_name="普通职工"))  # no admin access: sent to the admin login
    assert reverse("wagtailadmin_login") in client.post(excellent_url(note), {"excellent": "1"})["Location"]
    client.force_login(make_user(groups.EDITORS, real_name="宣传编辑"))  # in the admin, but no moderator
    for response in (client.post(excellent_url(note), {"excellent": "1"}), client.get(excellent_url(note))):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")  # "no permission"
    note.refresh_from_db()
    assert not note.is_excellent

    draft = ReadingNoteFactory(live=False)
    client.force_login(moderator)
    response = client.post(excellent_url(draft), {"excellent": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_notes_readingnote:edit", args=[draft.pk])
    draft.refresh_from_db()
    assert not draft.is_excellent
    assert not entries(note).exists() and not entries(draft).exists()


def test_confirm_page_and_the_way_back(client, moderator):
    note = ReadingNoteFactory(title="一篇已发布的心得")
    client.force_login(moderator)
    listing = reverse("wagtailsnippets_notes_readingnote:list")
    response = client.get(excellent_url(note), {"next": listing})
    page = response.content.decode()
    assert response.status_code == 200
    assert "评为“优秀”" in page and "一篇已发布的心得" in page
    assert f'name="next" value="{listing}"' in page

    response = client.post(excellent_url(note), {"excellent": "1", "next": listing})
    assert response["Location"] == listing
    # An address on another site is not followed: back to the note instead.
    response = client.post(excellent_url(note), {"excellent": "0", "next": "https://example.com/"})
    assert response["Location"] == reverse("wagtailsnippets_notes_readingnote:edit", args=[note.pk])
    # (A 404 under /admin/ is redirected to the language-prefixed address first.)
    assert client.get(reverse("notes_excellent", args=[note.pk + 1000]), follow=True).status_code == 404


# --- the moderation screen (issue 9, item 19) ----------------------------------------------


def submitted_note(author, title="等待审核的心得"):
    from django.core.cache import cache

    from notes import services
    from notes.factories import NOTE_BODY

    cache.clear()
    return services.save_note(author, book=BookFactory(), title=title, body=NOTE_BODY, submit=True)


def edit_url(note):
    return reverse("wagtailsnippets_notes_readingnote:edit", args=[note.pk])


@pytest.fixture
def employee_author(make_user):
    from people.factories import DepartmentFactory

    return make_user(real_name="李明", department=DepartmentFactory(name="办公室"))


def test_the_moderation_screen_shows_who_wrote_what_and_when(client, moderator, employee_author):
    note = submitted_note(employee_author)
    client.force_login(moderator)
    response = client.get(edit_url(note))
    assert response.status_code == 200
    page = response.content.decode()
    facts = page.split('class="note-facts"')[1].split("</dl>")[0]
    assert "李明" in facts and "办公室" in facts and f"《{note.book.title}》" in facts
    submitted = timezone.localtime(ReadingNote.objects.get(pk=note.pk).submitted_at)
    assert f"{submitted.year}年{submitted.month}月{submitted.day}日" in facts
    assert "作者" in facts and "提交时间" in facts
    # The inspect screen (for published notes) names them too.
    inspect = client.get(reverse("wagtailsnippets_notes_readingnote:inspect", args=[note.pk])).content.decode()
    assert "李明" in inspect and "办公室" in inspect


def test_approve_and_return_are_the_primary_actions(client, moderator, employee_author):
    note = submitted_note(employee_author)
    client.force_login(moderator)
    response = client.get(edit_url(note))
    menu = response.context["action_menu"]
    assert menu.default_item.name == "approve"
    footer = response.content.decode().split('class="actions actions--primary')[1].split("</nav>")[0]
    # Both decisions are buttons of their own in the footer, not in the "更多动作" dropdown.
    decisions = footer.split("w-dropdown")[0]
    assert 'data-workflow-action-name="approve"' in decisions
    assert 'data-workflow-action-name="reject"' in decisions
    assert "通过并发布" in decisions and "退回修改" in decisions


@pytest.mark.parametrize(
    ("action", "message"), [("approve", "已通过《{title}》，已发布"), ("reject", "已退回《{title}》给作者")]
)
def test_the_decision_message_says_what_happened(client, moderator, employee_author, action, message):
    note = submitted_note(employee_author, title="一篇心得")
    client.force_login(moderator)
    data = {"action-workflow-action": "true", "workflow-action-name": action}
    if action == "reject":
        data["workflow-action-extra-data"] = '{"comment": "请补充体会"}'
    response = client.post(edit_url(note), data, follow=True)
    page = response.content.decode()
    assert message.format(title="一篇心得") in page
    assert "已更新" not in page
    note.refresh_from_db()
    assert note.live is (action == "approve")


def test_the_excellent_column_marks_only_excellent_notes(client, moderator):
    ReadingNoteFactory(title="普通的心得")
    ReadingNoteFactory(title="优秀的心得", is_excellent=True)
    client.force_login(moderator)
    page = client.get(reverse("wagtailsnippets_notes_readingnote:list")).content.decode()
    rows = {title: row for row in page.split("<tr")[1:] for title in ("普通的心得", "优秀的心得") if title in row}
    assert "icon-cross" not in rows["普通的心得"] and "badge--excellent" not in rows["普通的心得"]
    assert "icon-cross" not in rows["优秀的心得"] and "优秀" in rows["优秀的心得"].split("优秀的心得")[-1]


def test_the_moderators_group_holds_only_the_note_permissions_the_policy_reads():
    """The policy gives nobody "change" on notes, so the group does not hold notes.change_readingnote."""
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name=groups.NOTE_MODERATORS)
        .permissions.filter(content_type__app_label="notes")
        .values_list("codename", flat=True)
    )
    assert codenames == {"view_readingnote"}
