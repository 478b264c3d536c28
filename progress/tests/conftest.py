import datetime

import pytest
from django.utils import timezone

from booklists.factories import BookFactory, BookListIndexPageFactory, BookListPageFactory, CataloguePageFactory
from loans.factories import CopyFactory, ReadingRoomFactory
from progress.sources import Loan


def verified_loan(user, book=None, *, days_ago=20, kept=10):
    """A loan lent `days_ago` days ago and returned `kept` days later: a verified read dated this year."""
    book = book or BookFactory()
    lent = timezone.now() - datetime.timedelta(days=days_ago)
    copy = CopyFactory(book=book, home_room=ReadingRoomFactory(name="测试书屋"))
    return Loan.objects.create(
        copy=copy,
        borrower=user,
        book=book,
        lent_at=lent,
        due_on=(lent + datetime.timedelta(days=30)).date(),
        returned_at=lent + datetime.timedelta(days=kept),
    )


@pytest.fixture
def other(make_user):
    return make_user(real_name="另一位职工")


@pytest.fixture
def catalogue(home_page):
    return CataloguePageFactory(parent=home_page)


@pytest.fixture
def book_list(home_page):
    index = BookListIndexPageFactory(parent=home_page)
    return BookListPageFactory(
        parent=index, title="领导干部领读书单", books=[BookFactory(), BookFactory(), BookFactory()]
    )
