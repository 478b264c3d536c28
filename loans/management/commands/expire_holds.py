from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from loans.services import expire_holds


class Command(BaseCommand):
    help = "Pass reserved copies not collected in time to the next in the queue. Safe to run every few minutes."

    def handle(self, **options):
        expired = expire_holds()
        self.stdout.write(_("%(count)d holds expired.") % {"count": expired})
