"""The event page's sign-up section, "my library", the reading record section and the
organisers' 活动报名 screens: both languages, permissions, exports and query budgets."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail import hooks
from wagtail.users.models import UserProfile

from campaigns import services
from campaigns.choices import RegistrationStatus
from campaigns.factories import EventPageFactory
from campaigns.models import Registration
from people import groups
from people.factories import UserFactory

pytestmark = pytest.mark.django_db

BUDGET = 15


@pytest.fixture
def open_event(event_index):
    start = timezone.now().replace(microsecond=0, second=0) + datetime.timedelta(days=5)
    return EventPageFactory(
        parent=event_index,
        slug="winter-sharing",
        title="冬季读书分享会",
        start_time=start,
        end_time=start + datetime.timedelta(hours=2),
        place="机关三楼职工书屋",
        takes_registrations=True,
        capacity=3,
    )


@pytest.fixture
def other(make_user):
    return make_user(real_name="另一位职工")


@pytest.fixture
def librarian(make_user):
    return make_user(groups.LIBRARIANS, real_name="孙丽华")


def fill(event, count, *, waiting=0):
    users = UserFactory.create_batch(count + waiting)
    for user in users[:count]:
        services.sign_up(event, user)
    for user in users[count:]:
        services.sign_up(event, user, waiting_list=True)
    return users


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


# --- the event page ---------------------------------------------------------------------


def test_anonymous_visitor_sees_places_and_a_login_link(client, open_event):
    fill(open_event, 1)
    response = client.get(open_event.url)
    html = response.content.decode()
    assert "剩余名额" in html and "<strong>2</strong> / 3" in html
    assert "登录后报名" in html and "/login/" in html
    assert "csrfmiddlewaretoken" not in html  # no form, no token: the page stays cacheable


def test_employee_signs_up_and_cancels_from_the_page(client, open_event, employee):
    client.force_login(employee)
    html = client.get(open_event.url).content.decode()
    assert ">报名</button>" in html
    response = client.post(open_event.url + "register/", follow=True)
    assert "您已成功报名《冬季读书分享会》。" in messages_of(response)
    html = response.content.decode()
    assert "已报名" in html and "取消报名" in html
    registration = Registration.objects.get(user=employee)

    response = client.post(open_event.url + "register/", follow=True)
    assert any("请勿重复报名" in message for message in messages_of(response))
    assert Registration.objects.filter(user=employee).count() == 1

    response = client.post(open_event.url + "cancel-registration/", {"registration": registration.pk}, follow=True)
    assert "您已取消《冬季读书分享会》的报名。" in messages_of(response)
    assert "已取消" in response.content.decode()


def test_full_event_offers_the_waiting_list(client, open_event, employee):
    fill(open_event, 3)
    client.force_login(employee)
    html = client.get(open_event.url).content.decode()
    assert "名额已满" in html and "加入候补名单" in html
    response = client.post(open_event.url + "register/", {"waiting_list": "1"}, follow=True)
    assert any("候补第1位" in message for message in messages_of(response))
    assert "候补第1位" in response.content.decode()
    assert Registration.objects.get(user=employee).status == RegistrationStatus.WAITING


def test_cannot_cancel_another_employees_place_from_the_page(client, open_event, employee, other):
    theirs = services.sign_up(open_event, other)
    client.force_login(employee)
    response = client.post(open_event.url + "cancel-registration/", {"registration": theirs.pk}, follow=True)
    assert "没有这条报名记录。" in messages_of(response)
    theirs.refresh_from_db()
    assert theirs.status == RegistrationStatus.CONFIRMED


def test_anonymous_post_goes_to_login_and_get_is_not_allowed(client, open_event, employee):
    response = client.post(open_event.url + "register/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Registration.objects.exists()
    client.force_login(employee)
    assert client.get(open_event.url + "register/").status_code == 405


def test_english_page_shares_the_registrations(client, open_event, employee, en_home, en_locale, translate):
    english = translate(open_event, en_locale)
    assert english.takes_registrations and english.capacity == 3
    services.sign_up(open_event, UserFactory())
    client.force_login(employee)
    html = client.get(english.url).content.decode()
    assert "Places left" in html and "<strong>2</strong> / 3" in html and "Sign up" in html
    response = client.post(english.url + "register/", follow=True)
    assert any("You have signed up for" in message for message in messages_of(response))
    assert Registration.objects.get(user=employee).event_id == open_event.pk
    assert Registration.objects.for_event(english).count() == 2


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_event_page_query_count_is_fixed(client, open_event, employee):
    from django.test import Client

    anonymous = Client()
    services.sign_up(open_event, employee)
    client.force_login(employee)
    open_event.capacity = 200
    open_event.save_revision().publish()
    fill(open_event, 2)
    small, small_anonymous = count_queries(client, open_event.url), count_queries(anonymous, open_event.url)
    fill(open_event, 60, waiting=0)
    large, large_anonymous = count_queries(client, open_event.url), count_queries(anonymous, open_event.url)
    assert small == large <= BUDGET
    assert small_anonymous == large_anonymous < small


# --- my library -----------------------------------------------------------------------


def registrations_for(user, event_index, count):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    for i in range(count):
        event = EventPageFactory(
            parent=event_index,
            title=f"分享会{i}",
            start_time=start + datetime.timedelta(days=i),
            end_time=start + datetime.timedelta(days=i, hours=2),
            takes_registrations=True,
            capacity=1 if i % 3 == 2 else 30,
        )
        if i % 3 == 2:
            services.sign_up(event, UserFactory())
        services.sign_up(event, user, waiting_list=True)


def test_my_library_lists_registrations_with_ics_and_cancel(client, event_index, employee, other):
    registrations_for(employee, event_index, 3)
    client.force_login(employee)
    html = client.get(reverse("loans:my_library")).content.decode()
    assert "我的活动报名" in html
    assert html.count("ics/") >= 3 and "分享会0" in html and "分享会2" in html
    assert "候补第1位" in html and "取消报名" in html and "退出候补" in html
    # Another employee sees none of them.
    client.force_login(other)
    assert "分享会0" not in client.get(reverse("loans:my_library")).content.decode()


def test_my_library_cancel_returns_to_my_library(client, open_event, employee):
    registration = services.sign_up(open_event, employee)
    client.force_login(employee)
    response = client.post(
        open_event.url + "cancel-registration/",
        {"registration": registration.pk, "next": reverse("loans:my_library")},
    )
    assert response["Location"] == reverse("loans:my_library")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_my_library_query_count_is_fixed(client, event_index, employee):
    client.force_login(employee)
    registrations_for(employee, event_index, 3)
    small = count_queries(client, reverse("loans:my_library"))
    registrations_for(employee, event_index, 9)
    large = count_queries(client, reverse("loans:my_library"))
    assert small == large <= BUDGET


def test_my_library_in_english(client, open_event, employee, en_home, en_locale, translate):
    english = translate(open_event, en_locale)
    english.title = "Winter book sharing"
    english.save_revision().publish()
    services.sign_up(open_event, employee)
    client.force_login(employee)
    html = client.get("/en" + reverse("loans:my_library")[len("/zh-hans") :]).content.decode()
    assert "My event registrations" in html and "Winter book sharing" in html and english.url in html


# --- the reading record section ---------------------------------------------------------------


def test_record_section_lists_attended_events_of_the_year(event_index, employee, editor, django_assert_max_num_queries):
    now = timezone.now()
    last_year = now.replace(year=now.year - 1)
    for title, start, attended in [("本年参加", now, True), ("本年未到", now, False), ("去年参加", last_year, True)]:
        event = EventPageFactory(
            parent=event_index,
            title=title,
            start_time=start + datetime.timedelta(hours=1),
            end_time=start + datetime.timedelta(hours=3),
            place="报告厅",
            takes_registrations=True,
            capacity=10,
        )
        Registration.objects.create(event=event, user=employee, attended_at=start if attended else None)
    (hook,) = [fn for fn in hooks.get_hooks("progress_record_sections") if fn.__module__ == "campaigns.panels"]
    with django_assert_max_num_queries(2):
        (section,) = hook(employee, now.year)
    assert section["order"] == 50 and section["key"] == "events" and section["title"] == "参加的活动"
    assert section["columns"] == ["活动", "类型", "日期", "地点"]
    assert [row[0] for row in section["rows"]] == ["本年参加"]
    assert section["rows"][0][1] == "读书分享会" and section["rows"][0][3] == "报告厅"
    assert isinstance(section["rows"][0][2], datetime.date)
    assert hook(employee, now.year - 1)[0]["rows"][0][0] == "去年参加"


# --- the organisers' screens -----------------------------------------------------------------


ADMIN_URLS = ["campaigns_registrations", "campaigns_registrations_list", "campaigns_registrations_attendance"]


def admin_url(name, event):
    return reverse(name) if name == "campaigns_registrations" else reverse(name, args=[event.pk])


@pytest.mark.parametrize("name", ADMIN_URLS)
def test_organisers_screens_permissions(
    client, open_event, name, employee, other, editor, superuser, librarian, reviewer_1
):
    """Anonymous visitors and employees (no admin access) go to the admin login; staff without
    campaigns.manage_registrations get Wagtail's refusal (back to the dashboard with a message,
    as on the circulation desk); editors and superusers get in."""
    url = admin_url(name, open_event)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))
    for user in (employee, other):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))
    for user in (librarian, reviewer_1):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"), user
    for user in (editor, superuser):
        client.force_login(user)
        assert client.get(url).status_code == 200, user


def test_menu_item_only_for_organisers(client, open_event, librarian):
    client.force_login(librarian)
    assert reverse("campaigns_registrations") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_staff_without_permission_change_nothing(client, open_event, employee, librarian, reviewer_1):
    services.sign_up(open_event, employee)
    url = reverse("campaigns_registrations_attendance", args=[open_event.pk])
    for user in (librarian, reviewer_1, employee):
        client.force_login(user)
        assert client.post(url, {"staff_number": employee.staff_number}).status_code == 302
        assert (
            client.get(reverse("campaigns_registrations_list", args=[open_event.pk]) + "?export=csv").status_code == 302
        )
    assert not Registration.objects.attended().exists()


def test_menu_and_event_list_show_counts(client, open_event, editor):
    fill(open_event, 3, waiting=2)
    client.force_login(editor)
    html = client.get(reverse("campaigns_registrations")).content.decode()
    assert "冬季读书分享会" in html and "3 / 3" in html
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("campaigns_registrations") in menu


def test_registration_list_and_exports(client, open_event, editor, employee):
    employee.real_name = '=HYPERLINK("http://x","y")'
    employee.save()
    services.sign_up(open_event, employee)
    fill(open_event, 2, waiting=1)
    services.mark_attendance(open_event, employee.staff_number, editor)
    client.force_login(editor)
    url = reverse("campaigns_registrations_list", args=[open_event.pk])
    html = client.get(url).content.decode()
    assert employee.staff_number in html and "候补" in html and "已报名" in html

    response = client.get(url + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert rows[0][:4] == ["姓名", "工号", "部门", "状态"]
    assert len(rows) == 5
    assert rows[1][0].startswith("'=HYPERLINK") and rows[1][1] == employee.staff_number and rows[1][7]
    assert rows[-1][3] == "候补"
    mine = Registration.objects.get(user=employee)
    assert rows[1][4] == timezone.localtime(mine.created_at).strftime("%Y-%m-%d %H:%M")  # local time, not UTC

    response = client.get(url + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][1] == "工号" and len(values) == 5
    assert sheet.cell(row=2, column=1).data_type == "s"
    assert values[1][4].replace(microsecond=0) == timezone.make_naive(mine.created_at).replace(microsecond=0)


def test_attendance_screen_by_staff_number(client, open_event, editor, employee):
    services.sign_up(open_event, employee)
    client.force_login(editor)
    url = reverse("campaigns_registrations_attendance", args=[open_event.pk])
    html = client.get(url).content.decode()
    assert 'name="staff_number"' in html and "autofocus" in html
    response = client.post(url, {"staff_number": employee.staff_number})
    assert "签到成功" in response.content.decode()
    response = client.post(url, {"staff_number": employee.staff_number})
    assert "请勿重复签到" in response.content.decode()
    response = client.post(url, {"staff_number": "NOBODY1"})
    html = response.content.decode()
    assert "没有工号为“NOBODY1”的在职职工" in html or "NOBODY1" in html
    assert Registration.objects.get(user=employee).checked_in_by == editor


def test_attendance_screen_in_english(client, open_event, editor, employee):
    services.sign_up(open_event, employee)
    UserProfile.get_for_user(editor).__class__.objects.filter(user=editor).update(preferred_language="en")
    client.force_login(editor)
    url = reverse("campaigns_registrations_attendance", args=[open_event.pk])
    response = client.post(url, {"staff_number": employee.staff_number})
    assert "Checked in:" in response.content.decode()


def test_admin_list_query_count_is_fixed(client, open_event, editor):
    client.force_login(editor)
    open_event.capacity = 300
    open_event.save_revision().publish()
    fill(open_event, 3)
    url = reverse("campaigns_registrations_list", args=[open_event.pk])
    small = count_queries(client, url)
    fill(open_event, 40)
    assert count_queries(client, url) == small


def test_past_event_shows_only_ones_own_attendance(client, open_event, employee, other, editor):
    services.sign_up(open_event, employee)
    services.mark_attendance(open_event, employee.staff_number, editor)
    Registration.objects.update(created_at=open_event.start_time - datetime.timedelta(days=30))
    open_event.start_time -= datetime.timedelta(days=10)
    open_event.end_time -= datetime.timedelta(days=10)
    open_event.save_revision().publish()
    client.force_login(employee)
    html = client.get(open_event.url).content.decode()
    assert "已签到" in html and "剩余名额" not in html and "取消报名" not in html
    client.force_login(other)
    html = client.get(open_event.url).content.decode()
    assert 'id="registration"' not in html
