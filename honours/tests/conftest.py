import pytest

from honours import services
from honours.models import PERIODIC_KINDS, AwardRound, HonorWallPage
from people import groups
from people.factories import DepartmentFactory, UserFactory

from .helpers import NOV_END, NOV_START, at, loan, note


@pytest.fixture
def moderator(make_user):
    return make_user(groups.NOTE_MODERATORS, real_name="心得审核员甲")


@pytest.fixture
def librarian(make_user):
    return make_user(groups.LIBRARIANS, real_name="图书管理员甲")


@pytest.fixture
def readers(db):
    """A small November: three readers in two departments, one excellent note."""
    office = DepartmentFactory(name="办公室", headcount=10)
    finance = DepartmentFactory(name="财务科", headcount=4)
    first = UserFactory(real_name="李明", staff_number="R001", department=office)
    second = UserFactory(real_name="王芳", staff_number="R002", department=finance)
    third = UserFactory(real_name="张伟", staff_number="R003", department=office)
    for day in (1, 3, 5):
        loan(first, lent=at(day), days=10)
    best = note(first, published=at(12), excellent_at=at(15), title="《平凡的世界》读后")
    for day in (2, 4):
        loan(second, lent=at(day), days=9)
    loan(third, lent=at(6), days=8)
    return {"first": first, "second": second, "third": third, "note": best, "office": office, "finance": finance}


@pytest.fixture
def wall(home_page):
    page = HonorWallPage(title="荣誉墙", slug="honours", intro="每月评选阅读之星、书香科室和优秀读书笔记。")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return HonorWallPage.objects.get(pk=page.pk)


def generate_all(user=None):
    return {kind: services.generate_round(kind, NOV_START, NOV_END, user=user)[0] for kind in PERIODIC_KINDS}


def publish(award_round):
    award_round = AwardRound.objects.get(pk=award_round.pk)
    award_round.get_latest_revision().publish()
    return AwardRound.objects.get(pk=award_round.pk)


@pytest.fixture
def published_rounds(readers):
    return {kind: publish(r) for kind, r in generate_all().items()}
