"""Demo visit records (reports/demo/content.py), as a librarian would type them at the desk.

    from reports.demo.builder import build_visits
    build_visits(librarian, today=run.today, tally=run.tally)

Idempotent: a room's month that is already recorded is left as it is.
"""

import datetime

from loans.models import ReadingRoom
from reports.models import VisitPeriod, VisitRecord

from . import content


def finished_months(today):
    """The first day of every month of last year and of this year before the current month."""
    for year in (today.year - 1, today.year):
        for month in range(1, 13):
            first = datetime.date(year, month, 1)
            if first >= today.replace(day=1):
                return
            yield first


def build_visits(librarian, today, tally=None):
    created = skipped = 0
    rooms = list(ReadingRoom.objects.filter(is_active=True).order_by("sort_order", "pk"))
    existing = set(VisitRecord.objects.filter(period=VisitPeriod.MONTH).values_list("room_id", "date"))
    for index, room in enumerate(rooms):
        share = content.ROOM_SHARES[min(index, len(content.ROOM_SHARES) - 1)]
        for first in finished_months(today):
            if (room.pk, first) in existing:
                skipped += 1
                continue
            count = round(content.MAIN_ROOM_MONTH * share * content.MONTH_FACTORS[first.month])
            record = VisitRecord(room=room, period=VisitPeriod.MONTH, date=first, count=count, note=content.NOTE)
            record.recorded_by = librarian
            record.full_clean()
            record.save()
            created += 1
    if tally:
        tally("到馆人次登记", created, skipped)
    return created
