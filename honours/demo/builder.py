"""Demo honours: the honour wall page (its English version is made by the home demo)
and a year of monthly rounds,
built from the demo's loans and notes by the real code (services.generate_round).

    from honours.demo.builder import build_honours
    build_honours(home, editor=users["E1001"], tally=self.tally)

The twelve months before last month are published (as demo pages are, directly,
bypassing 三审三校); last month's 阅读之星 is submitted to 三审三校 by the editor
and waits for the 初审, and its 书香科室 and 优秀读书笔记 rounds stay drafts.
Idempotent: an existing page or round is left as it is.
"""

from django.utils import timezone

from honours import services
from honours.models import PERIODIC_KINDS, AwardKind, AwardRound, HonorWallPage, PeriodKind

from . import content

MONTHS_PUBLISHED = 12


def _months_back(today, count):
    """(year, month) of the `count` months before last month, oldest first, then last month."""
    year, month = today.year, today.month
    months = []
    for _ in range(count + 1):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append((year, month))
    months.reverse()
    return months[:-1], months[-1]


def build_wall(home, tally=None):
    wall = HonorWallPage.objects.child_of(home).first()
    created = 0
    if wall is None:
        wall = HonorWallPage(title=content.WALL["title"], slug=content.WALL["slug"], intro=content.WALL["intro"])
        wall.show_in_menus = True
        home.add_child(instance=wall)
        wall.save_revision().publish()
        created += 1
    if tally:
        tally("荣誉墙页面", created, 0 if created else 1)
    return wall


def build_rounds(editor, today=None, tally=None):
    today = today or timezone.localdate()
    published_months, last = _months_back(today, MONTHS_PUBLISHED)
    created = skipped = 0
    for year, month in published_months:
        start, end = services.month_period(year, month)
        for kind in PERIODIC_KINDS:
            existing = AwardRound.objects.filter(kind=kind, start_date=start, end_date=end).first()
            if existing is not None and existing.is_frozen:
                skipped += 1
                continue
            award_round, _ = services.generate_round(kind, start, end, period_kind=PeriodKind.MONTH, user=editor)
            # Demo content is published directly, as the demo pages are (the editor could not publish).
            award_round.get_latest_revision().publish(user=editor, skip_permission_checks=True)
            created += 1
    start, end = services.month_period(*last)
    for kind in PERIODIC_KINDS:
        existing = AwardRound.objects.filter(kind=kind, start_date=start, end_date=end).first()
        if existing is not None:
            skipped += 1
            continue
        award_round, _ = services.generate_round(kind, start, end, period_kind=PeriodKind.MONTH, user=editor)
        if kind == AwardKind.STAR:
            award_round.get_workflow().start(award_round, editor)
        created += 1
    if tally:
        tally("荣誉评选", created, skipped)


def build_honours(home, editor, today=None, tally=None):
    """The honour wall under `home` (zh-hans HomePage) and its rounds. Call after loans and notes."""
    wall = build_wall(home, tally)
    build_rounds(editor, today, tally)
    return wall
