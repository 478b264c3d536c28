"""Showing reading notes: the body only through portal.sanitize.render_user_html."""

import html
import re

import nh3
from django import template
from django.template.defaultfilters import truncatechars

from notes.models import NotesIndexPage
from portal.localization import localized_page
from portal.sanitize import render_user_html

register = template.Library()


@register.filter
def note_html(stored):
    """A note's stored rich text, expanded and cleaned by the allowlist (never `|richtext` or `|safe`)."""
    return render_user_html(stored)


@register.filter
def note_excerpt(stored, length=120):
    """Plain text of a note for cards: tags removed, entities decoded, shortened (escaped by the template)."""
    spaced = re.sub(r"</(p|h3|h4|li|blockquote)>|<br\s*/?>", " ", stored or "", flags=re.IGNORECASE)
    text = html.unescape(nh3.clean(spaced, tags=set()))
    return truncatechars(" ".join(text.split()), int(length))


@register.simple_tag(takes_context=True)
def notes_index_url(context):
    """The address of the 读书心得 page in the reader's language (portal.localization.localized_page); "" if none."""
    request = context.get("request")
    page = localized_page(NotesIndexPage, request)
    return page.get_url(request) if page else ""
