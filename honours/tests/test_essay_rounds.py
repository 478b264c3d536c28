"""征文获奖: an essay contest's results as an award round.

Generated from the contest's approved entries once entries have closed, prizes given by
editors with a reason, reviewed by 三审三校 like every round, frozen when published, and
shown on the honour wall and on the contest's page, in both languages, in a fixed number
of queries.
"""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from booklists.factories import BookFactory
from campaigns import services as campaign_services
from campaigns.choices import EventKind
from campaigns.factories import EventPageFactory
from campaigns.models import EventPage
from honours import services
from honours.models import AwardKind, AwardRound, EssayPrize, Honour, PeriodKind
from notes.models import ReadingNote
from people.factories import DepartmentFactory, UserFactory

from .conftest import publish
from .test_rounds import submit, workflow_action

pytestmark = pytest.mark.django_db

BODY = "<p>" + "读书使人明智，这本书让我对工作和生活有了新的认识。" * 3 + "</p>"
BUDGET = 15


def make_contest(event_index, slug="essay", title="“书香伴我成长”主题征文", days_ago=60):
    start = timezone.now().replace(microsecond=0, second=0) - datetime.timedelta(days=days_ago)
    return EventPageFactory(
        parent=event_index,
        slug=slug,
        title=title,
        kind=EventKind.ESSAY,
        start_time=start,
        end_time=start + datetime.timedelta(days=40),
        entries_close=start + datetime.timedelta(days=30),
    )


@pytest.fixture
def contest(event_index):
    return make_contest(event_index)


@pytest.fixture
def moderator(make_user):
    from people import groups

    return make_user(groups.NOTE_MODERATORS, real_name="心得审核员甲")


def enter(contest, user, title, moderator=None):
    """An entry submitted before the deadline; approved by `moderator` if given."""
    cache.clear()  # the hourly submission limit
    entry = campaign_services.submit_essay_entry(
        contest,
        user,
        book=BookFactory(title=f"{title}之书"),
        title=title,
        body=BODY,
        now=contest.entries_close - datetime.timedelta(days=1),
    )
    if moderator is not None:
        note = ReadingNote.objects.get(pk=entry.note_id)
        task_state = note.current_workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, moderator, "approve")
    return entry


@pytest.fixture
def entries(contest, moderator):
    office = DepartmentFactory(name="办公室")
    finance = DepartmentFactory(name="财务科")
    first = UserFactory(real_name="李明", department=office)
    second = UserFactory(real_name="王芳", department=finance)
    third = UserFactory(real_name="张伟", department=office)
    return {
        "first": enter(contest, first, "书香伴我成长", moderator),
        "second": enter(contest, second, "一本书改变了我", moderator),
        "pending": enter(contest, third, "尚未审核的征文"),
    }


def award(award_round, editor, entry, prize, reason="评委会评定"):
    return services.override_winner(award_round, editor, f"n{entry.note_id}", "add", reason, prize=prize)


# --- generating -------------------------------------------------------------------------


def test_the_candidates_are_the_approved_entries(contest, entries, campaign, editor):
    award_round, created = services.generate_contest_round(contest, user=editor)
    assert created
    assert award_round.kind == AwardKind.ESSAY and award_round.period_kind == PeriodKind.CONTEST
    assert award_round.event_id == contest.pk and award_round.campaign_id == campaign.pk
    assert (award_round.start_date, award_round.end_date) == services.contest_period(contest)
    assert award_round.start_date == timezone.localdate(contest.start_time)
    names = [c["name"] for c in award_round.candidates]
    assert names == ["李明", "王芳"]  # the pending entry is not a candidate
    first = award_round.candidates[0]
    assert first["department"] == "办公室" and first["note_id"] == entries["first"].note_id
    assert first["title"] == "书香伴我成长" and first["book_title"] == "书香伴我成长之书"
    assert award_round.winner_keys() == []  # editors give the prizes
    assert award_round.title.startswith("“书香伴我成长”主题征文") and "征文获奖" in award_round.title


def test_results_wait_for_the_deadline_and_need_an_essay_contest(event_index, event, editor):
    open_contest = make_contest(event_index, slug="open", days_ago=5)
    with pytest.raises(ValidationError) as error:
        services.generate_contest_round(open_contest, user=editor)
    assert "截稿" in str(error.value) or "之后" in str(error.value)
    with pytest.raises(ValidationError):
        services.generate_contest_round(event, user=editor)
    with pytest.raises(ValidationError):
        services.generate_round(AwardKind.ESSAY, datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
    assert not AwardRound.objects.exists()


def test_two_contests_with_the_same_dates_each_have_results(event_index, moderator, editor):
    one = make_contest(event_index, slug="one", title="征文一")
    two = make_contest(event_index, slug="two", title="征文二")
    EventPage.objects.filter(pk=two.pk).update(start_time=one.start_time, end_time=one.end_time)
    two.refresh_from_db()
    enter(one, UserFactory(), "第一篇", moderator)
    enter(two, UserFactory(), "第二篇", moderator)
    first = publish(services.generate_contest_round(one, user=editor)[0])
    second, created = services.generate_contest_round(two, user=editor)
    assert created and second.pk != first.pk
    assert (first.start_date, first.end_date) == (second.start_date, second.end_date)
    assert [c["title"] for c in second.candidates] == ["第二篇"]
    # Generating again gives the same round (one per contest).
    assert services.generate_contest_round(two, user=editor)[0].pk == second.pk


def test_generating_from_the_english_page_uses_the_original(contest, entries, editor, translate, en_locale):
    english = translate(contest, en_locale)
    award_round, _ = services.generate_contest_round(EventPage.objects.get(pk=english.pk), user=editor)
    assert award_round.event_id == contest.pk and len(award_round.candidates) == 2


# --- prizes, review and publication ----------------------------------------------------------


def test_prizes_need_a_prize_and_a_reason(contest, entries, editor):
    award_round, _ = services.generate_contest_round(contest, user=editor)
    key = f"n{entries['first'].note_id}"
    with pytest.raises(ValidationError):
        services.override_winner(award_round, editor, key, "add", "评委会评定")  # no prize
    with pytest.raises(ValidationError):
        services.override_winner(award_round, editor, key, "add", "  ", prize=EssayPrize.FIRST)
    pending = f"n{entries['pending'].note_id}"
    with pytest.raises(ValidationError):
        services.override_winner(award_round, editor, pending, "add", "评委会评定", prize=EssayPrize.FIRST)
    assert AwardRound.objects.get(pk=award_round.pk).get_latest_revision_as_object().overrides == []

    award(award_round, editor, entries["second"], EssayPrize.THIRD)
    award(award_round, editor, entries["first"], EssayPrize.SECOND)
    with pytest.raises(ValidationError):
        award(award_round, editor, entries["first"], EssayPrize.SECOND)  # already has this prize
    latest = award(award_round, editor, entries["first"], EssayPrize.FIRST, reason="复评后调整为一等奖")
    winners = latest.winners()
    assert [(w["name"], w["prize_label"]) for w in winners] == [("李明", "一等奖"), ("王芳", "三等奖")]


def test_the_admin_generates_and_gives_prizes(client, contest, entries, editor):
    client.force_login(editor)
    url = reverse("wagtailsnippets_honours_awardround:generate")
    response = client.post(url, {"kind": "essay", "period_kind": "month", "month": "2026-11"})
    assert response.status_code == 200 and "请选择征文比赛" in response.content.decode()
    assert not AwardRound.objects.exists()
    assert "“书香伴我成长”主题征文" in client.get(url).content.decode()  # offered in the list

    response = client.post(url, {"kind": "essay", "event": contest.pk})
    award_round = AwardRound.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/edit/{award_round.pk}/")
    winners_url = reverse("wagtailsnippets_honours_awardround:winners", args=[award_round.pk])
    page = client.get(winners_url).content.decode()
    assert "书香伴我成长" in page and "一等奖" in page

    key = f"n{entries['first'].note_id}"
    response = client.post(winners_url, {"candidate": key, "action": "add", "prize": "", "reason": "评委会评定"})
    assert response.status_code == 200 and "请选择该作品的奖项" in response.content.decode()
    client.post(winners_url, {"candidate": key, "action": "add", "prize": "first", "reason": "评委会评定"})
    latest = AwardRound.objects.get(pk=award_round.pk).get_latest_revision_as_object()
    assert [w["prize"] for w in latest.winners()] == ["first"]


def test_review_publication_honours_and_freeze(client, contest, entries, editor, reviewers, moderator, wall):
    award_round, _ = services.generate_contest_round(contest, user=editor)
    award(award_round, editor, entries["first"], EssayPrize.FIRST)
    award(award_round, editor, entries["second"], EssayPrize.MERIT)
    submit(client, editor, AwardRound.objects.get(pk=award_round.pk))
    for reviewer in reviewers:
        workflow_action(client, reviewer, award_round, "approve")
    award_round = AwardRound.objects.get(pk=award_round.pk)
    assert award_round.live
    honours = list(Honour.objects.filter(round=award_round).order_by("rank"))
    assert [(h.name, h.rank) for h in honours] == [("李明", 1), ("王芳", 4)]
    assert honours[0].figures.startswith("一等奖") and honours[0].note_id == entries["first"].note_id

    # Frozen: a later approved entry changes nothing, and the list is not generated again.
    late = UserFactory(real_name="赵强")
    enter(contest, late, "补充的征文", moderator)
    with pytest.raises(ValidationError):
        services.generate_contest_round(contest, user=editor)
    assert len(AwardRound.objects.get(pk=award_round.pk).candidates) == 2


# --- the honour wall and the contest page -------------------------------------------------------


@pytest.fixture
def published_results(contest, entries, editor):
    award_round, _ = services.generate_contest_round(contest, user=editor)
    award(award_round, editor, entries["first"], EssayPrize.FIRST)
    award(award_round, editor, entries["second"], EssayPrize.SECOND)
    return publish(award_round)


def text(response):
    return response.content.decode()


def test_unpublished_results_show_nowhere(client, contest, entries, editor, wall):
    award_round, _ = services.generate_contest_round(contest, user=editor)
    award(award_round, editor, entries["first"], EssayPrize.FIRST)
    assert "一等奖" not in text(client.get(wall.url))
    assert "一等奖" not in text(client.get(contest.url))
    assert client.get(wall.url + f"round/{award_round.pk}/").status_code == 404


def test_published_results_show_on_the_wall_and_the_contest_page(client, contest, published_results, wall):
    page = text(client.get(wall.url))
    assert "征文获奖" in page and "“书香伴我成长”主题征文" in page
    assert "一等奖" in page and "书香伴我成长" in page and "李明" in page and "二等奖" in page
    assert contest.url in page  # the contest's title links to its page
    assert reverse("notes:detail", args=[published_results.candidates[0]["note_id"]]) in page
    archive = text(client.get(wall.url + f"round/{published_results.pk}/"))
    assert "一等奖" in archive and "李明" in archive
    assert f"round/{published_results.pk}/" in page  # listed with the earlier awards

    event_page = text(client.get(contest.url))
    assert "征文结果" in event_page and "一等奖" in event_page and "李明" in event_page
    assert wall.url in event_page


def test_english_wall_and_contest_page(client, contest, published_results, wall, translate, en_locale):
    english_contest = translate(contest, en_locale)
    english_wall = translate(wall, en_locale)
    page = text(client.get(english_wall.url))
    assert "Essay contest award" in page and "First prize" in page and "李明" in page
    assert english_contest.url in page
    event_page = text(client.get(english_contest.url))
    assert "Results of the contest" in event_page and "Second prize" in event_page
    assert english_wall.url in event_page


def test_campaign_page_shows_the_results_in_its_evaluation_phase(client, campaign, published_results):
    from campaigns.choices import PhaseKind
    from campaigns.models import CampaignPhase

    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    phases = CampaignPhase.objects.filter(page=campaign)
    phases.filter(kind=PhaseKind.PREPARE).update(start_date=today - 60 * day, end_date=today - 31 * day)
    phases.filter(kind=PhaseKind.IMPLEMENT).update(start_date=today - 30 * day, end_date=today - day)
    phases.filter(kind=PhaseKind.EVALUATE).update(start_date=today, end_date=today + 30 * day)
    page = text(client.get(campaign.url))
    assert "本次活动评选结果" in page and "一等奖" in page and "李明" in page


def test_the_winner_prints_a_certificate_with_the_prize(client, published_results, entries, wall, employee):
    honour = Honour.objects.get(round=published_results, rank=1)
    url = wall.url + f"certificate/{honour.pk}/"
    assert client.get(url).status_code == 404  # anonymous
    client.force_login(employee)
    assert client.get(url).status_code == 404  # another employee
    client.force_login(entries["first"].author)
    page = text(client.get(url))
    assert "一等奖" in page and "“书香伴我成长”主题征文" in page and "经评审" in page
    assert "李明" in page


# --- query budgets ---------------------------------------------------------------------------


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def more_results(event_index, moderator, editor, count):
    """`count` further contests, each with published results and several winners."""
    for number in range(count):
        contest = make_contest(event_index, slug=f"more-{number}", title=f"征文比赛{number}", days_ago=90 + number)
        round_entries = [
            enter(contest, UserFactory(department=DepartmentFactory()), f"作品{number}-{i}", moderator)
            for i in range(4)
        ]
        award_round, _ = services.generate_contest_round(contest, user=editor)
        for entry, prize in zip(round_entries, EssayPrize.values, strict=True):
            award(award_round, editor, entry, prize)
        publish(award_round)


def test_wall_and_contest_page_run_a_fixed_number_of_queries(
    client, contest, published_results, wall, event_index, moderator, editor, entries
):
    urls = [wall.url, contest.url, wall.url + f"round/{published_results.pk}/"]
    small = [count_queries(client, url) for url in urls]
    more_results(event_index, moderator, editor, 3)
    for number in range(5):
        enter(contest, UserFactory(), f"又一篇{number}", moderator)
    large = [count_queries(client, url) for url in urls]
    assert large == small, f"{small} queries, then {large}"
    assert max(large) <= BUDGET


# --- the demo -------------------------------------------------------------------------------


def test_the_demo_contest_gets_entries_and_published_results_idempotently(event_index, moderator, editor, wall):
    from types import SimpleNamespace

    from campaigns.demo import builder as campaigns_demo
    from campaigns.demo.content import ESSAY_CONTEST_SLUG, ESSAY_ENTRIES
    from campaigns.models import EssayEntry
    from honours.demo.builder import build_contest_results
    from honours.demo.content import ESSAY_PRIZES

    contest = make_contest(event_index, slug=ESSAY_CONTEST_SLUG, days_ago=1000)
    EventPage.objects.filter(pk=contest.pk).update(
        start_time=timezone.make_aware(datetime.datetime(2024, 5, 10, 9)),
        end_time=timezone.make_aware(datetime.datetime(2024, 7, 31, 17, 30)),
        entries_close=timezone.make_aware(datetime.datetime(2024, 7, 31, 17, 30)),
    )
    people = {spec["author"]: UserFactory(staff_number=spec["author"]) for spec in ESSAY_ENTRIES}
    for spec in ESSAY_ENTRIES:
        BookFactory(title=spec["book"])
    counts = {}
    run = SimpleNamespace(tally=lambda label, created, skipped: counts.__setitem__(label, (created, skipped)))

    for _ in range(2):
        campaigns_demo.build_essay_entries(run, people, moderator)
        build_contest_results(editor, tally=run.tally)
    assert counts["征文投稿"] == (0, len(ESSAY_ENTRIES)) and counts["征文获奖"] == (0, 1)

    assert EssayEntry.objects.published().filter(event=contest).count() == len(ESSAY_ENTRIES)
    assert all(entry.submitted_at.year == 2024 for entry in EssayEntry.objects.all())
    award_round = AwardRound.objects.get(kind=AwardKind.ESSAY)
    assert award_round.live and award_round.event_id == contest.pk
    assert [w["prize"] for w in award_round.winners()] == [prize for _author, prize, _reason in ESSAY_PRIZES]
    assert Honour.objects.filter(round=award_round).count() == len(ESSAY_PRIZES)
    assert "一等奖" in text(Client().get(wall.url))
