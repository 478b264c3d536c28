from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from progress.services import send_plan_reminders


class Command(BaseCommand):
    help = (
        "Send the monthly reading plan notice to employees behind their pace. For cron, e.g. on the 1st of "
        "each month; safe to run more often: each employee gets at most one such notice a month."
    )

    def handle(self, **options):
        sent = send_plan_reminders()
        self.stdout.write(_("%(count)d reading plan reminders sent.") % {"count": sent})
