"""ISBN validation and normalisation: ISBN-10 and ISBN-13 in, ISBN-13 out."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SEPARATORS = re.compile(r"[\s\-‐–—_.]")


def _isbn13_check_digit(first12):
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def _isbn10_is_valid(isbn):
    total = 0
    for i, char in enumerate(isbn):
        value = 10 if char == "X" else int(char)
        total += value * (10 - i)
    return total % 11 == 0


def normalize_isbn(value):
    """Return the ISBN-13 for an ISBN-10 or ISBN-13 (hyphens and spaces allowed).

    Raises ValidationError with a message naming what is wrong. An empty value
    returns "" (many old reading-room books have no ISBN).
    """
    if value is None:
        return ""
    raw = str(value).strip()
    if raw.endswith(".0") and raw[:-2].isdigit():
        raw = raw[:-2]  # spreadsheets store 9787020049295 as a float
    isbn = SEPARATORS.sub("", raw).upper()
    if isbn.startswith("ISBN"):
        isbn = isbn[4:].lstrip(":：")
    if not isbn:
        return ""
    if len(isbn) == 10:
        if not re.fullmatch(r"\d{9}[\dX]", isbn):
            raise ValidationError(_("ISBN “%(value)s” contains letters or symbols.") % {"value": raw}, code="chars")
        if not _isbn10_is_valid(isbn):
            raise ValidationError(_("ISBN “%(value)s” has a wrong check digit.") % {"value": raw}, code="checksum")
        first12 = "978" + isbn[:9]
        return first12 + _isbn13_check_digit(first12)
    if len(isbn) == 13:
        if not isbn.isdigit():
            raise ValidationError(_("ISBN “%(value)s” contains letters or symbols.") % {"value": raw}, code="chars")
        if not isbn.startswith(("978", "979")):
            raise ValidationError(_("ISBN “%(value)s” must start with 978 or 979.") % {"value": raw}, code="prefix")
        if _isbn13_check_digit(isbn[:12]) != isbn[12]:
            raise ValidationError(_("ISBN “%(value)s” has a wrong check digit.") % {"value": raw}, code="checksum")
        return isbn
    if re.search(r"[^\dX]", isbn):
        raise ValidationError(_("ISBN “%(value)s” contains letters or symbols.") % {"value": raw}, code="chars")
    raise ValidationError(
        _("ISBN “%(value)s” has %(count)d digits; it must have 10 or 13.") % {"value": raw, "count": len(isbn)},
        code="length",
    )


def format_isbn13(isbn):
    """978-7-02-004929-5 style is publisher-specific; group only the prefix and check digit."""
    if len(isbn) != 13:
        return isbn
    return f"{isbn[:3]}-{isbn[3:12]}-{isbn[12]}"


def validate_isbn(value):
    normalize_isbn(value)
