"""Chinese titles and names in pinyin order (阿Q正传 < 白鹿原 < 红楼梦 < 平凡的世界 < 西游记).

Unicode code-point order puts 西游记 before 阿Q正传; readers look for a title by its pinyin.
``PinyinOrder("title")`` is the one expression every list sorted by a title or a name uses:

- on PostgreSQL it is ``title COLLATE "zh-x-icu"`` (ICU's Chinese collation, pinyin order);
- on SQLite it is ``title COLLATE pinyin``, a collation registered on each new connection
  (``register_sqlite_collation``) and built on ``pinyin_key``.

Both put punctuation first, then digits, then Han characters by pinyin (with tone), then Latin
letters (case-insensitively). Polyphonic characters may be read differently (ICU reads one
character at a time, pypinyin reads words), which only changes the place of such a title.
"""

import functools
import unicodedata

from django.db.models import F, QuerySet
from django.db.models.functions import Collate
from pypinyin import Style, lazy_pinyin

ICU_COLLATION = "zh-x-icu"
SQLITE_COLLATION = "pinyin"

# The groups in ICU's Chinese order.
_OTHER, _DIGIT, _HAN, _LETTER = range(4)


class PinyinOrder(Collate):
    """An expression (or field name) collated in pinyin order; use it in order_by() and ordering."""

    def __init__(self, expression):
        super().__init__(F(expression) if isinstance(expression, str) else expression, ICU_COLLATION)

    def as_sqlite(self, compiler, connection, **extra_context):
        extra_context["collation"] = connection.ops.quote_name(SQLITE_COLLATION)
        return super().as_sql(compiler, connection, **extra_context)


def pinyin_order(field, descending=False):
    """``order_by(pinyin_order("title"))``; ``descending=True`` for the reverse order."""
    expression = PinyinOrder(field)
    return expression.desc() if descending else expression.asc()


def _is_han(char):
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH") or "\u3400" <= char <= "\u9fff"


def _primary(char, reading):
    if _is_han(char):
        return (_HAN, reading)
    if char.isdigit():
        return (_DIGIT, char)
    if char.isalpha():
        base = unicodedata.normalize("NFKD", char)
        return (_LETTER, "".join(c for c in base if not unicodedata.combining(c)).casefold())
    return (_OTHER, char)


@functools.lru_cache(maxsize=8192)
def pinyin_key(text):
    """A sort key for ``text`` in ICU's Chinese order: pinyin with tone numbers for Han characters
    (红 → hong2), code points for anything else; ties broken by the text itself."""
    readings = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=list)
    if len(readings) != len(text):  # a reading that is not one per character: read each alone
        readings = [lazy_pinyin(char, style=Style.TONE3, neutral_tone_with_five=True, errors=list)[0] for char in text]
    return tuple(_primary(char, reading) for char, reading in zip(text, readings, strict=True)), text


def _compare(left, right):
    left_key, right_key = pinyin_key(left), pinyin_key(right)
    return (left_key > right_key) - (left_key < right_key)


def register_sqlite_collation(sender, connection, **kwargs):
    """connection_created: give each SQLite connection the ``pinyin`` collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


def pinyin_ordering(ordering, fields):
    """An order_by() list with the named fields in pinyin order:
    ``pinyin_ordering(["sort_order", "-name"], {"name"})`` → ``["sort_order", <name DESC in pinyin>]``."""
    result = []
    for item in ordering:
        if isinstance(item, str) and item.lstrip("-") in fields:
            result.append(pinyin_order(item.lstrip("-"), descending=item.startswith("-")))
        else:
            result.append(item)
    return result


class PinyinOrderingMixin:
    """For Wagtail listing views: the columns named in ``pinyin_fields`` sort in pinyin order,
    whether chosen by the view's default ordering or by a click on the column header."""

    pinyin_fields = ()

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        if isinstance(queryset, QuerySet) and queryset.query.order_by:
            queryset = queryset.order_by(*pinyin_ordering(queryset.query.order_by, set(self.pinyin_fields)))
        return queryset


def pinyin_sql(column, connection):
    """``column`` in pinyin order for hand-written SQL: ``ORDER BY {pinyin_sql("d.name", connection)}``."""
    collation = SQLITE_COLLATION if connection.vendor == "sqlite" else ICU_COLLATION
    return f"{column} COLLATE {connection.ops.quote_name(collation)}"
