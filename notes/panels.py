"""Reading notes shown on other apps' pages, through their hooks (registered by notes/wagtail_hooks.py).

Neither booklists (below notes) nor campaigns (above it) imports notes: their
pages collect panels from a hook (portal_book_page_panels,
portal_campaign_page_panels), each a dict naming the template that shows it.
"""

from django.urls import reverse

from .models import ReadingNote

BOOK_PAGE_NOTES = 20
CAMPAIGN_PAGE_NOTES = 6


def book_notes_panel(request, book):
    """portal_book_page_panels: the latest published notes on this book, in one query."""
    notes = list(
        ReadingNote.objects.cards().filter(book_id=book.pk).order_by("-first_published_at", "-pk")[:BOOK_PAGE_NOTES]
    )
    return [
        {
            "template": "notes/book_panel.html",
            "book": book,
            "notes": notes,
            "write_url": f"{reverse('notes:write')}?book={book.pk}",
        }
    ]


def campaign_notes_panel(request, campaign, timeline):
    """portal_campaign_page_panels: 读书心得 written for this campaign, in one query.

    Notes point at the campaign in any of its languages (the catalogue language's, usually).
    """
    notes = list(
        ReadingNote.objects.cards()
        .filter(campaign__translation_key=campaign.translation_key)
        .order_by("-first_published_at", "-pk")[:CAMPAIGN_PAGE_NOTES]
    )
    if not notes:
        return []
    return [{"template": "notes/campaign_panel.html", "position": "below", "campaign": campaign, "notes": notes}]
