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


def build_contest_results(editor, tally=None):
    """征文获奖: the 2024 essay contest's results, from its approved entries, prizes given with reasons, published.

    Published directly, as the other demo rounds are. A published round is left as it is.
    """
    from campaigns.demo.content import ESSAY_CONTEST_SLUG
    from campaigns.models import EventPage

    event = EventPage.objects.filter(slug=ESSAY_CONTEST_SLUG, locale__language_code="zh-hans").first()
    existing = AwardRound.objects.filter(kind=AwardKind.ESSAY, event=event).first() if event else None
    if event is None or (existing is not None and existing.is_frozen):
        if tally:
            tally("征文获奖", 0, 1 if existing else 0)
        return existing
    award_round, _ = services.generate_contest_round(event, user=editor)
    by_author = {c["staff_number"]: c["key"] for c in award_round.candidates}
    awarded = {o["key"] for o in award_round.get_latest_revision_as_object().overrides or []}
    for staff_number, prize, reason in content.ESSAY_PRIZES:
        key = by_author.get(staff_number)
        if key and key not in awarded:
            award_round = services.override_winner(award_round, editor, key, "add", reason, prize=prize)
    award_round = AwardRound.objects.get(pk=award_round.pk)
    award_round.get_latest_revision().publish(user=editor, skip_permission_checks=True)
    if tally:
        tally("征文获奖", 1, 0)
    return award_round


def build_honours(home, editor, today=None, tally=None):
    """The honour wall under `home` (zh-hans HomePage) and its rounds. Call after loans, notes and essay entries."""
    wall = build_wall(home, tally)
    build_rounds(editor, today, tally)
    build_contest_results(editor, tally)
    return wall
