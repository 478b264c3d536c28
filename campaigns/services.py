"""Rules that change event registrations (报名 / 候补 / 签到).

Every change happens in one transaction that first locks the event's row
(``select_for_update``), so simultaneous sign-ups and cancellations for one event
queue behind each other: never more confirmed registrations than places, and the
waiting list moves up first come, first served. The partial unique constraint (one
non-cancelled registration per employee and event) is the backstop.

Each refusal is a ``ValidationError`` with a message for the employee or organiser;
nothing was changed then.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Locale

from loans.models import NoticeKind
from loans.notices import notify
from notes import services as note_services

from .choices import RegistrationStatus
from .models import CampaignPage, EssayEntry, EventPage, Registration


def _moment(value):
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _name(user):
    return user.real_name or user.staff_number


def _locked_event(event):
    """The source-locale event row, locked until the transaction ends."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.registration_event_id())


def _already(registration):
    if registration.status == RegistrationStatus.WAITING:
        return _("You are already on the waiting list for this event.")
    return _("You have already signed up for this event.")


def waiting_position(registration):
    """1 for the next to move up; None unless waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    return (
        Registration.objects.with_waiting_position()
        .filter(pk=registration.pk)
        .values_list("waiting_position", flat=True)
        .first()
    )


def sign_up(event, user, *, waiting_list=False, now=None):
    """Sign `user` up for `event` (any translation): confirmed while a place is free; when full,
    refused unless `waiting_list`, then on the waiting list. Returns the registration, with
    `waiting_position` set when waiting."""
    full = None
    try:
        with transaction.atomic():
            event = _locked_event(event)
            # The time once the lock is held: the waiting list's order is the order sign-ups got in.
            now = now or timezone.now()
            if not event.takes_registrations:
                raise ValidationError(_("This event does not take registrations."))
            if now >= event.registration_closes_at:
                raise ValidationError(
                    _("Registration closed on %(date)s.") % {"date": _moment(event.registration_closes_at)}
                )
            existing = Registration.objects.filter(event=event, user=user).active().first()
            if existing is not None:
                raise ValidationError(_already(existing))
            # Places an organiser added go to the waiting list first (kept even if this sign-up is refused).
            _fill_places(event, now)
            confirmed = Registration.objects.filter(event=event).confirmed().count()
            if confirmed < event.capacity:
                status = RegistrationStatus.CONFIRMED
            elif waiting_list:
                status = RegistrationStatus.WAITING
            else:
                full = ValidationError(
                    _("The event is full (%(count)d places). You can join the waiting list.")
                    % {"count": event.capacity},
                    code="full",
                )
            if full is None:
                registration = Registration.objects.create(event=event, user=user, status=status, created_at=now)
                registration.waiting_position = waiting_position(registration)
    except IntegrityError as error:
        # The partial unique index caught a double submission the lock did not (should not happen).
        raise ValidationError(_("You have already signed up for this event.")) from error
    if full is not None:
        raise full
    return registration


def sign_up_message(registration):
    title = registration.event.title
    if registration.status == RegistrationStatus.WAITING:
        return _("The event 《%(title)s》 is full: you are number %(position)d on the waiting list.") % {
            "title": title,
            "position": registration.waiting_position or 1,
        }
    return _("You have signed up for 《%(title)s》.") % {"title": title}


def no_such_registration():
    return _("No such registration.")


def cancel(registration_id, user, *, now=None):
    """Cancel one's own registration (confirmed or waiting); a freed place goes to the first on
    the waiting list, who gets a notice. Returns the cancelled registration."""
    with transaction.atomic():
        event_id = Registration.objects.filter(pk=registration_id).values_list("event_id", flat=True).first()
        event = EventPage.objects.select_for_update(of=("self",)).filter(pk=event_id).first() if event_id else None
        registration = (
            Registration.objects.select_for_update(of=("self",)).filter(pk=registration_id).first() if event else None
        )
        if registration is None or registration.user_id != user.pk:
            raise ValidationError(no_such_registration())
        now = now or timezone.now()
        if registration.status == RegistrationStatus.CANCELLED:
            raise ValidationError(_("This registration has already been cancelled."))
        if now >= event.start_time:
            raise ValidationError(_("The event has started: the registration can no longer be cancelled."))
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        registration.event = event
        registration.promoted = _fill_places(event, now)
    return registration


def cancel_message(registration):
    return _("Your registration for 《%(title)s》 is cancelled.") % {"title": registration.event.title}


def _fill_places(event, now):
    """Move the first waiting registrations up while places are free (the caller holds the
    event lock): after a cancellation, or when an organiser added places. Returns those moved up."""
    if not event.takes_registrations or not event.capacity or now >= event.start_time:
        return []
    free = event.capacity - Registration.objects.filter(event=event).confirmed().count()
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.select_for_update(of=("self",))
        .filter(event=event)
        .waiting()
        .select_related("user")
        .in_queue_order()[:free]
    )
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        notify(
            registration.user,
            NoticeKind.EVENT,
            key=f"event-promoted:{registration.pk}",
            message=lambda event=event: (
                _("A place has come free: you are now signed up for 《%(title)s》 (%(date)s, %(place)s).")
                % {"title": event.title, "date": _moment(event.start_time), "place": event.place}
            ),
        )
    return promoted


def find_staff(staff_number):
    staff_number = (staff_number or "").strip()
    if not staff_number:
        raise ValidationError(_("Enter or scan a staff number."))
    user = (
        get_user_model()
        .objects.select_related("department")
        .filter(staff_number__iexact=staff_number, is_active=True)
        .first()
    )
    if user is None:
        raise ValidationError(_("No active employee has the staff number “%(number)s”.") % {"number": staff_number})
    return user


def mark_attendance(event, staff_number, by, *, now=None):
    """签到 at the door: the employee with this staff number attended `event`. Returns the registration."""
    now = now or timezone.now()
    user = find_staff(staff_number)
    who = {"name": _name(user), "number": user.staff_number}
    with transaction.atomic():
        event = _locked_event(event)
        registration = (
            Registration.objects.select_for_update(of=("self",)).filter(event=event, user=user).active().first()
        )
        if registration is None:
            raise ValidationError(_("%(name)s (%(number)s) has not signed up for this event.") % who)
        if registration.status == RegistrationStatus.WAITING:
            raise ValidationError(
                _("%(name)s (%(number)s) is only on the waiting list and has no place at this event.") % who
            )
        if registration.attended_at:
            raise ValidationError(
                _("%(name)s (%(number)s) was already checked in at %(time)s.")
                % {**who, "time": _moment(registration.attended_at)}
            )
        registration.attended_at = now
        registration.checked_in_by = by
        registration.save(update_fields=["attended_at", "checked_in_by"])
    registration.user = user
    registration.event = event
    return registration


def attendance_message(registration):
    user = registration.user
    department = user.department.name if user.department_id else ""
    if department:
        return _("Checked in: %(name)s (%(number)s, %(department)s).") % {
            "name": _name(user),
            "number": user.staff_number,
            "department": department,
        }
    return _("Checked in: %(name)s (%(number)s).") % {"name": _name(user), "number": user.staff_number}


# --- 征文 (essay contest) entries ---


def original_event(event):
    """The contest's page in the default language: entries are stored against it, whatever translation was used."""
    default = Locale.get_default()
    if event.locale_id == default.pk:
        return event
    return EventPage.objects.get(translation_key=event.translation_key, locale=default)


def contest_campaign(event):
    """The campaign the contest belongs to (its ancestor campaign page), or None."""
    return CampaignPage.objects.ancestor_of(event).order_by("-depth").first()


def check_can_enter(event, author, now=None):
    """Raise ValidationError with the reason (for the employee) when `author` may not enter `event` now."""
    if not event.is_essay_contest:
        raise ValidationError(_("This event is not an essay contest: it does not take entries."))
    now = now or timezone.now()
    if event.entries_close is None or now > event.entries_close:
        closed = (
            formats.date_format(timezone.localtime(event.entries_close), "DATETIME_FORMAT")
            if event.entries_close
            else ""
        )
        raise ValidationError(
            _("Entries for this essay contest closed on %(date)s; no more entries are accepted.") % {"date": closed}
        )
    if EssayEntry.objects.for_event(event).filter(author=author).exists():
        raise ValidationError(_("You have already entered this essay contest."))


def submit_essay_entry(event, author, *, book, text=None, title="", body="", quote="", now=None):
    """Enter `event` (an essay contest, in any language) with a new reading note, submitted to moderation.

    Give either `text` (a NoteText from notes.services.clean_note_text) or the raw title, body and quote.
    Refused (ValidationError, nothing saved) for an event that is not an essay contest, after its
    deadline, and for an employee who has already entered it. Returns the EssayEntry.
    """
    event = original_event(event)
    now = now or timezone.now()
    check_can_enter(event, author, now)
    try:
        with transaction.atomic():
            note = note_services.save_note(
                author,
                book=book,
                text=text,
                title=title,
                body=body,
                quote=quote,
                campaign=contest_campaign(event),
                submit=True,
            )
            entry = EssayEntry(event=event, author=author, note=note, submitted_at=now)
            entry.full_clean()
            entry.save()
    except IntegrityError:  # the same employee entering twice at the same moment
        raise ValidationError(_("You have already entered this essay contest.")) from None
    return entry
