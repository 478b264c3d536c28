"""Who may enter the Wagtail admin: a matrix over the organisation's roles."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from people import groups

pytestmark = pytest.mark.django_db

ADMIN_HOME = "/admin/"


def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get(ADMIN_HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_anonymous_cannot_reach_the_page_explorer(client, home_page):
    response = client.get(reverse("wagtailadmin_explore", args=[home_page.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_ordinary_employee_gets_no_admin_access(client, employee):
    client.force_login(employee)

    response = client.get(ADMIN_HOME)

    # Wagtail logs a user without access_admin out of the admin and back to its login.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 302


def test_all_role_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= set(groups.ALL_GROUPS)
    # Wagtail's own example groups were removed: they would allow publishing without review.
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


@pytest.mark.parametrize("group_name", groups.ALL_GROUPS)
def test_each_role_can_reach_the_admin(client, make_user, group_name):
    user = make_user(group_name)
    client.force_login(user)

    response = client.get(ADMIN_HOME)

    assert response.status_code == 200
    assert user.has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize("group_name", [groups.EDITORS, *groups.REVIEW_LEVELS])
def test_page_roles_can_open_the_editor(client, make_user, article, group_name):
    client.force_login(make_user(group_name))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("group_name", [groups.NOTE_MODERATORS, groups.LIBRARIANS])
def test_other_roles_cannot_edit_pages(client, make_user, article, group_name):
    user = make_user(group_name)
    client.force_login(user)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))

    assert response.status_code in (302, 403)
    assert not article.permissions_for_user(user).can_edit()


@pytest.mark.parametrize(
    ("group_name", "can_add"),
    [(groups.EDITORS, True), (groups.REVIEW_1, False), (groups.REVIEW_2, False), (groups.REVIEW_3, False)],
)
def test_only_editors_create_pages(make_user, article_index, group_name, can_add):
    user = make_user(group_name)
    assert article_index.permissions_for_user(user).can_add_subpage() is can_add


def test_employee_page_permissions_are_empty(employee, article):
    perms = article.permissions_for_user(employee)
    assert not perms.can_edit()
    assert not perms.can_publish()
    assert not perms.can_delete()


# --- questionnaire answers are personal data (issue 9, item 4) ----------------------------


@pytest.fixture
def answered_questionnaire(questionnaire):
    from wagtail.contrib.forms.models import FormSubmission

    name, department = (field.clean_name for field in questionnaire.get_form_fields()[:2])
    FormSubmission.objects.create(page=questionnaire, form_data={name: "张三", department: "13800000000"})
    return questionnaire


@pytest.mark.parametrize(
    ("group_name", "may_read"),
    [
        (groups.EDITORS, True),
        (groups.REVIEW_1, False),
        (groups.REVIEW_2, False),
        (groups.REVIEW_3, False),
        (groups.NOTE_MODERATORS, False),
        (groups.LIBRARIANS, False),
    ],
)
def test_only_the_questionnaires_owners_read_and_export_answers(
    client, make_user, answered_questionnaire, group_name, may_read
):
    from wagtail.contrib.forms.utils import get_forms_for_user

    user = make_user(group_name)
    client.force_login(user)
    page = answered_questionnaire
    listing = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]))
    export = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]), {"export": "csv"})
    if may_read:
        assert listing.status_code == 200 and "张三" in listing.content.decode()
        assert export.status_code == 200 and "13800000000" in export.getvalue().decode()
    else:
        for response in (listing, export):
            assert response.status_code in (302, 403)
            assert "13800000000" not in response.content.decode()
    assert get_forms_for_user(user).filter(pk=page.pk).exists() is may_read
    # The page editor's "answers" panel (count and link) is for the owners only.
    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    if editor_page.status_code == 200:
        submissions_url = reverse("wagtailforms:list_submissions", args=[page.pk])
        assert (submissions_url in editor_page.content.decode()) is may_read


def test_superusers_read_answers(client, superuser, answered_questionnaire):
    client.force_login(superuser)
    response = client.get(reverse("wagtailforms:list_submissions", args=[answered_questionnaire.pk]))
    assert response.status_code == 200 and "张三" in response.content.decode()
