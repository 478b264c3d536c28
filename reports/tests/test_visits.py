"""到馆人次: librarians record visits per room and day or month; bad input is refused in Chinese
and nothing is saved; only librarians record them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from loans.factories import ReadingRoomFactory
from people import groups
from reports.models import VisitPeriod, VisitRecord

pytestmark = pytest.mark.django_db

ADD_URL = "reports_visits:add"


@pytest.fixture
def room(db):
    return ReadingRoomFactory(name="综合楼职工书屋")


@pytest.fixture
def librarian(make_user):
    return make_user(groups.LIBRARIANS, real_name="书屋管理员甲")


def post(client, user, room, **fields):
    client.force_login(user)
    data = {"room": room.pk, "period": "day", "date": "", "count": "", "note": "", **fields}
    return client.post(reverse(ADD_URL), data, headers={"accept-language": "zh-hans"})


def yesterday():
    return timezone.localdate() - datetime.timedelta(days=1)


def test_librarian_records_a_day(client, librarian, room):
    response = post(client, librarian, room, date=yesterday().isoformat(), count="57")
    assert response.status_code == 302
    record = VisitRecord.objects.get()
    assert (record.room, record.period, record.date, record.count) == (room, "day", yesterday(), 57)
    assert record.recorded_by == librarian


def test_a_month_is_kept_under_its_first_day(client, librarian, room):
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    response = post(client, librarian, room, period="month", date=last_month.isoformat(), count="800")
    assert response.status_code == 302
    record = VisitRecord.objects.get()
    assert record.date == last_month.replace(day=1)
    assert str(record.period_label()) == f"{last_month.year}年{last_month.month}月（全月）"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"count": "-3"}, "到馆人次不能为负数"),
        ({"date": "FUTURE"}, "不能登记未来日期的到馆人次"),
        ({"period": "month", "date": "NEXT_MONTH"}, "该月份尚未开始"),
        ({"count": "abc"}, "输入整数"),
    ],
)
def test_bad_input_is_refused_and_kept(client, librarian, room, fields, message):
    today = timezone.localdate()
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    values = {"date": yesterday().isoformat(), "count": "12", "note": "门禁计数", **fields}
    values["date"] = {
        "FUTURE": (today + datetime.timedelta(days=1)).isoformat(),
        "NEXT_MONTH": next_month.isoformat(),
    }.get(values["date"], values["date"])
    response = post(client, librarian, room, **values)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "门禁计数" in html, "the form keeps what was typed"
    assert not VisitRecord.objects.exists()


def test_duplicates_are_refused(client, librarian, room):
    day = yesterday().isoformat()
    assert post(client, librarian, room, date=day, count="10").status_code == 302
    response = post(client, librarian, room, date=day, count="11")
    assert response.status_code == 200
    assert "该书屋这一日期（月份）的到馆人次已登记" in response.content.decode()
    assert VisitRecord.objects.get().count == 10


def test_a_month_total_and_its_days_do_not_mix(client, librarian, room):
    day = yesterday()
    assert post(client, librarian, room, date=day.isoformat(), count="10").status_code == 302
    response = post(client, librarian, room, period="month", date=day.isoformat(), count="300")
    assert "该书屋本月已按日登记到馆人次" in response.content.decode()
    other = ReadingRoomFactory(name="东区阅览点")
    assert post(client, librarian, other, period="month", date=day.isoformat(), count="300").status_code == 302
    response = post(client, librarian, other, date=day.isoformat(), count="5")
    assert "该书屋本月已登记月合计" in response.content.decode()
    assert VisitRecord.objects.count() == 2


def test_the_model_refuses_bad_records_without_a_form(room):
    record = VisitRecord(room=room, period=VisitPeriod.DAY, date=yesterday(), count=-1)
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "count" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()  # the database's check constraint is the backstop


def test_librarian_sees_the_list_in_both_languages(client, librarian, room):
    VisitRecord.objects.create(room=room, period=VisitPeriod.DAY, date=yesterday(), count=42, recorded_by=librarian)
    client.force_login(librarian)
    url = reverse("reports_visits:index")
    html = client.get(url, headers={"accept-language": "zh-hans"}).content.decode()
    assert "到馆人次" in html and "综合楼职工书屋" in html and "42" in html
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "Visits" in english and "number of visits" in english.lower()


def test_list_queries_do_not_grow(client, librarian, room):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(librarian)
    url = reverse("reports_visits:index")

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured.captured_queries)

    VisitRecord.objects.create(room=room, period=VisitPeriod.DAY, date=yesterday(), count=1, recorded_by=librarian)
    small = count()
    for offset in range(2, 32):
        VisitRecord.objects.create(
            room=ReadingRoomFactory(),
            period=VisitPeriod.DAY,
            date=timezone.localdate() - datetime.timedelta(days=offset),
            count=offset,
            recorded_by=librarian,
        )
    assert count() == small


@pytest.mark.parametrize("role", ["anonymous", "employee", "editor", "reviewer_1", "moderator"])
def test_only_librarians_record_visits(request, client, room, make_user, role):
    if role == "moderator":
        user = make_user(groups.NOTE_MODERATORS)
    elif role != "anonymous":
        user = request.getfixturevalue(role)
    if role != "anonymous":
        client.force_login(user)
    data = {"room": room.pk, "period": "day", "date": yesterday().isoformat(), "count": "9"}
    response = client.post(reverse(ADD_URL), data)
    assert response.status_code in (302, 403)
    assert not VisitRecord.objects.exists()
    if role in ("anonymous", "employee"):
        assert reverse("wagtailadmin_login") in response["Location"]


def test_editors_may_look_but_not_record(client, editor, room):
    client.force_login(editor)
    assert client.get(reverse("reports_visits:index")).status_code == 200
    assert client.get(reverse(ADD_URL)).status_code in (302, 403)
