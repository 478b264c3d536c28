"""Pace arithmetic: goal × elapsed / days, leap years, goals set mid-year, and the wording."""

import datetime

import pytest
from django.utils import translation

from progress.services import Progress, pace

D = datetime.date


@pytest.mark.parametrize(
    ("goal", "set_on", "today", "expected"),
    [
        (12, D(2025, 1, 1), D(2025, 1, 1), 0),  # 12 × 1/365
        (365, D(2025, 1, 1), D(2025, 1, 1), 1),
        (365, D(2025, 1, 1), D(2025, 12, 31), 365),
        (12, D(2025, 1, 1), D(2025, 7, 2), 6),  # day 183 of 365: 12 × 183/365 = 6.01
        (12, D(2025, 1, 1), D(2025, 7, 1), 5),  # day 182: 5.98
        # 2024 is a leap year: 1 July is day 183 of 366, exactly half.
        (12, D(2024, 1, 1), D(2024, 7, 1), 6),
        (366, D(2024, 1, 1), D(2024, 2, 29), 60),
        (366, D(2024, 1, 1), D(2024, 12, 31), 366),
        # Set mid-year: paced from the day it was set to 31 December (184 days from 1 July 2025).
        (12, D(2025, 7, 1), D(2025, 7, 1), 0),
        (184, D(2025, 7, 1), D(2025, 7, 1), 1),
        (12, D(2025, 7, 1), D(2025, 12, 31), 12),
        (184, D(2025, 7, 1), D(2025, 9, 30), 92),
        # A goal carried over from another year's set_on counts from 1 January.
        (12, D(2024, 12, 1), D(2025, 7, 2), 6),
    ],
)
def test_pace(goal, set_on, today, expected):
    assert pace(goal, set_on, today) == expected


@pytest.mark.parametrize(
    ("verified", "reported", "expected", "text"),
    [
        (5, 2, 9, "已读7本，按进度应读9本，落后2本"),
        (8, 2, 9, "已读10本，按进度应读9本，领先1本"),
        (9, 0, 9, "已读9本，按进度应读9本，进度正好"),
    ],
)
def test_pace_wording_in_chinese(verified, reported, expected, text):
    with translation.override("zh-hans"):
        assert Progress(goal=24, verified=verified, self_reported=reported, expected=expected).pace_text() == text


def test_pace_wording_in_english():
    with translation.override("en"):
        assert (
            Progress(goal=24, verified=0, self_reported=1, expected=3).pace_text()
            == "1 book read, 3 books expected by now, 2 books behind"
        )
