"""The public form for writing a reading note (读书心得).

The form collects the fields, names the book and the campaign, and turns
paragraphs typed without JavaScript into HTML. Sanitising and the limits are
notes.services.clean_note_text(): the form calls it once in clean(), reports
its messages next to the fields (keeping everything that was typed) and keeps
the checked text in cleaned_data["text"] for services.save_note().
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale

from booklists.models import Book

from .models import campaign_model
from .services import clean_note_text

# The value of campaigns.choices.PhaseKind.IMPLEMENT (实施): notes sits below campaigns and
# does not import it; campaigns/tests/test_notes_hooks.py checks that the two agree.
IMPLEMENTATION_PHASE = "implement"

# HTML from the editor, as opposed to plain paragraphs typed without JavaScript.
HTML_TAG = re.compile(r"</?(p|br|h3|h4|ul|ol|li|blockquote|b|strong|i|em|a|div)\b", re.IGNORECASE)


def plain_text_to_html(text):
    """Paragraphs typed in the bare textarea (no JavaScript): blank lines separate paragraphs."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n")) if p.strip()]
    return "".join("<p>{}</p>".format(escape(p).replace("\n", "<br>")) for p in paragraphs)


def body_to_html(body):
    return body if HTML_TAG.search(body or "") else plain_text_to_html(body)


def open_campaigns(include_pk=None):
    """Campaigns whose 实施 (implementation) phase includes today, in the catalogue's language; one query.

    `include_pk` keeps the campaign a note already belongs to, after its phase has closed.
    """
    today = timezone.localdate()
    open_now = Q(
        phases__kind=IMPLEMENTATION_PHASE,
        phases__start_date__lte=today,
        phases__end_date__gte=today,
        locale__language_code=Locale.get_default().language_code,
    )
    condition = open_now | Q(pk=include_pk) if include_pk else open_now
    return list(
        campaign_model().objects.live().filter(condition).distinct().only("pk", "title", "slug").order_by("-start_date")
    )


class NoteForm(forms.Form):
    title = forms.CharField(
        label=_("Title of your note"), strip=True, error_messages={"required": _("Please give the note a title.")}
    )
    book = forms.ModelChoiceField(
        label=pgettext_lazy("portal", "Book"),
        queryset=Book.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose the book the note is about: type part of its title and pick it from the list."),
            "invalid_choice": _("That book is not in the catalogue. Please choose it from the list."),
        },
    )
    book_query = forms.CharField(label=_("Search the catalogue"), required=False, max_length=200)
    campaign = forms.ChoiceField(label=_("Campaign"), required=False)
    quote = forms.CharField(
        label=_("Quotation from the book (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label=_("Your note"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "note-editor__source"}),
        help_text=_("50 to 20,000 characters. Without the toolbar, separate paragraphs with an empty line."),
    )

    def __init__(self, *args, campaigns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["book"].queryset = Book.objects.catalogue()
        self.campaigns = {str(c.pk): c for c in campaigns}
        self.fields["campaign"].choices = [("", _("Not part of a campaign"))] + [
            (str(c.pk), c.title) for c in campaigns
        ]

    def clean_campaign(self):
        value = self.cleaned_data.get("campaign")
        return self.campaigns.get(value) if value else None

    def clean_body(self):
        return body_to_html(self.cleaned_data.get("body", ""))

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned["text"] = clean_note_text(
                cleaned.get("title", ""), cleaned.get("body", ""), cleaned.get("quote", "")
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:  # else already reported by the field itself
                    self.add_error(field, messages)
        return cleaned
