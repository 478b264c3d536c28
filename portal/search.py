"""Chinese-aware search on top of Wagtail's database search backend.

Wagtail's database backend (SQLite FTS5, PostgreSQL tsvector) splits text on
spaces and punctuation, so a run of Chinese characters becomes one huge token
and `笔记` never matches `读书笔记`. Like Elasticsearch's CJK bigram analyser,
we index every run of CJK characters as its overlapping two-character pieces
(`读书笔记` -> `读书 书笔 笔记`) and treat the query the same way, so any
two-character substring matches. Non-CJK words pass through unchanged; digit
groups joined by hyphens (ISBNs, phone numbers) are indexed joined as well.

Models opt in by using `CJKSearchField` / `CJKAutocompleteField` beside
Wagtail's own fields. Queries get the same treatment in `SearchBackend`, which
is configured as the project's search backend, so the admin, the choosers and
the public search all understand Chinese.
"""

import contextvars
import functools
import re

from django.db.models import Case, QuerySet, Value, When
from modelsearch import index
from modelsearch.query import MATCH_ALL, And, Not, Or, Phrase, PlainText

CJK_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]+")
# Digit groups joined by hyphens; the last group may end in an ISBN-10 check "X"
# (7-5040-0126-X). The X must stay in the match, or the joined form loses it.
HYPHENATED_DIGITS = re.compile(r"\b\d+(?:[-‐–]\d+)*[-‐–]\d*[\dXx]\b")


def bigrams(run):
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _expand(match):
    return " " + " ".join(bigrams(match.group(0))) + " "


def to_index_text(text):
    """Text as it goes into the index: CJK runs become their bigrams."""
    if not text:
        return ""
    text = str(text)
    joined = [re.sub(r"[-‐–]", "", m.group(0)) for m in HYPHENATED_DIGITS.finditer(text)]
    text = CJK_RUN.sub(_expand, text)
    if joined:
        text = f"{text} {' '.join(joined)}"
    return " ".join(text.split())


# Anything that is not a letter, digit or underscore separates words in a query.
# That also removes what the database would read as syntax: FTS5 and tsquery
# quotes, operators (* ^ - + : ( ) & | !), NUL and other control characters, so
# whatever a visitor types reaches the database as plain words only.
QUERY_SEPARATORS = re.compile(r"[\W_]+")


def to_query_terms(query):
    """Split a visitor's query into index terms; every term must match.

    The terms hold letters and digits only: quotes, operators and control
    characters (`"`, `*`, `%00`) never reach the search backend.
    """
    query = HYPHENATED_DIGITS.sub(lambda m: re.sub(r"[-‐–]", "", m.group(0)), str(query or ""))
    terms = []
    for word in QUERY_SEPARATORS.split(query):
        if not word:
            continue
        terms.extend(to_index_text(word).split())
    # Keep order, drop repeats: "读书读书" should not ask for 读书 twice.
    return list(dict.fromkeys(terms))


def to_query_text(query):
    return " ".join(to_query_terms(query))


# While one add()/add_bulk() call runs: (field, object) -> its index text. The
# database backend reads every search field three times per object (for the
# title, body and autocomplete columns); without this, indexing 20,000 books
# spent most of its time splitting the same text into bigrams again.
_index_values = contextvars.ContextVar("cjk_index_values", default=None)


class CJKValueMixin:
    def get_value(self, obj):
        cache = _index_values.get()
        key = (id(self), id(obj))
        if cache is not None and key in cache:
            return cache[key][1]
        value = super().get_value(obj)
        value = [to_index_text(item) for item in value] if isinstance(value, list | tuple) else to_index_text(value)
        if cache is not None:
            # Keep `obj` alive with its value, so its id() cannot be reused by another object meanwhile.
            cache[key] = (obj, value)
        return value


class CJKSearchField(CJKValueMixin, index.SearchField):
    """A SearchField whose text is indexed as CJK bigrams."""


class CJKAutocompleteField(CJKValueMixin, index.AutocompleteField):
    """An AutocompleteField whose text is indexed as CJK bigrams (for admin choosers)."""


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """Wagtail's database backend for this database, with queries split like the index."""
    from .internals import database_search_backend

    backend = database_search_backend(params)
    backend.__class__ = _with_cjk_queries(type(backend))
    return backend


@functools.cache
def _with_cjk_queries(backend_class):
    # Overrides modelsearch's private _search: see portal.internals.OVERRIDDEN.
    class CJKQueryBackend(backend_class):
        def add(self, obj):
            token = _index_values.set({})
            try:
                return super().add(obj)
            finally:
                _index_values.reset(token)

        def add_bulk(self, model, obj_list):
            token = _index_values.set({})
            try:
                return super().add_bulk(model, obj_list)
            finally:
                _index_values.reset(token)

        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            if isinstance(query, str):
                # Every bigram must match: `读书笔记` should not find everything with `读书`.
                kwargs["operator"] = kwargs.get("operator") or "and"
                query = PlainText(query, operator=kwargs["operator"])
            query = safe_query(query)
            if query is None:
                # Nothing searchable was typed (only quotes, operators or control characters).
                queryset = model_or_queryset
                if not isinstance(queryset, QuerySet):
                    queryset = queryset._default_manager.all()
                return super()._search(query_compiler_class, MATCH_ALL, queryset.none(), **kwargs)
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    CJKQueryBackend.__name__ = f"CJK{backend_class.__name__}"
    return CJKQueryBackend


def safe_query(query):
    """A search query whose text the backend can only read as words, or None when nothing is left.

    Plain text and phrases (as Wagtail's admin search parses them) are split
    like the index (`to_query_terms`); combinations are rewritten part by part.
    """
    if isinstance(query, PlainText | Phrase):
        text = to_query_text(query.query_string)
        if not text:
            return None
        operator = "and" if isinstance(query, Phrase) else query.operator
        return PlainText(text, operator=operator, boost=getattr(query, "boost", 1.0))
    if isinstance(query, And | Or):
        parts = [part for part in map(safe_query, query.subqueries) if part is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else type(query)(parts)
    if isinstance(query, Not):
        inner = safe_query(query.subquery)
        return None if inner is None else Not(inner)
    return query


def matching(queryset, query):
    """The rows of `queryset` that match every term of `query`, as a plain queryset.

    The index (FTS5 / tsvector) finds the matches inside one SQL query; callers
    order the result themselves (see title_rank below) instead of using
    the backend's relevance score, which SQLite computes with one extra
    full-text query per match.
    """
    results = queryset.search(query, operator="and", order_by_relevance=False)
    return queryset.filter(pk__in=results.get_queryset().values("pk"))


def title_rank(terms):
    """How many of the query's terms the title contains: a title match ranks above a body match.

    Ordering by this instead of the backend's relevance score keeps search fast
    on SQLite (see matching).
    """
    return sum((Case(When(title__icontains=term, then=1), default=0) for term in terms), Value(0))
