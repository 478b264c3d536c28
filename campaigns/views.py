"""Public views of the campaigns app: signing up for an event and cancelling, from the event
page (its routable paths ``register/`` and ``cancel-registration/``) and from 我的借阅.

The rules are in ``campaigns.services``; these views call them once and show the outcome.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from . import services


def _back(request, page):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(page.get_url(request) + "#registration")


def _refusal(request, error):
    for message in error.messages:
        messages.error(request, message)


def _guard(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request))
    return None


def sign_up_view(request, page):
    refused = _guard(request, page)
    if refused:
        return refused
    waiting_list = request.POST.get("waiting_list") == "1"
    try:
        registration = services.sign_up(page, request.user, waiting_list=waiting_list)
    except ValidationError as error:
        _refusal(request, error)
    else:
        registration.event = page  # the title in the visitor's language
        messages.success(request, services.sign_up_message(registration))
    return _back(request, page)


def cancel_view(request, page):
    refused = _guard(request, page)
    if refused:
        return refused
    registration_id = request.POST.get("registration", "")
    try:
        if not registration_id.isdigit():
            raise ValidationError(services.no_such_registration())
        registration = services.cancel(int(registration_id), request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        if registration.event_id == page.registration_event_id():
            registration.event = page
        messages.success(request, services.cancel_message(registration))
    return _back(request, page)
