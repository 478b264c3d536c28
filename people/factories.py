"""Factories for employees (职工), departments and role-group members."""

import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from people.models import Department, User

PASSWORD = "Shuxiang-test-2025"


class DepartmentFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"第{n}科室")
    code = factory.Sequence(lambda n: f"D{n:03d}")
    headcount = 20

    class Meta:
        model = Department
        django_get_or_create = ("name",)


class UserFactory(DjangoModelFactory):
    """An ordinary employee: no groups, no admin access.

    ``UserFactory(groups=["初审"])`` puts the user in the named role groups
    (the groups themselves are created by people/migrations/0002_groups.py).
    """

    staff_number = factory.Sequence(lambda n: f"E{n:05d}")
    real_name = factory.Sequence(lambda n: f"职工{n}")
    email = factory.LazyAttribute(lambda u: f"{u.staff_number.lower()}@example.org")
    password = factory.django.Password(PASSWORD)
    department = None

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        self.groups.add(*[Group.objects.get(name=name) for name in extracted])


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True
