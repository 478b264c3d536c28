"""Book list, list index and catalogue pages: where they may live, creating a list in the admin, rendering."""

import re

import pytest
import wagtail_factories
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from booklists.factories import (
    BookFactory,
    BookListIndexPageFactory,
    BookListPageFactory,
    CataloguePageFactory,
    CategoryFactory,
)
from booklists.models import BookListIndexPage, BookListItem, BookListPage, CataloguePage
from campaigns.models import ArticleIndexPage, CampaignIndexPage, CampaignPage
from home.models import HomePage, StandardPage
from people.factories import SuperuserFactory

# --- where the pages may live --------------------------------------------------------


class BookListPageRulesTests(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get(locale__language_code="zh-hans", depth=2)
        self.client.force_login(SuperuserFactory())

    def test_parent_and_subpage_types(self):
        self.assertAllowedParentPageTypes(BookListIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BookListIndexPage, {BookListPage})
        self.assertAllowedParentPageTypes(BookListPage, {BookListIndexPage})
        self.assertAllowedSubpageTypes(BookListPage, set())
        self.assertAllowedParentPageTypes(CataloguePage, {HomePage})
        self.assertAllowedSubpageTypes(CataloguePage, set())

    def test_not_elsewhere(self):
        for parent in (CampaignPage, CampaignIndexPage, ArticleIndexPage, StandardPage, BookListPage):
            self.assertCanNotCreateAt(parent, BookListIndexPage)
            self.assertCanNotCreateAt(parent, CataloguePage)
        for parent in (HomePage, CampaignPage, StandardPage):
            self.assertCanNotCreateAt(parent, BookListPage)

    def test_one_index_and_one_catalogue_per_home_page(self):
        self.assertTrue(BookListIndexPage.can_create_at(self.home))
        self.assertTrue(CataloguePage.can_create_at(self.home))
        BookListIndexPageFactory(parent=self.home)
        CataloguePageFactory(parent=self.home)
        self.assertFalse(BookListIndexPage.can_create_at(self.home))
        self.assertFalse(CataloguePage.can_create_at(self.home))

    def test_editor_creates_a_list_with_books_and_reasons(self):
        index = BookListIndexPageFactory(parent=self.home)
        first = BookFactory(title="平凡的世界", authors="路遥")
        second = BookFactory(title="乡土中国", authors="费孝通")
        data = nested_form_data(
            {
                "title": "2025年领导干部领读书单",
                "slug": "leaders-2025",
                "theme": "品读经典",
                "introduction": rich_text("<p>机关领导推荐的六本书。</p>"),
                "recommender_name": "王建国",
                "recommender_title": "机关党委书记",
                "items": inline_formset(
                    [
                        {"book": second.pk, "reason": "理解中国基层社会"},
                        {"book": first.pk, "reason": "奋斗者的故事"},
                    ]
                ),
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(index, BookListPage, data)

        page = BookListPage.objects.get(slug="leaders-2025")
        items = list(page.items.order_by("sort_order").values_list("book__title", "reason"))
        self.assertEqual(items, [("乡土中国", "理解中国基层社会"), ("平凡的世界", "奋斗者的故事")])
        self.assertEqual(page.recommender_name, "王建国")

    def test_a_list_needs_at_least_one_book(self):
        index = BookListIndexPageFactory(parent=self.home)
        data = nested_form_data(
            {"title": "空书单", "slug": "empty", "items": inline_formset([]), "comments": inline_formset([])}
        )
        with self.assertRaises(AssertionError):
            self.assertCanCreate(index, BookListPage, data)
        self.assertFalse(BookListPage.objects.filter(slug="empty").exists())


# --- rendering -----------------------------------------------------------------------


@pytest.fixture
def catalogue(home_page):
    return CataloguePageFactory(parent=home_page)


@pytest.fixture
def list_index(home_page):
    return BookListIndexPageFactory(parent=home_page)


@pytest.fixture
def books(db):
    literature = CategoryFactory(code="literature")
    party = CategoryFactory(code="party-history")
    history = CategoryFactory(code="humanities-history")
    return {
        "pingfan": BookFactory(
            title="平凡的世界", authors="路遥", isbn="9787020049295", year=2005, category=literature, summary="奋斗"
        ),
        "jianshi": BookFactory(title="中国共产党简史", authors="本书编写组", year=2021, category=party),
        "xiangtu": BookFactory(title="乡土中国", authors="费孝通", year=2012, category=history),
        "weicheng": BookFactory(title="围城", authors="钱钟书", year=1991, category=literature),
    }


def titles_in(html, css_class):
    """Book titles inside 《》 in the elements with the given class, in page order."""
    return re.findall(rf'class="{css_class}"[^>]*>(?:<a [^>]*>)?《([^》]+)》', html)


@pytest.mark.django_db
def test_catalogue_lists_books_by_title(client, catalogue, books):
    response = client.get(catalogue.url)
    assert response.status_code == 200
    html = response.content.decode()
    # In pinyin order (ping, wei, xiang, zhong), not code-point order.
    assert titles_in(html, "book-card__title") == ["平凡的世界", "围城", "乡土中国", "中国共产党简史"]
    for book in books.values():
        assert f'href="{catalogue.url}{book.pk}/"' in html
    assert "党建党史" in html


@pytest.mark.django_db
def test_catalogue_category_filter(client, catalogue, books):
    response = client.get(catalogue.url, {"category": "literature"})
    assert response.status_code == 200
    assert response.context["current_category"].code == "literature"
    assert set(titles_in(response.content.decode(), "book-card__title")) == {"平凡的世界", "围城"}

    unknown = client.get(catalogue.url, {"category": "no-such-category"})
    assert unknown.status_code == 200
    assert len(titles_in(unknown.content.decode(), "book-card__title")) == 4


@pytest.mark.django_db
def test_catalogue_sort_newest(client, catalogue, books):
    response = client.get(catalogue.url, {"sort": "newest"})
    assert titles_in(response.content.decode(), "book-card__title") == [
        "中国共产党简史",
        "乡土中国",
        "平凡的世界",
        "围城",
    ]
    # An unknown sort falls back to title order.
    response = client.get(catalogue.url, {"sort": "drop table"})
    assert response.context["sort"] == "title"


@pytest.mark.django_db
def test_catalogue_pagination(client, catalogue):
    category = CategoryFactory(code="popular-science")
    for n in range(30):
        BookFactory(title=f"科普读物{n:02d}", category=category)
    first = client.get(catalogue.url)
    second = client.get(catalogue.url, {"page": 2})
    beyond = client.get(catalogue.url, {"page": 99})
    first_titles = titles_in(first.content.decode(), "book-card__title")
    second_titles = titles_in(second.content.decode(), "book-card__title")
    assert len(first_titles) == 24 and len(second_titles) == 6
    assert not set(first_titles) & set(second_titles)
    assert titles_in(beyond.content.decode(), "book-card__title") == second_titles  # clamped to the last page
    assert "page=2" in first.content.decode()


@pytest.mark.django_db
def test_book_page(client, catalogue, list_index, books):
    book = books["pingfan"]
    book_list = BookListPageFactory(parent=list_index, title="青年读书书单", books=[(book, "奋斗者的故事")])
    BookListPageFactory(parent=list_index, title="草稿书单", books=[book], live=False)

    response = client.get(f"{catalogue.url}{book.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "平凡的世界" in html and "路遥" in html and "人民文学出版社" in html
    assert "978-7-02-004929-5" in html
    assert book_list.title in html
    assert "草稿书单" not in html  # drafts are not shown to visitors


@pytest.mark.django_db
def test_book_page_404s(client, catalogue, books, en_locale):
    assert client.get(f"{catalogue.url}999999/").status_code == 404
    translation = books["pingfan"].copy_for_translation(en_locale)
    translation.title = "Ordinary World"
    translation.save()
    assert client.get(f"{catalogue.url}{translation.pk}/").status_code == 404
    assert client.get(f"{catalogue.url}abc/").status_code == 404


@pytest.mark.django_db
def test_books_without_cover_get_a_generated_cover(client, catalogue, books):
    html = client.get(catalogue.url).content.decode()
    assert html.count("book-cover--card") == 4
    assert not re.search(r'<img[^>]*src=""', html)
    assert "<img" not in html.split('<ul class="book-grid">', 1)[1].split("</ul>", 1)[0]

    page = client.get(f"{catalogue.url}{books['pingfan'].pk}/").content.decode()
    assert "book-cover--" in page
    assert not re.search(r'<img[^>]*src=""', page)


@pytest.mark.django_db
def test_book_with_a_cover_shows_the_image(client, catalogue, books):
    book = books["weicheng"]
    book.cover = wagtail_factories.ImageFactory(title="围城封面")
    book.save()
    html = client.get(catalogue.url).content.decode()
    images = re.findall(r'<img[^>]*src="([^"]*)"', html.split('<ul class="book-grid">', 1)[1])
    assert len([src for src in images if src]) >= 1
    assert html.count("book-cover--card") == 3


@pytest.mark.django_db
def test_list_page_shows_items_in_order_with_reasons(client, catalogue, list_index, books):
    page = BookListPageFactory(
        parent=list_index,
        title="领导干部领读书单",
        recommender_name="王建国",
        recommender_title="机关党委书记",
        books=[
            (books["xiangtu"], "理解中国基层社会"),
            (books["pingfan"], "奋斗者的故事"),
            (books["jianshi"], "学习党的历史"),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert titles_in(html, "book-list-item__title") == ["乡土中国", "平凡的世界", "中国共产党简史"]
    positions = [html.index(reason) for reason in ("理解中国基层社会", "奋斗者的故事", "学习党的历史")]
    assert positions == sorted(positions)
    assert "王建国" in html and "机关党委书记" in html
    assert f'href="{catalogue.url}{books["xiangtu"].pk}/"' in html


@pytest.mark.django_db
def test_list_page_category_filter(client, list_index, books):
    page = BookListPageFactory(parent=list_index, books=[books["xiangtu"], books["pingfan"], books["weicheng"]])
    response = client.get(page.url, {"category": "literature"})
    assert titles_in(response.content.decode(), "book-list-item__title") == ["平凡的世界", "围城"]
    assert [c.code for c in response.context["categories"]] == ["humanities-history", "literature"]
    assert "?category=humanities-history" in response.content.decode()


@pytest.mark.django_db
def test_list_index_shows_live_lists(client, list_index, books):
    live = BookListPageFactory(parent=list_index, title="春季推荐书目", books=[books["pingfan"]])
    BookListPageFactory(parent=list_index, title="未发布书目", books=[books["pingfan"]], live=False)
    html = client.get(list_index.url).content.decode()
    assert live.title in html
    assert "未发布书目" not in html


@pytest.mark.django_db
def test_campaign_page_shows_its_lists(client, campaign, list_index, books):
    linked = BookListPageFactory(parent=list_index, title="读书月推荐书目", campaign=campaign, books=[books["pingfan"]])
    BookListPageFactory(parent=list_index, title="别的书单", books=[books["weicheng"]])
    html = client.get(campaign.url).content.decode()
    assert linked.title in html
    assert linked.url in html
    assert "别的书单" not in html


@pytest.mark.django_db
def test_home_page_shows_the_latest_lists(client, home_page, list_index, books):
    lists = [
        BookListPageFactory(parent=list_index, title=f"推荐书目第{n}期", books=[books["pingfan"]]) for n in range(4)
    ]
    html = client.get(home_page.url).content.decode()
    assert "推荐书目第3期" in html and "推荐书目第1期" in html
    assert "推荐书目第0期" not in html  # three newest only
    assert lists[3].url in html


@pytest.mark.django_db
def test_english_catalogue_shows_translated_categories(client, catalogue, books, translate, en_locale):
    en_catalogue = translate(catalogue, en_locale)
    response = client.get(en_catalogue.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chinese and World Literature" in html
    assert "平凡的世界" in html  # untranslated books keep their Chinese title
    assert Locale.get_default().language_code == "zh-hans"


def test_list_item_keeps_order():
    assert BookListItem._meta.ordering == ["sort_order"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["99999999999999999999999", "1e400"])
def test_catalogue_page_out_of_range_is_not_a_500(client, catalogue, page):
    category = CategoryFactory(code="popular-science")
    for n in range(30):
        BookFactory(title=f"科普读物{n:02d}", category=category)
    response = client.get(catalogue.url, {"page": page})
    assert response.status_code == 200
    assert response.context["books"].number == (2 if page.isdigit() else 1)
