"""Demo reading plans (progress/demo/content.py), made through the plan's services.

    from progress.demo.builder import build_plans
    build_plans(today=run.today, tally=run.tally)
    build_challenge_participants(today=run.today, tally=run.tally)

Idempotent: an employee who already has a goal this year is left as they are.
"""

import datetime

from django.contrib.auth import get_user_model
from wagtail.models import Locale

from booklists.models import Book
from campaigns.models import ReadingChallengePage
from progress import challenges, services
from progress.models import ReadingGoal

from . import content


def build_plans(today, tally=None):
    created = skipped = 0
    users = {
        u.staff_number: u
        for u in get_user_model().objects.filter(staff_number__in=[p["staff_number"] for p in content.PLANS])
    }
    for plan in content.PLANS:
        user = users.get(plan["staff_number"])
        if user is None:
            continue
        if ReadingGoal.objects.filter(user=user, year=today.year).exists():
            skipped += 1
            continue
        # Set on 1 January so the pace runs over the whole year.
        services.set_goal(user, plan["goal"], today=datetime.date(today.year, 1, 1))
        books = Book.objects.filter(title__in=plan["planned"], locale=Locale.get_default())
        services.add_books(user, books, today=today)
        for title, author in plan["typed"]:
            services.add_planned(user, title=title, author=author, today=today)
        for title, author, days_ago, note in plan["self_reads"]:
            finished = max(today - datetime.timedelta(days=days_ago), datetime.date(today.year, 1, 1))
            services.report_read(user, title=title, author=author, finished_on=finished, note=note)
        created += 1
    if tally:
        tally("阅读计划", created, skipped)
    return created


def build_challenge_participants(today, tally=None):
    """The employees who joined the running self-enrolment challenge, through challenges.join.

    Idempotent: an employee already in is skipped.
    """
    challenge = ReadingChallengePage.objects.filter(slug=content.CHALLENGE_SLUG, locale=Locale.get_default()).first()
    if challenge is None:
        return 0
    joined = set(challenges.entries(challenge).values_list("user__staff_number", flat=True))
    created = skipped = 0
    for user in (
        get_user_model().objects.filter(staff_number__in=content.CHALLENGE_PARTICIPANTS).order_by("staff_number")
    ):
        if user.staff_number in joined:
            skipped += 1
            continue
        challenges.join(user, challenge, today=today)
        created += 1
    if tally:
        tally("主题阅读活动报名", created, skipped)
    return created
