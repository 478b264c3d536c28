"""Headers the outside audit found missing (item 18).

- `Permissions-Policy` on every response, static files and errors included;
- `Cache-Control: private, no-store` on everything personal: any page served to
  a logged-in user (my library, history.csv, my notes, the admin), and any page
  holding a form token (the login pages), so no proxy or browser cache keeps it;
- public pages for anonymous visitors stay cacheable.
"""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_private(response):
    assert {"private", "no-store"} <= cache_control(response), response.get("Cache-Control")
    assert "public" not in cache_control(response)


@pytest.mark.parametrize(
    "url",
    [
        "/zh-hans/",
        "/zh-hans/search/?q=读书",
        "/zh-hans/no-such-page/",
        "/static/css/site.css",
        "/healthz",
        "/admin/login/",
    ],
)
def test_every_response_has_a_permissions_policy(client, home_page, url):
    response = client.get(url)
    assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize(
    "url_name",
    ["loans:my_library", "loans:history_csv", "notes:mine", "notes:write"],
)
def test_personal_pages_are_never_stored(client, home_page, employee, url_name):
    client.force_login(employee)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert_private(response)


def test_any_page_served_to_a_logged_in_user_is_private(client, home_page, employee):
    # The public home page greets the employee by name in its header.
    client.force_login(employee)
    assert_private(client.get("/zh-hans/"))


def test_the_admin_is_private(client, home_page, superuser):
    client.force_login(superuser)
    assert_private(client.get("/admin/"))


@pytest.mark.parametrize("url", ["/zh-hans/accounts/login/", "/en/accounts/login/", "/admin/login/"])
def test_login_pages_are_never_stored(client, home_page, en_home, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_private(response)


def test_a_failed_login_is_never_stored(client, home_page, employee):
    response = client.post(reverse("people:login"), {"username": employee.staff_number, "password": "wrong"})
    assert response.status_code == 200
    assert_private(response)


def test_anonymous_public_pages_stay_cacheable(client, home_page):
    response = client.get("/zh-hans/")
    assert response.status_code == 200
    assert "no-store" not in cache_control(response)
    assert "private" not in cache_control(response)
