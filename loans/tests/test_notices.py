"""Due-soon and overdue reminders, hold notices, and their emails: each sent once."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from booklists.factories import BookFactory
from loans import services
from loans.factories import CopyFactory, EmployeeFactory, ReadingRoomFactory
from loans.models import CopyStatus, Notice, NoticeKind, Reservation, ReservationStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n):
    return datetime.timedelta(days=n)


def day(value):
    return f"{value.month}月{value.day}日"


@pytest.fixture(autouse=True)
def zh_hans():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def room():
    return ReadingRoomFactory(name="机关一号职工书屋")


@pytest.fixture
def reader():
    return EmployeeFactory(staff_number="R-ZHANG", real_name="张读者", email="zhang@example.org")


@pytest.fixture
def second_reader():
    return EmployeeFactory(staff_number="R-LI", real_name="李读者", email="li@example.org")


def lend(borrower, room, title, lent_on):
    copy = CopyFactory(home_room=room, book=BookFactory(title=title))
    return services.lend(borrower, copy.barcode, room, today=lent_on).loan


def run(command, capture):
    out = io.StringIO()
    with capture(execute=True):
        call_command(command, stdout=out)
    return out.getvalue()


def test_due_soon_and_overdue_notices_are_sent_once(reader, second_reader, room, django_capture_on_commit_callbacks):
    soon = lend(reader, room, "乡土中国", TODAY - days(27))  # due in 3 days: the last day of the window
    today_due = lend(second_reader, room, "平凡的世界", TODAY - days(30))  # due today
    late = lend(second_reader, room, "苏东坡传", TODAY - days(35))  # 5 days overdue
    lend(reader, room, "红岩", TODAY - days(26))  # due in 4 days: not yet
    returned = lend(reader, room, "围城", TODAY - days(40))
    services.return_copy(returned.copy.barcode, room)

    output = run("send_due_notices", django_capture_on_commit_callbacks)

    assert "3" in output
    notices = {(n.user, n.kind, n.message) for n in Notice.objects.all()}
    assert {(user, kind) for user, kind, _ in notices} == {
        (reader, NoticeKind.DUE_SOON),
        (second_reader, NoticeKind.DUE_SOON),
        (second_reader, NoticeKind.OVERDUE),
    }
    by_title = {n.message.split("》")[0].lstrip("《"): n for n in Notice.objects.all()}
    assert set(by_title) == {"乡土中国", "平凡的世界", "苏东坡传"}
    assert day(soon.due_on) in by_title["乡土中国"].message
    assert day(today_due.due_on) in by_title["平凡的世界"].message
    assert by_title["苏东坡传"].kind == NoticeKind.OVERDUE and day(late.due_on) in by_title["苏东坡传"].message

    assert sorted((m.to[0], m.body) for m in mail.outbox) == sorted(
        (n.user.email, n.message) for n in Notice.objects.all()
    )
    assert all(n.emailed_at for n in Notice.objects.all())
    assert all(m.subject for m in mail.outbox)

    again = run("send_due_notices", django_capture_on_commit_callbacks)

    assert "0" in again
    assert Notice.objects.count() == 3
    assert len(mail.outbox) == 3
    assert services.send_due_notices() == 0


def test_no_email_without_an_address(room, django_capture_on_commit_callbacks):
    nobody = EmployeeFactory(email="")
    lend(nobody, room, "乡土中国", TODAY - days(29))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_notices() == 1

    assert Notice.objects.get().user == nobody
    assert mail.outbox == []


def test_renewed_loan_gets_a_reminder_for_its_new_due_date(reader, room, django_capture_on_commit_callbacks):
    loan = lend(reader, room, "乡土中国", TODAY - days(28))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_notices() == 1

    services.renew(loan.pk, reader)
    loan.refresh_from_db()
    assert loan.due_on == TODAY + days(32)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_notices() == 0
        # Two days before the new due date: a reminder of its own.
        assert services.send_due_notices(today=loan.due_on - days(2)) == 1
        assert services.send_due_notices(today=loan.due_on - days(1)) == 0
        # Not returned: overdue once after the new date.
        assert services.send_due_notices(today=loan.due_on + days(1)) == 1
        assert services.send_due_notices(today=loan.due_on + days(9)) == 0

    reminders = Notice.objects.filter(user=reader).order_by("pk")
    assert [n.kind for n in reminders] == [NoticeKind.DUE_SOON, NoticeKind.DUE_SOON, NoticeKind.OVERDUE]
    assert day(TODAY + days(2)) in reminders[0].message
    assert day(loan.due_on) in reminders[1].message
    assert len(mail.outbox) == 3
    assert {m.to[0] for m in mail.outbox} == {"zhang@example.org"}


def test_expire_holds_command_passes_the_copy_on_once(reader, second_reader, room, django_capture_on_commit_callbacks):
    book = BookFactory(title="平凡的世界")
    copy = CopyFactory(book=book, home_room=room)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.reserve(reader, book, room, today=TODAY - days(5)).reservation
        second = services.reserve(second_reader, book, room, today=TODAY - days(5)).reservation
    assert first.hold_until == TODAY - days(2)
    assert second.status == ReservationStatus.WAITING

    output = run("expire_holds", django_capture_on_commit_callbacks)

    assert "1" in output
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ReservationStatus.EXPIRED
    assert second.status == ReservationStatus.READY and second.held_copy == copy
    assert second.hold_until == TODAY + days(3)
    notice = Notice.objects.get()
    assert (notice.user, notice.kind) == (second_reader, NoticeKind.READY)
    assert "平凡的世界" in notice.message and day(second.hold_until) in notice.message
    assert [(m.to, m.body) for m in mail.outbox] == [(["li@example.org"], notice.message)]

    again = run("expire_holds", django_capture_on_commit_callbacks)

    assert "0" in again
    assert Notice.objects.count() == 1 and len(mail.outbox) == 1
    assert list(Reservation.objects.order_by("pk").values_list("status", flat=True)) == ["expired", "ready"]
    copy.refresh_from_db()
    assert copy.status == CopyStatus.ON_HOLD


def test_ready_notice_on_return_is_emailed_once(reader, second_reader, room, django_capture_on_commit_callbacks):
    loan = lend(reader, room, "平凡的世界", TODAY)
    services.reserve(second_reader, loan.book, room)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.return_copy(loan.copy.barcode, room)

    # One email callback (the page cache adds its own on-commit bumps: portal/pagecache.py).
    assert len([callback for callback in callbacks if callback.__qualname__.startswith("notify.")]) == 1
    assert [m.to for m in mail.outbox] == [["li@example.org"]]
    notice = Notice.objects.get()
    assert notice.kind == NoticeKind.READY and notice.emailed_at

    # A second email attempt for the same notice (another worker) sends nothing.
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
