"""A round's period is written in the reader's language from the named formats (portal/formats)."""

import datetime

from django.utils import translation

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
