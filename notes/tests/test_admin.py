"""The 标为优秀 admin view: who may use it, what it changes, and its entries in Wagtail's audit log."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from notes.factories import ReadingNoteFactory
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
