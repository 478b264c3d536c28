"""Departments are listed by their sort order, then by name in pinyin order."""

import re

import pytest

from people.factories import DepartmentFactory
from people.models import Department

pytestmark = pytest.mark.django_db

IN_PINYIN_ORDER = ["办公室", "财务处", "法规处", "人事处", "信息中心"]  # ban, cai, fa, ren, xin


@pytest.fixture
def departments():
    return [DepartmentFactory(name=name, sort_order=0) for name in ["信息中心", "人事处", "办公室", "法规处", "财务处"]]


def test_departments_are_in_pinyin_order(departments):
    assert list(Department.objects.values_list("name", flat=True)) == IN_PINYIN_ORDER


def test_the_admin_lists_departments_in_pinyin_order(client, superuser, departments):
    client.force_login(superuser)
    for ordering, expected in (({}, IN_PINYIN_ORDER), ({"ordering": "-name"}, IN_PINYIN_ORDER[::-1])):
        response = client.get("/admin/departments/", ordering)
        assert response.status_code == 200, response
        html = response.content.decode()
        positions = [re.search(rf">\s*{name}\s*<", html).start() for name in expected]
        assert positions == sorted(positions), ordering
