"""Integer query parameters, read one way everywhere (audit issue 9, item 7).

A filter id (?department=, ?book=) that is not a whole number in range is a 400 (BadRequest): the request is
wrong, and no query with an out-of-range number reaches the database (PostgreSQL raises on int8 overflow).
A page number (?page=, ?p=, …) falls back instead, the same way on every list: not a number → the first page,
past the end (however big) → the last page.
"""

import re

from django.core.exceptions import BadRequest

# The largest id any of our tables hands out (a PostgreSQL integer column).
MAX_ID = 2**31 - 1
# No list has this many pages; a bigger ?page= is read as this, and the paginator shows the last page.
MAX_PAGE = 10**6

_DIGITS = re.compile(r"[0-9]+")


def int_param(request, name, default=None, minimum=1, maximum=MAX_ID):
    """?name= as an int in [minimum, maximum]; `default` when absent or blank; BadRequest (400) otherwise."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if raw.startswith("-") and _DIGITS.fullmatch(raw[1:]):
        value = -int(raw[1:]) if len(raw) <= 20 else None
    else:
        value = int(raw) if _DIGITS.fullmatch(raw) and len(raw) <= 20 else None
    if value is None or not minimum <= value <= maximum:
        raise BadRequest(f"?{name}= must be a whole number from {minimum} to {maximum}")
    return value


def page_number(request, name="page"):
    """?name= as a page number from 1: not a number → 1; bigger than MAX_PAGE → MAX_PAGE (the paginator clamps)."""
    raw = request.GET.get(name, "").strip()
    if not _DIGITS.fullmatch(raw):
        return 1
    if len(raw) > len(str(MAX_PAGE)):
        return MAX_PAGE
    return min(max(int(raw), 1), MAX_PAGE)
