"""The catalogue's own search box and 在架可借 checkbox (issue 9, item 23).

The search is the site search's (booklists.search); availability is lending data,
so the catalogue only offers the `portal_catalogue_available_filter` hook (loans
registers it; its behaviour is tested in loans/tests/test_catalogue_available.py).
"""

import pytest
from wagtail import hooks

from booklists.factories import BookFactory, CataloguePageFactory, CategoryFactory
from booklists.tests.test_pages import titles_in
from portal.tests.test_search_syntax import HOSTILE_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home_page):
    return CataloguePageFactory(parent=home_page)


@pytest.fixture
def books(db):
    literature = CategoryFactory(code="literature")
    history = CategoryFactory(code="humanities-history")
    return {
        "pingfan": BookFactory(title="平凡的世界", authors="路遥", year=2005, category=literature),
        "shijie": BookFactory(title="世界文学简史", authors="某某", year=2010, category=history),
        "weicheng": BookFactory(title="围城", authors="钱钟书", year=1991, category=literature),
    }


def test_search_finds_books_by_title(client, catalogue, books):
    response = client.get(catalogue.url, {"q": "世界"})
    assert response.status_code == 200
    html = response.content.decode()
    assert set(titles_in(html, "book-card__title")) == {"平凡的世界", "世界文学简史"}
    assert 'name="q" value="世界"' in html  # the query stays in the box
    assert response.context["books"].paginator.count == 2
    assert "找到2种与“世界”相关的图书" in html


def test_search_with_category_and_sort(client, catalogue, books):
    response = client.get(catalogue.url, {"q": "世界", "category": "literature", "sort": "newest"})
    html = response.content.decode()
    assert titles_in(html, "book-card__title") == ["平凡的世界"]
    # The box sends the category and sort back with the next query.
    assert '<input type="hidden" name="category" value="literature">' in html
    assert '<input type="hidden" name="sort" value="newest">' in html
    # Category and sort links keep the query.
    assert "?q=%E4%B8%96%E7%95%8C&amp;category=literature&amp;sort=most_borrowed" in html


def test_search_without_match_says_so(client, catalogue, books):
    html = client.get(catalogue.url, {"q": "红楼梦"}).content.decode()
    assert "没有找到与“红楼梦”相关的图书。" in html
    assert "book-card__title" not in html


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_bad_syntax_is_answered_not_a_server_error(client, catalogue, books, query):
    response = client.get(catalogue.url, {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("query", ['"', "\x00", "*", "()"])
def test_a_query_without_words_gets_a_clear_message(client, catalogue, books, query):
    html = client.get(catalogue.url, {"q": query}).content.decode()
    assert "请输入文字或ISBN检索；引号、符号和控制字符会被忽略。" in html
    assert titles_in(html, "book-card__title") == []


def test_pagination_keeps_query_and_filters(client, catalogue):
    category = CategoryFactory(code="popular-science")
    for n in range(30):
        BookFactory(title=f"科普读物{n:02d}", category=category)
    BookFactory(title="科普读物（另类）", category=CategoryFactory(code="other"))
    params = {"q": "科普", "category": "popular-science", "sort": "newest"}
    first = client.get(catalogue.url, params)
    html = first.content.decode()
    assert first.context["books"].paginator.count == 30
    assert "?q=%E7%A7%91%E6%99%AE&amp;category=popular-science&amp;sort=newest&amp;page=2" in html
    second = client.get(catalogue.url, {**params, "page": 2})
    assert len(titles_in(second.content.decode(), "book-card__title")) == 6


def test_the_checkbox_follows_the_hook(client, catalogue, books, monkeypatch):
    html = client.get(catalogue.url).content.decode()
    assert 'name="available"' in html  # loans registers the filter

    get_hooks = hooks.get_hooks
    monkeypatch.setattr(
        hooks, "get_hooks", lambda name: [] if name == "portal_catalogue_available_filter" else get_hooks(name)
    )
    response = client.get(catalogue.url, {"available": "1"})
    html = response.content.decode()
    assert 'name="available"' not in html
    assert len(titles_in(html, "book-card__title")) == 3  # no filter, nothing hidden
