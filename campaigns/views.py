"""Public views of the campaigns app: signing up for an event and cancelling, from the event
page (its routable paths ``register/`` and ``cancel-registration/``) and from 我的借阅.

The rules are in ``campaigns.services``; these views call them once and show the outcome.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import services
from .forms import EssayEntryForm


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


# --- 征文 (essay contest) entries ---


def essay_entry_view(page, request):
    """GET: the entry form; POST: submit the entry to note moderation. Refusals say why, in the visitor's language."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('people:login')}?next={request.path}")
    event_url = page.get_url(request)
    try:
        services.check_can_enter(page, request.user)
    except ValidationError as error:
        if request.method != "POST":
            for message in error.messages:
                messages.error(request, message)
            return redirect(event_url)
    form = EssayEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.submit_essay_entry(page, request.user, book=data["book"], text=data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = _("Your entry has been submitted. It appears on the contest page once a moderator approves it.")
            messages.success(request, message)
            return redirect(event_url)
    book = form.cleaned_data.get("book") if hasattr(form, "cleaned_data") else None
    return TemplateResponse(
        request,
        "campaigns/essay_entry_form.html",
        {
            "page": page,
            "self": page,
            "form": form,
            "book": book,
            "event_url": event_url,
            "book_search_url": reverse("notes:book_search"),
        },
    )
