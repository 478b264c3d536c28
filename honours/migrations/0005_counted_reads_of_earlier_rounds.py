"""The reads that rounds generated before 0004 counted, so later rounds do not count them again.

Those rounds dated a read at the moment its loan reached N days (lent_at + N) and kept
no list of the loans they counted. A book out when such a round was generated and returned
the next month is, by today's rule, a read of the next month: without its CountedRead row
the next month's round would count it a second time. The rule they used is applied here
once more, as of when each round was generated (its stored N), and its loans recorded.
"""

import datetime

from django.db import migrations
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone


def _bounds(start, end):
    zone = timezone.get_default_timezone()
    low = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), zone)
    high = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), zone)
    return low, high


def loans_counted_then(Loan, award_round):
    """The loans the round counted by the rule it was generated with (progress.record before 0004)."""
    min_days = int((award_round.rules or {}).get("min_read_days", 7))
    span = datetime.timedelta(days=min_days)
    lasted = Q(returned_at__isnull=True) | Q(returned_at__gte=F("lent_at") + span)
    low, high = _bounds(award_round.start_date, award_round.end_date)
    as_of = award_round.generated_at or timezone.now()
    high = min(high, as_of + datetime.timedelta(microseconds=1))
    earlier = Loan.objects.filter(lasted, borrower=OuterRef("borrower"), book=OuterRef("book")).filter(
        Q(lent_at__lt=OuterRef("lent_at")) | Q(lent_at=OuterRef("lent_at"), pk__lt=OuterRef("pk"))
    )
    return Loan.objects.filter(lasted, lent_at__gte=low - span, lent_at__lt=high - span).exclude(Exists(earlier))


def record_earlier_rounds(apps, schema_editor):
    AwardRound = apps.get_model("honours", "AwardRound")
    CountedRead = apps.get_model("honours", "CountedRead")
    Loan = apps.get_model("loans", "Loan")
    rounds = AwardRound.objects.filter(kind__in=["star", "department"], event__isnull=True, generated_at__isnull=False)
    for award_round in rounds.exclude(Exists(CountedRead.objects.filter(round=OuterRef("pk")))):
        ids = loans_counted_then(Loan, award_round).values_list("pk", flat=True)
        CountedRead.objects.bulk_create(
            [CountedRead(round_id=award_round.pk, loan_id=pk) for pk in ids.iterator()],
            batch_size=2000,
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [("honours", "0004_counted_reads")]

    operations = [migrations.RunPython(record_earlier_rounds, migrations.RunPython.noop)]
