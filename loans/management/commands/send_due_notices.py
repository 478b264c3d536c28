from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from loans.services import send_due_notices


class Command(BaseCommand):
    help = "Notify employees of loans due soon and overdue. Safe to run every few minutes: each notice is sent once."

    def handle(self, **options):
        sent = send_due_notices()
        self.stdout.write(_("%(count)d new notices.") % {"count": sent})
