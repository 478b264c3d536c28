"""Builds the demo's departments, users (one for every role) and employees (people/demo/content.py)."""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from people.models import Department, User

from . import content


def build_departments(run):
    departments = {}
    for order, spec in enumerate(content.DEPARTMENTS):
        department, created = Department.objects.get_or_create(
            name=spec["name"],
            defaults={"code": spec["code"], "headcount": spec["headcount"], "sort_order": order},
        )
        run.count(run.created if created else run.skipped, "部门")
        departments[spec["name"]] = department
    return departments


def build_users(run, departments):
    """The demo users by staff number ("admin" is the superuser); sets run.admin."""
    users = {}
    for spec in content.USERS:
        user = User.objects.filter(staff_number=spec["staff_number"]).first()
        if user is None:
            fields = {
                "real_name": spec["real_name"],
                "department": departments.get(spec["department"]),
            }
            if spec.get("superuser"):
                user = User.objects.create_superuser(
                    spec["staff_number"], spec["email"], content.DEMO_PASSWORD, **fields
                )
            else:
                user = User.objects.create_user(spec["staff_number"], spec["email"], content.DEMO_PASSWORD, **fields)
            run.count(run.created, "用户")
        else:
            run.count(run.skipped, "用户")
        if spec["groups"]:
            # The groups come from people 0002; a missing one is a broken database.
            user.groups.add(*[Group.objects.get(name=name) for name in spec["groups"]])
        users[spec["staff_number"]] = user
    run.admin = users["admin"]
    return users


def build_employees(run, departments):
    """The ordinary employees of the lending and notes demo (E2001…), all with the demo password."""
    existing = {user.staff_number: user for user in User.objects.filter(staff_number__startswith="E2")}
    password = make_password(content.DEMO_PASSWORD)  # hashed once: 40 hashes would take seconds
    employees = {}
    for staff_number, name, department in content.EMPLOYEES:
        user = existing.get(staff_number)
        if user is None:
            user = User(
                staff_number=staff_number,
                real_name=name,
                department=departments[department],
                email=f"{staff_number.lower()}@example.gov.cn",
                password=password,
            )
            user.save()
            run.count(run.created, "用户")
        else:
            run.count(run.skipped, "用户")
        employees[staff_number] = user
    return employees
