"""A small month computed by hand, compared with what the database computes (DESIGN.md §4)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from booklists.factories import BookFactory
from honours import scoring, services
from honours.models import AwardKind, AwardRound, PeriodKind, ScoringRules
from people.factories import DepartmentFactory, UserFactory
from progress import record

from .helpers import NOV_END, NOV_START, at, loan, note

pytestmark = pytest.mark.django_db

RULES = ScoringRules.defaults()


def stars(rules=RULES):
    return scoring.star_candidates(NOV_START, NOV_END, rules)


def by_name(candidates):
    return {c["name"]: c for c in candidates}


def test_a_loan_counts_when_it_lasted_seven_days_and_a_title_counts_once():
    reader = UserFactory(real_name="甲")
    book = BookFactory()
    loan(reader, lent=at(3), days=3)  # 3 days: not reading
    loan(reader, book, lent=at(5), days=10)  # 10 days: a verified read, dated 12 Nov
    loan(reader, book, lent=at(20), days=9)  # the same title again: not counted twice
    loan(reader, lent=at(27))  # still out, reaches 7 days on 4 Dec: not November's

    assert record.verified_loans(NOV_START, NOV_END).filter(borrower=reader).count() == 1
    assert by_name(stars())["甲"]["reads"] == 1
    assert by_name(stars())["甲"]["points"] == 1


def test_a_title_first_read_last_month_does_not_count_again():
    reader = UserFactory(real_name="乙")
    book = BookFactory()
    loan(reader, book, lent=at(1, month=10), days=14)
    loan(reader, book, lent=at(3), days=14)

    assert stars() == []


def test_a_loan_still_out_counts_from_the_day_it_reached_seven_days():
    reader = UserFactory(real_name="丙")
    loan(reader, lent=at(10))  # still out; reached 7 days on 17 Nov
    loan(reader, lent=at(28, month=10), days=20)  # lent in October, reached 7 days on 4 Nov

    assert by_name(stars())["丙"]["reads"] == 2


def test_points_caps_and_the_excellent_bonus():
    heavy = UserFactory(real_name="丁")
    for day in range(1, 13):  # 12 verified reads: 10 count
        loan(heavy, lent=at(day), days=8)
    for day in range(1, 8):  # 7 approved notes: 5 count
        note(heavy, published=at(day + 10))
    writer = UserFactory(real_name="戊")
    loan(writer, lent=at(2), days=7)
    note(writer, published=at(15), excellent_at=at(20))

    result = by_name(stars())

    assert (result["丁"]["reads"], result["丁"]["reads_counted"]) == (12, 10)
    assert (result["丁"]["notes"], result["丁"]["notes_counted"]) == (7, 5)
    assert result["丁"]["points"] == 10 * 1 + 5 * 2
    # 1 read (1) + 1 note (2) + 优秀 (3)
    assert result["戊"]["points"] == 6
    assert result["戊"]["excellent"] == 1
    assert [c["name"] for c in stars()] == ["丁", "戊"]


def test_ties_break_by_notes_then_reads_then_earliest_activity_then_staff_number():
    # 3 points each: 甲 one read and one note; 乙 three reads.
    a = UserFactory(real_name="甲", staff_number="T009")
    loan(a, lent=at(1), days=8)
    note(a, published=at(5))
    b = UserFactory(real_name="乙", staff_number="T001")
    for day in (1, 2, 3):
        loan(b, lent=at(day), days=8)
    # 1 point each, same figures: 丙 finished earlier than 丁.
    c = UserFactory(real_name="丙", staff_number="T008")
    loan(c, lent=at(2), days=8)
    d = UserFactory(real_name="丁", staff_number="T002")
    loan(d, lent=at(12), days=8)
    # Identical in everything but staff number.
    e = UserFactory(real_name="戊", staff_number="T007")
    f = UserFactory(real_name="己", staff_number="T006")
    loan(e, lent=at(20), days=8)
    loan(f, lent=at(20), days=8)

    assert [candidate["name"] for candidate in stars()] == ["甲", "乙", "丙", "丁", "己", "戊"]
    assert [candidate["rank"] for candidate in stars()] == [1, 2, 3, 4, 5, 6]


def test_departments_rank_per_head_not_in_total():
    small = DepartmentFactory(name="小科室", headcount=10)
    large = DepartmentFactory(name="大科室", headcount=100)
    unset = DepartmentFactory(name="未设科室", headcount=0)
    # 小科室: 2 members with 10 points each (20 in all, 2.0 per head).
    for _ in range(2):
        member = UserFactory(department=small)
        for day in range(1, 11):
            loan(member, lent=at(day), days=8)
    # 大科室: 10 members with 10 points each (100 in all, 1.0 per head).
    for _ in range(10):
        member = UserFactory(department=large)
        for day in range(1, 11):
            loan(member, lent=at(day), days=8)
    loan(UserFactory(department=unset), lent=at(3), days=9)

    ranking = scoring.department_candidates(NOV_START, NOV_END, RULES)
    rows = {row["name"]: row for row in ranking}

    assert [row["name"] for row in ranking if row["rank"]][:2] == ["小科室", "大科室"]
    assert rows["小科室"]["points"] == 20 and rows["小科室"]["points_per_head"] == 2.0
    assert rows["大科室"]["points"] == 100 and rows["大科室"]["points_per_head"] == 1.0
    assert rows["小科室"]["participation"] == 0.2
    assert rows["大科室"]["participation"] == 0.1
    assert rows["未设科室"]["rank"] is None and rows["未设科室"]["points"] == 1


def test_opted_out_employees_are_not_named_but_count_for_their_department():
    department = DepartmentFactory(name="办公室", headcount=5)
    shy = UserFactory(real_name="不公开", department=department, hide_from_rankings=True)
    loan(shy, lent=at(2), days=8)

    assert stars() == []
    ranking = by_name(scoring.department_candidates(NOV_START, NOV_END, RULES))
    assert ranking["办公室"]["points"] == 1


def test_excellent_notes_of_the_month_verified_first():
    author = UserFactory(real_name="作者")
    book = BookFactory()
    loan(author, book, lent=at(1), days=10)
    unverified = note(author, published=at(3), excellent_at=at(4), title="未借阅")
    verified = note(author, book, published=at(12), excellent_at=at(14), title="借阅后")
    note(author, published=at(12), title="未评优")
    note(author, published=at(2, month=10), excellent_at=at(5, month=12), title="十二月评优")

    candidates = scoring.note_candidates(NOV_START, NOV_END, RULES)

    assert [c["note_id"] for c in candidates] == [verified.pk, unverified.pk]
    assert candidates[0]["verified"] is True


def test_an_empty_month_gives_an_explained_empty_round():
    award_round, created = services.generate_round(AwardKind.STAR, NOV_START, NOV_END)

    assert created
    assert award_round.candidates == []
    assert award_round.summary["empty"] is True
    assert award_round.winners() == []
    assert award_round.rules == {**RULES, "method": services.RULES_METHOD}


def test_generating_twice_gives_one_round():
    loan(UserFactory(), lent=at(2), days=8)
    first, created_first = services.generate_round(AwardKind.STAR, NOV_START, NOV_END)
    second, created_second = services.generate_round(AwardKind.STAR, NOV_START, NOV_END)

    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert AwardRound.objects.count() == 1


def test_a_race_on_creation_falls_back_to_the_existing_round(monkeypatch):
    existing = AwardRound.objects.create(kind=AwardKind.STAR, start_date=NOV_START, end_date=NOV_END, live=False)
    calls = []
    original = AwardRound.objects.get_or_create

    def racing_get_or_create(**kwargs):
        if not calls:
            calls.append(1)
            raise IntegrityError("another editor created it a moment ago")
        return original(**kwargs)

    monkeypatch.setattr(AwardRound.objects, "get_or_create", racing_get_or_create)
    award_round, created = services.generate_round(AwardKind.STAR, NOV_START, NOV_END)

    assert award_round.pk == existing.pk and created is False
    assert AwardRound.objects.count() == 1


def test_the_database_refuses_a_second_round_for_the_same_award_and_period():
    AwardRound.objects.create(kind=AwardKind.STAR, start_date=NOV_START, end_date=NOV_END)
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardRound.objects.create(kind=AwardKind.STAR, start_date=NOV_START, end_date=NOV_END)


def test_a_period_overlapping_a_published_round_is_refused_naming_it():
    published, _ = services.generate_round(
        AwardKind.STAR, NOV_START, datetime.date(2026, 11, 15), period_kind=PeriodKind.CUSTOM
    )
    published.save_revision().publish()

    with pytest.raises(ValidationError) as refused:
        services.generate_round(AwardKind.STAR, datetime.date(2026, 11, 10), NOV_END, period_kind=PeriodKind.CUSTOM)
    assert str(published) in str(refused.value)
    # Another award for the same dates is fine.
    services.generate_round(AwardKind.NOTE, datetime.date(2026, 11, 10), NOV_END, period_kind=PeriodKind.CUSTOM)


@pytest.mark.parametrize(
    ("field", "value"),
    [("read_points", -1), ("note_points", 101), ("max_reads_per_month", 0), ("min_read_days", 1000)],
)
def test_absurd_rules_are_refused_by_the_model_and_the_database(field, value):
    rules = ScoringRules.load()
    setattr(rules, field, value)
    with pytest.raises(ValidationError):
        rules.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoringRules.objects.filter(pk=rules.pk).update(**{field: value})


def test_the_rules_in_force_are_stored_with_the_round():
    rules = ScoringRules.load()
    rules.read_points = 4
    rules.save()
    reader = UserFactory()
    loan(reader, lent=at(2), days=8)

    award_round, _ = services.generate_round(AwardKind.STAR, NOV_START, NOV_END)

    assert award_round.rules["read_points"] == 4
    assert award_round.candidates[0]["points"] == 4


def test_unranked_departments_are_listed_in_pinyin_order():
    for name in ["信息中心", "办公室", "财务处"]:
        DepartmentFactory(name=name, headcount=0)
    ranking = scoring.department_candidates(NOV_START, NOV_END, RULES)
    assert [row["name"] for row in ranking if row["rank"] is None] == ["办公室", "财务处", "信息中心"]
