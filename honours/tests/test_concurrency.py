"""Generating a round twice at the same moment, with real threads on PostgreSQL: one round,
one candidate list, each read counted once; the monthly command run twice at once creates
nothing twice.

Each thread has its own database connection (Django gives every thread one) and closes it
when done; a barrier starts them together. The rows are made in the main thread first and
committed (transactional tests); `restore_migrated_data` puts back what the flush removes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mine pytest honours/tests/test_concurrency.py
"""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import ModelLogEntry, Revision

from honours import services
from honours.models import PERIODIC_KINDS, AwardKind, AwardRound, CountedRead
from people.factories import DepartmentFactory, UserFactory
from portal.tests import threads

from .helpers import NOV_END, NOV_START, at, loan, note

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency tests need PostgreSQL (concurrent transactions and row locks; "
        "SQLite runs one writer at a time); set DATABASE_URL=postgres://… to run them",
    ),
]


def run_together(*actions):
    """Each action in its own thread, released at once; their results in order (any error fails the test)."""
    return [result for result, _ in threads.run_together(*actions, join_timeout=120)]


@pytest.fixture
def november():
    office = DepartmentFactory(name="办公室", headcount=10)
    readers = [UserFactory(real_name=f"读者{i}", staff_number=f"C{i:03d}", department=office) for i in range(5)]
    loans = [loan(reader, lent=at(day + 1), days=8) for day, reader in enumerate(readers)]
    note(readers[0], published=at(12), excellent_at=at(15))
    return {"readers": readers, "loans": loans}


def _revisions(award_round):
    return Revision.objects.for_instance(award_round).count()


def _generated(award_round):
    return ModelLogEntry.objects.for_instance(award_round).filter(action=services.GENERATE_ACTION).count()


def test_two_editors_generating_the_same_round_at_once_get_one_round_and_one_list(november):
    results = run_together(
        lambda: services.generate_round(AwardKind.STAR, NOV_START, NOV_END),
        lambda: services.generate_round(AwardKind.STAR, NOV_START, NOV_END),
    )

    assert len({award_round.pk for award_round, _created in results}) == 1
    assert sorted(created for _round, created in results) == [False, True]
    award_round = AwardRound.objects.get()
    assert [c["name"] for c in award_round.candidates] == [f"读者{i}" for i in (0, 1, 2, 3, 4)]
    assert len({c["key"] for c in award_round.candidates}) == len(award_round.candidates)
    # Each read counted once, by this round.
    counted = Counter(CountedRead.objects.values_list("loan_id", flat=True))
    assert counted == Counter({item.pk: 1 for item in november["loans"]})


def test_the_monthly_command_run_twice_at_once_creates_nothing_twice(november):
    outputs = [io.StringIO(), io.StringIO()]

    def run(output):
        return lambda: call_command("generate_award_rounds", today="2026-12-01", stdout=output)

    run_together(run(outputs[0]), run(outputs[1]))

    rounds = list(AwardRound.objects.all())
    assert sorted(r.kind for r in rounds) == sorted(PERIODIC_KINDS)
    assert all((r.start_date, r.end_date) == (NOV_START, NOV_END) for r in rounds)
    # Each round computed once: one revision, one "generated" entry in the audit log.
    assert [(_revisions(r), _generated(r)) for r in rounds] == [(1, 1)] * len(PERIODIC_KINDS)
    created = sum(int(out.getvalue().strip().splitlines()[-1].split()[0]) for out in outputs)
    assert created == len(PERIODIC_KINDS)
    counted = Counter(CountedRead.objects.values_list("round__kind", "loan_id"))
    assert set(counted.values()) == {1}
    assert len(counted) == 2 * len(november["loans"])  # 阅读之星 and 书香科室 each count the five reads
