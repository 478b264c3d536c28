"""Building a small month of reading by hand: loans and published notes written directly."""

import datetime

from django.utils import timezone

from booklists.factories import BookFactory
from loans.factories import CopyFactory, ReadingRoomFactory
from loans.models import Loan
from progress.sources import ReadingNote

YEAR, MONTH = 2026, 11
NOV_START = datetime.date(YEAR, MONTH, 1)
NOV_END = datetime.date(YEAR, MONTH, 30)


def at(day, month=MONTH, year=YEAR, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def loan(user, book=None, *, lent, days=None, room=None):
    """A loan lent at `lent`, returned `days` later (None: still out)."""
    book = book or BookFactory()
    copy = CopyFactory(book=book, home_room=room or ReadingRoomFactory(name="测试书屋"))
    return Loan.objects.create(
        copy=copy,
        borrower=user,
        book=book,
        lent_at=lent,
        due_on=(lent + datetime.timedelta(days=30)).date(),
        returned_at=None if days is None else lent + datetime.timedelta(days=days),
    )


def note(user, book=None, *, published, excellent_at=None, title="读书心得"):
    book = book or BookFactory()
    note = ReadingNote(
        author=user,
        book=book,
        title=title,
        body="<p>" + "读书使人明智，心得体会。" * 6 + "</p>",
        live=True,
        first_published_at=published,
        last_published_at=published,
        is_excellent=excellent_at is not None,
        marked_excellent_at=excellent_at,
    )
    note.save()
    return note
