"""Brute-force protection on both login pages (item 5 of the outside audit).

django-axes counts failed log-ins in the database, per staff number and per
client address. After LOGIN_FAILURE_LIMIT failures for one account (or
LOGIN_ADDRESS_FAILURE_LIMIT from one address) the log-in is refused, even with
the right password, for LOGIN_LOCKOUT_MINUTES, with a message in Chinese that
says how long to wait. Superusers unlock accounts and addresses in the admin.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from people.factories import PASSWORD, UserFactory
from people.models import User

pytestmark = pytest.mark.django_db

PUBLIC_LOGIN = "/zh-hans/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
ATTACKER = "10.0.0.66"


@pytest.fixture
def victim(db):
    return UserFactory(staff_number="E1007", real_name="被攻击的职工")


@pytest.fixture
def admin_victim(db):
    return UserFactory(staff_number="A2001", is_staff=True, is_superuser=True)


def log_in(client, url, staff_number, password, address=ATTACKER):
    return client.post(url, {"username": staff_number, "password": password}, REMOTE_ADDR=address)


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_thresholds_come_from_settings():
    assert settings.LOGIN_FAILURE_LIMIT == 5
    assert settings.LOGIN_LOCKOUT_MINUTES == 15
    assert datetime.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_HANDLER == "people.lockout.LoginLockoutHandler"  # the database, not the cache


@pytest.mark.parametrize("url", [PUBLIC_LOGIN, ADMIN_LOGIN])
def test_thirty_wrong_passwords_lock_the_account(client, victim, admin_victim, url):
    user = victim if url == PUBLIC_LOGIN else admin_victim
    statuses = [log_in(client, url, user.staff_number, "wrong-password").status_code for _ in range(30)]

    # The first four are ordinary wrong-password answers; from the fifth on, the account is locked.
    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}
    # ...and the right password does not work either while it is locked.
    response = log_in(client, url, user.staff_number, PASSWORD)
    assert response.status_code == 429
    assert not is_logged_in(client)


@pytest.mark.parametrize("url", [PUBLIC_LOGIN, ADMIN_LOGIN])
def test_the_lockout_message_is_chinese_and_gives_the_wait(client, victim, admin_victim, url):
    user = victim if url == PUBLIC_LOGIN else admin_victim
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        response = log_in(client, url, user.staff_number, "wrong-password")
    html = response.content.decode()
    assert response.status_code == 429
    assert "登录失败次数过多" in html
    assert "15分钟" in html
    # The form is shown again, with what was typed, on the page's own design.
    assert 'name="username"' in html and f'value="{user.staff_number}"' in html


def test_the_lockout_also_holds_on_the_other_login_page(client, admin_victim):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        log_in(client, PUBLIC_LOGIN, admin_victim.staff_number, "wrong-password")
    assert log_in(client, ADMIN_LOGIN, admin_victim.staff_number, PASSWORD).status_code == 429


def test_the_lock_is_per_account_whatever_the_case_and_address(client, victim):
    # An attacker cannot get more tries by changing case or address.
    for number, address in zip(
        ["E1007", "e1007", "E1007", "e1007", "E1007"],
        ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"],
        strict=True,
    ):
        log_in(client, PUBLIC_LOGIN, number, "wrong-password", address=address)
    assert log_in(client, PUBLIC_LOGIN, "e1007", PASSWORD, address="10.9.9.9").status_code == 429


def test_one_address_trying_many_accounts_is_locked(client, db):
    users = UserFactory.create_batch(settings.LOGIN_ADDRESS_FAILURE_LIMIT)
    for user in users:
        log_in(client, PUBLIC_LOGIN, user.staff_number, "wrong-password")
    # Every account has one failure only, but this address has reached its limit.
    fresh = UserFactory()
    assert log_in(client, PUBLIC_LOGIN, fresh.staff_number, PASSWORD).status_code == 429
    # Another address is not affected.
    assert log_in(client, PUBLIC_LOGIN, fresh.staff_number, PASSWORD, address="10.1.1.1").status_code == 302


def test_other_accounts_still_log_in_while_one_is_locked(client, victim):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        log_in(client, PUBLIC_LOGIN, victim.staff_number, "wrong-password")
    colleague = UserFactory()
    assert log_in(client, PUBLIC_LOGIN, colleague.staff_number, PASSWORD, address="10.2.2.2").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, victim):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        log_in(client, PUBLIC_LOGIN, victim.staff_number, "wrong-password")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert log_in(client, PUBLIC_LOGIN, victim.staff_number, PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_a_successful_login_resets_the_count(client, victim):
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        log_in(client, PUBLIC_LOGIN, victim.staff_number, "wrong-password")
    assert log_in(client, PUBLIC_LOGIN, victim.staff_number, PASSWORD).status_code == 302
    client.logout()
    # Four more mistakes are allowed again.
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert log_in(client, PUBLIC_LOGIN, victim.staff_number, "wrong-password").status_code == 200


# --- staff numbers are matched whatever their case --------------------------------


def test_staff_numbers_are_matched_case_insensitively(client, victim):
    response = log_in(client, PUBLIC_LOGIN, "e1007", PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == victim.pk


def test_the_admin_login_matches_case_insensitively(client, admin_victim):
    assert log_in(client, ADMIN_LOGIN, "a2001", PASSWORD).status_code == 302
    assert int(client.session["_auth_user_id"]) == admin_victim.pk


def test_the_manager_finds_a_staff_number_in_any_case(victim):
    assert User.objects.get_by_natural_key("e1007") == victim
    assert User.objects.get_by_natural_key(" E1007 ".strip()) == victim


def test_two_staff_numbers_differing_only_in_case_cannot_exist(victim):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    twin = User(staff_number="e1007", real_name="重复")
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "staff_number" in error.value.message_dict or "__all__" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("e1007", password="x")


# --- unlocking in the admin ------------------------------------------------------


def lock(client, staff_number, address=ATTACKER):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        log_in(client, PUBLIC_LOGIN, staff_number, "wrong-password", address=address)


def test_superusers_see_locked_accounts_and_addresses(client, victim, superuser):
    lock(client, victim.staff_number)
    client.force_login(superuser)
    response = client.get(reverse("people_lockouts:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "E1007" in html
    assert ATTACKER not in html  # five failures from one address are below the address limit
    assert reverse("people_lockouts:unlock") in html


def test_a_superuser_unlocks_an_account(client, victim, superuser):
    lock(client, victim.staff_number)
    admin = client.__class__()
    admin.force_login(superuser)
    response = admin.post(reverse("people_lockouts:unlock"), {"username": "E1007"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="E1007").exists()
    assert log_in(client, PUBLIC_LOGIN, victim.staff_number, PASSWORD).status_code == 302


def test_a_superuser_unlocks_an_address(client, superuser, db):
    for user in UserFactory.create_batch(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        log_in(client, PUBLIC_LOGIN, user.staff_number, "wrong-password")
    admin = client.__class__()
    admin.force_login(superuser)
    assert ATTACKER in admin.get(reverse("people_lockouts:index")).content.decode()
    admin.post(reverse("people_lockouts:unlock"), {"ip_address": ATTACKER})
    assert not AccessAttempt.objects.filter(ip_address=ATTACKER).exists()


@pytest.mark.parametrize("role", ["employee", "editor", "reviewer_1", "librarian"])
def test_only_superusers_may_unlock(client, victim, make_user, role, request):
    from people import groups

    user = make_user(groups.LIBRARIANS) if role == "librarian" else request.getfixturevalue(role)
    lock(client, victim.staff_number)
    other = client.__class__()
    other.force_login(user)
    assert other.get(reverse("people_lockouts:index")).status_code in (302, 403)
    other.post(reverse("people_lockouts:unlock"), {"username": "E1007"})
    assert AccessAttempt.objects.filter(username="E1007").exists()
