"""Panels the campaigns app puts on pages of apps to its left (registered in wagtail_hooks.py):
the employee's event registrations on "my library" (loans_my_library_panels) and the events
attended in the reading record (progress_record_sections)."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.internals import content_language
from portal.models import visible

from .models import EventPage, Registration

RECENT_DAYS = 90
PANEL_LIMIT = 12


def localized_events(events):
    """{source event pk: the live page in the active language}, falling back to the event itself.
    One query when the active language is not the default; none otherwise."""
    pages = {event.pk: event for event in events}
    language = content_language(get_language() or settings.LANGUAGE_CODE)
    if events and language != content_language(settings.LANGUAGE_CODE):
        by_key = {event.translation_key: event.pk for event in events}
        for page in visible(EventPage.objects.filter(translation_key__in=by_key, locale__language_code=language)):
            pages[by_key[page.translation_key]] = page
    return pages


def my_registrations_panel(request, user):
    """我的活动报名: upcoming registrations (with the .ics and a cancel button) and recent ones.
    One query, two in a language other than the default."""
    now = timezone.now()
    since = now - datetime.timedelta(days=RECENT_DAYS)
    registrations = list(
        Registration.objects.filter(user=user, event__live=True, event__end_time__gte=since)
        .select_related("event")
        .with_waiting_position()
        .order_by("event__start_time", "created_at")[:PANEL_LIMIT]
    )
    if not registrations:
        return []
    pages = localized_events([registration.event for registration in registrations])
    upcoming, recent = [], []
    for registration in registrations:
        registration.page = pages[registration.event_id]
        registration.can_cancel = registration.is_active and now < registration.event.start_time
        if registration.is_active and registration.event.end_time >= now:
            upcoming.append(registration)
        else:
            recent.append(registration)
    recent.reverse()
    return [
        {
            "template": "campaigns/panels/my_registrations.html",
            "upcoming": upcoming,
            "recent": recent,
            "next": reverse("loans:my_library"),
        }
    ]


def events_attended_section(user, year):
    """参加的活动 in the reading record: the events `user` attended in `year`, in the active
    language. One query, two in a language other than the default."""
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
    registrations = list(
        Registration.objects.filter(user=user, event__start_time__gte=start, event__start_time__lt=end)
        .attended()
        .select_related("event")
        .order_by("event__start_time", "pk")
    )
    pages = localized_events([registration.event for registration in registrations])
    events = [pages[registration.event_id] for registration in registrations]
    rows = [
        [event.title, event.get_kind_display(), timezone.localtime(event.start_time).date(), event.place]
        for event in events
    ]
    return [
        {
            "order": 50,
            "key": "events",
            "title": _("Events attended"),
            "template": "campaigns/panels/record_events.html",
            "columns": [_("Event"), _("Kind"), _("Date"), _("Place")],
            "rows": rows,
            "events": events,
        }
    ]
