"""Template tags for the employee's side of lending (header badge, days left)."""

import datetime

from django import template
from django.utils import timezone

from ..models import Notice

register = template.Library()


def unread_count_for(request):
    """Unread notices of the logged-in user: one query per request, none for visitors."""
    if request is None:
        return 0
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    cached = getattr(request, "_loans_unread_notices", None)
    if cached is None:
        cached = Notice.objects.filter(user=user, read_at__isnull=True).count()
        request._loans_unread_notices = cached
    return cached


@register.simple_tag(takes_context=True)
def unread_notice_count(context):
    return unread_count_for(context.get("request"))


@register.filter
def local_day(value):
    """The local date of a datetime (or a date) written the way the active language writes dates."""
    from portal.templatetags.portal_tags import local_date

    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return local_date(value)
