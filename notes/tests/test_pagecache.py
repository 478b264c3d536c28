"""Reading notes in the page cache (portal/pagecache.py) and the audit's note-page findings.

- an anonymous GET of a published note sets no cookie (no CSRF token: the like button is a
  log-in link for them) and writes nothing: reads are counted in the cache and folded into
  `read_count` when the page is rendered again;
- approving a note (the real workflow), marking it 优秀 or taking it down clears the pages that
  show it: its page, the notes index, the book's page, the home page.
"""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from booklists.factories import BookFactory, CataloguePageFactory
from notes import services as note_services
from notes.models import NotesIndexPage, ReadingNote
from people import groups
from portal import pagecache

from .test_public import BODY, detail_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(db):
    return BookFactory(title="红楼梦", authors="曹雪芹")


@pytest.fixture
def catalogue(home_page):
    return CataloguePageFactory(parent=home_page)


@pytest.fixture
def notes_index(home_page):
    page = NotesIndexPage(title="读书心得", slug="notes")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def author(make_user):
    return make_user(real_name="李明")


@pytest.fixture
def moderator(make_user):
    return make_user(groups.NOTE_MODERATORS, real_name="审核员")


def submitted(author, book, title):
    # The hourly submission limit (notes.services.check_submission_rate), not the page cache.
    cache.delete(f"note-submissions:{author.pk}:{int(time.time() // 3600)}")
    return note_services.save_note(author, book=book, title=title, body=BODY, submit=True)


def approve(note, moderator):
    task_state = note.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    return ReadingNote.objects.get(pk=note.pk)


def text(response):
    return response.content.decode()


def book_url(catalogue, book):
    return f"{Page.objects.get(pk=catalogue.pk).specific.url}{book.pk}/"


def test_an_anonymous_note_page_sets_no_cookie_and_is_cached(client, author, book, moderator):
    note = approve(submitted(author, book, "读《红楼梦》有感"), moderator)
    first = client.get(detail_url(note))
    assert first.status_code == 200
    assert not first.cookies, first.cookies
    assert "csrfmiddlewaretoken" not in text(first)
    assert "accounts/login/?next=" in text(first)  # the like button asks them to log in
    assert first[pagecache.HEADER] == "miss"
    with CaptureQueriesContext(connection) as captured:
        second = client.get(detail_url(note))
    assert second[pagecache.HEADER] == "hit"
    assert captured.captured_queries == []  # no UPDATE of read_count, nothing at all


def test_a_logged_in_reader_still_gets_the_like_form(client, author, book, moderator, make_user):
    note = approve(submitted(author, book, "读《红楼梦》有感"), moderator)
    client.force_login(make_user(real_name="王芳"))
    response = client.get(detail_url(note))
    assert "csrfmiddlewaretoken" in text(response) and response.get(pagecache.HEADER) is None


def test_reads_from_the_cache_are_counted_when_the_page_is_rendered_again(client, author, book, moderator):
    note = approve(submitted(author, book, "读《红楼梦》有感"), moderator)
    for _ in range(3):
        client.get(detail_url(note))  # one rendering, two hits
    assert ReadingNote.objects.get(pk=note.pk).read_count == 1
    note_services.like(note, moderator)  # the like count changes: the page is rendered again
    response = client.get(detail_url(note))
    assert response[pagecache.HEADER] == "miss"
    assert ReadingNote.objects.get(pk=note.pk).read_count == 4
    assert "阅读4次" in text(response)


def test_an_approved_note_shows_on_the_notes_index_and_the_book_page(
    client, author, book, moderator, notes_index, catalogue
):
    urls = [notes_index.url, book_url(catalogue, book)]
    for url in urls:
        client.get(url)
        assert client.get(url)[pagecache.HEADER] == "hit", url

    note = submitted(author, book, "读《红楼梦》有感")
    for url in urls:  # waiting for review: nothing to show, the cached copies stay
        assert client.get(url)[pagecache.HEADER] == "hit", url
    approve(note, moderator)
    for url in urls:
        response = client.get(url)
        assert response[pagecache.HEADER] == "miss", url
        assert "读《红楼梦》有感" in text(response), url


def test_an_approved_note_leaves_other_books_cached(client, author, book, moderator, catalogue):
    other = BookFactory(title="乡土中国")
    url = book_url(catalogue, other)
    client.get(url)
    approve(submitted(author, book, "读《红楼梦》有感"), moderator)
    assert client.get(url)[pagecache.HEADER] == "hit"


def test_an_excellent_note_shows_on_the_home_page(client, author, book, moderator, home_page):
    note = approve(submitted(author, book, "读《红楼梦》有感"), moderator)
    client.get("/zh-hans/")
    assert "读《红楼梦》有感" not in text(client.get("/zh-hans/"))
    note_services.mark_excellent(note, moderator)
    response = client.get("/zh-hans/")
    assert response[pagecache.HEADER] == "miss" and "读《红楼梦》有感" in text(response)


def test_an_unpublished_note_is_gone_at_once(client, author, book, moderator, notes_index):
    note = approve(submitted(author, book, "读《红楼梦》有感"), moderator)
    client.get(detail_url(note))
    client.get(notes_index.url)
    ReadingNote.objects.get(pk=note.pk).unpublish()
    assert client.get(detail_url(note)).status_code == 404
    assert "读《红楼梦》有感" not in text(client.get(notes_index.url))
