"""In-site notices, also sent by email. Each notice has a unique key, so
running a command twice (or two workers at once) sends nothing twice.

A notice is stored and emailed in its recipient's language (their Wagtail
preference, else the site's default), whoever's request or cron job sends it."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Notice


def recipient_language(user):
    try:
        return user.wagtail_userprofile.get_preferred_language()
    except ObjectDoesNotExist:
        return settings.LANGUAGE_CODE


def notify(user, kind, key, message):
    """Record the notice once and email it after the transaction commits. Returns 1 if new, else 0.

    `message` is a callable that writes the text (with gettext); it is called in the recipient's language.
    """
    if callable(message):
        with translation.override(recipient_language(user)):
            message = message()
    try:
        with transaction.atomic():
            notice, created = Notice.objects.get_or_create(
                key=key, defaults={"user": user, "kind": kind, "message": message}
            )
    except IntegrityError:
        return 0  # another worker created it a moment ago
    if created and user.email:
        transaction.on_commit(lambda: _email(notice.pk))
    return int(created)


def _email(notice_id):
    # Claim the notice first so a concurrent sender skips it.
    claimed = Notice.objects.filter(pk=notice_id, emailed_at__isnull=True).update(emailed_at=timezone.now())
    if not claimed:
        return
    notice = Notice.objects.select_related("user").get(pk=notice_id)
    with translation.override(recipient_language(notice.user)):
        subject = _("[Reading room] %(kind)s") % {"kind": notice.get_kind_display()}
    send_mail(
        subject=subject,
        message=notice.message,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notice.user.email],
        fail_silently=True,
    )


# --- the unread count of the header badge, computed at most once per request --------------
# The count is kept on the request object itself (so it lives exactly as long as the request);
# only the two functions below touch that attribute.
_UNREAD_ATTRIBUTE = "_loans_unread_notice_count"


def unread_count(request):
    """Unread notices of the logged-in user: at most one query per request, none for visitors."""
    if request is None:
        return 0
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    count = getattr(request, _UNREAD_ATTRIBUTE, None)
    if count is None:
        count = Notice.objects.filter(user=user).unread().count()
        remember_unread_count(request, count)
    return count


def remember_unread_count(request, count):
    """Record the user's unread count when a view has read it anyway (the book page's lending
    panel does, in its own query), so that `unread_count` asks the database nothing."""
    setattr(request, _UNREAD_ATTRIBUTE, count)
