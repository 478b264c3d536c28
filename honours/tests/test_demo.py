"""The demo builder makes a year of published monthly rounds and one round in review, by the real code."""

import datetime

import pytest

from honours.demo.builder import build_honours
from honours.models import AwardKind, AwardRound, HonorWallPage
from honours.services import in_review

pytestmark = pytest.mark.django_db


def test_a_year_published_and_one_round_in_review_idempotent(home_page, editor, readers):
    counts = {}

    def tally(label, created, skipped):
        counts[label] = (created, skipped)

    build_honours(home_page, editor, today=datetime.date(2027, 1, 15), tally=tally)

    published = AwardRound.objects.published()
    assert published.count() == 12 * 3
    assert published.filter(start_date=datetime.date(2026, 11, 1), kind=AwardKind.STAR).get().candidates
    waiting = AwardRound.objects.get(kind=AwardKind.STAR, start_date=datetime.date(2026, 12, 1))
    assert in_review(waiting) and not waiting.live
    assert HonorWallPage.objects.live().count() == 1

    build_honours(home_page, editor, today=datetime.date(2027, 1, 15), tally=tally)
    assert AwardRound.objects.count() == 13 * 3
    assert counts["荣誉评选"] == (0, 39)
