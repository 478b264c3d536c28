"""A round's period is written in the reader's language from the named formats (portal/formats)."""

import datetime

import pytest
from django.utils import translation

from honours import services
from honours.models import AwardKind, AwardRound, PeriodKind


def test_a_monthly_round_names_its_month_in_the_active_language():
    award_round = AwardRound(
        kind=AwardKind.values[0],
        period_kind=PeriodKind.MONTH,
        start_date=datetime.date(2026, 11, 1),
        end_date=datetime.date(2026, 11, 30),
    )
    with translation.override("zh-hans"):
        assert award_round.period_label() == "2026年11月"
    with translation.override("en"):
        assert award_round.period_label() == "November 2026"


def test_a_custom_round_names_its_dates_in_the_active_language():
    award_round = AwardRound(
        kind=AwardKind.values[0],
        period_kind=PeriodKind.CUSTOM,
        start_date=datetime.date(2026, 11, 3),
        end_date=datetime.date(2026, 12, 20),
    )
    with translation.override("zh-hans"):
        assert award_round.period_label() == "2026年11月3日 – 2026年12月20日"
    with translation.override("en"):
        assert award_round.period_label() == "3 November 2026 – 20 December 2026"


@pytest.mark.django_db
def test_a_winner_who_reads_english_is_congratulated_in_english(readers):
    from wagtail.users.models import UserProfile

    from loans.models import Notice

    from .conftest import generate_all, publish

    profile = UserProfile.get_for_user(readers["first"])
    profile.preferred_language = "en"
    profile.save()
    with translation.override("zh-hans"):  # published from a Chinese request
        publish(generate_all()[AwardKind.STAR])
        services.record_publication(AwardRound.objects.get(kind=AwardKind.STAR))

    english = Notice.objects.get(user=readers["first"], kind="honour").message
    chinese = Notice.objects.get(user=readers["second"], kind="honour").message
    assert english.startswith("Congratulations!"), english
    assert "Congratulations" not in chinese and "阅读之星" in chinese, chinese
