"""Site search finds Chinese text by any two-character piece, per language, never drafts."""

import pytest
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
