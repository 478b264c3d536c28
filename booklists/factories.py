"""Factories for the catalogue (books, the seeded categories) and book list pages.

Categories are created by the data migration 0002_seed_categories, so
``CategoryFactory(code="party-history")`` looks the seeded one up in the
default locale instead of making a new row; an unknown code makes one.

``BookListPageFactory(parent=index, books=[(book, "reason"), ...])`` creates
a published list whose items are those books, in that order.
"""

import factory
from factory.django import DjangoModelFactory
from stdnum import ean
from wagtail.models import Locale

from booklists.models import Book, BookListIndexPage, BookListItem, BookListPage, CataloguePage, Category
from portal.factories import PublishedPageFactory


def isbn13(n, prefix="9787"):
    """A valid ISBN-13 built from a serial number (prefix + zero-padded n + check digit)."""
    first12 = f"{prefix}{n:0{12 - len(prefix)}d}"
    return first12 + ean.calc_check_digit(first12)


def default_locale():
    return Locale.get_default()


class CategoryFactory(DjangoModelFactory):
    code = "literature"
    name = factory.LazyAttribute(lambda c: f"分类{c.code}")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Category
        django_get_or_create = ("code", "locale")


class BookFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"测试图书{n}")
    authors = factory.Sequence(lambda n: f"作者{n}")
    publisher = "人民文学出版社"
    year = 2020
    isbn = factory.Sequence(lambda n: isbn13(n + 1))
    # Looked up (or made) even for build(): a book needs a saved category.
    category = factory.LazyFunction(lambda: CategoryFactory())
    summary = ""
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Book


class BookListIndexPageFactory(PublishedPageFactory):
    title = "推荐书目"
    slug = "booklists"
    intro = "领导干部领读书单和推荐书目"

    class Meta:
        model = BookListIndexPage


class CataloguePageFactory(PublishedPageFactory):
    title = "图书目录"
    slug = "catalogue"
    intro = "职工书屋藏书目录"

    class Meta:
        model = CataloguePage


class BookListPageFactory(PublishedPageFactory):
    """``books`` is a list of books or (book, reason) pairs, kept in that order."""

    title = factory.Sequence(lambda n: f"推荐书目第{n}期")
    intro = "本期推荐"
    theme = "品读经典"
    books = factory.LazyFunction(list)

    class Meta:
        model = BookListPage

    _deferred_fields = ("books",)

    @classmethod
    def before_add(cls, instance, books=()):
        items = []
        for order, entry in enumerate(books):
            book, reason = entry if isinstance(entry, tuple) else (entry, "")
            items.append(BookListItem(book=book, reason=reason, sort_order=order))
        instance.items = items
