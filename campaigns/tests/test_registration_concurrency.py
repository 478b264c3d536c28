"""Real concurrent sign-ups on PostgreSQL: never more confirmed registrations than places.

30 employees press 报名 at the same moment for an event with 20 places (each asking for the
waiting list when full, as the page's second button does): exactly 20 are confirmed and 10
wait, in distinct positions 1–10. Then 10 confirmed employees cancel at once while others
sign up: the waiting list moves up without ever exceeding the places.

Each thread has its own database connection; see loans/tests/test_concurrency.py. Run with
e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_signup (pytest-django creates test_h_signup).
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from campaigns import services
from campaigns.choices import RegistrationStatus
from campaigns.factories import EventPageFactory
from campaigns.models import Registration
from loans.models import Notice, NoticeKind
from people.factories import UserFactory
from portal.tests import threads

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency tests need PostgreSQL (row locks); set DATABASE_URL=postgres://… to run them",
    ),
]


def run_together(*actions):
    """(result, error) per action, run at once; a ValidationError is a clean refusal."""
    return threads.run_together(*actions, refusals=ValidationError)


@pytest.fixture
def event(event_index):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=5)
    return EventPageFactory(
        parent=event_index,
        title="并发报名分享会",
        start_time=start,
        end_time=start + datetime.timedelta(hours=2),
        takes_registrations=True,
        capacity=20,
    )


def test_thirty_simultaneous_sign_ups_for_twenty_places(event):
    users = UserFactory.create_batch(30)

    results = run_together(*[lambda u=u: services.sign_up(event, u, waiting_list=True) for u in users])

    assert all(error is None for _, error in results)
    statuses = [registration.status for registration, _ in results]
    assert statuses.count(RegistrationStatus.CONFIRMED) == 20
    assert statuses.count(RegistrationStatus.WAITING) == 10
    registrations = Registration.objects.for_event(event)
    assert registrations.confirmed().count() == 20 and registrations.waiting().count() == 10
    positions = sorted(r.waiting_position for r in registrations.waiting().with_waiting_position())
    assert positions == list(range(1, 11))
    # Each waiting request was told its own place.
    assert sorted(registration.waiting_position for registration, _ in results if registration.waiting_position) == (
        list(range(1, 11))
    )


def test_thirty_simultaneous_sign_ups_without_the_waiting_list(event):
    users = UserFactory.create_batch(30)

    results = run_together(*[lambda u=u: services.sign_up(event, u) for u in users])

    refusals = [error for _, error in results if error is not None]
    assert len(refusals) == 10 and all("名额已满" in " ".join(e.messages) for e in refusals)
    assert Registration.objects.for_event(event).confirmed().count() == 20
    assert Registration.objects.count() == 20


def test_cancellations_racing_sign_ups_never_exceed_the_places(event):
    confirmed = UserFactory.create_batch(20)
    for user in confirmed:
        services.sign_up(event, user)
    waiting = UserFactory.create_batch(5)
    for user in waiting:
        services.sign_up(event, user, waiting_list=True)
    newcomers = UserFactory.create_batch(10)
    mine = {r.user_id: r.pk for r in Registration.objects.filter(user__in=confirmed[:10])}

    run_together(
        *[lambda u=u: services.cancel(mine[u.pk], u) for u in confirmed[:10]],
        *[lambda u=u: services.sign_up(event, u, waiting_list=True) for u in newcomers],
    )

    registrations = Registration.objects.for_event(event)
    assert registrations.confirmed().count() == 20
    assert registrations.active().count() == 25
    # The five who waited first all moved up, each told once.
    assert set(registrations.confirmed().filter(user__in=waiting).values_list("user", flat=True)) == {
        u.pk for u in waiting
    }
    assert Notice.objects.filter(kind=NoticeKind.EVENT, user__in=waiting).count() == 5
    # A double sign-up at the same moment: one place, one refusal.
    twice = UserFactory()
    results = run_together(
        lambda: services.sign_up(event, twice, waiting_list=True),
        lambda: services.sign_up(event, twice, waiting_list=True),
    )
    assert sum(error is None for _, error in results) == 1
    assert Registration.objects.filter(user=twice).count() == 1
