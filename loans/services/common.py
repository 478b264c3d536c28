"""What circulation and collection management share: the refusal, the outcome, how a date and a
person are written in messages, and the check of the reading room an action happens in."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import Copy, Loan, Reservation


class Refused(Exception):
    """A desk or self-service action that the rules do not allow. Nothing was changed."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Outcome:
    message: str
    loan: Loan | None = None
    reservation: Reservation | None = None
    copy: Copy | None = None


def _day(value):
    """A date in a message, in the active language: the month and day this year (11月24日 /
    24 November), the full date when it falls in another year (2027年1月20日 / 20 January 2027).

    Notices are written inside ``translation.override(recipient's language)``, so they get the
    recipient's format."""
    if not value:
        return ""
    return date_format(value, "MONTH_DAY_FORMAT" if value.year == timezone.localdate().year else "DATE_FORMAT")


def _name(user):
    return user.real_name or user.staff_number


def check_room(room):
    """Refuse a missing or closed reading room (also for forms that check before acting)."""
    if room is None:
        raise Refused(_("Choose the reading room you are working in."))
    if not room.is_active:
        raise Refused(_("The reading room “%(room)s” is not in service.") % {"room": room})
