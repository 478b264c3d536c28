"""Public views of the campaigns app that are not a page's own template: entering an essay contest (征文).

The rules are campaigns.services; this view collects the note (with the notes app's
form, so an entry is written like any reading note) and shows the answer.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from . import services
from .forms import EssayEntryForm


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
