"""Lending figures for the home page, book pages and publicity, computed by the database."""

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from booklists.models import Book

from .models import Copy, CopyStatus, Loan, ReadingRoom


def loans_by_month(since=None):
    loans = Loan.objects.all()
    if since:
        loans = loans.filter(lent_at__gte=since)
    return loans.annotate(month=TruncMonth("lent_at")).values("month").annotate(loans=Count("pk")).order_by("month")


def loans_by_category(since=None):
    loans = Loan.objects.all()
    if since:
        loans = loans.filter(lent_at__gte=since)
    return loans.values("book__category__name").annotate(loans=Count("pk")).order_by("-loans")


def loans_by_department(since=None):
    loans = Loan.objects.all()
    if since:
        loans = loans.filter(lent_at__gte=since)
    return (
        loans.values("borrower__department__name", "borrower__department__headcount")
        .annotate(loans=Count("pk"))
        .order_by("-loans")
    )


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
    usable = ~Q(copies__status__in=[CopyStatus.LOST, CopyStatus.WITHDRAWN])
    return (
        ReadingRoom.objects.filter(is_active=True, copies__book=book)
        .annotate(
            total=Count("copies", filter=usable & Q(copies__book=book)),
            on_shelf=Count("copies", filter=Q(copies__book=book, copies__status=CopyStatus.ON_SHELF)),
        )
        .filter(total__gt=0)
        .order_by("sort_order", "name")
    )


def copy_count(book):
    return Copy.objects.filter(book=book).exclude(status__in=[CopyStatus.LOST, CopyStatus.WITHDRAWN]).count()
