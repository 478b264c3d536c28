"""Book search through the full-text index: surnames, title-first order, counts, the SQL the
database can answer from its index, and the import's bulk index writes."""

import re

import pytest
from django.db import connection
from django.db.models import Count, Window
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from booklists.factories import BookFactory
from booklists.importer import apply_import, plan_import, read_table
from booklists.models import Book
from booklists.search import search_books
from portal.internals import search_index_entries
from portal.pagination import paginate_counted
from portal.search import bulk_index, to_index_text

from .helpers import GOOD_ROWS, csv_bytes

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def titles(query):
    return [book.title for book in search_books(query)]


@pytest.fixture
def wang(db):
    return {
        "title": BookFactory(title="王阳明传", authors="冈田武彦", summary="心学大师的一生。"),
        "author": BookFactory(title="黄金时代", authors="王小波", summary="青春与时代。", loan_count=9),
        "second_author": BookFactory(
            title="活动变人形", authors="张三、王蒙", summary="一个家庭的故事。", loan_count=3
        ),
        "summary_only": BookFactory(title="清宫秘史", authors="李四", summary="王朝的兴衰。"),
        "neither": BookFactory(title="平凡的世界", authors="路遥", summary="孙少平的奋斗。"),
    }


def test_names_and_titles_index_single_characters_long_text_does_not():
    assert to_index_text("王小波", characters=True).split() == ["王小", "小波", "王", "小", "波"]
    assert to_index_text("王朝的兴衰") == "王朝 朝的 的兴 兴衰"


def test_a_surname_alone_finds_its_authors_title_matches_first(wang):
    # The title that holds 王 first, then the authors by loans; a 王 only in the summary is not a surname match.
    assert titles("王") == ["王阳明传", "黄金时代", "活动变人形"]


def test_a_full_name_still_needs_both_characters(wang):
    assert titles("王小波") == ["黄金时代"]
    assert titles("王 蒙") == ["活动变人形"]  # two single characters, both in the second author's name


def test_title_matches_rank_first_then_loans(db):
    in_summary = BookFactory(title="曹雪芹传", summary="他写了红楼梦。", loan_count=50)
    in_title = BookFactory(title="红楼梦", summary="四大名著之一。", loan_count=1)
    in_title_popular = BookFactory(title="红楼梦新证", summary="考证。", loan_count=7)
    assert [b.pk for b in search_books("红楼梦")] == [in_title_popular.pk, in_title.pk, in_summary.pk]


def test_the_count_comes_with_the_page(db):
    for n in range(25):
        BookFactory(title=f"中国故事第{n}卷", loan_count=n)
    BookFactory(title="别的书", summary="不相干。")
    request = RequestFactory().get("/", {"bpage": "3"})
    results = search_books("中国")  # looks up the default locale
    with CaptureQueriesContext(connection) as captured:
        page = paginate_counted(request, results, 12, param="bpage")
        assert page.paginator.count == 25
        assert page.number == 3
        assert len(page.object_list) == 1
    assert len(captured) == 1  # one full-text match for the count and the page
    assert page.object_list[0].title == "中国故事第0卷"  # the least borrowed comes last


def test_a_page_past_the_end_shows_the_last_page(db):
    for n in range(13):
        BookFactory(title=f"中国故事第{n}卷")
    page = paginate_counted(RequestFactory().get("/", {"bpage": "9"}), search_books("中国"), 12, param="bpage")
    assert (page.number, page.paginator.count, len(page.object_list)) == (2, 13, 1)
    nothing = paginate_counted(RequestFactory().get("/"), search_books("量子纠缠"), 12)
    assert (nothing.paginator.count, list(nothing.object_list)) == (0, [])


def test_the_search_page_shows_the_count(client, wang, home_page):
    response = client.get("/zh-hans/search/", {"q": "王", "type": "books"})
    assert response.status_code == 200
    assert response.context["book_results"].paginator.count == 3


def test_the_query_asks_the_index_in_a_shape_it_can_answer(wang):
    sql = str(search_books("王小波").query)
    if connection.vendor == "postgresql":
        # Each term against the title and the body tsvector, each covered by its own GIN index;
        # not the `(title || body) @@ …` expression that no index covers.
        assert '"title" ||' not in sql
        assert len(re.findall(r'"(title|body)" @@ \(?plainto_tsquery', sql)) == 4  # 王小, 小波 × title, body
    else:
        # One FTS5 MATCH, as a subquery of rowids, not evaluated inside a loop over the entries.
        assert sql.count(" MATCH ") == 1
        assert "SELECT rowid FROM" in sql


@on_postgres
def test_postgres_plan_uses_the_gin_indexes(wang):
    # 5,000 more entries of the same content type (empty vectors, one statement), so the
    # content-type index is no shortcut and the plan shows what a full catalogue gets.
    from django.contrib.contenttypes.models import ContentType

    table = search_index_entries().model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (content_type_id, object_id, title, body, autocomplete, title_norm, title_text,"  # noqa: S608
            " body_text) SELECT %s, (1000000 + n)::text, '', '', '', 1.0, '', '' FROM generate_series(1, 5000) n",
            [ContentType.objects.get_for_model(Book).pk],
        )
        cursor.execute(f"ANALYZE {table}")
    sql, params = search_books("王小波")[:12].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on wagtailsear_title_" in plan, plan
    assert "Bitmap Index Scan on wagtailsear_body_" in plan, plan
    assert f"Seq Scan on {table}" not in plan
    assert titles("王小波") == ["黄金时代"]


def import_rows(data):
    headers, rows = read_table(data, "books.csv")
    plan = plan_import(headers, rows)
    assert plan.is_valid
    return apply_import(plan)


def test_the_import_writes_an_index_entry_per_book_and_search_finds_them(django_capture_on_commit_callbacks):
    with CaptureQueriesContext(connection) as captured, django_capture_on_commit_callbacks(execute=True):
        import_rows(csv_bytes(GOOD_ROWS))
    books = list(Book.objects.all())
    entries = search_index_entries().filter(object_id__in=[str(b.pk) for b in books])
    assert entries.count() == len(books) > 0
    assert titles("路遥") == ["平凡的世界"]
    assert titles("费孝通") == ["乡土中国"]
    assert "乡土中国" in titles("费")  # the surname alone
    statements = [q["sql"] for q in captured.captured_queries]
    if connection.vendor == "postgresql":
        analyze = [s for s in statements if s.startswith("ANALYZE")]
        assert analyze and "booklists_book" in analyze[-1] and "wagtailsearch_indexentry" in analyze[-1]
        assert any("gin_clean_pending_list" in s for s in statements)
        assert sum("unnest(" in s for s in statements) == 1  # one INSERT for the batch


def test_bulk_index_writes_what_the_backend_writes(db):
    books = [
        BookFactory(title="平凡的世界", authors="路遥", summary="孙少平的奋斗。", isbn="9787020049295"),
        BookFactory(title="乡土中国", authors="费孝通", subtitle="", summary=""),
    ]
    books = list(Book.objects.filter(pk__in=[b.pk for b in books]).select_related("category").prefetch_related("tags"))

    def entries():
        fields = ("object_id", "title", "body", "autocomplete")
        return {
            tuple(str(v) for v in e)
            for e in search_index_entries().filter(object_id__in=[str(b.pk) for b in books]).values_list(*fields)
        }

    get_search_backend().add_bulk(Book, books)
    by_backend = entries()
    search_index_entries().filter(object_id__in=[str(b.pk) for b in books]).delete()
    bulk_index(Book, books)
    assert entries() == by_backend


@on_postgres
def test_a_counted_results_page_gathers_the_matches_once(wang):
    """The catalogue and site search count in the page's query (COUNT(*) OVER ()); with `pk IN (matches)`
    PostgreSQL planned a nested-loop semi-join comparing every book with every match (平凡 at 20,000
    books: 7.7 s). The matches are an array computed once, looked up by primary key."""
    rows = search_books("王").annotate(total=Window(Count("*")))[:12]
    sql, params = rows.query.sql_with_params()
    assert '"booklists_book"."id" = ANY((ARRAY(SELECT' in sql
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "InitPlan" in plan, plan
    assert "Semi Join" not in plan, plan
    assert [book.total for book in rows] == [3, 3, 3]
