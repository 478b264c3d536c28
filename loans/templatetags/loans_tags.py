"""Template tags for the employee's side of lending (header badge, days left)."""

import datetime

from django import template
from django.utils import timezone

from ..notices import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notice_count(context):
    """The header badge: the logged-in user's unread notices (see `loans.notices.unread_count`)."""
    return unread_count(context.get("request"))


@register.filter
def local_day(value):
    """The local date of a datetime (or a date) written the way the active language writes dates."""
    from portal.templatetags.portal_tags import local_date

    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return local_date(value)
