"""The circulation desk and copy management in the Wagtail admin: who gets in, and what each form does."""

import datetime

import pytest
from django.db import DataError, IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from booklists.factories import BookFactory
from loans import services
from loans.models import Copy, CopyMovement, CopyStatus, LendingRules, Loan, ReadingRoom, Reservation, RoomKind
from people import groups
from people.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def librarian(make_user):
    return make_user(groups.LIBRARIANS, real_name="孙丽华", staff_number="L0001")


@pytest.fixture
def desk(client, librarian):
    client.force_login(librarian)
    return client


@pytest.fixture
def room(db):
    return ReadingRoom.objects.create(name="机关职工书屋", sort_order=1)


@pytest.fixture
def corner(db):
    return ReadingRoom.objects.create(name="二号楼阅览角", kind=RoomKind.CORNER, sort_order=2)


@pytest.fixture
def book_box(db):
    return ReadingRoom.objects.create(name="财务处流动书箱", kind=RoomKind.BOX, sort_order=3)


@pytest.fixture
def closed_room(db):
    return ReadingRoom.objects.create(name="旧书库", is_active=False, sort_order=9)


@pytest.fixture
def books(db):
    return [BookFactory(title=title) for title in ("红楼梦", "平凡的世界", "乡土中国", "人类简史", "活着", "围城")]


@pytest.fixture
def copies(books, room):
    made = {}
    for number, book in enumerate(books, start=1):
        for suffix in ("A", "B"):
            barcode = f"SX{number:04d}{suffix}"
            made[barcode] = Copy.objects.create(barcode=barcode, book=book, home_room=room, current_room=room)
    return made


@pytest.fixture
def zhang(make_user):
    return make_user(real_name="张三", staff_number="E2001", department=DepartmentFactory(name="办公室"))


@pytest.fixture
def li(make_user):
    return make_user(real_name="李四", staff_number="E2002")


def content(response):
    return response.content.decode()


# --- who gets in ------------------------------------------------------------------

GET_URLS = [
    "loans_desk_lend",
    "loans_desk_return",
    "loans_desk_employee",
    "loans_desk_overdue",
    "loans_desk_holds",
    "loans_desk_transfer",
    "loans_copies_batch",
    "loans_copies:index",
    "loans_copies:add",
    "loans_rooms:index",
    "loans_rooms:add",
    "loans_movements:index",
]


@pytest.mark.parametrize("url_name", GET_URLS)
def test_anonymous_is_sent_to_the_admin_login(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("url_name", GET_URLS)
def test_employee_is_refused(client, employee, url_name):
    client.force_login(employee)
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("url_name", GET_URLS)
@pytest.mark.parametrize("group_name", [groups.EDITORS, groups.REVIEW_1, groups.NOTE_MODERATORS])
def test_other_admin_roles_are_refused(client, make_user, url_name, group_name):
    client.force_login(make_user(group_name))
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("url_name", GET_URLS)
def test_librarian_gets_in(desk, url_name, room):
    assert desk.get(reverse(url_name)).status_code == 200


def test_librarian_opens_copy_and_room_edit_forms(desk, copies, room):
    copy = copies["SX0001A"]
    assert desk.get(reverse("loans_copies:edit", args=[copy.pk])).status_code == 200
    assert desk.get(reverse("loans_rooms:edit", args=[room.pk])).status_code == 200


def test_copy_movements_are_read_only(desk, superuser, client, copies, room, book_box, librarian):
    services.transfer(["SX0001A"], book_box, librarian, "轮换")
    movement = CopyMovement.objects.get()
    response = desk.get(reverse("loans_movements:index"))
    assert "SX0001A" in content(response)
    assert reverse("loans_movements:edit", args=[movement.pk]) not in content(response)
    assert desk.get(reverse("loans_movements:add")).status_code == 302
    client.force_login(superuser)
    assert client.get(reverse("loans_movements:add")).status_code == 302
    assert client.get(reverse("loans_movements:edit", args=[movement.pk])).status_code == 302


@pytest.mark.parametrize("url_name", ["loans_desk_renew", "loans_desk_cancel_reservation"])
def test_actions_refuse_editors(client, editor, url_name, copies, zhang, room):
    loan = services.lend(zhang, "SX0001A", room).loan
    reservation = services.reserve(zhang, copies["SX0002A"].book, room).reservation
    client.force_login(editor)
    target = loan.pk if url_name == "loans_desk_renew" else reservation.pk
    response = client.post(reverse(url_name, args=[target]))
    assert response.status_code == 302
    loan.refresh_from_db()
    reservation.refresh_from_db()
    assert loan.renewals == 0
    assert reservation.is_active


def test_menu_shows_the_desk_to_librarians_only(client, librarian, editor):
    client.force_login(librarian)
    home = content(client.get(reverse("wagtailadmin_home")))
    assert reverse("loans_desk_lend") in home
    assert reverse("loans_copies:index") in home
    assert reverse("loans_copies_batch") in home
    client.force_login(editor)
    home = content(client.get(reverse("wagtailadmin_home")))
    assert reverse("loans_desk_lend") not in home
    assert reverse("loans_copies:index") not in home


def test_librarians_edit_the_lending_rules(desk, client, editor):
    menu_url = reverse("wagtailsettings:edit", args=["loans", "lendingrules"])
    url = desk.get(menu_url)["Location"]
    assert desk.get(url).status_code == 200
    assert menu_url in content(desk.get(reverse("wagtailadmin_home")))
    response = desk.post(
        url,
        {
            "loan_days": 21,
            "renewal_days": 14,
            "max_renewals": 2,
            "max_active_loans": 6,
            "hold_days": 3,
            "due_soon_days": 3,
        },
    )
    assert response.status_code == 302
    assert LendingRules.load().max_active_loans == 6
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


# --- lending -------------------------------------------------------------------------


def test_lend_several_barcodes_shows_a_result_for_each(desk, room, copies, zhang, librarian):
    response = desk.post(
        reverse("loans_desk_lend"),
        {"room": room.pk, "staff_number": "e2001", "barcodes": "SX0001A\nSX0002A\nNOPE", "scan": "SX0003A"},
        **ZH,
    )
    assert response.status_code == 200
    html = content(response)
    assert Loan.objects.filter(borrower=zhang, returned_at__isnull=True).count() == 3
    assert Loan.objects.filter(lent_by=librarian, lent_in=room).count() == 3
    assert "已将《红楼梦》（SX0001A）借给张三" in html
    assert "没有条码为“NOPE”的复本。" in html
    # Only the refused barcode stays in the box; the reader's loans are shown beside.
    form = response.context["form"]
    assert form.initial["barcodes"] == "NOPE"
    assert form.initial["staff_number"] == "E2001"
    assert "autofocus" in form.fields["scan"].widget.attrs
    assert [loan.copy.barcode for loan in response.context["summary"]["loans"]] == ["SX0001A", "SX0002A", "SX0003A"]
    # The room is remembered for the next visit.
    assert desk.get(reverse("loans_desk_lend")).context["form"].initial["room"] == room


def test_lend_refuses_over_the_limit_with_the_rule_and_numbers(desk, room, copies, zhang):
    for barcode in ["SX0001A", "SX0002A", "SX0003A", "SX0004A", "SX0005A"]:
        services.lend(zhang, barcode, room)
    response = desk.post(
        reverse("loans_desk_lend"), {"room": room.pk, "staff_number": "E2001", "barcodes": "SX0006A"}, **ZH
    )
    html = content(response)
    assert "张三已借5册，达到上限5册。" in html
    assert response.context["form"].initial["barcodes"] == "SX0006A"
    assert not Loan.objects.filter(copy__barcode="SX0006A").exists()


def test_lend_refuses_a_copy_held_for_someone_else(desk, room, copies, zhang, li):
    hold = services.reserve(li, copies["SX0001A"].book, room).reservation
    hold.refresh_from_db()
    response = desk.post(
        reverse("loans_desk_lend"),
        {"room": room.pk, "staff_number": "E2001", "barcodes": hold.held_copy.barcode},
        **ZH,
    )
    expected = f"此书已为李四保留至{hold.hold_until.month}月{hold.hold_until.day}日。"
    assert expected in content(response)


def test_unknown_staff_number_keeps_what_was_typed(desk, room, copies):
    response = desk.post(
        reverse("loans_desk_lend"), {"room": room.pk, "staff_number": "X999", "barcodes": "SX0001A\nSX0002A"}, **ZH
    )
    html = content(response)
    assert "没有工号为“X999”的在职职工。" in html
    assert "X999" in html
    assert "SX0001A\nSX0002A" in html
    assert not Loan.objects.exists()


def test_closed_room_is_refused_in_words(desk, closed_room, copies, zhang):
    response = desk.post(
        reverse("loans_desk_lend"), {"room": closed_room.pk, "staff_number": "E2001", "barcodes": "SX0001A"}, **ZH
    )
    assert "书屋“旧书库”已停用。" in content(response)
    assert not Loan.objects.exists()
    # A closed room is not offered.
    assert "旧书库" not in content(desk.get(reverse("loans_desk_lend")))


def test_lookup_without_barcodes_shows_the_reader(desk, room, copies, zhang):
    services.lend(zhang, "SX0001A", room)
    response = desk.get(reverse("loans_desk_lend"), {"staff_number": "E2001"})
    assert response.context["summary"]["employee"] == zhang
    assert "SX0001A" in content(response)


# --- returning --------------------------------------------------------------------------


def test_return_shows_the_holds_shelf_message(desk, room, corner, copies, zhang, li):
    services.lend(zhang, "SX0001A", room)
    services.lend(zhang, "SX0001B", room)
    services.reserve(li, copies["SX0001A"].book, corner)
    response = desk.post(reverse("loans_desk_return"), {"room": corner.pk, "barcodes": "SX0001A\nSX0003A"}, **ZH)
    html = content(response)
    assert "《红楼梦》（SX0001A）已归还。" in html
    assert "请放到预约架，为李四保留" in html
    assert "复本SX0003A未借出。" in html
    results = response.context["results"]
    assert [(r.barcode, r.ok, r.hold) for r in results] == [("SX0001A", True, True), ("SX0003A", False, False)]
    assert response.context["form"].initial["barcodes"] == "SX0003A"
    copy = Copy.objects.get(barcode="SX0001A")
    assert copy.status == CopyStatus.ON_HOLD
    assert copy.current_room == corner


def test_return_needs_a_barcode_and_a_room(desk, room):
    response = desk.post(reverse("loans_desk_return"), {"room": "", "barcodes": ""}, **ZH)
    form = response.context["form"]
    assert "room" in form.errors
    assert "scan" in form.errors


# --- renew and cancel from the reader record ----------------------------------------------


def test_reader_record_renews_and_explains_refusals(desk, room, copies, zhang, li):
    first = services.lend(zhang, "SX0001A", room).loan
    second = services.lend(zhang, "SX0002A", room).loan
    services.lend(li, "SX0004A", room)
    services.lend(li, "SX0004B", room)
    services.reserve(zhang, copies["SX0004A"].book, room)  # both copies are out: zhang waits
    other = services.reserve(li, copies["SX0003A"].book, room)
    url = reverse("loans_desk_employee") + "?staff_number=E2001"
    response = desk.get(url, **ZH)
    summary = response.context["summary"]
    assert {loan.pk: loan.refusal for loan in summary["loans"]} == {first.pk: None, second.pk: None}
    assert [(r.book.title, r.position) for r in summary["reservations"]] == [("人类简史", 1)]
    assert other.reservation.user == li

    response = desk.post(reverse("loans_desk_renew", args=[first.pk]), {"next": url}, **ZH)
    assert response.status_code == 302 and response["Location"] == url
    first.refresh_from_db()
    assert first.renewals == 1
    # Renewed once, the limit: the button is disabled and says why.
    response = desk.get(url, **ZH)
    assert "已续借1次，最多可续借1次。" in content(response)
    refused = desk.post(reverse("loans_desk_renew", args=[first.pk]), {"next": url}, follow=True, **ZH)
    assert "已续借1次，最多可续借1次。" in [str(m) for m in refused.context["messages"]]
    first.refresh_from_db()
    assert first.renewals == 1


def test_reader_record_cancels_a_reservation(desk, room, copies, zhang, li):
    services.lend(li, "SX0004A", room)
    services.lend(li, "SX0004B", room)
    reservation = services.reserve(zhang, copies["SX0004A"].book, room).reservation
    response = desk.post(reverse("loans_desk_cancel_reservation", args=[reservation.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("loans_desk_employee") + "?staff_number=E2001"
    reservation.refresh_from_db()
    assert reservation.status == "cancelled"


def test_reader_record_rejects_an_offsite_next(desk, room, copies, zhang):
    loan = services.lend(zhang, "SX0001A", room).loan
    response = desk.post(reverse("loans_desk_renew", args=[loan.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("loans_desk_employee") + "?staff_number=E2001"


def test_reader_record_unknown_staff_number(desk):
    response = desk.get(reverse("loans_desk_employee"), {"staff_number": "NOBODY"}, **ZH)
    assert "没有工号为“NOBODY”的在职职工。" in content(response)


def test_reader_history_is_paginated(desk, room, copies, zhang):
    for _ in range(12):
        services.lend(zhang, "SX0001A", room)
        services.return_copy("SX0001A", room)
        services.lend(zhang, "SX0001B", room)
        services.return_copy("SX0001B", room)
    response = desk.get(reverse("loans_desk_employee"), {"staff_number": "E2001"})
    assert response.context["history"].paginator.count == 24
    assert len(response.context["history"].object_list) == 20
    response = desk.get(reverse("loans_desk_employee"), {"staff_number": "E2001", "p": 2})
    assert len(response.context["history"].object_list) == 4


# --- transfer ------------------------------------------------------------------------------


def test_transfer_moves_all_or_nothing(desk, room, book_box, copies, zhang, librarian):
    services.lend(zhang, "SX0002A", room)
    data = {"to_room": book_box.pk, "reason": "流动书箱轮换", "barcodes": "SX0001A\nSX0002A\nXX"}
    response = desk.post(reverse("loans_desk_transfer"), data, **ZH)
    html = content(response)
    assert len(response.context["refusals"]) == 2
    assert "没有条码为“XX”的复本。" in html
    assert "SX0001A\nSX0002A\nXX" in html  # kept as typed
    assert not CopyMovement.objects.exists()
    assert Copy.objects.get(barcode="SX0001A").current_room == room

    response = desk.post(reverse("loans_desk_transfer"), {**data, "barcodes": "SX0001A\nSX0001B"}, **ZH)
    assert [copy.barcode for copy in response.context["moved"]] == ["SX0001A", "SX0001B"]
    assert Copy.objects.filter(current_room=book_box).count() == 2
    movement = CopyMovement.objects.first()
    assert movement.moved_by == librarian and movement.reason == "流动书箱轮换"


# --- overdue list and holds shelf ------------------------------------------------------------


def _overdue_loans(count, room, borrowers):
    book = BookFactory(title="逾期测试书")
    made = Copy.objects.bulk_create(
        [
            Copy(barcode=f"OD{n:05d}", book=book, home_room=room, current_room=room, status=CopyStatus.ON_LOAN)
            for n in range(count)
        ]
    )
    due = timezone.localdate() - datetime.timedelta(days=10)
    Loan.objects.bulk_create(
        [
            Loan(
                copy=copy,
                book=book,
                borrower=borrowers[n % len(borrowers)],
                due_on=due - datetime.timedelta(days=n % 30),
            )
            for n, copy in enumerate(made)
        ]
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_overdue_list_runs_a_fixed_number_of_queries(desk, room, make_user):
    borrowers = [make_user(department=DepartmentFactory()) for _ in range(5)]
    url = reverse("loans_desk_overdue")
    _overdue_loans(10, room, borrowers)
    desk.get(url)  # warm the session and settings caches
    few, response = _queries(desk, url)
    assert response.context["page"].paginator.count == 10
    Loan.objects.all().delete()
    Copy.objects.all().delete()
    _overdue_loans(1000, room, borrowers)
    many, response = _queries(desk, url)
    assert response.context["page"].paginator.count == 1000
    assert len(response.context["page"].object_list) == 50
    assert many == few
    assert many <= 15
    first = response.context["page"].object_list[0]
    assert first.overdue_days == 39
    assert first.borrower.department.name in content(response)


def test_holds_shelf_lists_ready_copies_and_queues(desk, room, corner, copies, zhang, li, make_user):
    ready = services.reserve(zhang, copies["SX0001A"].book, room).reservation
    Reservation.objects.filter(pk=ready.pk).update(hold_until=timezone.localdate() - datetime.timedelta(days=1))
    services.lend(li, "SX0002A", room)
    services.lend(li, "SX0002B", room)
    services.reserve(zhang, copies["SX0002A"].book, room)
    services.reserve(make_user(), copies["SX0002A"].book, room)
    response = desk.get(reverse("loans_desk_holds"), **ZH)
    html = content(response)
    holds = list(response.context["page"])
    assert [hold.held_copy.barcode for hold in holds] == ["SX0001A"]
    assert holds[0].expired
    assert "data-expired" in html
    assert [(row["book__title"], row["waiting"]) for row in response.context["queue"]] == [("平凡的世界", 2)]
    # Filtered by pickup room.
    response = desk.get(reverse("loans_desk_holds"), {"room": corner.pk})
    assert list(response.context["page"]) == []


# --- copies ----------------------------------------------------------------------------------


def test_batch_adds_a_barcode_range(desk, room, books):
    response = desk.post(
        reverse("loans_copies_batch"),
        {"book": books[0].pk, "room": room.pk, "prefix": "SX", "start": "000101", "count": 20},
    )
    assert response.status_code == 302
    barcodes = list(Copy.objects.filter(book=books[0]).values_list("barcode", flat=True))
    assert len(barcodes) == 20
    assert barcodes[0] == "SX000101" and barcodes[-1] == "SX000120"
    assert set(Copy.objects.values_list("current_room", flat=True)) == {room.pk}


def test_batch_refuses_existing_barcodes_and_adds_nothing(desk, room, books):
    Copy.objects.create(barcode="SX000105", book=books[1], home_room=room, current_room=room)
    Copy.objects.create(barcode="SX000110", book=books[1], home_room=room, current_room=room)
    data = {"book": books[0].pk, "room": room.pk, "prefix": "SX", "start": "000101", "count": 20}
    response = desk.post(reverse("loans_copies_batch"), data, **ZH)
    assert response.status_code == 200
    html = content(response)
    assert "SX000105, SX000110" in html
    assert not Copy.objects.filter(book=books[0]).exists()
    # The form keeps what was typed.
    assert response.context["form"].data["start"] == "000101"


def test_batch_preview_creates_nothing(desk, room, books):
    data = {"book": books[0].pk, "room": room.pk, "prefix": "SX", "start": "0099", "count": 3, "preview": "1"}
    response = desk.post(reverse("loans_copies_batch"), data)
    assert response.context["preview"] == ["SX0099", "SX0100", "SX0101"]
    assert not Copy.objects.exists()


def test_batch_form_errors(desk, room, books):
    response = desk.post(reverse("loans_copies_batch"), {"room": room.pk, "prefix": "S X", "start": "1a", "count": 0})
    errors = response.context["form"].errors
    assert set(errors) == {"book", "prefix", "start", "count"}


def test_copy_list_filters_and_searches(desk, room, book_box, copies, librarian):
    services.transfer(["SX0001A"], book_box, librarian)
    index = reverse("loans_copies:index")
    response = desk.get(index, {"kind": "box"})
    assert [copy.barcode for copy in response.context["object_list"]] == ["SX0001A"]
    response = desk.get(index, {"q": "红楼"})
    assert {copy.barcode for copy in response.context["object_list"]} == {"SX0001A", "SX0001B"}
    response = desk.get(index, {"status": "on_loan"})
    assert list(response.context["object_list"]) == []


def test_copy_form_does_not_lend_or_unlend(desk, room, copies, zhang, books):
    services.lend(zhang, "SX0001A", room)
    on_loan = Copy.objects.get(barcode="SX0001A")
    data = {
        "barcode": "SX0001A",
        "book": books[0].pk,
        "home_room": room.pk,
        "current_room": room.pk,
        "status": "on_shelf",
        "acquired_on": "2025-01-01",
        "note": "",
    }
    response = desk.post(reverse("loans_copies:edit", args=[on_loan.pk]), data)
    assert response.status_code == 200
    assert Copy.objects.get(pk=on_loan.pk).status == CopyStatus.ON_LOAN
    shelf = copies["SX0002A"]
    response = desk.post(
        reverse("loans_copies:edit", args=[shelf.pk]),
        {**data, "barcode": "SX0002A", "book": books[1].pk, "status": "on_loan"},
    )
    assert response.status_code == 200
    response = desk.post(
        reverse("loans_copies:edit", args=[shelf.pk]),
        {**data, "barcode": "SX0002A", "book": books[1].pk, "status": "lost"},
    )
    assert response.status_code == 302
    assert Copy.objects.get(pk=shelf.pk).status == CopyStatus.LOST


def test_add_copy_form_uses_the_book_chooser(desk, room, books):
    html = content(desk.get(reverse("loans_copies:add")))
    assert "data-chooser-url" in html or "snippet-chooser" in html


def test_the_lending_rules_refuse_a_loan_period_that_would_overflow_every_date(desk):
    """Audit: loan_days=3000000 was accepted, and afterwards every lend was a 500 (date overflow)."""
    menu_url = reverse("wagtailsettings:edit", args=["loans", "lendingrules"])
    url = desk.get(menu_url)["Location"]
    rules = {
        "loan_days": 3000000,
        "renewal_days": 14,
        "max_renewals": 2,
        "max_active_loans": 6,
        "hold_days": 3,
        "due_soon_days": 3,
    }
    response = desk.post(url, rules, **ZH)
    assert response.status_code == 200
    assert "不能大于365。" in content(response)
    assert LendingRules.load().loan_days == 30


@pytest.mark.parametrize(
    "field, value", [("loan_days", 3000000), ("loan_days", 0), ("renewal_days", 400), ("max_active_loans", 0)]
)
def test_the_database_refuses_lending_rules_out_of_bounds(field, value):
    """The check constraints refuse these on both databases. (The columns are smallint, so on PostgreSQL 3,000,000
    is already refused by the column type, a DataError; 400 and 0 fit the column only the constraint refuses them.)"""
    LendingRules.load()
    refused = (IntegrityError, DataError) if value > 32767 and connection.vendor == "postgresql" else IntegrityError
    with pytest.raises(refused), transaction.atomic():
        LendingRules.objects.update(**{field: value})
    assert getattr(LendingRules.objects.get(), field) != value


# --- a held copy returned at another room goes in transit to the pickup room ---------------


def _ready_notices(user):
    from loans.models import Notice, NoticeKind

    return Notice.objects.filter(user=user, kind=NoticeKind.READY)


def test_return_elsewhere_sends_the_held_copy_in_transit_to_the_pickup_room(desk, room, corner, copies, zhang, li):
    services.lend(zhang, "SX0001A", room)
    services.lend(zhang, "SX0001B", room)
    reservation = services.reserve(li, copies["SX0001A"].book, room).reservation
    response = desk.post(reverse("loans_desk_return"), {"room": corner.pk, "barcodes": "SX0001A"}, **ZH)
    html = content(response)
    assert "李四已预约此书，在机关职工书屋取书：请送往机关职工书屋（在途）。" in html
    assert "请放到预约架" not in response.context["results"][0].message
    copy = Copy.objects.get(barcode="SX0001A")
    assert copy.status == CopyStatus.IN_TRANSIT
    assert copy.current_room == corner
    reservation.refresh_from_db()
    assert reservation.status == "waiting" and reservation.held_copy == copy
    assert not _ready_notices(li).exists()
    # The copy cannot be lent meanwhile, and a second returned copy is not sent for the same reservation.
    with pytest.raises(services.Refused):
        services.lend(zhang, "SX0001A", corner)
    outcome = services.return_copy("SX0001B", corner)
    assert outcome.reservation is None
    assert Copy.objects.get(barcode="SX0001B").status == CopyStatus.ON_SHELF

    # It arrives at the pickup room through the desk's transfer form: on the holds shelf, READY notice.
    desk.post(reverse("loans_desk_transfer"), {"to_room": room.pk, "barcodes": "SX0001A", "reason": ""}, **ZH)
    copy.refresh_from_db()
    reservation.refresh_from_db()
    assert copy.status == CopyStatus.ON_HOLD and copy.current_room == room
    assert reservation.status == "ready" and reservation.hold_until
    notices = list(_ready_notices(li))
    assert len(notices) == 1 and "红楼梦" in notices[0].message and "机关职工书屋" in notices[0].message


def test_a_copy_in_transit_scanned_at_the_pickup_rooms_return_desk_goes_on_the_holds_shelf(
    desk, room, corner, copies, zhang, li
):
    services.lend(zhang, "SX0001A", room)
    services.lend(zhang, "SX0001B", room)
    reservation = services.reserve(li, copies["SX0001A"].book, room).reservation
    services.return_copy("SX0001A", corner)
    response = desk.post(reverse("loans_desk_return"), {"room": room.pk, "barcodes": "SX0001A"}, **ZH)
    html = content(response)
    assert "《红楼梦》（SX0001A）已到达机关职工书屋。" in html
    assert "请放到预约架，为李四保留" in html
    copy = Copy.objects.get(barcode="SX0001A")
    assert copy.status == CopyStatus.ON_HOLD and copy.current_room == room
    reservation.refresh_from_db()
    assert reservation.status == "ready"
    assert _ready_notices(li).count() == 1


def test_reserving_with_nobody_ahead_says_you_are_next(copies, zhang, li, room):
    from django.utils import translation

    services.lend(zhang, "SX0001A", room)
    services.lend(zhang, "SX0001B", room)
    with translation.override("zh-hans"):
        message = services.reserve(li, copies["SX0001A"].book, room).message
    assert message == "您已排队预约《红楼梦》，您是下一位。"
    assert "0 人" not in message
