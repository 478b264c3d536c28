"""Whatever is typed into a search box is answered with a results page, never a server error.

Item 8 of the outside audit: a lone quote (FTS5 "unterminated string") or a NUL
character (PostgreSQL refuses it in a string) used to give 500 on every search
box. portal.search makes the query safe for every caller; run this file on
SQLite and on PostgreSQL (DATABASE_URL=postgres://…).
"""

import pytest
from django.urls import reverse

from booklists.factories import BookFactory
from portal.search import safe_query, to_query_terms

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    '"',
    '"读书',
    "\x00",
    "读书\x00笔记",
    "'",
    "\\",
    "*",
    "(",
    ")",
    "^",
    "-",
    "+",
    ":",
    "AND",
    "OR NOT",
    "读书 OR",
    "NEAR(",
    'title:"x',
    "a & b | !c",
    "\x1b[31m",
    "\u200b\ufeff",
]

PUBLIC_SEARCHES = [
    "/zh-hans/search/",
    "/zh-hans/search/?type=books",
    "/zh-hans/search/?type=pages",
    "/en/search/",
    "/zh-hans/notes/books/",
]

ADMIN_SEARCHES = [
    "wagtailadmin_pages:search",
    "wagtailsnippets_booklists_book:list",
    "wagtailsnippets_notes_readingnote:list",
    "wagtailusers_users:index",
    "wagtailimages:index",
    "wagtaildocs:index",
]


@pytest.fixture
def book(db):
    return BookFactory(title="读书笔记选", authors="张三")


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
@pytest.mark.parametrize("url", PUBLIC_SEARCHES)
def test_public_search_boxes_answer_any_query(client, home_page, en_home, book, url, query):
    path, _, kind = url.partition("?type=")
    params = {"q": query}
    if kind:
        params["type"] = kind
    response = client.get(path, params)
    assert response.status_code == 200


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
@pytest.mark.parametrize("url_name", ADMIN_SEARCHES)
def test_admin_search_boxes_answer_any_query(client, superuser, home_page, book, url_name, query):
    client.force_login(superuser)
    response = client.get(reverse(url_name), {"q": query})
    assert response.status_code == 200


def test_quote_and_nul_are_literally_the_audit_urls(client, home_page, book):
    # The two requests the audit reported, byte for byte.
    assert client.get("/zh-hans/notes/books/?q=%22").status_code == 200
    assert client.get("/zh-hans/notes/books/?q=%00").status_code == 200
    assert client.get("/zh-hans/search/?q=%22").status_code == 200
    assert client.get("/zh-hans/search/?q=%00").status_code == 200


def test_punctuation_around_words_still_finds_them(client, home_page, book):
    response = client.get(reverse("notes:book_search"), {"q": '"读书\x00笔记"'})
    assert [row["title"] for row in response.json()["results"]] == ["读书笔记选"]

    response = client.get("/zh-hans/search/", {"q": "(笔记*", "type": "books"})
    assert "读书笔记选" in response.content.decode()


def test_query_with_nothing_searchable_finds_nothing(client, home_page, book):
    assert client.get(reverse("notes:book_search"), {"q": '"*()'}).json() == {"results": []}


def test_query_terms_hold_only_letters_and_digits():
    assert to_query_terms('"读书\x00笔记" AND (x*)') == ["读书", "笔记", "AND", "x"]
    assert to_query_terms("\x00\"'*^") == []
    assert to_query_terms("ISBN 7-5040-0126-X") == ["ISBN", "750400126X"]


def test_safe_query_rewrites_parsed_admin_queries():
    from modelsearch.query import Not, Phrase, PlainText

    assert safe_query(Phrase('"')) is None
    rewritten = safe_query(PlainText('读书"', operator="or"))
    assert (rewritten.query_string, rewritten.operator) == ("读书", "or")
    assert safe_query(Not(PlainText("\x00"))) is None
