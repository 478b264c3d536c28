"""The challenge page, joining through requests, "my library" and the campaign page: who sees what,
both languages, and a fixed number of queries at two data sizes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from booklists.factories import BookFactory
from campaigns.choices import Enrolment
from campaigns.factories import ReadingChallengePageFactory
from campaigns.models import ChallengeParticipant
from notes.factories import ReadingNoteFactory
from people.factories import DepartmentFactory

from .conftest import verified_loan

TODAY = timezone.localdate()
BUDGET = 15
MY_LIBRARY = "/zh-hans/library/"


def note(user, book, days_ago=3):
    return ReadingNoteFactory(
        author=user, book=book, first_published_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


@pytest.fixture
def everyone(campaign):
    return ReadingChallengePageFactory(
        parent=campaign,
        slug="reading-month",
        title="读书月",
        start_date=TODAY - datetime.timedelta(days=30),
        end_date=TODAY + datetime.timedelta(days=10),
    )


@pytest.fixture
def self_enrolled(campaign):
    return ReadingChallengePageFactory(
        parent=campaign,
        slug="party-month",
        title="党史学习教育读书月",
        enrolment=Enrolment.SELF,
        start_date=TODAY - datetime.timedelta(days=30),
        end_date=TODAY + datetime.timedelta(days=20),
    )


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- who sees what -------------------------------------------------------------------------


def test_anonymous_sees_the_rule_and_rates_but_no_join_form(client, self_enrolled):
    html = get(client, self_enrolled.url)
    assert "党史学习教育读书月" in html
    assert "借阅并读完至少1本书，并发表至少1篇读书心得。" in html
    assert "登录后可报名参加并查看自己的进度。" in html
    assert reverse("progress:join_challenge", args=[self_enrolled.pk]) not in html
    assert "完成情况" in html
    assert "csrfmiddlewaretoken" not in html  # nothing personal, no cookie for visitors


def test_employee_sees_join_then_progress_and_leave(client, self_enrolled, employee):
    client.force_login(employee)
    html = get(client, self_enrolled.url)
    assert "报名参加" in html and reverse("progress:join_challenge", args=[self_enrolled.pk]) in html
    response = client.post(reverse("progress:join_challenge", args=[self_enrolled.pk]))
    assert response.status_code == 302 and response["Location"] == self_enrolled.url
    html = get(client, self_enrolled.url)
    assert "您已报名参加“党史学习教育读书月”。" in html
    assert "已借阅有效阅读0/1本" in html and "心得0/1篇" in html
    assert reverse("progress:leave_challenge", args=[self_enrolled.pk]) in html
    client.post(reverse("progress:leave_challenge", args=[self_enrolled.pk]))
    assert not ChallengeParticipant.objects.exists()


def test_joining_twice_through_requests_says_so(client, self_enrolled, employee):
    client.force_login(employee)
    url = reverse("progress:join_challenge", args=[self_enrolled.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "您已报名参加这项活动。" in response.content.decode()
    assert ChallengeParticipant.objects.count() == 1


def test_joining_an_everyone_challenge_through_a_request_is_refused(client, everyone, employee):
    client.force_login(employee)
    response = client.post(reverse("progress:join_challenge", args=[everyone.pk]), follow=True)
    assert "这项活动全体职工都参加，无需报名。" in response.content.decode()
    assert not ChallengeParticipant.objects.exists()


def test_anonymous_cannot_join(client, self_enrolled):
    response = client.post(reverse("progress:join_challenge", args=[self_enrolled.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not ChallengeParticipant.objects.exists()


def test_join_is_post_only_and_needs_a_live_page(client, self_enrolled, employee):
    client.force_login(employee)
    assert client.get(reverse("progress:join_challenge", args=[self_enrolled.pk])).status_code == 405
    self_enrolled.unpublish()
    assert client.post(reverse("progress:join_challenge", args=[self_enrolled.pk])).status_code == 404
    assert not ChallengeParticipant.objects.exists()


def test_next_must_stay_on_the_site(client, self_enrolled, employee):
    client.force_login(employee)
    response = client.post(
        reverse("progress:join_challenge", args=[self_enrolled.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == self_enrolled.url


def test_each_employee_sees_only_their_own_progress(client, everyone, employee, other):
    book = BookFactory()
    verified_loan(employee, book)
    note(employee, book)
    client.force_login(employee)
    html = get(client, everyone.url)
    assert "已借阅有效阅读1/1本" in html and "已完成" in html
    client.force_login(other)
    html = get(client, everyone.url)
    assert "已借阅有效阅读0/1本" in html and "心得0/1篇" in html
    assert "已借阅有效阅读1/1本" not in html


def test_department_rates_on_the_page(client, everyone, make_user):
    office = DepartmentFactory(name="办公室", headcount=4)
    DepartmentFactory(name="信息中心", headcount=0)
    for user in [make_user(department=office), make_user(department=office)]:
        book = BookFactory()
        verified_loan(user, book)
        note(user, book)
    html = get(client, everyone.url)
    assert "办公室" in html and "50%" in html
    assert "信息中心" in html and "未设置人数" in html


def test_both_languages_render(client, everyone, self_enrolled, employee, en_locale, translate):
    english = translate(self_enrolled, en_locale)
    client.force_login(employee)
    with translation.override("en"):
        join_url = reverse("progress:join_challenge", args=[english.pk])
    assert join_url in get(client, english.url)  # the English page's form posts to the English address
    client.post(join_url)
    assert ChallengeParticipant.objects.get().challenge_id == self_enrolled.pk
    html = get(client, english.url)
    assert english.url.startswith("/en/")
    assert "Between" in html and "borrow and read at least 1 book and publish at least 1 reading note." in html
    assert "Verified reads: 0 of 1" in html and "Leave the challenge" in html
    assert "You have joined" in html
    zh = get(client, self_enrolled.url)
    assert "已借阅有效阅读0/1本" in zh and "退出活动" in zh  # the same participant in Chinese


def test_campaign_page_lists_its_challenges(client, campaign, everyone, self_enrolled):
    html = get(client, campaign.url)
    assert "主题阅读活动" in html
    assert everyone.url in html and self_enrolled.url in html


# --- my library ---------------------------------------------------------------------------


def test_my_library_shows_the_employees_challenges(client, everyone, self_enrolled, employee, other, campaign):
    from progress import challenges

    challenges.join(employee, self_enrolled)
    ReadingChallengePageFactory(
        parent=campaign,
        slug="long-ago",
        title="去年的读书月",
        start_date=TODAY - datetime.timedelta(days=400),
        end_date=TODAY - datetime.timedelta(days=370),
    )
    book = BookFactory()
    verified_loan(employee, book)
    note(employee, book)
    client.force_login(employee)
    html = get(client, MY_LIBRARY)
    assert "我的主题阅读活动" in html
    assert "读书月" in html and "党史学习教育读书月" in html
    assert "去年的读书月" not in html
    assert html.count("已完成") >= 2  # both finished: a read and a note each
    client.force_login(other)
    html = get(client, MY_LIBRARY)
    assert "党史学习教育读书月" not in html  # not joined
    assert "已借阅有效阅读0/1本" in html


# --- query budget ---------------------------------------------------------------------------


def grow(size, start, challenge_pages, departments):
    """`size` more employees, each with a read and a note counted by every challenge."""
    from people.factories import UserFactory
    from progress import challenges

    users = []
    for index in range(start, start + size):
        user = UserFactory(department=departments[index % len(departments)])
        book = BookFactory()
        verified_loan(user, book)
        note(user, book)
        for page in challenge_pages:
            if page.enrolment == Enrolment.SELF:
                challenges.join(user, page)
        users.append(user)
    return users


def count(client, url):
    client.get(url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["anonymous", "participant"])
def test_challenge_page_query_budget_does_not_grow(client, everyone, self_enrolled, employee, who):
    from progress import challenges

    departments = [DepartmentFactory(headcount=10), DepartmentFactory(headcount=0)]
    if who == "participant":
        challenges.join(employee, self_enrolled)
        client.force_login(employee)
    counts = []
    for start, size in ((0, 2), (2, 12)):
        grow(size, start, [everyone, self_enrolled], departments)
        departments.append(DepartmentFactory(headcount=5))
        counts.append(count(client, self_enrolled.url))
    assert counts[0] == counts[1] <= BUDGET, counts


def test_my_library_with_two_challenges_query_budget_does_not_grow(client, everyone, self_enrolled, employee):
    from progress import challenges

    challenges.join(employee, self_enrolled)
    client.force_login(employee)
    departments = [DepartmentFactory(headcount=10)]
    counts = []
    for start, size in ((0, 1), (1, 8)):
        grow(size, start, [everyone, self_enrolled], departments)
        book = BookFactory()
        verified_loan(employee, book, days_ago=15 + start)
        note(employee, book)
        counts.append(count(client, MY_LIBRARY))
    assert counts[0] == counts[1] <= BUDGET, counts
