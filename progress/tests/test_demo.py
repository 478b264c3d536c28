"""The demo builder gives demo employees goals, planned books and self-reported reads, once."""

import datetime

import pytest

from booklists.factories import BookFactory
from people.factories import UserFactory
from progress.demo import content
from progress.demo.builder import build_plans
from progress.models import PlannedBook, ReadingGoal, SelfReportedRead

pytestmark = pytest.mark.django_db


def test_demo_plans_idempotent():
    for plan in content.PLANS:
        UserFactory(staff_number=plan["staff_number"])
        for title in plan["planned"]:
            BookFactory(title=title)
    counts = {}

    def tally(label, created, skipped):
        counts[label] = (created, skipped)

    today = datetime.date(2026, 6, 30)
    build_plans(today=today, tally=tally)
    assert counts["阅读计划"] == (len(content.PLANS), 0)
    assert ReadingGoal.objects.count() == len(content.PLANS)
    assert PlannedBook.objects.filter(book__isnull=False).count() == sum(len(p["planned"]) for p in content.PLANS)
    assert PlannedBook.objects.filter(book__isnull=True).count() == sum(len(p["typed"]) for p in content.PLANS)
    assert SelfReportedRead.objects.count() == sum(len(p["self_reads"]) for p in content.PLANS)
    assert all(r.finished_on <= today for r in SelfReportedRead.objects.all())

    build_plans(today=today, tally=tally)
    assert counts["阅读计划"] == (0, len(content.PLANS))
    assert ReadingGoal.objects.count() == len(content.PLANS)
    assert SelfReportedRead.objects.count() == sum(len(p["self_reads"]) for p in content.PLANS)
