"""Dates are written in Beijing time, also between 00:00 and 08:00 (item 13 of the outside audit).

At 00:30 on 2 December in Beijing it is still 1 December in UTC, which is how
the database hands aware datetimes back. A filter that formats the UTC value
writes the day before.
"""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from portal.templatetags.portal_tags import local_date, local_datetime, month_day, same_day

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# 00:30 on 2 December 2025 in Beijing == 16:30 on 1 December in UTC.
HALF_PAST_MIDNIGHT = datetime.datetime(2025, 12, 2, 0, 30, tzinfo=SHANGHAI).astimezone(datetime.UTC)


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def test_half_past_midnight_is_the_next_day_in_utc():
    assert HALF_PAST_MIDNIGHT.day == 1


def test_local_date_of_an_aware_datetime_is_the_beijing_day():
    assert local_date(HALF_PAST_MIDNIGHT) == "2025年12月2日"
    with translation.override("en"):
        assert local_date(HALF_PAST_MIDNIGHT) == "2 December 2025"


def test_local_date_in_a_template_is_the_beijing_day():
    rendered = Template("{% load portal_tags %}{{ value|local_date }}").render(Context({"value": HALF_PAST_MIDNIGHT}))
    assert rendered == "2025年12月2日"


def test_local_date_of_a_plain_date_is_unchanged():
    assert local_date(datetime.date(2025, 12, 2)) == "2025年12月2日"


def test_the_other_date_filters_use_beijing_time():
    assert local_datetime(HALF_PAST_MIDNIGHT) == "2025年12月2日 00:30"
    assert month_day(HALF_PAST_MIDNIGHT) == "12月2日"
    seven_am = HALF_PAST_MIDNIGHT + datetime.timedelta(hours=7)
    assert same_day(HALF_PAST_MIDNIGHT, seven_am)
    assert not same_day(HALF_PAST_MIDNIGHT - datetime.timedelta(hours=1), HALF_PAST_MIDNIGHT)


def test_the_year_a_book_may_be_published_in_is_the_beijing_year(monkeypatch):
    from booklists.models import current_year

    new_year = datetime.datetime(2026, 1, 1, 0, 30, tzinfo=SHANGHAI).astimezone(datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: new_year)
    assert current_year() == 2026


def test_the_audit_example_a_note_submitted_at_0331_on_2_december():
    submitted = datetime.datetime(2025, 12, 2, 3, 31, tzinfo=SHANGHAI).astimezone(datetime.UTC)
    html = Template("{% load portal_tags %}<time datetime=\"{{ when|date:'c' }}\">{{ when|local_date }}</time>").render(
        Context({"when": submitted})
    )
    assert html == '<time datetime="2025-12-02T03:31:00+08:00">2025年12月2日</time>'
