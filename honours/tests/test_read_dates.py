"""How verified reads are dated (their return, or the N-day mark while still out) and how
rounds keep a read from counting twice when its date moves; caps month by month.
Every figure here is computed by hand."""

import datetime

import pytest

from booklists.factories import BookFactory
from honours import scoring, services
from honours.models import AwardKind, AwardRound, CountedRead, PeriodKind, ScoringRules
from people.factories import DepartmentFactory, UserFactory
from progress import record

from .helpers import at, loan, note

pytestmark = pytest.mark.django_db

RULES = ScoringRules.defaults()
OCT = services.month_period(2026, 10)
NOV = services.month_period(2026, 11)


def reads_in(user, period):
    return record.verified_loans(*period).filter(borrower=user).count()


def star(period, name, **kwargs):
    return {c["name"]: c for c in scoring.star_candidates(*period, RULES, **kwargs)}.get(name)


def return_loan(item, when):
    item.returned_at = when
    item.save(update_fields=["returned_at"])


# --- the date of a read --------------------------------------------------------------------


def test_a_ten_day_loan_returned_in_a_month_counts_in_that_month():
    reader = UserFactory(real_name="甲")
    loan(reader, lent=at(3, month=10), days=10)  # returned 13 Oct

    assert reads_in(reader, OCT) == 1
    assert reads_in(reader, NOV) == 0


def test_a_read_is_dated_by_its_return_not_by_the_seventh_day():
    reader = UserFactory(real_name="甲")
    loan(reader, lent=at(20, month=10), days=16)  # 7 days on 27 Oct, returned 5 Nov

    assert reads_in(reader, OCT) == 0
    assert reads_in(reader, NOV) == 1
    assert star(NOV, "甲")["reads"] == 1


def test_a_loan_still_out_counts_in_the_month_it_reached_seven_days():
    reader = UserFactory(real_name="甲")
    loan(reader, lent=at(20, month=10))  # still out: 7 days on 27 Oct

    assert reads_in(reader, OCT) == 1
    assert reads_in(reader, NOV) == 0


def test_a_three_day_loan_never_counts():
    reader = UserFactory(real_name="甲")
    loan(reader, lent=at(3, month=10), days=3)

    assert reads_in(reader, OCT) == reads_in(reader, NOV) == 0


def test_the_second_loan_of_a_title_never_counts_again():
    reader = UserFactory(real_name="甲")
    book = BookFactory()
    loan(reader, book, lent=at(1, month=10), days=10)  # October's read
    loan(reader, book, lent=at(2), days=10)  # the same title in November

    assert reads_in(reader, OCT) == 1
    assert reads_in(reader, NOV) == 0
    services.generate_round(AwardKind.STAR, *OCT)
    november, _ = services.generate_round(AwardKind.STAR, *NOV)
    assert november.candidates == []


# --- a round counts a read once ------------------------------------------------------------


def test_a_read_counted_while_out_is_not_counted_again_the_month_it_comes_back():
    office = DepartmentFactory(name="办公室", headcount=5)
    reader = UserFactory(real_name="甲", department=office)
    out = loan(reader, lent=at(20, month=10))  # 7 days on 27 Oct, still out on 1 Nov
    october, _ = services.generate_round(AwardKind.STAR, *OCT)
    october_departments, _ = services.generate_round(AwardKind.DEPARTMENT, *OCT)
    assert october.candidate(f"u{reader.pk}")["reads"] == 1
    assert set(CountedRead.objects.filter(round=october).values_list("loan_id", flat=True)) == {out.pk}

    return_loan(out, at(5))  # back on 5 Nov: by the rule now a November read
    assert reads_in(reader, NOV) == 1  # the reading record alone dates it in November

    november, _ = services.generate_round(AwardKind.STAR, *NOV)
    november_departments, _ = services.generate_round(AwardKind.DEPARTMENT, *NOV)
    assert november.candidates == []
    assert next(c for c in november_departments.candidates if c["name"] == "办公室")["participants"] == 0
    assert not CountedRead.objects.filter(round__in=[november, november_departments]).exists()

    # October generated again (still a draft) keeps the read it counted: it is not lost either.
    october, created = services.generate_round(AwardKind.STAR, *OCT)
    assert not created and october.candidate(f"u{reader.pk}")["reads"] == 1
    november, _ = services.generate_round(AwardKind.STAR, *NOV)
    assert november.candidates == []


def test_a_read_returned_the_next_month_counts_there_when_no_round_counted_it_while_out():
    reader = UserFactory(real_name="甲")
    loan(reader, lent=at(20, month=10), days=16)  # 7 days on 27 Oct, returned 5 Nov; no round in October

    october, _ = services.generate_round(AwardKind.STAR, *OCT)
    november, _ = services.generate_round(AwardKind.STAR, *NOV)

    assert october.candidates == []
    assert november.candidate(f"u{reader.pk}")["reads"] == 1


def test_another_series_counts_the_read_in_its_own_round():
    """A quarter and its months are separate rankings: the monthly round does not take the read from the quarter."""
    reader = UserFactory(real_name="甲")
    out = loan(reader, lent=at(20, month=9))  # 7 days on 27 Sep, still out
    september, _ = services.generate_round(AwardKind.STAR, *services.month_period(2026, 9))
    assert september.candidate(f"u{reader.pk}")["reads"] == 1
    return_loan(out, at(5, month=10))

    quarter, _ = services.generate_round(
        AwardKind.STAR, *services.quarter_period(2026, 4), period_kind=PeriodKind.QUARTER
    )
    assert quarter.candidate(f"u{reader.pk}")["reads"] == 1  # the quarterly series had not counted it
    october, _ = services.generate_round(AwardKind.STAR, *OCT)
    assert october.candidates == []  # the monthly series had


def test_deleting_a_round_frees_its_reads():
    reader = UserFactory(real_name="甲")
    out = loan(reader, lent=at(20, month=10))
    october, _ = services.generate_round(AwardKind.STAR, *OCT)
    return_loan(out, at(5))
    october.delete()

    november, _ = services.generate_round(AwardKind.STAR, *NOV)
    assert november.candidate(f"u{reader.pk}")["reads"] == 1


def test_a_published_round_keeps_its_counted_reads_and_candidates():
    reader = UserFactory(real_name="甲")
    out = loan(reader, lent=at(20, month=10))
    october, _ = services.generate_round(AwardKind.STAR, *OCT)
    october.save_revision().publish()
    stored = AwardRound.objects.get(pk=october.pk).candidates
    return_loan(out, at(5))

    services.generate_round(AwardKind.STAR, *NOV)

    assert AwardRound.objects.get(pk=october.pk).candidates == stored
    assert CountedRead.objects.filter(round=october, loan=out).exists()


# --- caps month by month -------------------------------------------------------------------

Q1 = services.quarter_period(2026, 1)


def reads_dated(user, month, count):
    """`count` verified reads returned in `month` 2026 (lent on the 1st…, kept 8 days)."""
    for day in range(1, count + 1):
        loan(user, lent=at(day, month=month), days=8)


def test_a_quarter_caps_each_month_not_the_quarter():
    burst = UserFactory(real_name="甲")
    reads_dated(burst, 1, 15)  # 15 in January, none after: 10 count, not 15
    steady = UserFactory(real_name="乙")
    for month in (1, 2, 3):
        reads_dated(steady, month, 8)  # 8 + 8 + 8: all 24 count

    burst_row, steady_row = star(Q1, "甲"), star(Q1, "乙")

    assert (burst_row["reads"], burst_row["reads_counted"], burst_row["points"]) == (15, 10, 10)
    assert (steady_row["reads"], steady_row["reads_counted"], steady_row["points"]) == (24, 24, 24)


def test_notes_and_excellent_marks_are_capped_month_by_month():
    writer = UserFactory(real_name="甲")
    for day in range(1, 8):  # 7 notes in January (5 count), 3 in February (3 count)
        note(writer, published=at(day, month=1))
    for day in range(1, 4):
        note(writer, published=at(day, month=2), excellent_at=at(day + 10, month=2))

    row = star(Q1, "甲")

    assert (row["notes"], row["notes_counted"]) == (10, 8)
    assert (row["excellent"], row["excellent_counted"]) == (3, 3)
    assert row["points"] == 8 * 2 + 3 * 3


def test_a_custom_range_caps_its_partial_months_as_months():
    reader = UserFactory(real_name="甲")
    for day in range(10, 22):  # 12 returned 18–29 January
        loan(reader, lent=at(day, month=1), days=8)
    for day in range(1, 13):  # 12 returned 9–20 February
        loan(reader, lent=at(day, month=2), days=8)

    row = star((datetime.date(2026, 1, 15), datetime.date(2026, 2, 20)), "甲")

    assert (row["reads"], row["reads_counted"]) == (24, 20)


def test_departments_sum_the_capped_points():
    office = DepartmentFactory(name="办公室", headcount=2)
    reads_dated(UserFactory(real_name="甲", department=office), 1, 15)
    reads_dated(UserFactory(real_name="乙", department=office), 2, 4)

    rows = scoring.department_candidates(*Q1, RULES)

    assert next(c for c in rows if c["name"] == "办公室")["points"] == 10 + 4


# --- rounds generated before the reads were recorded --------------------------------------


def test_the_migration_records_what_earlier_rounds_counted_by_their_rule():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("honours.migrations.0005_counted_reads_of_earlier_rounds")
    reader = UserFactory(real_name="甲")
    out = loan(reader, lent=at(20, month=10))  # 7 days on 27 Oct, out when October was generated
    early = loan(reader, lent=at(1, month=10), days=3)  # 3 days: never a read
    october, _ = services.generate_round(AwardKind.STAR, *OCT)
    CountedRead.objects.all().delete()  # as a round generated before 0004 was
    return_loan(out, at(5))

    migration.record_earlier_rounds(apps, None)

    assert set(CountedRead.objects.filter(round=october).values_list("loan_id", flat=True)) == {out.pk}
    assert early.pk not in CountedRead.objects.values_list("loan_id", flat=True)
    november, _ = services.generate_round(AwardKind.STAR, *NOV)
    assert november.candidates == []
