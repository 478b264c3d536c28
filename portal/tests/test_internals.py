"""portal/internals.py: every private Wagtail / modelsearch / Django API we use still works.

When one of these fails after an upgrade, the library changed something the portal relies on:
fix portal/internals.py (and its version notes), not the callers.
"""

import importlib
import inspect
import types

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import Site
from wagtail.search.backends import get_search_backend

from booklists.factories import BookFactory
from booklists.models import Book
from portal import internals


def test_request_host_name_drops_the_port():
    request = RequestFactory().get("/", HTTP_HOST="reading.example.gov.cn:8443")
    assert internals.request_host_name(request) == "reading.example.gov.cn"
    assert internals.request_host_name(RequestFactory().get("/", HTTP_HOST="[::1]:8000")) == "[::1]"


@pytest.mark.django_db
def test_set_prefetched_answers_without_a_query():
    book = BookFactory()
    tags = [Tag.objects.create(name="经典", slug="jingdian")]
    book = Book.objects.get(pk=book.pk)
    internals.set_prefetched(book, "tags", Tag.objects.none(), tags)
    with CaptureQueriesContext(connection) as queries:
        assert list(book.tags.all()) == tags
    assert len(queries) == 0


@pytest.mark.django_db
def test_raw_delete_deletes_in_one_statement():
    BookFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        internals.raw_delete(Tag.objects.all())
        internals.raw_delete(Book.objects.filter(pk__in=Book.objects.values("pk")[:2]))
    assert len(queries) == 2
    assert Book.objects.count() == 1


def test_content_language_maps_codes_like_wagtail():
    assert internals.content_language("zh-Hans") == "zh-hans"
    assert internals.content_language("en-gb") == "en"
    with pytest.raises(LookupError):
        internals.content_language("xx")


@pytest.mark.django_db
def test_find_site_uncached_and_remember_site():
    site = Site.objects.get(is_default_site=True)
    request = RequestFactory().get("/")
    assert internals.find_site_uncached(request) == site
    other = RequestFactory().get("/")
    internals.remember_site(other, site)
    with CaptureQueriesContext(connection) as queries:
        assert Site.find_for_request(other) is site
    assert len(queries) == 0


def test_editor_html_converter_stores_the_database_format():
    converter = internals.editor_html_converter(["bold", "link"])
    stored = converter.to_database_format("<p><b>好书</b> <script>x</script><i>not allowed</i></p>")
    assert "<b>好书</b>" in stored
    assert "<script" not in stored and "<i>" not in stored


def test_editor_html_rule_without_attributes():
    from wagtail.rich_text import features

    converter = internals.editor_html_converter(["blockquote"])
    assert features.get_converter_rule("editorhtml", "blockquote")  # registered by portal/wagtail_hooks.py
    stored = converter.to_database_format('<blockquote class="x" onclick="y">引文</blockquote>')
    assert stored == "<blockquote>引文</blockquote>"
    assert internals.editor_html_rule_without_attributes("blockquote")


@pytest.mark.django_db
def test_admin_permission_denied_sends_back_to_the_dashboard(rf, editor):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = rf.get("/admin/books/import/")
    request.user = editor
    request.session = {}
    request._messages = FallbackStorage(request)
    response = internals.admin_permission_denied(request)
    assert response.status_code == 302
    assert response.url == "/admin/"


@pytest.mark.django_db
def test_search_backend_and_index_entries():
    backend = internals.database_search_backend({})
    assert hasattr(backend, "add_bulk") and hasattr(backend, "search")
    book = BookFactory(title="红楼梦")
    entries = internals.search_index_entries()
    assert {"content_type", "object_id"} <= {f.name for f in entries.model._meta.get_fields()}
    assert entries.filter(object_id=str(book.pk)).exists()


@pytest.mark.django_db
def test_search_index_internals_the_direct_queries_use():
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    assert ContentType.objects.get_for_model(Book).pk in internals.search_content_type_ids(Book)
    fts = internals.search_fts_table()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # rowid and the title/body columns the MATCH names
            cursor.execute(f"SELECT rowid, title, body FROM {fts} LIMIT 0")  # noqa: S608
    else:
        assert fts is None
    book = BookFactory(title="红楼梦")
    if connection.vendor == "postgresql":
        backend = get_search_backend()
        indexer = internals.search_postgres_indexer(backend, book)
        fields = [item for field in indexer.search_fields for item in indexer.prepare_field(book, field)]
        assert any(value == "红楼梦" for _field, _weight, value in fields)
        internals.refresh_search_title_norms(backend)


def test_searchable_queryset_mixin_is_the_one_books_use():
    assert issubclass(type(Book.objects.all()), internals.SearchableQuerySetMixin)
    assert hasattr(internals.SearchableQuerySetMixin, "search")


def mentions(code, name):
    """Whether compiled code (or code nested in it, e.g. an inner function) uses the attribute `name`."""
    return name in code.co_names or any(
        mentions(const, name) for const in code.co_consts if isinstance(const, types.CodeType)
    )


@pytest.mark.parametrize(("module", "class_name", "method", "ours", "caller"), internals.OVERRIDDEN)
def test_overridden_methods_still_exist_and_are_called(module, class_name, method, ours, caller):
    cls = getattr(importlib.import_module(module), class_name)
    assert hasattr(cls, method), f"{module}.{class_name}.{method} is gone; {ours} overrides nothing"
    # The library still calls it from where our override expects (read from the bytecode, so
    # it works wherever the library's source files are).
    if caller.startswith(class_name + "."):
        function = getattr(cls, caller.split(".", 1)[1])
    else:
        caller_module, name = caller.rsplit(".", 1)
        function = getattr(importlib.import_module(caller_module), name)
    code = inspect.unwrap(getattr(function, "__func__", function)).__code__
    assert mentions(code, method), f"{caller} no longer calls {method}; {ours} is never used"


@pytest.mark.django_db
def test_page_slug_helpers_match_wagtails_autogeneration(home_page):
    from wagtail.models import Page

    taken = home_page.add_child(instance=Page(title="A", slug="hongloumeng"))
    fresh = Page(title="红楼梦")
    assert not internals.page_parent_is_known(fresh)
    fresh._cached_parent_obj = home_page  # what Page.add_child sets before validating
    assert internals.page_parent_is_known(fresh)
    assert internals.page_parent_is_known(taken)
    other = home_page.add_child(instance=Page(title="B", slug="sanguo"))
    assert internals.page_autogenerated_slug(other, "hongloumeng") == "hongloumeng-2"
    assert internals.page_autogenerated_slug(taken, "hongloumeng") == "hongloumeng"  # itself excluded


@pytest.mark.django_db
def test_page_site_root_paths_lists_every_site(home_page):
    roots = internals.page_site_root_paths(home_page)
    assert {root[0] for root in roots} == set(Site.objects.values_list("pk", flat=True))
    assert any(home_page.url_path.startswith(root[1]) for root in roots)
