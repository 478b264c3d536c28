"""Likes are counted once under real concurrent requests (PostgreSQL).

The unique constraint on (note, user) is what makes a double click count once:
the second INSERT waits for the first to commit, then fails, and like() rolls
its transaction back, so like_count is raised only by the insert that counted.

Each thread uses its own database connection (Django gives every thread one)
and closes it when done; a barrier makes them start together. The rows are
made in the main thread first and committed (transactional tests), and
`restore_migrated_data` puts back what the flush at the end removes.

Run with e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/mine (pytest-django
creates test_mine).
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from booklists.factories import BookFactory
from loans.factories import EmployeeFactory
from notes import services as note_services
from notes.models import NoteLike, ReadingNote
from portal.tests import threads

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency tests need PostgreSQL (SQLite serialises every write, so nothing races); "
        "set DATABASE_URL=postgres://… to run them",
    ),
]

THREADS = 20
BODY = "<p>" + "读书使人明智，这本书让我对工作和生活有了新的认识。" * 3 + "</p>"


def run_together(*actions):
    """Each action in its own thread, released at once; their results in order (any error fails the test)."""
    return [result for result, _ in threads.run_together(*actions)]


@pytest.fixture
def note():
    """A published note, written directly (the workflow is tested in notes/tests/test_public.py)."""
    now = timezone.now()
    return ReadingNote.objects.create(
        author=EmployeeFactory(real_name="心得作者"),
        book=BookFactory(title="平凡的世界"),
        title="读《平凡的世界》",
        body=BODY,
        live=True,
        first_published_at=now,
        last_published_at=now,
    )


def test_the_same_employee_liking_twenty_times_at_once_counts_once(note):
    reader = EmployeeFactory()

    results = run_together(*[lambda: note_services.like(note, reader) for _ in range(THREADS)])

    assert results.count(True) == 1 and results.count(False) == THREADS - 1
    assert NoteLike.objects.filter(note=note).count() == 1
    note.refresh_from_db()
    assert note.like_count == 1


def test_twenty_employees_liking_at_once_all_count(note):
    readers = EmployeeFactory.create_batch(THREADS)

    results = run_together(*[lambda r=r: note_services.like(note, r) for r in readers])

    assert results == [True] * THREADS
    assert set(NoteLike.objects.filter(note=note).values_list("user_id", flat=True)) == {r.pk for r in readers}
    note.refresh_from_db()
    assert note.like_count == THREADS


def test_double_clicks_on_the_like_button(note):
    """Ten employees each click 点赞 twice at the same moment (same session): ten likes."""
    readers = EmployeeFactory.create_batch(THREADS // 2)
    clients = []
    for reader in readers:
        first = Client()
        first.force_login(reader)
        second = Client()
        second.cookies = first.cookies  # the same browser: one session for both clicks
        clients += [first, second]
    url = reverse("notes:like", args=[note.pk])

    responses = run_together(*[lambda c=c: c.post(url) for c in clients])

    assert [response.status_code for response in responses] == [302] * THREADS
    assert {response["Location"] for response in responses} == {note.get_absolute_url()}
    assert NoteLike.objects.filter(note=note).count() == THREADS // 2
    note.refresh_from_db()
    assert note.like_count == THREADS // 2
