"""The demo's challenges: the 2024 读书月 counts the demo loans and notes of 4.23–5.23 (some finish,
not all), the running 党史学习教育读书月 has participants, both exist in English, and building again
adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from campaigns.demo import content as campaign_content
from campaigns.models import ChallengeParticipant, ReadingChallengePage
from progress import challenges
from progress.demo import content as progress_content
from progress.demo.builder import build_challenge_participants
from progress.sources import Loan


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def challenge(slug, language="zh-hans"):
    return ReadingChallengePage.objects.get(slug=slug, locale__language_code=language)


@pytest.mark.usefixtures("demo")
def test_the_2024_reading_month_has_real_progress(db, client):
    month = challenge(campaign_content.CHALLENGE_2024["slug"])
    assert (str(month.start_date), str(month.end_date)) == ("2024-04-23", "2024-05-23")
    overall = challenges.completion(month)
    assert 0 < overall["completers"] < overall["participants"]
    assert set(challenges.completers(month).values_list("staff_number", flat=True)) == {"E2003", "E2009"}
    rated = [row for row in challenges.department_completion(month) if row["rate"] is not None]
    assert rated and any(row["completers"] for row in rated)
    for language in ("zh-hans", "en"):
        response = client.get(challenge(month.slug, language).url)
        assert response.status_code == 200


@pytest.mark.usefixtures("demo")
def test_the_running_challenge_has_participants(db, client):
    running = challenge(campaign_content.CHALLENGE_CURRENT["slug"])
    assert running.status() == "running"
    assert running.category.code == "party-history"
    names = set(challenges.participants(running).values_list("staff_number", flat=True))
    assert names == set(progress_content.CHALLENGE_PARTICIPANTS)
    assert challenge(running.slug, "en").title == "Party history reading month"


@pytest.mark.usefixtures("demo")
def test_building_again_adds_nothing(db):
    from home.management.commands.load_demo import Command

    loans, entries = Loan.objects.count(), ChallengeParticipant.objects.count()
    out = StringIO()
    command = Command(stdout=out)
    command.handle(allow_production=False)
    assert "演示站点已存在，没有新建任何内容。" in out.getvalue()
    assert (Loan.objects.count(), ChallengeParticipant.objects.count()) == (loans, entries)
    assert build_challenge_participants(today=challenge(campaign_content.CHALLENGE_CURRENT["slug"]).start_date) == 0
