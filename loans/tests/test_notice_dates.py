"""A notice or message writes its dates the way its reader's language writes them.

Dates come from the named formats of portal/formats (MONTH_DAY_FORMAT, DATE_FORMAT), chosen
inside translation.override(the recipient's language): an English reader is told "3 December",
a Chinese reader "12月3日" — never a Chinese pattern in an English sentence.
"""

import datetime

import pytest
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from booklists.factories import BookFactory
from loans import services
from loans.factories import CopyFactory, EmployeeFactory, LoanFactory, ReadingRoomFactory
from loans.models import LendingRules, Notice
from loans.services.circulation import borrower_refusal
from loans.services.common import _day

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
DUE = datetime.date(THIS_YEAR, 12, 3)


def reader(staff_number, language=None):
    user = EmployeeFactory(staff_number=staff_number, email=f"{staff_number}@example.org")
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def test_due_soon_notice_dates_follow_the_readers_language():
    chinese, english = reader("reader-zh"), reader("reader-en", "en")
    room = ReadingRoomFactory()
    for borrower, barcode in ((chinese, "ND0001"), (english, "ND0002")):
        copy = CopyFactory(book=BookFactory(title="平凡的世界"), home_room=room, barcode=barcode)
        LoanFactory(copy=copy, borrower=borrower, due_on=DUE)

    # Sent from a Chinese request or cron job: each notice is still in its reader's language.
    with translation.override("zh-hans"):
        assert services.send_due_notices(today=datetime.date(THIS_YEAR, 12, 1)) == 2

    en = Notice.objects.get(user=english).message
    zh = Notice.objects.get(user=chinese).message
    assert "due on 3 December." in en, en
    assert "月" not in en and "日" not in en, en
    assert "12月3日" in zh, zh


def test_a_date_in_another_year_is_written_in_full():
    next_year = datetime.date(THIS_YEAR + 1, 1, 20)
    with translation.override("en"):
        assert _day(next_year) == f"20 January {THIS_YEAR + 1}"
        assert _day(DUE) == "3 December"
    with translation.override("zh-hans"):
        assert _day(next_year) == f"{THIS_YEAR + 1}年1月20日"
        assert _day(DUE) == "12月3日"


def test_a_desk_message_in_english_has_an_english_date():
    """The refusal a desk worker reads in English names the overdue date in English."""
    borrower = reader("reader-late")
    overdue = timezone.localdate() - datetime.timedelta(days=2)
    LoanFactory(borrower=borrower, due_on=overdue, copy=CopyFactory(book=BookFactory(title="西游记")))
    with translation.override("en"):
        refusal = borrower_refusal(borrower, LendingRules.load(), timezone.localdate())
    expected = overdue.strftime("%-d %B") if overdue.year == THIS_YEAR else overdue.strftime("%-d %B %Y")
    assert f"(due {expected})" in refusal, refusal
