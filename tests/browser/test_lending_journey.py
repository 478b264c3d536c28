"""Lending in a real browser, from the desk to 我的借阅 and back.

A librarian lends two books by barcode at the circulation desk; the employee logs in, sees them and
renews one; a colleague reserves that title from its book page; the librarian takes it back at the
desk and is told to put it on the holds shelf; the colleague then sees it ready to collect.

Screenshots: test-artifacts/screenshots/lending-*.png.
"""

import datetime
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium not installed at /usr/bin/chromium: apt-get install chromium", allow_module_level=True)

from django.utils import timezone  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from booklists.factories import BookFactory  # noqa: E402
from booklists.models import CataloguePage  # noqa: E402
from loans.factories import CopyFactory, ReadingRoomFactory  # noqa: E402
from loans.models import CopyStatus, Loan, Notice, Reservation, ReservationStatus  # noqa: E402
from people import groups  # noqa: E402
from people.models import User  # noqa: E402

from .conftest import PASSWORD, make_staff, publish  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOM = "机关大楼职工书屋"
LIBRARY = "/zh-hans/library/"


def day(date):
    """How the services write a date in their messages (services._day): the year only when it differs."""
    if date.year != timezone.localdate().year:
        return f"{date.year}年{date.month}月{date.day}日"
    return f"{date.month}月{date.day}日"


def full_date(date):
    """How the public templates write a date in Chinese (local_date)."""
    return f"{date.year}年{date.month}月{date.day}日"


def make_employee(staff_number, real_name):
    user = User(staff_number=staff_number, real_name=real_name, email=f"{staff_number}@example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def lending(home_page):
    """A reading room, a published catalogue, two books with one copy each, a librarian and two employees."""
    room = ReadingRoomFactory(name=ROOM, address="机关大楼三层", opening_hours="工作日 12:00–13:30")
    catalogue = publish(home_page, CataloguePage(title="图书目录", slug="catalogue"))
    first = BookFactory(title="平凡的世界", authors="路遥")
    second = BookFactory(title="乡土中国", authors="费孝通")
    CopyFactory(book=first, home_room=room, barcode="BJ0001")
    CopyFactory(book=second, home_room=room, barcode="BJ0002")
    return {
        "room": room,
        "catalogue": catalogue,
        "books": (first, second),
        "barcodes": ("BJ0001", "BJ0002"),
        "librarian": make_staff("bj-librarian", "书屋管理员甲", groups.LIBRARIANS),
        "reader_a": make_employee("bj-reader-a", "读者甲"),
        "reader_b": make_employee("bj-reader-b", "读者乙"),
    }


def public_login(page, user, next_url):
    page.goto(f"/zh-hans/accounts/login/?next={next_url}")
    page.fill('input[name="username"]', user.staff_number)
    page.fill('input[name="password"]', PASSWORD)
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').click()
    assert page.url.endswith(next_url), f"login did not lead to {next_url}: {page.url}"
    return page


def scan(page, barcode):
    """A scanner types the code into the focused scan box and presses Enter."""
    box = page.locator("[data-desk-scan]")
    box.press_sequentially(barcode)
    box.press("Enter")
    expect(box).to_have_value("")


def submit_scans(page):
    """Enter in the empty scan box submits the form, as the second Enter of a scanner would."""
    with page.expect_navigation():
        page.locator("[data-desk-scan]").press("Enter")


def test_lend_renew_reserve_return_collect(new_page, admin_login, screenshot, lending):
    today = timezone.localdate()
    room = lending["room"]
    first, second = lending["books"]
    first_code, second_code = lending["barcodes"]
    reader_a, reader_b = lending["reader_a"], lending["reader_b"]
    due = today + datetime.timedelta(days=30)

    # --- 1. the librarian lends both books to A at the desk ------------------------------
    desk = admin_login(new_page(), lending["librarian"])
    desk.goto("/admin/desk/")
    desk.select_option("#id_room", str(room.pk))
    desk.fill("#id_staff_number", reader_a.staff_number)
    with desk.expect_navigation():
        desk.locator("#id_staff_number").press("Enter")  # the staff card scan looks the reader up
    expect(desk.locator("[data-employee]")).to_contain_text("读者甲")
    expect(desk.locator("[data-desk-scan]")).to_be_focused()  # the next scan goes to the books
    for barcode in (first_code, second_code):
        scan(desk, barcode)
    expect(desk.locator("[data-desk-barcodes]")).to_have_value(f"{first_code}\n{second_code}")
    expect(desk.locator("[data-desk-count]")).to_contain_text("2")
    screenshot(desk, "lending-1-desk-scanned")

    submit_scans(desk)
    results = desk.locator("[data-desk-results] .desk-result")
    expect(results).to_have_count(2)
    for row, book, barcode in ((0, first, first_code), (1, second, second_code)):
        line = results.nth(row)
        assert "desk-result--ok" in line.get_attribute("class")
        expect(line).to_contain_text(f"已将《{book.title}》（{barcode}）借给读者甲，应还日期{day(due)}。")
    expect(desk.locator("[data-current-loans] tbody tr")).to_have_count(2)
    expect(desk.locator("[data-desk-barcodes]")).to_have_value("")
    screenshot(desk, "lending-1-desk-lent")

    loans = Loan.objects.filter(borrower=reader_a, returned_at__isnull=True)
    assert sorted(loans.values_list("copy__barcode", flat=True)) == [first_code, second_code]
    assert all(loan.due_on == due and loan.lent_in_id == room.pk for loan in loans)

    # --- 2. A sees both loans in 我的借阅 and renews the first ---------------------------
    reader = public_login(new_page(), reader_a, LIBRARY)
    cards = reader.locator("section[aria-labelledby='my-loans'] .loan-card")
    expect(cards).to_have_count(2)
    for book in (first, second):
        card = cards.filter(has_text=f"《{book.title}》")
        expect(card.locator(".loan-card__due-date")).to_have_text(f"{full_date(due)}到期")
        expect(card.get_by_role("button", name="续借")).to_be_enabled()
    screenshot(reader, "lending-2-my-library")

    with reader.expect_navigation():
        cards.filter(has_text=f"《{first.title}》").get_by_role("button", name="续借").click()
    renewed_due = due + datetime.timedelta(days=30)
    renewed_message = f"《{first.title}》已续借，应还日期为{day(renewed_due)}。"
    expect(reader.locator(".message--success")).to_have_text(renewed_message)
    renewed = cards.filter(has_text=f"《{first.title}》")
    expect(renewed.locator(".loan-card__due-date")).to_have_text(f"{full_date(renewed_due)}到期")
    button = renewed.get_by_role("button", name="续借")
    expect(button).to_be_disabled()
    expect(renewed.locator(".loan-card__why")).to_have_text("已续借1次，最多可续借1次。")
    assert button.get_attribute("aria-describedby") == renewed.locator(".loan-card__why").get_attribute("id")
    expect(cards.filter(has_text=f"《{second.title}》").get_by_role("button", name="续借")).to_be_enabled()
    screenshot(reader, "lending-2-renewed")
    assert Loan.objects.get(borrower=reader_a, book=first, returned_at__isnull=True).due_on == renewed_due

    # --- 3. B reserves the first book from its page --------------------------------------
    book_url = f"{lending['catalogue'].url}{first.pk}/"
    colleague = public_login(new_page(), reader_b, book_url)
    panel = colleague.locator(".lending-panel")
    expect(panel).to_contain_text("已全部借出")
    colleague.select_option("#reserve-room", str(room.pk))
    with colleague.expect_navigation():
        panel.get_by_role("button", name="预约").click()
    assert colleague.url.endswith(book_url)
    expect(colleague.locator(".message--success")).to_have_text(f"您已排队预约《{first.title}》，您是下一位。")
    expect(panel.locator("[role='status']")).to_contain_text(f"您已预约这本书（在{ROOM}取书）。")
    expect(panel.locator("[role='status']")).to_contain_text("下一位就是您。")
    screenshot(colleague, "lending-3-reserved")
    reservation = Reservation.objects.get(user=reader_b, book=first)
    assert reservation.status == ReservationStatus.WAITING
    assert reservation.pickup_room_id == room.pk

    # --- 4. A brings the first book back; the desk says to hold it for B ------------------
    desk.goto("/admin/desk/return/")
    expect(desk.locator("#id_room")).to_have_value(str(room.pk))  # the desk remembers the room
    expect(desk.locator("[data-desk-scan]")).to_be_focused()
    scan(desk, first_code)
    submit_scans(desk)
    hold_until = today + datetime.timedelta(days=3)
    result = desk.locator("[data-desk-results] .desk-result")
    expect(result).to_have_count(1)
    assert "desk-result--hold" in result.get_attribute("class")
    expect(result).to_contain_text(f"《{first.title}》（{first_code}）已归还。")
    expect(result).to_contain_text(f"请放到预约架，为读者乙保留（{day(hold_until)}前在{ROOM}取书）。")
    screenshot(desk, "lending-4-desk-returned")

    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.READY
    assert reservation.hold_until == hold_until
    assert reservation.held_copy.barcode == first_code
    assert reservation.held_copy.status == CopyStatus.ON_HOLD
    assert not Loan.objects.filter(copy__barcode=first_code, returned_at__isnull=True).exists()

    # --- 5. B sees it ready to collect, with the deadline, the room and a notice -----------
    colleague.goto(LIBRARY)
    ready = colleague.locator("section[aria-labelledby='my-reservations'] .loan-card")
    expect(ready).to_have_count(1)
    assert "loan-card--ready" in ready.get_attribute("class")
    expect(ready).to_contain_text(f"《{first.title}》")
    expect(ready.locator(".badge--ready")).to_have_text("待取书")
    expect(ready).to_contain_text(f"请于{full_date(hold_until)}前到{ROOM}取书。")
    expect(ready).to_contain_text("工作日 12:00–13:30")
    notice = colleague.locator("#notices .notice-item--unread")
    expect(notice).to_have_count(1)
    expect(notice.locator(".notice-item__message")).to_have_text(
        f"您预约的《{first.title}》已在{ROOM}等候，请于{day(hold_until)}前取书。"
    )
    expect(colleague.locator("#notices .count-badge")).to_have_text("1")
    screenshot(colleague, "lending-5-ready-to-collect")
    assert Notice.objects.filter(user=reader_b, read_at__isnull=True).count() == 1
