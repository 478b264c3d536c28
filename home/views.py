from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from portal.search import to_query_terms

RESULTS_PER_PAGE = 10


def search_pages(query, locale):
    """Live, public pages in one language matching every term of the query."""
    pages = Page.objects.live().public().filter(locale=locale)
    terms = to_query_terms(query)
    if not terms:
        return Page.objects.none()
    if all(len(term) == 1 for term in terms):
        # Single characters are not in the bigram index: match them in titles.
        for term in terms:
            pages = pages.filter(title__contains=term)
        return pages.order_by("-first_published_at")
    return pages.search(query, operator="and")


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    results = None
    if query:
        locale = Locale.get_active()
        matches = search_pages(query, locale)
        paginator = Paginator(matches, RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
        # One query per page type on this result page, not one per result.
        specific = {p.pk: p for p in Page.objects.filter(pk__in=[p.pk for p in results]).specific()}
        results.object_list = [specific[p.pk] for p in results if p.pk in specific]
    return render(request, "home/search.html", {"query": query, "results": results, "language": get_language()})


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the error may come from them or from the database.
    return HttpResponseServerError(loader.get_template("500.html").render())
