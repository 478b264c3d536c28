"""Out-of-range integer query parameters (audit issue 9, item 7): never a 500, nothing written."""

import pytest
from django.urls import reverse

from booklists.factories import BookFactory
from loans import services
from loans.models import Copy, CopyStatus, Loan, ReadingRoom
from people import groups

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.fixture
def room(db):
    return ReadingRoom.objects.create(name="机关职工书屋")


@pytest.fixture
def reader(client, make_user, room):
    user = make_user(real_name="王芳")
    for number in range(3):
        copy = Copy.objects.create(
            barcode=f"P{number:05d}", book=BookFactory(), home_room=room, current_room=room, status=CopyStatus.ON_SHELF
        )
        loan = services.lend(user, copy.barcode, room).loan
        services.return_copy(copy.barcode, room)
        assert Loan.objects.filter(pk=loan.pk, returned_at__isnull=False).exists()
    client.force_login(user)
    return user


@pytest.mark.parametrize("page", [HUGE, "1e400", "-3", "abc", "2"])
def test_my_library_history_page_out_of_range_is_the_last_page(client, reader, page):
    """Audit: GET /zh-hans/library/?page=99999999999999999999999 was a 500."""
    loans_before = Loan.objects.count()
    response = client.get(reverse("loans:my_library"), {"page": page})
    assert response.status_code == 200
    assert response.context["history"].number == 1
    assert len(response.context["history"]) == 3
    assert Loan.objects.count() == loans_before


@pytest.mark.parametrize("name", ["loans_desk_holds", "loans_desk_overdue"])
def test_desk_lists_page_out_of_range_is_the_last_page(client, make_user, name):
    client.force_login(make_user(groups.LIBRARIANS, real_name="孙丽华"))
    response = client.get(reverse(name), {"p": HUGE, "room": HUGE})
    assert response.status_code == 200
