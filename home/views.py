from django.db import connection
from django.db.models import Case, Value, When
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from booklists.models import Book, CataloguePage, Category
from portal.models import visible
from portal.pagination import paginate
from portal.search import matching, to_query_terms

RESULTS_PER_PAGE = 10
BOOK_RESULTS_PER_PAGE = 12


def search_pages(query, locale, request=None):
    """Live, public pages in one language matching every term of the query."""
    pages = visible(Page.objects.filter(locale=locale), request)
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


def title_rank(terms):
    """How many of the query's terms the title contains: a title match ranks above a body match.

    Ordering by this instead of the backend's relevance score keeps search fast
    on SQLite (see portal.search.matching).
    """
    return sum((Case(When(title__icontains=term, then=1), default=0) for term in terms), Value(0))


def search_books(query, category=None):
    """Catalogue records matching every term; a title match ranks above a summary match."""
    books = Book.objects.catalogue().select_related("category")
    if category is not None:
        # Catalogue records use the default language's categories; the search
        # index can filter on the category's id (a FilterField), not its code.
        if category.locale_id != Locale.get_default().pk:
            category = Category.objects.filter(
                translation_key=category.translation_key, locale_id=Locale.get_default().pk
            ).first()
        books = books.filter(category_id=category.pk if category else None)
    terms = to_query_terms(query)
    if not terms:
        return Book.objects.none()
    if all(len(term) == 1 for term in terms):
        for term in terms:
            books = books.filter(title__contains=term)
        return books.order_by("title")
    return (
        matching(books, query)
        .annotate(title_rank=title_rank(terms))
        .order_by("-title_rank", "-loan_count", "title", "pk")
    )


def search(request):
    """Site search: pages and books, each group paginated; books filter by category."""
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("type", "")
    context = {"query": query, "kind": kind, "results": None, "book_results": None, "language": get_language()}
    if not query:
        return render(request, "home/search.html", context)

    locale = Locale.get_active()
    if kind != "books":
        # Plain Page rows are enough: the summary is search_description (see BasePage.save).
        context["results"] = paginate(request, search_pages(query, locale, request), RESULTS_PER_PAGE)
    if kind != "pages":
        categories = list(Category.objects.filter(locale=locale)) or list(
            Category.objects.filter(locale_id=Locale.get_default().pk)
        )
        code = request.GET.get("category", "")
        current = next((c for c in categories if c.code == code), None)
        context["categories"] = categories
        context["current_category"] = current
        context["book_results"] = paginate(
            request, search_books(query, category=current), BOOK_RESULTS_PER_PAGE, param="bpage"
        )
        context["catalogue"] = CataloguePage.objects.live().filter(locale=locale).first()
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
