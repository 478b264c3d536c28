"""Searching the catalogue: words through the CJK-aware index, ISBNs by their exact value.

Used by the site search (home.views), the note form's book picker (notes.views)
and any catalogue search box. An ISBN-looking query (digits and X, with spaces,
hyphens or full-width digits: `7101052037`, `978 7101052039`,
`９７８-７-１０１-０５２０３-９`) is turned into the ISBN-13 the catalogue stores
(booklists.isbn, as the import does) and matched against the book's `isbn`
field exactly; anything else is searched as words.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from wagtail.models import Locale

from portal.collation import pinyin_order
from portal.search import matching, title_rank, to_query_terms

from .isbn import normalize_isbn
from .models import Book, Category

# What an ISBN typed by a person looks like, after NFKC (full-width digits and hyphens become ASCII).
ISBN_LIKE = re.compile(r"(?:ISBN[:：]?\s*)?[\dXx][\dXx\s\-‐–—]{8,20}", re.IGNORECASE)


def isbn_query(query):
    """The ISBN-13 a query stands for, or "" if it is not a valid ISBN-10 or ISBN-13."""
    text = unicodedata.normalize("NFKC", query or "").strip()
    if not ISBN_LIKE.fullmatch(text):
        return ""
    try:
        return normalize_isbn(text)
    except ValidationError:
        return ""


def search_books(query, category=None):
    """Catalogue records matching every term, or the book with that ISBN; a title match ranks above a summary match."""
    books = Book.objects.catalogue().select_related("category")
    if category is not None:
        # Catalogue records use the default language's categories; the search
        # index can filter on the category's id (a FilterField), not its code.
        if category.locale_id != Locale.get_default().pk:
            category = Category.objects.filter(
                translation_key=category.translation_key, locale_id=Locale.get_default().pk
            ).first()
        books = books.filter(category_id=category.pk if category else None)
    if isbn := isbn_query(query):
        return books.filter(isbn=isbn).order_by(pinyin_order("title"), "pk")
    terms = to_query_terms(query)
    if not terms:
        return Book.objects.none()
    # A single character (a surname) is in the index too: titles and names index each character.
    return (
        matching(books, query)
        .annotate(title_rank=title_rank(terms))
        .order_by("-title_rank", "-loan_count", pinyin_order("title"), "pk")
    )
