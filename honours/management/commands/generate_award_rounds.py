"""Create last month's candidate lists (阅读之星, 书香科室, 优秀读书笔记), for cron on the 1st.

Safe to run twice or from two machines: a round that exists is left alone
(the unique constraint on award and period makes a race produce one round).

    0 6 1 * * manage.py generate_award_rounds
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from honours.models import PERIODIC_KINDS, PeriodKind
from honours.services import ensure_round, last_month


class Command(BaseCommand):
    help = "Generate last month's award rounds (candidate lists) that do not exist yet."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        try:
            today = datetime.date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError as error:
            raise CommandError(f"--today: {error}") from None
        start, end = last_month(today)
        created = 0
        for kind in PERIODIC_KINDS:
            award_round = ensure_round(kind, start, end, period_kind=PeriodKind.MONTH)
            if award_round is not None:
                created += 1
                self.stdout.write(f"Generated {award_round} ({award_round.summary.get('candidates', 0)} candidates)")
        self.stdout.write(f"{created} round(s) created for {start:%Y-%m}.")
