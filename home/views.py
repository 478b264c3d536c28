from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from booklists.models import CataloguePage, Category
from booklists.search import search_books
from notes.models import ReadingNote
from portal import pagecache
from portal.localization import localized_page
from portal.models import visible
from portal.pagination import paginate_counted
from portal.search import matching, title_rank, to_query_terms

RESULTS_PER_PAGE = 10
BOOK_RESULTS_PER_PAGE = 12
NOTE_RESULTS_PER_PAGE = 10
KINDS = ("pages", "books", "notes")

__all__ = ["search", "search_books", "search_notes", "search_pages", "title_rank"]  # search_books: bench/


def search_pages(query, locale, request=None):
    """Live, public pages in one language matching every term of the query."""
    pages = visible(Page.objects.filter(locale=locale))
    terms = to_query_terms(query)
    if not terms:
        return Page.objects.none()
    if all(len(term) == 1 for term in terms):
        # Single characters are not in the bigram index: match them in titles.
        for term in terms:
            pages = pages.filter(title__contains=term)
        return pages.order_by("-first_published_at")
    return (
        matching(pages, query)
        .annotate(title_rank=title_rank(terms))
        .order_by("-title_rank", "-first_published_at", "-pk")
    )


def search_notes(query):
    """Published reading notes matching every term in their title, text or quotation; title matches first.

    Only the published version is searched and shown: the index holds the note's
    row, which for a published note is what was approved (a change waiting for
    review lives in a revision).
    """
    terms = to_query_terms(query)
    if not terms:
        return ReadingNote.objects.none()
    notes = ReadingNote.objects.published().select_related("author__department", "book")
    if all(len(term) == 1 for term in terms):
        for term in terms:
            notes = notes.filter(title__contains=term)
        return notes.order_by("-first_published_at", "-pk")
    return (
        matching(notes, query)
        .annotate(title_rank=title_rank(terms))
        .order_by("-title_rank", "-first_published_at", "-pk")
    )


def search(request):
    """Site search: pages, books and reading notes, each group paginated; books filter by category."""
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("type", "")
    kind = kind if kind in KINDS else ""
    # Kept for anonymous visitors (portal/pagecache.py): results list pages, books and notes.
    pagecache.tag(request, pagecache.NOTES, pagecache.CATALOGUE)
    context = {
        "query": query,
        "kind": kind,
        "results": None,
        "book_results": None,
        "note_results": None,
        "language": get_language(),
    }
    if not query:
        return render(request, "home/search.html", context)

    locale = Locale.get_active()
    if kind in ("", "pages"):
        # Plain Page rows are enough: the summary is search_description (see BasePage.save).
        context["results"] = paginate_counted(request, search_pages(query, locale, request), RESULTS_PER_PAGE)
    if kind in ("", "books"):
        categories = list(Category.objects.filter(locale=locale)) or list(
            Category.objects.filter(locale_id=Locale.get_default().pk)
        )
        code = request.GET.get("category", "")
        current = next((c for c in categories if c.code == code), None)
        context["categories"] = categories
        context["current_category"] = current
        context["book_results"] = paginate_counted(
            request, search_books(query, category=current), BOOK_RESULTS_PER_PAGE, param="bpage"
        )
        context["catalogue"] = localized_page(CataloguePage, request)
    if kind in ("", "notes"):
        context["note_results"] = paginate_counted(request, search_notes(query), NOTE_RESULTS_PER_PAGE, param="npage")
    return render(request, "home/search.html", context)


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the error may come from them or from the database.
    return HttpResponseServerError(loader.get_template("500.html").render())
