"""Event sign-up (报名): places, the waiting list moving up, refusals, cancelling, attendance,
the event page and "my library" in both languages, and their query budgets."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns import services
from campaigns.choices import RegistrationStatus
from campaigns.factories import EventPageFactory
from campaigns.models import Registration
from loans.models import Notice, NoticeKind
from people.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_event(event_index):
    start = timezone.now().replace(microsecond=0, second=0) + datetime.timedelta(days=5)
    return EventPageFactory(
        parent=event_index,
        slug="winter-sharing",
        title="冬季读书分享会",
        start_time=start,
        end_time=start + datetime.timedelta(hours=2),
        takes_registrations=True,
        capacity=2,
    )


@pytest.fixture
def other(make_user):
    return make_user(real_name="另一位职工")


def refusal(excinfo):
    return " ".join(excinfo.value.messages)


# --- the rules -------------------------------------------------------------------------


def test_sign_up_until_full_then_waiting_list_on_request(open_event, employee, other):
    first = services.sign_up(open_event, employee)
    second = services.sign_up(open_event, other)
    assert first.status == second.status == RegistrationStatus.CONFIRMED
    third_user = UserFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.sign_up(open_event, third_user)
    assert "名额已满" in refusal(excinfo) and "候补" in refusal(excinfo)
    assert not Registration.objects.filter(user=third_user).exists()
    waiting = services.sign_up(open_event, third_user, waiting_list=True)
    assert waiting.status == RegistrationStatus.WAITING and waiting.waiting_position == 1
    assert "候补第1位" in services.sign_up_message(waiting)


def test_waiting_list_moves_up_first_come_first_served_with_one_notice(open_event, employee, other):
    mine = services.sign_up(open_event, employee)
    services.sign_up(open_event, other)
    early, late = UserFactory(real_name="先候补"), UserFactory(real_name="后候补")
    first_waiting = services.sign_up(open_event, early, waiting_list=True)
    second_waiting = services.sign_up(open_event, late, waiting_list=True)
    assert services.waiting_position(second_waiting) == 2

    cancelled = services.cancel(mine.pk, employee)

    assert [r.pk for r in cancelled.promoted] == [first_waiting.pk]
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.CONFIRMED and first_waiting.promoted_at
    assert second_waiting.status == RegistrationStatus.WAITING
    assert services.waiting_position(second_waiting) == 1
    notices = Notice.objects.filter(user=early, kind=NoticeKind.EVENT)
    assert notices.count() == 1 and "冬季读书分享会" in notices.get().message
    assert not Notice.objects.filter(user=late).exists()
    # Nothing more to promote: a second pass sends nothing again.
    assert services._fill_places(open_event, timezone.now()) == []
    assert Notice.objects.filter(kind=NoticeKind.EVENT).count() == 1
    assert Registration.objects.for_event(open_event).confirmed().count() == 2


def test_leaving_the_waiting_list_promotes_nobody(open_event, employee, other):
    services.sign_up(open_event, employee)
    services.sign_up(open_event, other)
    waiting = services.sign_up(open_event, UserFactory(), waiting_list=True)
    result = services.cancel(waiting.pk, waiting.user)
    assert result.promoted == []
    assert Registration.objects.for_event(open_event).confirmed().count() == 2


def test_signing_up_twice_is_refused(open_event, employee):
    services.sign_up(open_event, employee)
    with pytest.raises(ValidationError) as excinfo:
        services.sign_up(open_event, employee)
    assert "已报名" in refusal(excinfo)
    assert Registration.objects.filter(user=employee).count() == 1


def test_joining_the_waiting_list_twice_is_refused(open_event, employee, other):
    open_event.capacity = 1
    open_event.save_revision().publish()
    services.sign_up(open_event, other)
    services.sign_up(open_event, employee, waiting_list=True)
    with pytest.raises(ValidationError) as excinfo:
        services.sign_up(open_event, employee, waiting_list=True)
    assert "候补名单" in refusal(excinfo)


def test_after_the_deadline_is_refused(open_event, employee):
    open_event.registration_deadline = timezone.now() - datetime.timedelta(hours=1)
    open_event.save_revision().publish()
    with pytest.raises(ValidationError) as excinfo:
        services.sign_up(open_event, employee)
    assert "截止" in refusal(excinfo)
    assert not Registration.objects.exists()


def test_no_deadline_means_until_the_start(open_event, employee):
    with pytest.raises(ValidationError) as excinfo:
        services.sign_up(open_event, employee, now=open_event.start_time)
    assert "截止" in refusal(excinfo)
    assert services.sign_up(open_event, employee, now=open_event.start_time - datetime.timedelta(minutes=1))


def test_event_not_taking_registrations_is_refused(event, employee):
    with pytest.raises(ValidationError) as excinfo:
        services.sign_up(event, employee)
    assert "不接受报名" in refusal(excinfo)
    assert not Registration.objects.exists()


def test_cancelling_someone_elses_registration_is_refused(open_event, employee, other):
    theirs = services.sign_up(open_event, other)
    with pytest.raises(ValidationError) as excinfo:
        services.cancel(theirs.pk, employee)
    assert "没有这条报名" in refusal(excinfo)
    theirs.refresh_from_db()
    assert theirs.status == RegistrationStatus.CONFIRMED and theirs.cancelled_at is None


def test_cancelling_twice_or_after_the_start_is_refused(open_event, employee):
    registration = services.sign_up(open_event, employee)
    services.cancel(registration.pk, employee)
    with pytest.raises(ValidationError) as excinfo:
        services.cancel(registration.pk, employee)
    assert "已经取消" in refusal(excinfo)
    again = services.sign_up(open_event, employee)  # a cancelled registration does not block a new one
    with pytest.raises(ValidationError) as excinfo:
        services.cancel(again.pk, employee, now=open_event.start_time)
    assert "已开始" in refusal(excinfo)


def test_more_places_move_the_waiting_list_up(open_event, employee, other):
    services.sign_up(open_event, employee)
    services.sign_up(open_event, other)
    waiting = services.sign_up(open_event, UserFactory(), waiting_list=True)
    open_event.capacity = 3
    open_event.save_revision().publish()
    newcomer = UserFactory()
    # The one waiting gets the new place before a newcomer can take it.
    with pytest.raises(ValidationError):
        services.sign_up(open_event, newcomer)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


# --- model validation --------------------------------------------------------------------


def test_event_settings_are_validated(open_event):
    open_event.capacity = None
    with pytest.raises(ValidationError) as excinfo:
        open_event.full_clean()
    assert "capacity" in excinfo.value.message_dict
    open_event.capacity = 0
    with pytest.raises(ValidationError) as excinfo:
        open_event.full_clean()
    assert "capacity" in excinfo.value.message_dict
    open_event.capacity = 10
    open_event.registration_deadline = open_event.end_time
    with pytest.raises(ValidationError) as excinfo:
        open_event.full_clean()
    assert "registration_deadline" in excinfo.value.message_dict
    assert "结束" in " ".join(excinfo.value.message_dict["registration_deadline"])


# --- attendance ----------------------------------------------------------------------


def test_mark_attendance_by_staff_number(open_event, employee, other, editor):
    services.sign_up(open_event, employee)
    services.sign_up(open_event, other)
    waiting = services.sign_up(open_event, UserFactory(staff_number="W0001"), waiting_list=True)
    stranger = UserFactory(staff_number="S0001")

    registration = services.mark_attendance(open_event, f"  {employee.staff_number.lower()} ", editor)
    assert registration.attended_at and registration.checked_in_by == editor
    assert "签到成功" in services.attendance_message(registration)

    cases = [
        ("NOPE999", "没有工号"),
        ("", "工号"),
        (stranger.staff_number, "没有报名"),
        (waiting.user.staff_number, "候补"),
        (employee.staff_number, "已于"),
    ]
    for number, expected in cases:
        with pytest.raises(ValidationError) as excinfo:
            services.mark_attendance(open_event, number, editor)
        assert expected in refusal(excinfo), number
    assert Registration.objects.attended().count() == 1


def test_places_cannot_drop_below_those_signed_up(open_event, employee, other):
    services.sign_up(open_event, employee)
    services.sign_up(open_event, other)
    open_event.capacity = 1
    with pytest.raises(ValidationError) as excinfo:
        open_event.full_clean()
    assert "已有2人报上名" in " ".join(excinfo.value.message_dict["capacity"])
    open_event.capacity = 2
    open_event.full_clean()
