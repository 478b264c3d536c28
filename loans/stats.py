"""Lending figures for the home page and book pages, computed by the database."""

from django.db.models import Count, Q

from booklists.models import Book
from portal.collation import pinyin_order

from .models import UNUSABLE_COPY_STATUSES, Copy, CopyStatus, ReadingRoom


def popular_books(limit=6):
    """热门图书: the most borrowed titles (Book.loan_count, kept by every loan)."""
    return (
        Book.objects.catalogue_in_query()
        .filter(loan_count__gt=0)
        .select_related("category")
        .order_by("-loan_count", "pk")[:limit]
    )


def availability(book):
    """Per active room: copies on the shelf and in all (在架 N / 共 M), in one query."""
    usable = ~Q(copies__status__in=UNUSABLE_COPY_STATUSES)
    return (
        ReadingRoom.objects.filter(is_active=True, copies__book=book)
        .annotate(
            total=Count("copies", filter=usable & Q(copies__book=book)),
            on_shelf=Count("copies", filter=Q(copies__book=book, copies__status=CopyStatus.ON_SHELF)),
        )
        .filter(total__gt=0)
        .order_by("sort_order", pinyin_order("name"))
    )


def copy_count(book):
    return Copy.objects.filter(book=book).usable().count()
