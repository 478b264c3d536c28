"""Reading notes shown on other apps' pages, through their hooks (registered by notes/wagtail_hooks.py).

Neither booklists (below notes) nor campaigns (above it) imports notes: their
pages collect panels from a hook (portal_book_page_panels,
portal_campaign_page_panels), each a dict naming the template that shows it.
"""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse

from portal.sql import pk_in_any

from .models import ReadingNote

BOOK_PAGE_NOTES = 20
CAMPAIGN_PAGE_NOTES = 6
OUTCOME_NOTES = 6


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
    """portal_campaign_page_panels: 读书心得 written for this campaign (under the book lists) and, once
    the campaign reaches 总结评估 (campaign.shows_outcomes), the notes marked 优秀 during it in
    its 成果展示 (order 30): the same notes its figures count as 优秀. One query for both lists.

    Notes point at the campaign in any of its languages (the catalogue language's, usually).
    """
    written = (
        ReadingNote.objects.published()
        .filter(campaign__translation_key=campaign.translation_key)
        .order_by("-first_published_at", "-pk")
    )
    if not campaign.shows_outcomes(timeline):
        for_campaign = list(written.cards()[:CAMPAIGN_PAGE_NOTES])
        excellent = []
    else:
        marked = ReadingNote.objects.excellent_between(campaign.start_date, campaign.end_date).order_by(
            "-marked_excellent_at", "-pk"
        )
        written_ids = written.values("pk")[:CAMPAIGN_PAGE_NOTES]
        marked_ids = marked.values("pk")[:OUTCOME_NOTES]
        in_written = Q(pk__in=written_ids)
        in_marked = Q(pk__in=marked_ids)
        notes = list(
            ReadingNote.objects.cards()
            # Not `in_written | in_marked`: with that OR PostgreSQL scanned every note (portal.sql).
            .filter(pk_in_any(written_ids, marked_ids))
            .annotate(
                for_campaign=ExpressionWrapper(in_written, output_field=BooleanField()),
                outcome=ExpressionWrapper(in_marked, output_field=BooleanField()),
            )
        )
        # In the subqueries' orders (a Python sort of at most twelve notes).
        for_campaign = sorted(
            (note for note in notes if note.for_campaign), key=lambda n: (n.first_published_at, n.pk), reverse=True
        )
        excellent = sorted(
            (note for note in notes if note.outcome), key=lambda n: (n.marked_excellent_at, n.pk), reverse=True
        )
    panels = []
    if excellent:
        panels.append(
            {"template": "notes/campaign_excellent_panel.html", "position": "outcomes", "order": 30, "notes": excellent}
        )
    if for_campaign:
        panels.append(
            {"template": "notes/campaign_panel.html", "position": "below", "campaign": campaign, "notes": for_campaign}
        )
    return panels
