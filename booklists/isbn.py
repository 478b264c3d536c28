"""ISBN validation and normalisation: ISBN-10 and ISBN-13 in, ISBN-13 out.

The arithmetic (check digits, ISBN-10 → ISBN-13) and the hyphenation (from the ISBN agency's
range tables, so 9787101052039 shows as 978-7-101-05203-9) come from python-stdnum. This module
adds what stdnum does not do: reading what librarians type or what spreadsheets store
("ISBN：978…", "9787020049295.0") and saying in the reader's language what is wrong.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

from portal.text import normalize_identifier

SEPARATORS = re.compile(r"[\s\-‐–—_.]")


def normalize_isbn(value):
    """Return the ISBN-13 for an ISBN-10 or ISBN-13 (hyphens and spaces allowed).

    Raises ValidationError with a message naming what is wrong. An empty value
    returns "" (many old reading-room books have no ISBN).
    """
    if value is None:
        return ""
    raw = normalize_identifier(str(value))  # full-width ９７８… and invisible characters from a pasted cell
    if raw.endswith(".0") and raw[:-2].isdigit():
        raw = raw[:-2]  # spreadsheets store 9787020049295 as a float
    isbn = SEPARATORS.sub("", raw).upper()
    if isbn.startswith("ISBN"):
        isbn = isbn[4:].lstrip(":：")
    if not isbn:
        return ""

    def error(message, code, **params):
        return ValidationError(message % {"value": raw, **params}, code=code)

    # Length first, ourselves: stdnum would read a 9-digit number as an old SBN.
    if len(isbn) not in (10, 13):
        if re.search(r"[^\dX]", isbn):
            raise error(_("ISBN “%(value)s” contains letters or symbols."), "chars")
        raise error(_("ISBN “%(value)s” has %(count)d digits; it must have 10 or 13."), "length", count=len(isbn))
    # A 13-digit number outside 978/979 is another kind of EAN: say so even if its check digit is wrong.
    if len(isbn) == 13 and isbn.isascii() and isbn.isdigit() and not isbn.startswith(("978", "979")):
        raise error(_("ISBN “%(value)s” must start with 978 or 979."), "prefix")
    try:
        stdnum_isbn.validate(isbn)
    except InvalidChecksum:
        raise error(_("ISBN “%(value)s” has a wrong check digit."), "checksum") from None
    except InvalidComponent:
        raise error(_("ISBN “%(value)s” must start with 978 or 979."), "prefix") from None
    except (InvalidFormat, InvalidLength):
        raise error(_("ISBN “%(value)s” contains letters or symbols."), "chars") from None
    return stdnum_isbn.to_isbn13(isbn)


def format_isbn13(isbn):
    """Hyphenate a stored ISBN-13 as printed on the book: 978-7-02-004929-5.

    The groups (prefix, country or language group, publisher, title, check digit) come from
    stdnum's copy of the ISBN range tables. Anything that is not 13 characters is returned as is.
    """
    if len(isbn) != 13:
        return isbn
    return stdnum_isbn.format(isbn)


def validate_isbn(value):
    normalize_isbn(value)
