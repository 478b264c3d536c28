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

from django.db import connections
from django.db.models import BigIntegerField, Case, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch import index
from modelsearch.query import MATCH_ALL, And, Not, Or, Phrase, PlainText
from wagtail.search.backends import get_search_backend

from .internals import (
    refresh_search_title_norms,
    search_content_type_ids,
    search_fts_table,
    search_index_entries,
    search_postgres_indexer,
)
from .sql import pk_in_any

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


def _expand_with_characters(match):
    run = match.group(0)
    pieces = bigrams(run) + (list(dict.fromkeys(run)) if len(run) > 1 else [])
    return " " + " ".join(pieces) + " "


def to_index_text(text, characters=False):
    """Text as it goes into the index: CJK runs become their bigrams.

    With `characters`, each CJK character is indexed on its own as well, so a
    one-character query (a surname: 王) finds the names and titles that hold it.
    Only short fields (titles, names) do this; long text keeps bigrams only.
    """
    if not text:
        return ""
    text = str(text)
    joined = [re.sub(r"[-‐–]", "", m.group(0)) for m in HYPHENATED_DIGITS.finditer(text)]
    text = CJK_RUN.sub(_expand_with_characters if characters else _expand, text)
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
    def __init__(self, field_name, *args, characters=False, **kwargs):
        # characters=True: single CJK characters are indexed too (see to_index_text).
        self.characters = characters
        super().__init__(field_name, *args, **kwargs)

    def get_value(self, obj):
        cache = _index_values.get()
        key = (id(self), id(obj))
        if cache is not None and key in cache:
            return cache[key][1]
        value = super().get_value(obj)
        if isinstance(value, list | tuple):
            value = [to_index_text(item, self.characters) for item in value]
        else:
            value = to_index_text(value, self.characters)
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

    On PostgreSQL and SQLite the index is asked directly, in a subquery the
    database can answer from its full-text index (see `_matching_entries`);
    callers order the result themselves (see title_rank below) instead of
    using the backend's relevance score, which SQLite computes with one extra
    full-text query per match. Other databases go through the backend.
    """
    terms = to_query_terms(query)
    if not terms:
        return queryset.none()
    entries = _matching_entries(queryset.model, terms, connections[queryset.db].vendor)
    if entries is None:
        results = queryset.search(query, operator="and", order_by_relevance=False)
        return queryset.filter(pk__in=results.get_queryset().values("pk"))
    object_ids = entries.annotate(object_pk=Cast("object_id", BigIntegerField())).values("object_pk")
    # Not `pk IN (matches)` on PostgreSQL: see portal.sql.AnyOfArray.
    return queryset.filter(pk_in_any(object_ids.using(queryset.db)))


def _matching_entries(model, terms, vendor):
    """The index entries of `model` holding every term in their title or body, or None for other databases.

    modelsearch's own query filters on `(title || body) @@ query`, an expression
    no index covers (PostgreSQL reads every entry), and on SQLite runs the FTS5
    MATCH inside a loop over the entries. Here each term is asked of the title
    and body tsvectors separately, `(title @@ t1 OR body @@ t1) AND …`, which is
    the same condition for plain terms and is answered from the two GIN indexes
    (a bitmap AND of bitmap ORs); on SQLite the MATCH runs once, as the
    subquery `id IN (SELECT rowid FROM fts WHERE fts MATCH …)`.
    """
    entries = search_index_entries().filter(content_type_id__in=search_content_type_ids(model))
    if vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        config = get_search_backend().config
        condition = Q()
        for term in terms:
            tsquery = SearchQuery(term, search_type="plain", config=config)
            condition &= Q(title=tsquery) | Q(body=tsquery)
        return entries.filter(condition)
    if vendor == "sqlite" and (fts := search_fts_table()):
        # Terms hold letters and digits only (to_query_terms), so quoting them is enough.
        match = "{title body} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"
        return entries.filter(id__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [match]))  # noqa: S608
    return None


def title_rank(terms):
    """How many of the query's terms the title contains: a title match ranks above a body match.

    Ordering by this instead of the backend's relevance score keeps search fast
    on SQLite (see matching).
    """
    return sum((Case(When(title__icontains=term, then=1), default=0) for term in terms), Value(0))


def bulk_index(model, objects, batch_size=1000):
    """Write the search index entries of many objects of `model` (the import, bench data), then refresh title norms.

    On PostgreSQL modelsearch's add_bulk builds and compiles a Django
    SearchVector expression for every field of every object (most of a
    20,000-book import). Here the texts go to the database as arrays, one
    INSERT … SELECT FROM unnest(…) per batch, and PostgreSQL makes the same
    tsvectors (`setweight(to_tsvector(text), weight) || …`, in field order, as
    the backend does). Other databases use the backend's add_bulk, whose SQLite
    version already writes plain text in bulk.
    """
    backend = get_search_backend()
    objects = list(objects)
    if connections[search_index_entries().db].vendor != "postgresql":
        for start in range(0, len(objects), batch_size):
            backend.add_bulk(model, objects[start : start + batch_size])
        return
    if not model.get_search_fields():
        return
    from django.contrib.contenttypes.models import ContentType

    content_type_id = ContentType.objects.get_for_model(model).pk
    for start in range(0, len(objects), batch_size):
        _write_postgres_entries(backend, content_type_id, objects[start : start + batch_size])
    refresh_search_title_norms(backend)


def _postgres_texts(backend, obj):
    """(title parts, body parts, autocomplete parts, title text, body text) of one object, as modelsearch reads them."""
    indexer = search_postgres_indexer(backend, obj)
    title, body, autocomplete = [], [], []
    for field in indexer.search_fields:
        for current, weight, value in indexer.prepare_field(obj, field):
            text = value.strip()
            if not text:
                continue
            if isinstance(current, index.SearchField):
                (title if current.field_name == "title" else body).append((text, weight))
            elif isinstance(current, index.AutocompleteField):
                autocomplete.append((text, "D"))
    return title, body, autocomplete, " ".join(t for t, _w in title), " ".join(t for t, _w in body)


def _vector_sql(column, slots, config):
    """`setweight(to_tsvector(t1), w1) || …` over the unnest columns `column_0…`; an empty vector for no slots."""
    config_sql = "%s::regconfig, " if config else ""
    if not slots:
        return f"to_tsvector({config_sql}'')", [config] if config else []
    parts = [f'setweight(to_tsvector({config_sql}u.{column}_{n}), u.{column}_w{n}::"char")' for n in range(slots)]
    return " || ".join(parts), [config] * slots if config else []


def _write_postgres_entries(backend, content_type_id, objects):
    rows = [(str(obj.pk), *_postgres_texts(backend, obj)) for obj in objects]
    columns, arrays, select_params = ["object_id"], [[row[0] for row in rows]], []
    vectors = []
    for position, (name, config) in enumerate(
        [("title", backend.config), ("body", backend.config), ("autocomplete", backend.autocomplete_config)], start=1
    ):
        slots = max(len(row[position]) for row in rows)
        for n in range(slots):
            # Objects with fewer parts get empty ones: to_tsvector('') adds nothing to the vector.
            columns += [f"{name}_{n}", f"{name}_w{n}"]
            arrays.append([row[position][n][0] if n < len(row[position]) else "" for row in rows])
            arrays.append([row[position][n][1] if n < len(row[position]) else "D" for row in rows])
        sql, params = _vector_sql(name, slots, config)
        vectors.append(sql)
        select_params += params
    columns += ["title_text", "body_text"]
    arrays += [[row[4] for row in rows], [row[5] for row in rows]]
    table = search_index_entries().model._meta.db_table
    unnest = ", ".join(["%s::text[]"] * len(arrays))
    sql = f"""
        INSERT INTO {table} (content_type_id, object_id, title, body, autocomplete, title_norm, title_text, body_text)
        SELECT %s, u.object_id, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, u.title_text, u.body_text
        FROM unnest({unnest}) AS u({", ".join(columns)})
        ON CONFLICT (content_type_id, object_id)
        DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                      body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
    """  # noqa: S608 - table and column names are ours; every value is a parameter
    with connections[search_index_entries().db].cursor() as cursor:
        cursor.execute(sql, [content_type_id, *select_params, *arrays])


def analyze(*models):
    """After a bulk write (an import): refresh the planner's statistics of these models' tables and the search index.

    PostgreSQL: ANALYZE (the planner would otherwise plan searches for an
    almost empty table) and the GIN indexes' pending entries merged. Other
    databases: nothing to do.
    """
    connection = connections[search_index_entries().db]
    if connection.vendor != "postgresql":
        return
    entries_table = search_index_entries().model._meta.db_table
    tables = dict.fromkeys([*(model._meta.db_table for model in models), entries_table])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))
        # New entries wait in the GIN indexes' pending lists, which every search reads through
        # until a vacuum; move them into the indexes now (20,000 pending entries cost ~20 ms a search).
        cursor.execute(
            "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
            " WHERE i.indrelid = %s::regclass AND a.amname = 'gin'",
            [entries_table],
        )
