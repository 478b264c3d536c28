"""Text as people type or paste it: invisible characters out, identifiers in one form.

Spreadsheets and web pages carry characters nobody sees: zero-width spaces and joiners, the
byte-order mark, soft hyphens, and the bidirectional controls (e.g. U+202E RIGHT-TO-LEFT
OVERRIDE) that make a title display as something other than what it is. `clean_text` removes
them (and NUL and other control characters) from titles and other text; `normalize_identifier`
also folds full-width digits and letters (NFKC: ９７８… → 978…) for ISBNs, barcodes and staff
numbers. The catalogue import and the models' clean/save paths use the same functions, so a
value is the same whichever way it came in.
"""

import re
import unicodedata

# Zero-width characters, the BOM, the soft hyphen and the word joiner family.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e"
# Bidirectional marks, embeddings, overrides and isolates.
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0/C1 control characters except tab, line feed and carriage return (text fields keep line breaks).
CONTROLS = "".join(chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), *range(127, 160)])
INVISIBLE = re.compile("[" + re.escape(ZERO_WIDTH + BIDI_CONTROLS + CONTROLS) + "]")


def clean_text(value):
    """`value` without invisible characters, stripped; None and non-strings pass unchanged."""
    if not isinstance(value, str):
        return value
    return INVISIBLE.sub("", value).strip()


def only_invisible(value):
    """True for text that is not empty but has nothing visible once cleaned (e.g. only U+200B)."""
    return isinstance(value, str) and bool(value.strip()) and not clean_text(value)


def normalize_identifier(value):
    """An identifier (ISBN, barcode, staff number) in one form: NFKC (full-width → ASCII), no invisible characters."""
    if not isinstance(value, str):
        return value
    return clean_text(unicodedata.normalize("NFKC", value))
