"""征文: entering an essay contest with a reading note, through the event page's `enter/` form.

The entry goes into note moderation and shows on the contest page only once approved;
refusals (after the deadline, twice, not an essay contest, anonymous) change nothing;
both languages; the event page runs a fixed number of queries.
"""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from booklists.factories import BookFactory
from campaigns import services
from campaigns.choices import EventKind
from campaigns.factories import EventPageFactory
from campaigns.models import EssayEntry, EventPage
from notes.models import NoteStatus, ReadingNote, note_status
from people import groups
from people.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

BODY = "<p>" + "读书使人明智，这本书让我对工作和生活有了新的认识。" * 3 + "</p>"
QUERY_BUDGET = 15


@pytest.fixture
def contest(event_index):
    start = timezone.now().replace(microsecond=0, second=0) - datetime.timedelta(days=10)
    return EventPageFactory(
        parent=event_index,
        slug="essay",
        title="“书香伴我成长”主题征文",
        kind=EventKind.ESSAY,
        start_time=start,
        end_time=start + datetime.timedelta(days=40),
        entries_close=start + datetime.timedelta(days=30),
    )


@pytest.fixture
def book(db):
    return BookFactory(title="平凡的世界", authors="路遥")


@pytest.fixture
def author(make_user):
    return make_user(real_name="李明", department=DepartmentFactory(name="办公室"))


@pytest.fixture
def moderator(make_user):
    return make_user(groups.NOTE_MODERATORS, real_name="审核员")


def form_data(book, **extra):
    data = {"title": "成长路上有书相伴", "book": book.pk, "book_query": book.title, "quote": "", "body": BODY}
    data.update(extra)
    return data


def enter_url(page):
    return EventPage.objects.get(pk=page.pk).url + "enter/"


def text(response):
    return response.content.decode()


def approve(note, moderator):
    note = ReadingNote.objects.get(pk=note.pk)
    task_state = note.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")


def entry_for(user, contest, book, title="成长路上有书相伴", now=None):
    cache.clear()  # the hourly submission limit
    return services.submit_essay_entry(contest, user, book=book, title=title, body=BODY, now=now)


# --- the model -------------------------------------------------------------------------


def test_an_essay_contest_needs_its_deadline(event_index):
    page = EventPageFactory.build(kind=EventKind.ESSAY, entries_close=None, slug="no-deadline")
    with pytest.raises(ValidationError) as error:
        event_index.add_child(instance=page)
    assert "entries_close" in error.value.message_dict
    assert not EventPage.objects.filter(slug="no-deadline").exists()


def test_entries_cannot_close_before_the_contest_starts(event_index):
    start = timezone.now() + datetime.timedelta(days=3)
    page = EventPageFactory.build(kind=EventKind.ESSAY, start_time=start, entries_close=start - datetime.timedelta(1))
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "entries_close" in error.value.message_dict


def test_the_page_editor_has_the_deadline_field(client, superuser, contest):
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[contest.pk]))
    assert response.status_code == 200
    assert 'name="entries_close"' in text(response)


# --- entering -------------------------------------------------------------------------------


def test_an_entry_is_a_note_in_moderation_shown_once_approved(client, author, moderator, contest, book, campaign):
    client.force_login(author)
    page = text(client.get(contest.url))
    assert "提交征文" in page and enter_url(contest) in page
    assert client.get(enter_url(contest)).status_code == 200

    response = client.post(enter_url(contest), form_data(book))
    assert response.status_code == 302 and response["Location"] == contest.url
    entry = EssayEntry.objects.get()
    note = entry.note
    assert entry.event_id == contest.pk and entry.author_id == author.pk
    assert note.author_id == author.pk and note.campaign_id == campaign.pk and note.book_id == book.pk
    assert note_status(note) == NoteStatus.PENDING and not note.live

    # The author sees their entry waiting; the public page lists it only after approval.
    page = text(client.get(contest.url))
    assert "成长路上有书相伴" in page and "待审核" in page
    assert "提交征文" not in page
    client.logout()
    page = text(client.get(contest.url))
    assert "成长路上有书相伴" not in page
    assert "收到征文1篇" in page

    approve(note, moderator)
    page = text(client.get(contest.url))
    assert "成长路上有书相伴" in page and "李明" in page and "办公室" in page
    assert reverse("notes:detail", args=[note.pk]) in page


def test_after_the_deadline_the_entry_is_refused_and_the_text_kept(client, author, contest, book):
    EventPage.objects.filter(pk=contest.pk).update(entries_close=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(author)
    response = client.get(enter_url(contest), follow=True)
    assert "不再接收投稿" in text(response)
    assert "征文投稿已截止" in text(response)

    response = client.post(enter_url(contest), form_data(book, title="截止后的投稿"))
    assert response.status_code == 200
    page = text(response)
    assert "不再接收投稿" in page
    assert "截止后的投稿" in page and "读书使人明智" in page  # nothing typed is lost
    assert not EssayEntry.objects.exists() and not ReadingNote.objects.exists()


def test_the_deadline_is_checked_by_the_service(author, contest, book):
    late = contest.entries_close + datetime.timedelta(seconds=1)
    with pytest.raises(ValidationError):
        entry_for(author, contest, book, now=late)
    entry_for(author, contest, book, now=contest.entries_close)
    assert EssayEntry.objects.count() == 1


def test_entering_twice_is_refused(client, author, contest, book):
    entry_for(author, contest, book)
    client.force_login(author)
    response = client.get(enter_url(contest), follow=True)
    assert "您已提交过本次征文" in text(response)
    cache.clear()
    response = client.post(enter_url(contest), form_data(book, title="第二篇"))
    assert response.status_code == 200 and "您已提交过本次征文" in text(response) and "第二篇" in text(response)
    assert EssayEntry.objects.count() == 1 and ReadingNote.objects.count() == 1
    with pytest.raises(ValidationError):
        entry_for(author, contest, book, title="第三篇")
    assert ReadingNote.objects.count() == 1


def test_the_constraint_allows_one_entry_per_employee(author, contest, book):
    first = entry_for(author, contest, book)
    duplicate = EssayEntry(event=contest, author=author, note=first.note)
    with pytest.raises(ValidationError):
        duplicate.validate_constraints()


def test_an_event_that_is_not_an_essay_contest_takes_no_entries(client, author, event, book):
    client.force_login(author)
    assert "提交征文" not in text(client.get(event.url))
    response = client.get(enter_url(event), follow=True)
    assert "这项活动不是征文比赛" in text(response)
    response = client.post(enter_url(event), form_data(book))
    assert response.status_code == 200 and "这项活动不是征文比赛" in text(response)
    assert not EssayEntry.objects.exists() and not ReadingNote.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, contest, book):
    page = text(client.get(contest.url))
    assert "登录后提交征文" in page
    response = client.post(enter_url(contest), form_data(book))
    assert response.status_code == 302 and reverse("people:login") in response["Location"]
    assert response["Location"].endswith("?next=" + enter_url(contest))
    assert not EssayEntry.objects.exists()
    assert "csrftoken" not in client.cookies  # the public page sets no cookie


def test_another_employee_sees_only_published_entries(client, author, make_user, contest, book):
    entry_for(author, contest, book, title="李明的征文")
    other = make_user(real_name="王芳")
    client.force_login(other)
    page = text(client.get(contest.url))
    assert "李明的征文" not in page and "提交征文" in page


def test_bad_note_text_is_reported_and_kept(client, author, contest, book):
    client.force_login(author)
    response = client.post(enter_url(contest), form_data(book, body="<p>太短了</p>"))
    assert response.status_code == 200
    assert "至少" in text(response) and "成长路上有书相伴" in text(response)
    assert not EssayEntry.objects.exists()


# --- both languages -------------------------------------------------------------------------


def test_english_contest_page_and_entry_form(client, author, moderator, contest, book, translate, en_locale):
    english = translate(contest, en_locale)
    client.force_login(author)
    page = text(client.get(english.url))
    assert "Submit an entry" in page
    response = client.post(english.url + "enter/", form_data(book))
    assert response.status_code == 302
    entry = EssayEntry.objects.get()
    assert entry.event_id == contest.pk  # stored against the original, whatever language was used
    approve(entry.note, moderator)
    page = text(client.get(english.url))
    assert "成长路上有书相伴" in page and "1 entry received" in page
    assert "Submit an entry" not in page  # already entered: the status instead
    assert "Your entry:" in page


# --- query budget ---------------------------------------------------------------------------


def add_entries(contest, moderator, count):
    for number in range(count):
        department = DepartmentFactory()
        user = UserFactory(department=department)
        entry = entry_for(user, contest, BookFactory(), title=f"征文{number}")
        approve(entry.note, moderator)


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_contest_page_runs_a_fixed_number_of_queries(client, author, moderator, contest, logged_in):
    if logged_in:
        client.force_login(author)
    add_entries(contest, moderator, 2)
    small = count_queries(client, contest.url)
    add_entries(contest, moderator, 12)
    entry_for(author, contest, BookFactory())
    large = count_queries(client, contest.url)
    assert large == small, f"{small} queries, then {large}"
    assert large <= QUERY_BUDGET


def test_two_entries_at_the_same_moment_leave_one(author, contest, book, monkeypatch):
    """The constraint is the backstop when both requests pass the check before either saves."""
    entry_for(author, contest, book)
    monkeypatch.setattr(services, "check_can_enter", lambda *args, **kwargs: None)
    monkeypatch.setattr(EssayEntry, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as error:
        entry_for(author, contest, book, title="同时提交的第二篇")
    assert "您已提交过本次征文" in " ".join(error.value.messages)
    assert EssayEntry.objects.count() == 1 and ReadingNote.objects.count() == 1  # the second note rolled back
