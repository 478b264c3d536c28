"""Site search finds Chinese text by any two-character piece, per language, never drafts."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from campaigns.factories import ArticlePageFactory, rich_body
from home.factories import StandardPageFactory
from home.models import StandardPage
from home.views import search_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page, article_index):
    return {
        "notes": ArticlePageFactory(
            parent=article_index,
            slug="notes",
            title="征文活动报道",
            intro="职工提交作品",
            body=rich_body("本月共收到读书笔记八十篇，评出优秀作品十篇。"),
        ),
        "hongloumeng": StandardPageFactory(
            parent=home_page,
            slug="classic",
            title="经典共读：红楼梦",
            intro="曹雪芹的长篇小说",
            body=rich_body("共读四大名著之一。"),
        ),
        "recital": ArticlePageFactory(
            parent=article_index,
            slug="recital",
            title="朗诵比赛圆满落幕",
            intro="诗词朗诵",
            body=rich_body("各部门选手朗诵了经典诗词。"),
        ),
    }


def found(query, locale_code="zh-hans"):
    return {page.pk for page in search_pages(query, Locale.objects.get(language_code=locale_code))}


def test_two_characters_find_a_longer_word(pages):
    assert found("笔记") == {pages["notes"].pk}


def test_title_word_is_found(pages):
    assert found("红楼") == {pages["hongloumeng"].pk}
    assert found("红楼梦") == {pages["hongloumeng"].pk}


def test_multi_word_query_needs_every_word(pages):
    assert found("读书 笔记") == {pages["notes"].pk}
    assert found("朗诵 诗词") == {pages["recital"].pk}
    # Both words must match: nothing has 红楼 and 朗诵 together.
    assert found("红楼 朗诵") == set()


def test_unrelated_word_finds_nothing(pages):
    assert found("围棋") == set()


def test_drafts_are_not_found(pages, article_index):
    ArticlePageFactory(parent=article_index, slug="draft", title="尚未发布的围棋报道", live=False)
    assert found("围棋") == set()


def test_newer_draft_text_is_not_found(pages):
    page = pages["recital"]
    page.title = "草稿标题围棋"
    page.save_revision()
    assert found("围棋") == set()
    assert found("朗诵") == {page.pk}


def test_unpublished_page_is_not_found(pages):
    pages["notes"].unpublish()
    assert found("笔记") == set()


def test_english_locale_does_not_return_chinese_pages(pages, en_home, en_locale, translate):
    english = translate(pages["hongloumeng"], en_locale)
    english.title = "Reading the classics: Dream of the Red Chamber"
    english.save_revision().publish()

    assert found("红楼", "en") == set()
    assert found("Chamber", "en") == {english.pk}
    assert found("Chamber") == set()


def test_empty_query_finds_nothing(pages):
    assert found("") == set()
    assert found("   ") == set()
    assert found("，。！") == set()


class TestSearchView:
    url = "/zh-hans/search/"

    def test_finds_page_by_bigram(self, client, pages):
        response = client.get(self.url, {"q": "笔记"})

        assert response.status_code == 200
        assert [page.pk for page in response.context["results"]] == [pages["notes"].pk]
        html = response.content.decode()
        assert pages["notes"].title in html
        assert pages["notes"].url in html

    def test_results_show_type_title_and_summary(self, client, pages):
        response = client.get(self.url, {"q": "红楼"})

        [result] = list(response.context["results"])
        assert result.specific_class is StandardPage
        html = response.content.decode()
        assert "经典共读：红楼梦" in html
        assert "曹雪芹的长篇小说" in html

    def test_empty_query_shows_no_results(self, client, pages):
        response = client.get(self.url, {"q": ""})
        assert response.status_code == 200
        assert response.context["query"] == ""
        assert not response.context["results"]

    def test_no_query_parameter(self, client, pages):
        response = client.get(self.url)
        assert response.status_code == 200
        assert not response.context["results"]

    def test_no_match_renders(self, client, pages):
        response = client.get(self.url, {"q": "不存在的内容xyz"})
        assert response.status_code == 200
        assert response.context["results"].paginator.count == 0

    def test_english_search_page_ignores_chinese_pages(self, client, pages, en_home):
        response = client.get("/en/search/", {"q": "红楼"})
        assert response.status_code == 200
        assert response.context["results"].paginator.count == 0

    def test_very_long_query_is_cut(self, client, pages):
        response = client.get(self.url, {"q": "笔记" * 200})
        assert response.status_code == 200
        assert len(response.context["query"]) == 100

    def test_drafts_not_in_results(self, client, pages, article_index):
        ArticlePageFactory(parent=article_index, slug="draft", title="尚未发布的围棋报道", live=False)
        response = client.get(self.url, {"q": "围棋"})
        assert response.status_code == 200
        assert response.context["results"].paginator.count == 0
        assert "尚未发布的围棋报道" not in response.content.decode()


# --- reading notes and ISBNs in site search (issue 9, item 14) -----------------------------


@pytest.fixture
def notes(make_user):
    from booklists.factories import BookFactory
    from notes.factories import ReadingNoteFactory

    author = make_user(real_name="李明")
    book = BookFactory(title="平凡的世界")
    return {
        "published": ReadingNoteFactory(
            author=author, book=book, title="在平凡中坚守", body="<p>读完这本书，我在读书笔记里写下了孙少平的话。</p>"
        ),
        "draft": ReadingNoteFactory(author=author, book=book, title="未发布的坚守草稿", live=False),
    }


class TestNotesInSiteSearch:
    url = "/zh-hans/search/"

    def test_a_published_notes_title_finds_it(self, client, notes):
        response = client.get(self.url, {"q": "平凡中坚守"})
        assert [note.pk for note in response.context["note_results"]] == [notes["published"].pk]
        html = response.content.decode()
        assert "在平凡中坚守" in html and f'href="/zh-hans/notes/{notes["published"].pk}/"' in html
        assert "李明" in html

    def test_words_of_the_body_find_notes_next_to_pages(self, client, pages, notes):
        response = client.get(self.url, {"q": "笔记"})
        assert [page.pk for page in response.context["results"]] == [pages["notes"].pk]
        assert [note.pk for note in response.context["note_results"]] == [notes["published"].pk]

    def test_drafts_and_pending_changes_are_not_found(self, client, notes):
        response = client.get(self.url, {"q": "坚守"})
        assert [note.pk for note in response.context["note_results"]] == [notes["published"].pk]
        assert "未发布的坚守草稿" not in response.content.decode()

    def test_the_link_is_in_the_readers_language(self, client, notes, en_home):
        response = client.get("/en/search/", {"q": "坚守"})
        assert f'href="/en/notes/{notes["published"].pk}/"' in response.content.decode()

    def test_only_notes(self, client, pages, notes):
        response = client.get(self.url, {"q": "笔记", "type": "notes"})
        assert response.context["results"] is None and response.context["book_results"] is None
        assert response.context["note_results"].paginator.count == 1

    @pytest.mark.page_cache_off  # the search's own queries, not its cached copy's
    def test_query_budget_with_notes(self, client, site_tree, make_user):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from notes.factories import ReadingNoteFactory

        def queries():
            client.get(self.url, {"q": "读书"})
            with CaptureQueriesContext(connection) as captured:
                response = client.get(self.url, {"q": "读书"})
            assert response.status_code == 200
            return len(captured), response

        for i in range(3):
            ReadingNoteFactory(title=f"读书心得{i}")
        small, response = queries()
        assert response.context["note_results"].paginator.count == 3
        for i in range(3, 30):
            ReadingNoteFactory(title=f"读书心得{i}", author=make_user())
        large, response = queries()
        assert response.context["note_results"].paginator.count == 30
        assert large == small and large <= 15, (small, large)


@pytest.fixture
def zhonghua_book(db):
    from booklists.factories import BookFactory

    return BookFactory(title="史记（全本）", isbn="9787101052039")


@pytest.mark.parametrize(
    "query",
    ["9787101052039", "7101052037", "978 7101052039", "978-7-101-05203-9", "７１０１０５２０３７", "7-101-05203-7"],
)
def test_an_isbn_in_any_form_finds_the_book(client, zhonghua_book, query):
    from booklists.factories import BookFactory
    from booklists.search import search_books

    BookFactory(title="另一本书", summary="书号 9787101052039 的相关读物")  # the digits in a summary are no match
    assert [book.pk for book in search_books(query)] == [zhonghua_book.pk]
    response = client.get("/zh-hans/search/", {"q": query})
    assert [book.pk for book in response.context["book_results"]] == [zhonghua_book.pk]
    picker = client.get(reverse("notes:book_search"), {"q": query}).json()
    assert [result["id"] for result in picker["results"]] == [zhonghua_book.pk]


def test_isbn_like_queries_that_are_no_isbn_search_as_text(zhonghua_book):
    from booklists.search import search_books

    assert list(search_books("7101052036")) == []  # wrong check digit: no book, no error
    assert [book.pk for book in search_books("史记")] == [zhonghua_book.pk]
