"""Book search: Chinese by any two characters, authors, ISBN in any form, ranking; the site search and the admin."""

import pytest

from booklists.factories import BookFactory, CataloguePageFactory, CategoryFactory
from booklists.models import Book
from booklists.search import search_books

pytestmark = pytest.mark.django_db


@pytest.fixture
def books(db):
    return {
        "jianshi": BookFactory(
            title="中国共产党简史",
            authors="本书编写组",
            publisher="人民出版社",
            category=CategoryFactory(code="party-history"),
            summary="党的百年奋斗历程",
        ),
        "pingfan": BookFactory(
            title="平凡的世界",
            authors="路遥",
            isbn="9787020049295",
            publisher="人民文学出版社",
            category=CategoryFactory(code="literature"),
            summary="孙少安和孙少平兄弟的奋斗",
        ),
        "xiangtu": BookFactory(
            title="乡土中国",
            authors="费孝通",
            publisher="生活·读书·新知三联书店",
            category=CategoryFactory(code="humanities-history"),
            summary="中国基层社会的结构",
        ),
    }


def found(query, category=None):
    return [book.title for book in search_books(query, category=category)]


def test_category_name_finds_its_books(books):
    # 党史 is not in the title 中国共产党简史, but in its category 党建党史.
    assert "党史" not in books["jianshi"].title
    assert found("党史") == ["中国共产党简史"]


def test_author_finds_the_book(books):
    assert found("路遥") == ["平凡的世界"]
    assert found("费孝通") == ["乡土中国"]


def test_any_two_characters_of_a_title(books):
    assert found("平凡") == ["平凡的世界"]
    assert found("的世界") == ["平凡的世界"]
    assert found("共产党") == ["中国共产党简史"]


def test_every_term_must_match(books):
    assert found("路遥 平凡") == ["平凡的世界"]
    assert found("路遥 乡土") == []


@pytest.mark.parametrize("query", ["9787020049295", "978-7-02-004929-5"])
def test_isbn_in_any_form_finds_the_same_book(books, query):
    assert found(query) == ["平凡的世界"]


def test_publisher_is_searchable(books):
    assert set(found("人民")) == {"中国共产党简史", "平凡的世界"}
    assert found("人民文学") == ["平凡的世界"]


def test_title_match_ranks_above_summary_match(db):
    in_summary = BookFactory(title="曹雪芹传", summary="作者一生都在写红楼梦，本书讲他的家世。")
    in_title = BookFactory(title="红楼梦", summary="四大名著之一。")
    results = list(search_books("红楼梦"))
    assert [b.pk for b in results] == [in_title.pk, in_summary.pk]


def test_category_filter(books, en_locale):
    literature = CategoryFactory(code="literature")
    assert found("中国", category=literature) == []
    assert set(found("中国")) == {"中国共产党简史", "乡土中国"}
    assert found("中国", category=CategoryFactory(code="party-history")) == ["中国共产党简史"]
    # The English category finds the books filed under its Chinese original.
    english = CategoryFactory(code="party-history", locale=en_locale)
    assert english.name == "Party Building and History"
    assert found("中国", category=english) == ["中国共产党简史"]
    # A single character takes the other path (title contains); the filter applies there too.
    assert found("国", category=english) == ["中国共产党简史"]


def test_single_character_matches_titles(books):
    assert found("世") == ["平凡的世界"]


def test_empty_query_finds_nothing(books):
    assert found("") == []
    assert found("  《》 ") == []


def test_only_catalogue_records_are_searched(books, en_locale):
    translation = books["pingfan"].copy_for_translation(en_locale)
    translation.title = "Ordinary World"
    translation.save()
    assert Book.objects.filter(isbn="9787020049295").count() == 2
    assert [b.pk for b in search_books("路遥")] == [books["pingfan"].pk]


def test_search_view_groups_pages_and_books(client, books, home_page, article_index):
    from campaigns.factories import ArticlePageFactory

    CataloguePageFactory(parent=home_page)
    ArticlePageFactory(parent=article_index, title="共读《平凡的世界》活动启动")

    response = client.get("/zh-hans/search/", {"q": "平凡"})

    assert response.status_code == 200
    assert [p.title for p in response.context["results"]] == ["共读《平凡的世界》活动启动"]
    assert [b.title for b in response.context["book_results"]] == ["平凡的世界"]
    html = response.content.decode()
    assert 'id="page-results"' in html and 'id="book-results"' in html
    assert f"/zh-hans/catalogue/{books['pingfan'].pk}/" in html


def test_search_view_type_and_category(client, books, home_page):
    response = client.get("/zh-hans/search/", {"q": "中国", "type": "books"})
    assert response.context["results"] is None
    assert {b.title for b in response.context["book_results"]} == {"中国共产党简史", "乡土中国"}
    assert 'id="page-results"' not in response.content.decode()

    response = client.get("/zh-hans/search/", {"q": "中国", "type": "books", "category": "party-history"})
    assert [b.title for b in response.context["book_results"]] == ["中国共产党简史"]
    assert response.context["current_category"].code == "party-history"

    response = client.get("/zh-hans/search/", {"q": "中国", "type": "pages"})
    assert response.context["book_results"] is None


def test_search_view_paginates_books_with_bpage(client, home_page):
    for n in range(15):
        BookFactory(title=f"读书笔记选{n:02d}")
    first = client.get("/zh-hans/search/", {"q": "笔记", "type": "books"})
    second = client.get("/zh-hans/search/", {"q": "笔记", "type": "books", "bpage": 2})
    assert first.context["book_results"].paginator.count == 15
    assert len(first.context["book_results"]) == 12
    assert len(second.context["book_results"]) == 3
    assert "bpage=2" in first.content.decode()


def test_admin_book_listing_search(client, superuser, books):
    client.force_login(superuser)
    response = client.get("/admin/snippets/booklists/book/", {"q": "平凡"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "平凡的世界" in html
    assert "乡土中国" not in html


def test_admin_book_chooser_search(client, superuser, books):
    client.force_login(superuser)
    response = client.get("/admin/snippets/choose/booklists/book/results/", {"q": "乡土"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "乡土中国" in html
    assert "平凡的世界" not in html
