"""localized_page: "this page in the reader's language"; {% book_url %}: a book's catalogue page."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from booklists.factories import BookFactory, CataloguePageFactory
from booklists.models import CataloguePage
from portal.localization import localized_page
from portal.models import restricted_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_():
    return RequestFactory().get("/")


@pytest.fixture
def catalogue(home_page):
    return CataloguePageFactory(parent=home_page)


def test_the_page_in_the_default_language(catalogue, request_):
    with translation.override("zh-hans"):
        assert localized_page(CataloguePage, request_) == catalogue


def test_the_translation_in_the_active_language(catalogue, en_home, translate, en_locale, request_):
    english = translate(catalogue, en_locale)
    with translation.override("en"):
        page = localized_page(CataloguePage, request_)
    assert page == english
    assert isinstance(page, CataloguePage)


def test_falls_back_to_the_default_language_without_a_translation(catalogue, en_locale, request_):
    with translation.override("en"):
        assert localized_page(CataloguePage, request_) == catalogue


def test_a_draft_translation_is_not_used(catalogue, en_home, en_locale, request_):
    draft = catalogue.copy_for_translation(en_locale)
    assert not draft.live
    with translation.override("en"):
        assert localized_page(CataloguePage, request_) == catalogue


def test_a_translation_in_a_private_section_is_not_used(catalogue, en_home, translate, en_locale, request_):
    english = translate(catalogue, en_locale)
    PageViewRestriction.objects.create(page=english, restriction_type=PageViewRestriction.LOGIN)
    with translation.override("en"):
        assert localized_page(CataloguePage, request_) == catalogue


def test_none_without_a_live_page(home_page, request_):
    CataloguePageFactory(parent=home_page, live=False)
    assert localized_page(CataloguePage, request_) is None


def test_the_answer_is_kept_on_the_request(catalogue, en_home, translate, en_locale, request_):
    english = translate(catalogue, en_locale)
    with translation.override("en"):
        assert localized_page(CataloguePage, request_) == english
        with CaptureQueriesContext(connection) as queries:
            assert localized_page(CataloguePage, request_) == english
    assert len(queries) == 0
    # Another request looks again.
    with translation.override("zh-hans"):
        assert localized_page(CataloguePage, RequestFactory().get("/")) == catalogue


def render_book_url(book, request, **context):
    return Template("{% load booklists_tags %}{% book_url book %}").render(
        Context({"book": book, "request": request, **context})
    )


def test_book_url_tag_links_the_catalogue_in_the_readers_language(catalogue, en_home, translate, en_locale, request_):
    book = BookFactory()
    with translation.override("zh-hans"):
        assert render_book_url(book, request_) == f"/zh-hans/catalogue/{book.pk}/"
    translate(catalogue, en_locale)
    with translation.override("en"):
        assert render_book_url(book, RequestFactory().get("/")) == f"/en/catalogue/{book.pk}/"
        assert render_book_url(book.pk, RequestFactory().get("/")) == f"/en/catalogue/{book.pk}/"  # an id works too


def test_book_url_tag_on_the_catalogue_uses_that_page(catalogue, request_):
    book, other = BookFactory(), BookFactory()
    with CaptureQueriesContext(connection) as queries:
        assert render_book_url(book, request_, page=catalogue) == f"/zh-hans/catalogue/{book.pk}/"
    # Only the site lookup, which the request keeps: no catalogue lookup, no more queries after.
    assert not any("booklists_cataloguepage" in query["sql"] for query in queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        assert render_book_url(other, request_, page=catalogue) == f"/zh-hans/catalogue/{other.pk}/"
    assert len(queries) == 0


def test_book_url_tag_is_empty_without_a_catalogue(home_page, request_):
    assert render_book_url(BookFactory(), request_) == ""
    assert render_book_url(None, request_) == ""


def test_catalogue_book_url_matches_its_route(catalogue, client):
    book = BookFactory(title="平凡的世界")
    url = catalogue.book_url(book)
    assert url == f"/zh-hans/catalogue/{book.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "平凡的世界" in response.content.decode()


def test_the_linked_pages_are_found_together_in_one_query(catalogue, home_page, request_):
    """The catalogue, the notes page and the honour wall (registered by their apps): one query for all three."""
    from honours.models import HonorWallPage
    from notes.factories import NotesIndexPageFactory
    from notes.models import NotesIndexPage

    notes = NotesIndexPageFactory(parent=home_page)
    wall = HonorWallPage(title="荣誉墙", slug="honours")
    home_page.add_child(instance=wall)
    restricted_paths()  # kept in the shared cache (a request reads it with the site, portal.sitewide)
    with translation.override("zh-hans"), CaptureQueriesContext(connection) as captured:
        found = [localized_page(cls, request_) for cls in (CataloguePage, NotesIndexPage, HonorWallPage)]
    assert found == [catalogue, notes, wall]
    assert [type(page) for page in found] == [CataloguePage, NotesIndexPage, HonorWallPage]
    assert len(captured) == 1, [q["sql"] for q in captured.captured_queries]
    assert found[0].url == catalogue.url  # a link needs only the base fields


def test_an_unpublished_linked_page_is_not_found(catalogue, request_):
    catalogue.unpublish()
    assert localized_page(CataloguePage, request_) is None
