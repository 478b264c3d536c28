"""The periods reports are asked for: a date range that starts before it ends and spans at most five
years (the review sheets' export, the dashboard)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_RANGE_YEARS = 5


def check_range(start, end):
    """A date range the combined export accepts: it starts before it ends and spans at most five years."""
    if end < start:
        raise ValidationError(_("The end date is before the start date."), code="reversed")
    try:
        limit = start.replace(year=start.year + MAX_RANGE_YEARS)
    except ValueError:  # 29 February
        limit = start.replace(year=start.year + MAX_RANGE_YEARS, day=28)
    if end >= limit:
        raise ValidationError(
            _("A range can span at most %(years)d years.") % {"years": MAX_RANGE_YEARS}, code="too_long"
        )
