"""The employee's side of lending on the public site: 我的借阅, reserving from a book page,
the reading rooms list, the header badge, popular books, and their query budgets."""

import datetime
import itertools

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from booklists.factories import BookFactory, CataloguePageFactory
from booklists.models import Book
from loans import services
from loans.models import (
    Copy,
    CopyStatus,
    LendingRules,
    Loan,
    Notice,
    NoticeKind,
    ReadingRoom,
    Reservation,
    ReservationStatus,
    RoomKind,
)

pytestmark = pytest.mark.django_db

BUDGET = 15
_barcodes = itertools.count(1)


def make_room(name="机关职工书屋", **kwargs):
    return ReadingRoom.objects.create(name=name, **kwargs)


def make_copy(book, room, status=CopyStatus.ON_SHELF):
    return Copy.objects.create(
        barcode=f"T{next(_barcodes):06d}", book=book, home_room=room, current_room=room, status=status
    )


def lend(user, book, room):
    copy = make_copy(book, room)
    return services.lend(user, copy.barcode, room).loan


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def room(db):
    return make_room(opening_hours="工作日 12:00–13:30", address="办公楼三层")


@pytest.fixture
def catalogue(home_page):
    return CataloguePageFactory(parent=home_page)


@pytest.fixture
def book(db):
    return BookFactory(title="乡土中国", authors="费孝通")


@pytest.fixture
def colleague(make_user):
    return make_user(real_name="另一位职工")


def book_url(catalogue, book):
    return f"{catalogue.url}{book.pk}/"


# --- permissions ------------------------------------------------------------------


def test_my_library_needs_login(client):
    url = reverse("loans:my_library")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:login"))
    assert "next=" in response["Location"]


@pytest.mark.parametrize("name", ["loans:history_csv"])
def test_exports_need_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:login"))


def test_reserve_needs_login(client, book, room):
    response = client.post(reverse("loans:reserve", args=[book.pk]), {"pickup_room": room.pk})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:login"))
    assert not Reservation.objects.exists()


def test_renewing_someone_elses_loan_is_404(client, employee, colleague, book, room):
    loan = lend(colleague, book, room)
    client.force_login(employee)
    response = client.post(reverse("loans:renew", args=[loan.pk]))
    assert response.status_code == 404
    loan.refresh_from_db()
    assert loan.renewals == 0


def test_cancelling_someone_elses_reservation_is_404(client, employee, colleague, book, room):
    make_copy(book, room)
    reservation = services.reserve(colleague, book, room).reservation
    client.force_login(employee)
    response = client.post(reverse("loans:cancel_reservation", args=[reservation.pk]))
    assert response.status_code == 404
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.READY


def test_actions_refuse_get(client, employee, book, room):
    loan = lend(employee, book, room)
    client.force_login(employee)
    assert client.get(reverse("loans:renew", args=[loan.pk])).status_code == 405
    assert client.get(reverse("loans:reserve", args=[book.pk])).status_code == 405


def test_my_library_shows_only_my_own(client, employee, colleague, room):
    mine = BookFactory(title="我的书")
    theirs = BookFactory(title="别人的书")
    lend(employee, mine, room)
    lend(colleague, theirs, room)
    client.force_login(employee)
    content = client.get(reverse("loans:my_library")).content.decode()
    assert "我的书" in content
    assert "别人的书" not in content


# --- my library -------------------------------------------------------------------


def test_my_library_lists_loans_with_days_left_and_overdue(client, employee, room, catalogue):
    on_time = lend(employee, BookFactory(title="按时的书"), room)
    late = lend(employee, BookFactory(title="逾期的书"), room)
    today = timezone.localdate()
    Loan.objects.filter(pk=on_time.pk).update(due_on=today + datetime.timedelta(days=12))
    Loan.objects.filter(pk=late.pk).update(due_on=today - datetime.timedelta(days=4))
    client.force_login(employee)
    with translation.override("en"):
        content = client.get(reverse("loans:my_library")).content.decode()
    assert "12 days left" in content
    assert "4 days overdue" in content
    assert "loan-card--overdue" in content
    assert f"{catalogue.url}{on_time.book_id}/" in client.get(reverse("loans:my_library")).content.decode()


def test_renew_allowed(client, employee, book, room):
    loan = lend(employee, book, room)
    due = loan.due_on
    client.force_login(employee)
    response = client.post(reverse("loans:renew", args=[loan.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("loans:my_library")
    loan.refresh_from_db()
    assert loan.renewals == 1
    assert loan.due_on == due + datetime.timedelta(days=LendingRules.load().renewal_days)
    assert any("续借" in message or "Renewed" in message for message in messages_of(response))


def test_renew_refused_with_the_number_waiting(client, employee, colleague, make_user, book, room):
    loan = lend(employee, book, room)
    services.reserve(colleague, book, room)
    services.reserve(make_user(), book, room)
    client.force_login(employee)

    page = client.get(reverse("loans:my_library")).content.decode()
    with translation.override("zh-hans"):
        reason = services.renewal_refusal(loan, LendingRules.load(), 2)
    assert "2" in reason
    assert reason in page
    assert "disabled" in page

    response = client.post(reverse("loans:renew", args=[loan.pk]))
    loan.refresh_from_db()
    assert loan.renewals == 0
    assert reason in messages_of(response)


def test_reservations_show_queue_position_and_pickup(client, employee, colleague, make_user, room):
    queued = BookFactory(title="排队的书")
    lend(colleague, queued, room)  # its only copy is out
    services.reserve(make_user(), queued, room)  # one person ahead
    services.reserve(employee, queued, room)
    ready = BookFactory(title="留好的书")
    make_copy(ready, room)
    services.reserve(employee, ready, room)
    client.force_login(employee)
    with translation.override("en"):
        content = client.get(reverse("loans:my_library")).content.decode()
    assert "1 person ahead of you" in content
    assert "Ready to collect" in content
    assert "Collect it at 机关职工书屋 by" in content
    assert "工作日 12:00–13:30" in content


def test_notices_unread_first_and_mark_all_read(client, employee, colleague):
    old = Notice.objects.create(user=employee, kind=NoticeKind.DUE_SOON, key="a", message="旧通知")
    Notice.objects.filter(pk=old.pk).update(read_at=timezone.now())
    Notice.objects.create(user=employee, kind=NoticeKind.READY, key="b", message="新通知")
    Notice.objects.create(user=colleague, kind=NoticeKind.READY, key="c", message="别人的通知")
    client.force_login(employee)
    content = client.get(reverse("loans:my_library")).content.decode()
    assert content.index("新通知") < content.index("旧通知")
    assert "别人的通知" not in content
    assert 'class="count-badge">1<' in content  # the header badge

    response = client.post(reverse("loans:mark_notices_read"))
    assert response.status_code == 302
    assert not Notice.objects.filter(user=employee, read_at__isnull=True).exists()
    assert Notice.objects.filter(user=colleague, read_at__isnull=True).exists()
    assert "count-badge" not in client.get(reverse("loans:my_library")).content.decode()


def test_history_is_paginated(client, employee, book, room):
    copy = make_copy(book, room)
    add_history(employee, copy, 45)
    client.force_login(employee)
    page1 = client.get(reverse("loans:my_library"))
    assert page1.context["history"].paginator.count == 45
    assert len(page1.context["history"].object_list) == 20
    page3 = client.get(reverse("loans:my_library") + "?page=3")
    assert len(page3.context["history"].object_list) == 5
    past_end = client.get(reverse("loans:my_library") + "?page=99")
    assert past_end.context["history"].number == 3


def test_history_csv(client, employee, colleague, room):
    mine = BookFactory(title="平凡的世界", authors="路遥")
    lend(employee, mine, room)
    lend(colleague, BookFactory(title="别人的书"), room)
    client.force_login(employee)
    response = client.get(reverse("loans:history_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 2  # header and my one loan
    assert "平凡的世界" in lines[1] and "路遥" in lines[1] and room.name in lines[1]
    assert "别人的书" not in text


# --- reserving from the book page --------------------------------------------------


def test_reserve_sets_a_copy_aside_when_on_the_shelf_there(client, employee, book, room, catalogue):
    copy = make_copy(book, room)
    client.force_login(employee)
    back = book_url(catalogue, book)
    response = client.post(reverse("loans:reserve", args=[book.pk]), {"pickup_room": room.pk, "next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    reservation = Reservation.objects.get(user=employee, book=book)
    assert reservation.status == ReservationStatus.READY
    assert reservation.held_copy == copy
    copy.refresh_from_db()
    assert copy.status == CopyStatus.ON_HOLD
    assert any(room.name in message for message in messages_of(response))


def test_reserve_queues_when_no_copy_is_on_the_shelf_there(client, employee, book, room, catalogue):
    elsewhere = make_room("二号楼阅览角")
    make_copy(book, elsewhere)
    client.force_login(employee)
    response = client.post(reverse("loans:reserve", args=[book.pk]), {"pickup_room": room.pk})
    # Without `next`, back to the book page in the catalogue.
    assert response["Location"] == book_url(catalogue, book)
    reservation = Reservation.objects.get(user=employee, book=book)
    assert reservation.status == ReservationStatus.WAITING


def test_reserve_refused_when_already_on_loan(client, employee, book, room, catalogue):
    lend(employee, book, room)
    client.force_login(employee)
    response = client.post(reverse("loans:reserve", args=[book.pk]), {"pickup_room": room.pk})
    assert not Reservation.objects.exists()
    assert any("乡土中国" in message for message in messages_of(response))


def test_reserve_refused_when_already_reserved(client, employee, book, room, catalogue):
    make_copy(book, room)
    make_copy(book, room)
    client.force_login(employee)
    client.post(reverse("loans:reserve", args=[book.pk]), {"pickup_room": room.pk})
    response = client.post(reverse("loans:reserve", args=[book.pk]), {"pickup_room": room.pk})
    assert Reservation.objects.filter(user=employee, book=book).count() == 1
    with translation.override("zh-hans"):
        expected = "您已经预约了《乡土中国》。"
    assert any("乡土中国" in message for message in messages_of(response))
    assert Copy.objects.filter(book=book, status=CopyStatus.ON_SHELF).count() == 1, expected


def test_reserve_without_a_room_keeps_nothing(client, employee, book, room, catalogue):
    make_copy(book, room)
    client.force_login(employee)
    response = client.post(reverse("loans:reserve", args=[book.pk]), {"pickup_room": "x"})
    assert response.status_code == 302
    assert not Reservation.objects.exists()
    assert messages_of(response)


def test_reserve_ignores_an_outside_next(client, employee, book, room, catalogue):
    make_copy(book, room)
    client.force_login(employee)
    response = client.post(
        reverse("loans:reserve", args=[book.pk]), {"pickup_room": room.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == book_url(catalogue, book)


def test_cancel_releases_the_held_copy(client, employee, book, room):
    copy = make_copy(book, room)
    reservation = services.reserve(employee, book, room).reservation
    client.force_login(employee)
    response = client.post(reverse("loans:cancel_reservation", args=[reservation.pk]))
    assert response.status_code == 302
    reservation.refresh_from_db()
    copy.refresh_from_db()
    assert reservation.status == ReservationStatus.CANCELLED
    assert copy.status == CopyStatus.ON_SHELF


# --- the book page panel -----------------------------------------------------------


def test_book_page_shows_availability_and_login_link_to_visitors(client, book, room, catalogue):
    make_copy(book, room)
    make_copy(book, room, status=CopyStatus.ON_LOAN)
    make_copy(book, room, status=CopyStatus.WITHDRAWN)
    with translation.override("zh-hans"):
        content = client.get(book_url(catalogue, book)).content.decode()
    assert "在架1 / 共2" in content
    assert "登录后预约" in content
    assert f"?next={catalogue.url}{book.pk}/".replace("/", "%2F") in content
    assert 'name="pickup_room"' not in content


def test_book_page_reserve_form_and_own_status(client, employee, book, room, catalogue):
    make_copy(book, room)
    client.force_login(employee)
    content = client.get(book_url(catalogue, book)).content.decode()
    assert 'name="pickup_room"' in content
    assert reverse("loans:reserve", args=[book.pk]) in content

    reservation = services.reserve(employee, book, room).reservation
    content = client.get(book_url(catalogue, book)).content.decode()
    assert 'name="pickup_room"' not in content
    assert reverse("loans:cancel_reservation", args=[reservation.pk]) in content
    assert "已在机关职工书屋为您保留一册" in content


def test_catalogue_sorts_by_most_borrowed(client, catalogue):
    BookFactory(title="冷门书")
    hot = BookFactory(title="热门书")
    Book.objects.filter(pk=hot.pk).update(loan_count=9)
    content = client.get(catalogue.url + "?sort=most_borrowed").content.decode()
    assert content.index("热门书") < content.index("冷门书")


def test_home_page_shows_popular_books(client, home_page, catalogue):
    assert "home-popular-books" not in client.get(home_page.url).content.decode()
    hot = BookFactory(title="热门书")
    Book.objects.filter(pk=hot.pk).update(loan_count=9)
    content = client.get(home_page.url).content.decode()
    assert "home-popular-books" in content
    assert f"{catalogue.url}{hot.pk}/" in content


def test_reading_rooms_list(client, book, room):
    box = make_room("流动书箱·财务科", kind=RoomKind.BOX)
    make_room("已撤销的书屋", is_active=False)
    make_copy(book, room)
    make_copy(book, room, status=CopyStatus.ON_LOAN)
    make_copy(book, box, status=CopyStatus.LOST)
    with translation.override("zh-hans"):
        response = client.get(reverse("loans:reading_rooms"))
    content = response.content.decode()
    assert "机关职工书屋" in content and "流动书箱·财务科" in content
    assert "已撤销的书屋" not in content
    rooms = {r.name: r for r in response.context["rooms"]}
    assert (rooms["机关职工书屋"].copy_total, rooms["机关职工书屋"].copy_on_shelf) == (2, 1)
    assert rooms["流动书箱·财务科"].copy_total == 0


# --- query budgets -----------------------------------------------------------------


def add_history(user, copy, count):
    now = timezone.now()
    Loan.objects.bulk_create(
        Loan(
            copy=copy,
            borrower=user,
            book_id=copy.book_id,
            lent_at=now - datetime.timedelta(days=400 - i),
            due_on=(now - datetime.timedelta(days=370 - i)).date(),
            returned_at=now - datetime.timedelta(days=380 - i),
            lent_in_id=copy.current_room_id,
            returned_in_id=copy.current_room_id,
        )
        for i in range(count)
    )


def count_queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, settings)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def library_with(user, room, history, catalogue):
    for i in range(5):
        loan = lend(user, BookFactory(), room)
        if i < 2:
            reserved = BookFactory()
            make_copy(reserved, room, status=CopyStatus.ON_LOAN if i else CopyStatus.ON_SHELF)
            services.reserve(user, reserved, room)  # one set aside, one waiting
        Notice.objects.create(user=user, kind=NoticeKind.DUE_SOON, key=f"n{user.pk}-{i}", message=f"通知{i}")
        if i == 0:
            add_history(user, loan.copy, history)


def test_my_library_query_budget(client, make_user, room, catalogue):
    busy, fresh = make_user(), make_user()
    library_with(busy, room, 200, catalogue)
    library_with(fresh, room, 0, catalogue)
    client.force_login(busy)
    busy_count = count_queries(client, reverse("loans:my_library"))
    client.force_login(fresh)
    fresh_count = count_queries(client, reverse("loans:my_library"))
    assert busy_count <= BUDGET
    assert busy_count == fresh_count


def test_book_page_query_budget_with_thirty_rooms(client, employee, book, catalogue):
    rooms = [make_room(f"书屋{i:02d}") for i in range(30)]
    for r in rooms:
        make_copy(book, r)
        make_copy(book, r, status=CopyStatus.ON_LOAN)
    url = book_url(catalogue, book)
    assert count_queries(client, url) <= BUDGET
    client.force_login(employee)
    assert count_queries(client, url) <= BUDGET
    services.reserve(employee, book, rooms[3])
    Notice.objects.create(user=employee, kind=NoticeKind.READY, key="x", message="留书通知")
    assert count_queries(client, url) <= BUDGET
    content = client.get(url).content.decode()
    assert content.count("availability-item") >= 30


def test_my_library_puts_notices_and_loans_before_reservations_and_history(client, employee, book, room, catalogue):
    # Audit (issue 9, item 21): on a phone the unread notices sat ~6,500 px down, below the
    # history. The page reads top to bottom: notices, books on loan, reservations, history.
    lend(employee, BookFactory(title="在借的书"), room)
    Notice.objects.create(user=employee, kind=NoticeKind.DUE_SOON, key="due", message="《在借的书》快到期了")
    client.force_login(employee)
    content = client.get(reverse("loans:my_library")).content.decode()
    positions = [
        content.index(f'id="{anchor}"') for anchor in ("my-notices", "my-loans", "my-reservations", "my-history")
    ]
    assert positions == sorted(positions)
    assert content.index("《在借的书》快到期了") < content.index('id="my-loans"')


def test_my_library_and_the_header_link_to_my_reading_notes(client, employee, catalogue):
    client.force_login(employee)
    content = client.get(reverse("loans:my_library")).content.decode()
    mine = reverse("notes:mine")
    header = content[: content.index('id="main"')]
    assert f'href="{mine}"' in header  # the account links in the header
    main = content[content.index("my-library") : content.index('id="my-notices"')]
    assert f'href="{mine}"' in main  # and the page's own links


def test_my_library_links_books_through_the_catalogue_in_the_readers_language(client, employee, book, room, catalogue):
    lend(employee, book, room)
    client.force_login(employee)
    content = client.get(reverse("loans:my_library")).content.decode()
    assert f'href="{catalogue.book_url(book)}"' in content
