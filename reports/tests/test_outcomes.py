"""The campaign's figures in its page's 成果展示: hand-counted fixtures, the dashboard's agreement, the cache,
and the campaign page's query budget with the whole section (figures, notes, gallery) shown."""

import datetime

import pytest
import wagtail_factories
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Collection

from booklists.factories import BookFactory
from campaigns.factories import (
    CampaignPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    ReadingChallengePageFactory,
)
from campaigns.models import GALLERY_LIMIT, CampaignPage, Registration, forget_galleries
from loans.factories import CopyFactory, ReadingRoomFactory
from loans.models import Loan
from notes.factories import ReadingNoteFactory
from people.factories import DepartmentFactory, UserFactory
from portal.models import restricted_paths
from reports import dashboard, outcomes

pytestmark = pytest.mark.django_db

BUDGET = 15  # portal/tests/test_query_budget.py


def at(month, day, year=2024):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def loan(user, book, lent, kept=10):
    copy = CopyFactory(book=book, home_room=ReadingRoomFactory(name="机关职工书屋"))
    return Loan.objects.create(
        copy=copy,
        borrower=user,
        book=book,
        lent_at=lent,
        due_on=(lent + datetime.timedelta(days=30)).date(),
        returned_at=lent + datetime.timedelta(days=kept),
    )


@pytest.fixture
def campaign_2024(campaign_index):
    return CampaignPageFactory(
        parent=campaign_index,
        slug="2024",
        title="2024年书香机关创建活动",
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2024, 12, 31),
    )


@pytest.fixture
def counted(make_user, campaign_2024):
    """Hand-counted for 1 March – 31 December 2024:

    headcount 4 + 6 = 10; loans in the campaign 3 (王芳 two verified reads, 李强 one of a day: a
    loan, not a read), one before and one after it; notes submitted 4 (孙丽, 李强, 王芳, 赵敏's
    waiting one), approved 3, 优秀 1 (李强); participants 3 (王芳 reads, 孙丽 and 李强 notes) → 30%;
    events held 2 (a third is a draft), check-ins 3; the 读书月 (4.23–5.23, a read and a note)
    finished by 王芳 alone.
    """
    office = DepartmentFactory(name="办公室", headcount=4)
    publicity = DepartmentFactory(name="宣传处", headcount=6)
    novel, party, poems = (BookFactory(title=title) for title in ("平凡的世界", "中国共产党简史", "唐诗三百首"))
    wang = make_user(real_name="王芳", department=office)
    li = make_user(real_name="李强", department=office)
    zhao = make_user(real_name="赵敏", department=publicity)
    sun = make_user(real_name="孙丽", department=publicity)
    make_user(real_name="不读书", department=publicity)

    loan(wang, novel, at(4, 1))
    loan(wang, party, at(5, 1))  # read by 5.8: in the 读书月
    loan(li, poems, at(6, 1), kept=1)
    loan(zhao, novel, at(12, 1, year=2023))
    loan(sun, novel, at(1, 5, year=2025))

    ReadingNoteFactory(author=sun, book=novel, submitted_at=at(6, 30), first_published_at=at(7, 1))
    ReadingNoteFactory(
        author=li,
        book=poems,
        submitted_at=at(5, 9),
        first_published_at=at(5, 10),
        is_excellent=True,
        marked_excellent_at=at(5, 11),
    )
    ReadingNoteFactory(author=wang, book=party, submitted_at=at(5, 14), first_published_at=at(5, 15))
    ReadingNoteFactory(author=zhao, book=novel, live=False, submitted_at=at(8, 1))
    ReadingNoteFactory(author=zhao, book=party, submitted_at=at(10, 30, 2023), first_published_at=at(11, 1, 2023))

    events = EventIndexPageFactory(parent=campaign_2024, slug="events")
    sharing = EventPageFactory(parent=events, slug="sharing", start_time=at(4, 23), end_time=at(4, 23) + HOURS)
    recital = EventPageFactory(parent=events, slug="recital", start_time=at(9, 1), end_time=at(9, 1) + HOURS)
    EventPageFactory(parent=events, slug="draft", live=False, start_time=at(10, 1), end_time=at(10, 1) + HOURS)
    for event, user, attended in (
        (sharing, wang, True),
        (sharing, li, True),
        (sharing, zhao, False),
        (recital, sun, True),
    ):
        Registration.objects.create(event=event, user=user, attended_at=event.start_time if attended else None)

    ReadingChallengePageFactory(
        parent=campaign_2024, slug="month", start_date=datetime.date(2024, 4, 23), end_date=datetime.date(2024, 5, 23)
    )
    return campaign_2024


HOURS = datetime.timedelta(hours=2)


def test_figures_equal_the_hand_counted_fixture(counted):
    assert outcomes.compute(counted) == {
        "participants": 3,
        "headcount": 10,
        "participation_rate": 30.0,
        "loans": 3,
        "verified_reads": 2,
        "notes_submitted": 4,
        "notes_approved": 3,
        "notes_excellent": 1,
        "events": 2,
        "attendance": 3,
        "challenge_completers": 1,
    }


def test_figures_agree_with_the_dashboard_and_the_summary_report(counted):
    figures = outcomes.compute(counted)
    board = dashboard.build(None, None, counted)
    notes = [row[1] for row in board.table("notes").rows]
    assert figures["participants"] == board.participants
    assert figures["participation_rate"] == board.participation_rate
    assert figures["loans"] == sum(row[1] for row in board.table("loans_by_month").rows)
    assert [figures["notes_submitted"], figures["notes_approved"], figures["notes_excellent"]] == notes


def test_figures_take_two_queries_and_none_while_cached(counted, django_assert_num_queries):
    campaign = CampaignPage.objects.get(pk=counted.pk)
    restricted_paths()  # kept per process: every page has asked already
    with django_assert_num_queries(2):  # the challenges, then every figure in one statement
        outcomes.current(campaign)
    with django_assert_num_queries(0):
        outcomes.current(campaign)
    cache.clear()
    restricted_paths()
    with django_assert_num_queries(1):  # the challenges were listed already (the campaign page lists them)
        outcomes.current(campaign)


def test_a_campaign_with_nothing_shows_zeros_and_no_challenge_or_event_figures(client, campaign_2024):
    figures = outcomes.compute(campaign_2024)
    assert figures["challenge_completers"] is None and figures["participation_rate"] is None
    assert figures["loans"] == 0 and figures["events"] == 0
    page = client.get(campaign_2024.url).content.decode()
    part = page.split('id="outcome-figures"')[1].split("</section>")[0]
    assert part.count('class="figure"') == 6  # participants, loans, reads, three note figures


def test_the_page_shows_the_figures_with_their_labels(client, counted):
    page = client.get(counted.url).content.decode()
    part = page.split('id="outcome-figures"')[1].split("</section>")[0]
    assert part.count('class="figure"') == 10
    assert '<span class="figure__value">30<span class="figure__unit">%</span>' in part


# --- the campaign page's query budget with the whole 成果展示 --------------------------------


def add_data(campaign, gallery, size, start=0):
    """`size` more employees, each with a loan and a published 优秀 note in 2024, and `size` photos."""
    department = DepartmentFactory(name=f"科室{start}", headcount=size * 2)
    for i in range(start, start + size):
        user = UserFactory(department=department)
        book = BookFactory(title=f"好书{i}")
        loan(user, book, at(4, 1 + i % 20))
        ReadingNoteFactory(
            author=user,
            book=book,
            title=f"心得{i}",
            submitted_at=at(5, 1),
            first_published_at=at(5, 2),
            is_excellent=True,
            marked_excellent_at=at(5, 3 + i % 20),
        )
        wagtail_factories.ImageFactory(collection=gallery, title=f"活动照片{i}", description=f"活动现场{i}")


def count_page_queries(client, url):
    """(warm, figures not cached, gallery not cached either) query counts, and the warm response."""
    client.get(url)  # renditions made, per-process caches warmed
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url)
    assert response.status_code == 200
    page = response.context["page"]
    cache.delete(outcomes.CACHE_KEY % (page.translation_key, page.start_date, page.end_date))
    with CaptureQueriesContext(connection) as cold_figures:
        client.get(url)
    cache.delete(outcomes.CACHE_KEY % (page.translation_key, page.start_date, page.end_date))
    forget_galleries()
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    return len(warm.captured_queries), len(cold_figures.captured_queries), len(cold.captured_queries), response


@pytest.mark.page_cache_off  # the rendering is measured, not a cached copy
def test_campaign_page_in_evaluation_keeps_its_query_budget_at_two_data_sizes(client, counted):
    gallery = Collection.get_first_root_node().add_child(name="2024年活动照片")
    counted.outcome_gallery = gallery
    counted.outcome_summary = "本届活动圆满完成。"
    counted.save_revision().publish()

    add_data(counted, gallery, 3)
    small = count_page_queries(client, counted.url)
    response = small[-1]
    assert len(response.context["gallery"]) == 3
    assert [panel["template"] for panel in response.context["outcome_panels"]] == [
        "reports/panels/campaign_figures.html",
        "notes/campaign_excellent_panel.html",
    ]

    add_data(counted, gallery, 30, start=3)
    large = count_page_queries(client, counted.url)
    assert len(large[-1].context["gallery"]) == GALLERY_LIMIT and large[-1].context["gallery_total"] == 33

    warm, cold_figures, cold = large[:3]
    assert warm == small[0], f"{small[0]} queries with 3 photos and notes, {warm} with 33"
    assert cold_figures == small[1] == warm + 1  # the figures in one statement when not cached
    assert cold == small[2] + 1  # the photos (two queries), and the count of a collection over the cap
    assert warm <= BUDGET and cold_figures <= BUDGET, (warm, cold_figures, cold)
