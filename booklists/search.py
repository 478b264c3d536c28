"""Catalogue search: the books matching a query, optionally in one category."""

from wagtail.models import Locale

from portal.search import matching, title_rank, to_query_terms

from .models import Book, Category


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
