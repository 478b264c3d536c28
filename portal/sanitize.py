"""Untrusted HTML from employees (reading notes) becomes safe rich text.

Wagtail stores and renders rich text as given, so HTML typed by a non-staff
user goes through two steps before it is stored (DESIGN.md §4):

1. Wagtail's editor-HTML converter turns it into Wagtail's rich-text database
   format, keeping only the elements of the features we allow;
2. an nh3 (ammonia) allowlist cleans the result: paragraphs, h3–h4, bold,
   italic, lists, blockquote, line breaks and links with http, https or mailto
   only, which get rel="nofollow noopener".

Rendering repeats step 2 on the expanded HTML, so nothing stored before a rule
changed can slip through either.
"""

import nh3
from django.utils.safestring import mark_safe

NOTE_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "blockquote"]
ALLOWED_TAGS = {"p", "br", "h3", "h4", "b", "strong", "i", "em", "ul", "ol", "li", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener"


def clean_html(html):
    """The nh3 allowlist alone (also used at render time)."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        url_relative="deny",
        link_rel=LINK_REL,
        strip_comments=True,
    )


def sanitize_user_html(html):
    """What may be stored: Wagtail's database format, cleaned by the allowlist."""
    # Imported here: models import this module before Wagtail's registries are ready.
    from .internals import editor_html_converter

    # A first allowlist pass drops <script>/<style> with their text, which the
    # converter would otherwise keep as words.
    database_html = editor_html_converter(NOTE_FEATURES).to_database_format(clean_html(html))
    return clean_html(database_html)


def render_user_html(stored):
    """Expand stored rich text for display and clean it once more."""
    from wagtail.rich_text import expand_db_html

    return mark_safe(clean_html(expand_db_html(stored or "")))  # noqa: S308 - cleaned just above


def plain_text_length(html):
    """Characters a reader sees (for the 50–20,000 character limit)."""
    return len(nh3.clean(html or "", tags=set()).strip())
