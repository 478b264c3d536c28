"""Brute-force protection for both log-in pages, on top of django-axes.

django-axes records every failed log-in in the database (AccessAttempt) and
refuses further attempts once a threshold is reached, for LOGIN_LOCKOUT_MINUTES
after the last failure. Two thresholds apply, each on its own:

- per account: LOGIN_FAILURE_LIMIT failures for one staff number, from any
  address, whatever case it is typed in;
- per client address: LOGIN_ADDRESS_FAILURE_LIMIT failures from one address,
  over any staff numbers (one machine trying many accounts). It is higher, as
  a whole office may share one address behind NAT.

The log-in forms (people.forms) show the lockout as a form error with the wait
in minutes; `lockout_response` then answers with 429 on the same page.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils.translation import ngettext

from .models import staff_number_key


def lockout_username(request, credentials=None):
    """The staff number a log-in attempt is counted against (AXES_USERNAME_CALLABLE), in one case."""
    if credentials:
        value = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        value = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    return staff_number_key(value)


def client_address(request):
    """The visitor's address (AXES_CLIENT_IP_CALLABLE).

    Behind LOGIN_TRUSTED_PROXIES proxies (nginx), REMOTE_ADDR is the proxy's
    address; the client's is the one the nearest trusted proxy added to
    X-Forwarded-For. Addresses further left were written by the client and are
    not trusted.
    """
    proxies = settings.LOGIN_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class LoginLockoutHandler(AxesDatabaseHandler):
    """axes' database handler with separate limits per account and per address.

    AXES_LOCKOUT_PARAMETERS is ["username", "ip_address"], so
    get_user_attempts() returns the recent attempts of this staff number and of
    this address. axes compares get_failures() with AXES_FAILURE_LIMIT (the
    per-account limit); an address over its own limit counts as that limit.
    """

    def get_failures(self, request, credentials=None):
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if by_address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(by_account, settings.AXES_FAILURE_LIMIT)
        return by_account


def lockout_minutes():
    return max(1, -(-int(settings.AXES_COOLOFF_TIME.total_seconds()) // 60))


def lockout_message():
    """What a locked-out visitor reads; the lock lasts the whole cool-off after this very attempt."""
    minutes = lockout_minutes()
    return ngettext(
        "Too many failed log-ins: this staff number or this computer is locked for %(minutes)s minute. "
        "Please try again later, or ask an administrator to unlock it.",
        "Too many failed log-ins: this staff number or this computer is locked for %(minutes)s minutes. "
        "Please try again later, or ask an administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the log-in page again, with the lockout message, as 429.

    Our log-in forms (public and admin) have already put the message on the
    form; any other attempt (a view of ours that calls authenticate directly)
    gets a page of its own.
    """
    if original_response is not None and getattr(request, "axes_lockout_shown", False):
        original_response.status_code = settings.AXES_HTTP_RESPONSE_CODE
        return original_response
    return render(
        request,
        "people/locked_out.html",
        {"message": lockout_message()},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


class LockoutMessageMixin:
    """For AuthenticationForm subclasses: a locked-out attempt gets the lockout message, not "wrong password"."""

    def clean(self):
        from django.core.exceptions import ValidationError

        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                self.request.axes_lockout_shown = True
                raise ValidationError(lockout_message(), code="locked_out") from None
            raise
