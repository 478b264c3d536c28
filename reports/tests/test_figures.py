"""Live figures: counted by the database (compared with a hand-counted fixture), in one query, and
shown on the home page in both languages within its query budget."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from booklists.factories import BookFactory
from loans.factories import CopyFactory, ReadingRoomFactory
from loans.models import CopyStatus, Loan
from notes.factories import ReadingNoteFactory
from people.factories import DepartmentFactory, UserFactory
from reports import figures
from reports.models import VisitPeriod, VisitRecord

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1


def at(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def loan(user, copy, lent, kept_days):
    return Loan.objects.create(
        copy=copy,
        borrower=user,
        book=copy.book,
        lent_at=lent,
        due_on=(lent + datetime.timedelta(days=30)).date(),
        returned_at=lent + datetime.timedelta(days=kept_days),
    )


@pytest.fixture
def counted():
    """A year (last year) whose figures are counted by hand in the comments."""
    room, other_room = ReadingRoomFactory(name="综合楼书屋"), ReadingRoomFactory(name="东区阅览点")
    ReadingRoomFactory(name="已撤销的书屋", is_active=False)  # not counted: 2 rooms
    books = [BookFactory() for _ in range(3)]  # 3 titles
    copies = [CopyFactory(book=books[0], home_room=room), CopyFactory(book=books[1], home_room=room)]
    copies += [CopyFactory(book=books[2], home_room=other_room), CopyFactory(book=books[2], home_room=other_room)]
    CopyFactory(book=books[0], home_room=room, status=CopyStatus.WITHDRAWN)  # not counted: 4 copies
    first, second = DepartmentFactory(headcount=10), DepartmentFactory(headcount=10)  # 20 people
    reader = UserFactory(department=first)
    hasty = UserFactory(department=first)
    writer = UserFactory(department=second)
    old_reader = UserFactory(department=second)
    loan(reader, copies[0], at(LAST_YEAR, 3, 1), 12)  # a verified read: reader is active
    loan(hasty, copies[1], at(LAST_YEAR, 3, 2), 1)  # returned the next day: not a read
    loan(reader, copies[2], at(LAST_YEAR, 6, 1), 20)  # reader again: still one active reader
    loan(old_reader, copies[3], at(LAST_YEAR - 1, 6, 1), 20)  # the year before: not counted
    ReadingNoteFactory(author=writer, book=books[1], first_published_at=at(LAST_YEAR, 4, 23))  # writer active
    ReadingNoteFactory(author=old_reader, book=books[2], first_published_at=at(LAST_YEAR - 1, 4, 23))
    ReadingNoteFactory(author=hasty, book=books[1], live=False)  # a draft: not published
    VisitRecord.objects.create(room=room, period=VisitPeriod.MONTH, date=datetime.date(LAST_YEAR, 4, 1), count=300)
    VisitRecord.objects.create(room=other_room, period=VisitPeriod.DAY, date=datetime.date(LAST_YEAR, 4, 23), count=45)
    VisitRecord.objects.create(room=room, period=VisitPeriod.MONTH, date=datetime.date(LAST_YEAR - 1, 4, 1), count=99)
    return {"room": room}


def test_figures_match_the_hand_count(counted):
    assert figures.compute(LAST_YEAR) == {
        "titles": 3,
        "copies": 4,
        "reading_rooms": 2,
        "loans_this_year": 3,  # the three loans lent last year, read or not
        "active_readers": 2,  # reader (verified reads) and writer (a published note)
        "notes_published": 2,  # all years, published only
        "participation_rate": 10.0,  # 2 of the departments' 20 people
        "visits_this_year": 345,  # 300 + 45
    }


def test_all_figures_take_one_query(counted, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures.compute(LAST_YEAR)


def test_an_empty_portal_has_zeros(db):
    values = figures.compute(LAST_YEAR)
    assert values["titles"] == values["visits_this_year"] == 0
    assert values["participation_rate"] == 0


def test_participation_without_headcounts_counts_the_accounts(db):
    reader, _idle = UserFactory(), UserFactory()
    room = ReadingRoomFactory()
    loan(reader, CopyFactory(home_room=room), at(LAST_YEAR, 5, 1), 10)
    # Every account is an employee here (the fixtures' other users included).
    from django.contrib.auth import get_user_model

    employees = get_user_model().objects.filter(is_active=True).count()
    assert figures.compute(LAST_YEAR)["participation_rate"] == round(100 / employees, 1)


def test_formatting():
    assert figures.formatted("copies", 20000) == "20,000"
    assert figures.formatted("participation_rate", 37.0) == "37"
    assert figures.formatted("participation_rate", 37.14) == "37.1"


def test_current_is_cached_briefly(counted):
    year = timezone.localdate().year
    before = figures.current(year)
    BookFactory()
    assert figures.current(year)["titles"] == before["titles"], "served from the cache"
    cache.delete(figures.CACHE_KEY % year)
    assert figures.current(year)["titles"] == before["titles"] + 1
    assert figures.CACHE_SECONDS <= 600


# --- the home page block ---------------------------------------------------------------


def live_block(*items, title="职工书屋数据"):
    return [
        {
            "type": "live_figures",
            "value": {"title": title, "figures": [{"figure": key, "label": label} for key, label in items]},
        }
    ]


@pytest.fixture
def home_with_figures(home_page):
    home_page.figures = live_block(("copies", "馆藏图书"), ("loans_this_year", ""), ("visits_this_year", ""))
    home_page.save_revision().publish()
    return home_page


def figures_section(response):
    html = response.content.decode()
    start = html.index('class="block-figures')
    return html[start : html.index("</section>", start)]


def test_home_page_shows_live_figures(client, home_with_figures, counted):
    this_year = timezone.localdate().year
    VisitRecord.objects.create(
        room=counted["room"], period=VisitPeriod.MONTH, date=datetime.date(this_year, 1, 1), count=1234
    )
    section = figures_section(client.get(home_with_figures.url))
    assert "馆藏图书" in section and ">4<" in section.replace(" ", "")
    assert "今年借阅" in section  # the standard label when the editor left it empty
    assert "1,234" in section and "今年到馆" in section and "（登记数）" in section


def test_english_home_page_shows_the_figures(client, home_with_figures, counted, translate, en_locale):
    english = translate(home_with_figures, en_locale)
    section = figures_section(client.get(english.url))
    assert "lent this year" in section
    assert "(as recorded)" in section
    assert "4" in section


def test_the_typed_figures_block_still_renders(client, home_page):
    home_page.figures = [
        {
            "type": "figures",
            "value": {"title": "书屋数据", "figures": [{"value": "123", "unit": "册", "label": "藏书"}]},
        }
    ]
    home_page.save_revision().publish()
    assert "123" in figures_section(client.get(home_page.url))


def home_queries(client, url, *, cold):
    client.get(url)
    if cold:
        cache.delete(figures.CACHE_KEY % timezone.localdate().year)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.page_cache_off  # the page as rendered: the figures' own cache, not the page cache
def test_home_page_with_live_figures_stays_within_its_budget(client, site_tree, home_with_figures):
    url = home_with_figures.url
    cold_small, warm_small = home_queries(client, url, cold=True), home_queries(client, url, cold=False)
    for _ in range(30):
        ReadingNoteFactory()
        CopyFactory()
    cold_large, warm_large = home_queries(client, url, cold=True), home_queries(client, url, cold=False)
    assert cold_small == cold_large <= 15
    assert warm_small == warm_large == cold_small - 1, "the figures cost one query, and none when cached"
