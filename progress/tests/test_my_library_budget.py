""" "My library" with everything issue 12 puts on it: a plan with planned books, two challenges and
three event registrations. The page runs a fixed number of queries (at most 15) whatever the data
size, in Chinese and in English."""

import datetime

import pytest
from django.utils import timezone

from booklists.factories import BookFactory
from campaigns import services as registrations
from campaigns.choices import Enrolment
from campaigns.factories import EventPageFactory, ReadingChallengePageFactory
from people.factories import DepartmentFactory
from progress import challenges, services

from .conftest import verified_loan
from .test_challenge_pages import BUDGET, count, grow, note

TODAY = timezone.localdate()


@pytest.fixture
def loaded(campaign, event_index, employee):
    """The employee's plan, challenges and sign-ups; returns the challenge pages."""
    pages = [
        ReadingChallengePageFactory(
            parent=campaign,
            slug=slug,
            title=title,
            enrolment=enrolment,
            start_date=TODAY - datetime.timedelta(days=30),
            end_date=TODAY + datetime.timedelta(days=10),
        )
        for slug, title, enrolment in (
            ("reading-month", "读书月", Enrolment.EVERYONE),
            ("party-month", "党史学习教育读书月", Enrolment.SELF),
        )
    ]
    challenges.join(employee, pages[1])
    services.set_goal(employee, 12)
    services.add_books(employee, [BookFactory(), BookFactory()])
    services.add_planned(employee, title="乡土中国", author="费孝通")
    start = timezone.now().replace(microsecond=0, second=0) + datetime.timedelta(days=5)
    for index in range(3):
        event = EventPageFactory(
            parent=event_index,
            slug=f"sharing-{index}",
            title=f"读书分享会{index + 1}",
            start_time=start + datetime.timedelta(days=index),
            end_time=start + datetime.timedelta(days=index, hours=2),
            takes_registrations=True,
            capacity=5,
        )
        registrations.sign_up(event, employee)
    return pages


def _counts(client, employee, pages, url):
    departments = [DepartmentFactory(headcount=10)]
    counts = []
    for start, size in ((0, 1), (1, 8)):
        grow(size, start, pages, departments)
        book = BookFactory()
        verified_loan(employee, book, days_ago=15 + start)
        note(employee, book)
        services.report_read(employee, title=f"自读{start}", finished_on=TODAY - datetime.timedelta(days=start + 1))
        counts.append(count(client, url))
    return counts


@pytest.mark.parametrize("url", ["/zh-hans/library/", "/en/library/"])
def test_my_library_with_plan_challenges_and_registrations_runs_a_fixed_number_of_queries(
    client, loaded, employee, en_home, url
):
    client.force_login(employee)
    html = client.get(url).content.decode()
    assert "读书分享会3" in html and "党史学习教育读书月" in html  # everything is on the page
    assert ("My reading plan" if url.startswith("/en/") else "我的阅读计划") in html
    counts = _counts(client, employee, loaded, url)
    assert counts[0] == counts[1] <= BUDGET, counts
