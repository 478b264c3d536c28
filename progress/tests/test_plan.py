"""The reading plan through requests: bad input refused with nothing written, another employee's
plan out of reach, lists added without duplicates, self-reported kept apart from verified, the
monthly notice sent once, and the page's query budget."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from booklists.factories import BookFactory
from loans.models import Notice, NoticeKind
from progress import services
from progress.models import PlannedBook, ReadingGoal, SelfReportedRead

from .conftest import verified_loan

PLAN = "/zh-hans/reading-plan/"


def post(client, action, **fields):
    return client.post(PLAN, {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}})


@pytest.fixture
def me(client, employee):
    client.force_login(employee)
    return employee


def test_plan_page_needs_login(client, db):
    response = client.get(PLAN)
    assert response.status_code == 302
    assert "login" in response["Location"]


# --- bad input ----------------------------------------------------------------


@pytest.mark.parametrize(("books", "message"), [(0, "阅读目标至少为1本。"), (10000, "阅读目标最多为365本。")])
def test_goal_out_of_bounds_is_refused(client, me, books, message):
    services.set_goal(me, 12)
    response = post(client, "goal", books=books)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert f'value="{books}"' in response.content.decode()  # what was typed is kept
    assert ReadingGoal.objects.get(user=me).books == 12


def test_goal_bounds_hold_in_the_database(me):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadingGoal.objects.create(user=me, year=2026, books=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadingGoal.objects.create(user=me, year=2026, books=10000)


def test_goal_is_saved_and_dated_once(client, me):
    assert post(client, "goal", books=24).status_code == 302
    goal = ReadingGoal.objects.get(user=me)
    assert (goal.books, goal.set_on) == (24, timezone.localdate())
    goal.set_on = datetime.date(timezone.localdate().year, 1, 1)
    goal.save()
    post(client, "goal", books=30)
    goal.refresh_from_db()
    assert (goal.books, goal.set_on.month, goal.set_on.day) == (30, 1, 1)  # changing the number keeps set_on


def test_future_finish_date_is_refused(client, me):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post(client, "self_read", title="围城", author="钱锺书", finished_on=tomorrow.isoformat())
    assert "读完日期不能晚于今天。" in response.content.decode()
    assert 'value="围城"' in response.content.decode()
    assert not SelfReportedRead.objects.exists()


def test_same_self_reported_book_twice_is_refused(client, me):
    today = timezone.localdate().isoformat()
    assert post(client, "self_read", title="围城", author="钱锺书", finished_on=today).status_code == 302
    response = post(client, "self_read", title="围城", author="钱锺书", finished_on=today, note="再读一遍")
    assert "您已自报过这本书。" in response.content.decode()
    assert "再读一遍" in response.content.decode()
    assert SelfReportedRead.objects.filter(user=me).count() == 1


def test_typed_planned_book_twice_is_refused(client, me):
    assert post(client, "planned", title="乡土中国", author="费孝通").status_code == 302
    response = post(client, "planned", title="乡土中国", author="费孝通")
    assert "这本书已在您的阅读计划中。" in response.content.decode()
    assert PlannedBook.objects.filter(user=me).count() == 1


def test_catalogue_book_twice_is_refused(client, me, catalogue):
    book = BookFactory(title="平凡的世界")
    url = reverse("progress:add_book", args=[book.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "这本书已在您的阅读计划中。" in response.content.decode()
    assert PlannedBook.objects.filter(user=me, book=book).count() == 1


# --- the catalogue and lists --------------------------------------------------


def test_book_page_offers_the_button_then_says_planned(client, me, catalogue):
    book = BookFactory(title="平凡的世界")
    page_url = catalogue.book_url(book)
    assert "加入我的阅读计划" in client.get(page_url).content.decode()
    response = client.post(reverse("progress:add_book", args=[book.pk]), {"next": page_url})
    assert response["Location"] == page_url
    assert "已在我的阅读计划中" in client.get(page_url).content.decode()
    planned = PlannedBook.objects.get(user=me)
    assert (planned.book, planned.title, planned.author) == (book, book.title, book.authors)


def test_add_list_to_plan_skips_books_already_planned(client, me, book_list):
    books = [item.book for item in book_list.items.all()]
    services.add_planned(me, book=books[0])
    services.add_planned(me, title=books[1].title, author=books[1].authors)  # typed in before
    assert "将本书单加入我的阅读计划" in client.get(book_list.url).content.decode()
    url = reverse("progress:add_list", args=[book_list.pk])
    response = client.post(url, follow=True)
    assert "本书单有1本书已加入您的阅读计划。" in response.content.decode()
    assert PlannedBook.objects.filter(user=me).count() == 3
    response = client.post(url, follow=True)
    assert "本书单的书都已在您的阅读计划中。" in response.content.decode()
    assert PlannedBook.objects.filter(user=me).count() == 3


def test_visitors_see_no_plan_buttons(client, catalogue, book_list):
    assert "将本书单加入我的阅读计划" not in client.get(book_list.url).content.decode()
    assert client.post(reverse("progress:add_list", args=[book_list.pk])).status_code == 302
    assert not PlannedBook.objects.exists()


# --- verified and self-reported -----------------------------------------------


def test_self_reported_and_verified_reads_are_counted_and_told_apart(client, me, other):
    verified_loan(me, BookFactory(title="活着"))
    verified_loan(me, BookFactory(title="三体"), days_ago=3)  # out 3 days: not a read yet
    verified_loan(other, BookFactory(title="红岩"))
    services.report_read(me, title="围城", author="钱锺书", finished_on=timezone.localdate())
    services.set_goal(me, 12)
    response = client.get(PLAN)
    progress = response.context["progress"]
    assert (progress.verified, progress.self_reported, progress.read) == (1, 1, 2)
    assert [loan.book.title for loan in response.context["verified"]] == ["活着"]
    assert [read.title for read in response.context["reported"]] == ["围城"]
    html = response.content.decode()
    assert "有效阅读1本 · 自报阅读1本" in html
    verified_part, reported_part = html.split('id="plan-reported"')
    assert "《活着》" in verified_part and "《围城》" not in verified_part
    assert "《围城》" in reported_part and "自报" in reported_part and "已核实" not in reported_part
    assert "红岩" not in html and "三体" not in html


def test_my_library_shows_the_plan(client, me):
    services.set_goal(me, 12)
    html = client.get(reverse("loans:my_library")).content.decode()
    assert "我的阅读计划" in html and PLAN in html


# --- permissions --------------------------------------------------------------


def test_another_employees_plan_is_out_of_reach(client, me, other):
    theirs = services.add_planned(other, title="乡土中国", author="费孝通")
    their_read = services.report_read(other, title="围城", finished_on=timezone.localdate())
    services.set_goal(other, 20)
    response = client.get(PLAN)
    html = response.content.decode()
    assert "乡土中国" not in html and "围城" not in html
    assert response.context["goal"] is None and response.context["planned"] == []
    assert client.post(reverse("progress:remove_planned", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("progress:remove_self_read", args=[their_read.pk])).status_code == 404
    # Posting a goal changes only one's own: the other's goal stays.
    post(client, "goal", books=5)
    assert ReadingGoal.objects.get(user=other).books == 20
    assert ReadingGoal.objects.get(user=me).books == 5
    assert PlannedBook.objects.filter(pk=theirs.pk).exists()
    assert SelfReportedRead.objects.filter(pk=their_read.pk).exists()


def test_own_items_can_be_removed(client, me):
    mine = services.add_planned(me, title="乡土中国")
    assert client.post(reverse("progress:remove_planned", args=[mine.pk])).status_code == 302
    assert not PlannedBook.objects.exists()
    assert client.get(reverse("progress:remove_planned", args=[mine.pk])).status_code == 405


# --- the monthly notice -------------------------------------------------------


def test_monthly_notice_goes_once_to_those_behind(me, other):
    year = timezone.localdate().year
    behind = ReadingGoal.objects.create(user=me, year=year, books=100, set_on=datetime.date(year, 1, 1))
    ReadingGoal.objects.create(user=other, year=year, books=1, set_on=datetime.date(year, 1, 1))
    services.report_read(other, title="围城", finished_on=timezone.localdate())  # done: not behind
    outputs = []
    for _ in range(2):
        out = io.StringIO()
        call_command("send_plan_reminders", stdout=out)
        outputs.append(out.getvalue())
    assert outputs == ["已发送1条阅读计划提醒。\n", "已发送0条阅读计划提醒。\n"]
    notices = list(Notice.objects.all())
    assert [(n.user, n.kind) for n in notices] == [(behind.user, NoticeKind.PLAN)]
    assert "落后" in notices[0].message


def test_monthly_notice_once_per_month(me):
    ReadingGoal.objects.create(user=me, year=2025, books=24, set_on=datetime.date(2025, 1, 1))
    for day in (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31)):
        assert services.send_plan_reminders(today=day) == (1 if day.day == 1 else 0)
    assert services.send_plan_reminders(today=datetime.date(2025, 4, 1)) == 1
    assert services.send_plan_reminders(today=datetime.date(2025, 4, 2)) == 0
    assert Notice.objects.filter(user=me, kind=NoticeKind.PLAN).count() == 2


def test_no_notice_on_pace_or_ahead(me):
    ReadingGoal.objects.create(user=me, year=2025, books=12, set_on=datetime.date(2025, 1, 1))
    services.report_read(me, title="围城", finished_on=datetime.date(2025, 1, 20))
    assert services.send_plan_reminders(today=datetime.date(2025, 2, 1)) == 0  # pace 12 × 32/365 = 1


# --- query budget -------------------------------------------------------------


def _fill(user, start, size):
    year = timezone.localdate().year
    ReadingGoal.objects.update_or_create(user=user, year=year, defaults={"books": 50})
    for n in range(start, start + size):
        verified_loan(user, BookFactory())
        services.add_planned(user, title=f"计划{n}")
        services.report_read(user, title=f"自读{n}", finished_on=timezone.localdate())


def test_plan_page_query_budget_does_not_grow(client, me):
    counts = []
    for start, size in ((0, 1), (1, 6)):
        _fill(me, start, size)
        client.get(PLAN)  # warm caches (site settings, menus)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PLAN).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 15, counts
