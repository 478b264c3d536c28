"""Every public page renders in both languages; drafts stay hidden; the .ics,
tag filter, pagination and RSS feed work."""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from campaigns.factories import ArticlePageFactory, EventPageFactory, rich_body
from campaigns.models import ARTICLES_PER_PAGE

pytestmark = pytest.mark.django_db

PAGE_NAMES = [
    "home",
    "campaign_index",
    "campaign",
    "event_index",
    "event",
    "article_index",
    "article",
    "standard",
    "questionnaire",
]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_type_renders_in_chinese(client, site_tree, name):
    page = getattr(site_tree, name)
    assert page.url.startswith("/zh-hans/")

    response = client.get(page.url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert page.title in html
    assert 'lang="zh-Hans"' in html or 'lang="zh-hans"' in html


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_type_renders_in_english(client, site_tree, en_home, en_locale, translate, name):
    page = getattr(site_tree, name)
    translated = en_home if name == "home" else translate(page, en_locale)
    translated.title = f"English {type(page).__name__}"
    translated.save_revision().publish()

    assert translated.url.startswith("/en/")
    response = client.get(translated.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert translated.title in html
    assert 'lang="en"' in html


def test_english_url_of_untranslated_page_is_404(client, site_tree, en_home):
    response = client.get(site_tree.article.url.replace("/zh-hans/", "/en/", 1))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("accept_language", "prefix"),
    [("", "/zh-hans/"), ("zh-CN,zh;q=0.9", "/zh-hans/"), ("en-GB,en;q=0.8", "/en/")],
)
def test_root_redirects_to_a_language_prefix(client, home_page, accept_language, prefix):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **headers)

    assert response.status_code in (301, 302)
    assert response["Location"] == prefix


def test_event_ics_download(client, event):
    response = client.get(event.url + "ics/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    # Unfold RFC 5545 continuation lines before looking at the properties.
    text = response.content.decode().replace("\r\n ", "")
    assert "BEGIN:VEVENT" in text
    assert f"SUMMARY:{event.title}" in text
    assert re.search(r"^DTSTART[;:]", text, re.MULTILINE)
    assert f"LOCATION:{event.place}" in text


def test_event_ics_start_time_is_the_events(client, event):
    from icalendar import Calendar

    response = client.get(event.url + "ics/")
    calendar = Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    assert vevent.decoded("dtstart") == event.start_time
    assert vevent.decoded("dtend") == event.end_time
    assert str(vevent["summary"]) == event.title


def test_article_index_filters_by_tag(client, article_index):
    reading = [ArticlePageFactory(parent=article_index, tags=["读书月"]) for _ in range(2)]
    recital = ArticlePageFactory(parent=article_index, tags=["朗诵比赛"], title="朗诵比赛圆满落幕")

    response = client.get(article_index.url, {"tag": "朗诵比赛"})

    assert response.status_code == 200
    assert [a.pk for a in response.context["articles"]] == [recital.pk]
    assert response.context["tag"] == "朗诵比赛"
    html = response.content.decode()
    assert recital.title in html
    assert reading[0].title not in html

    all_response = client.get(article_index.url)
    assert {a.pk for a in all_response.context["articles"]} == {recital.pk, *(a.pk for a in reading)}
    assert sorted(t.name for t in all_response.context["tags"]) == ["朗诵比赛", "读书月"]


def test_tag_route_redirects_to_filtered_index(client, article_index):
    response = client.get(article_index.url + "tag/abc/")
    assert response.status_code == 302
    assert response["Location"].endswith("?tag=abc")


def test_article_index_paginates(client, article_index):
    today = timezone.localdate()
    total = ARTICLES_PER_PAGE + 3
    for i in range(total):
        ArticlePageFactory(parent=article_index, date=today - datetime.timedelta(days=i), title=f"第{i}篇报道")

    first = client.get(article_index.url)
    second = client.get(article_index.url, {"page": 2})
    beyond = client.get(article_index.url, {"page": 99})
    junk = client.get(article_index.url, {"page": "abc"})

    assert first.status_code == second.status_code == beyond.status_code == junk.status_code == 200
    assert len(first.context["articles"]) == ARTICLES_PER_PAGE
    assert first.context["articles"].paginator.count == total
    assert len(second.context["articles"]) == 3
    # Newest first: page 1 starts with today's report, page 2 holds the oldest.
    assert first.context["articles"][0].title == "第0篇报道"
    assert second.context["articles"][2].title == f"第{total - 1}篇报道"
    assert beyond.context["articles"].number == 2
    assert junk.context["articles"].number == 1
    assert "?page=2" in first.content.decode() or "page=2" in first.content.decode()


def test_rss_feed_is_valid_xml_with_items(client, article_index, article):
    ArticlePageFactory(parent=article_index, title="读书分享会成功举办")
    ArticlePageFactory(parent=article_index, title="尚未发布的草稿", live=False)

    response = client.get(article_index.url + "feed/")

    assert response.status_code == 200
    assert "xml" in response["Content-Type"]
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss"
    channel = root.find("channel")
    assert channel.findtext("title") == article_index.title
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert sorted(titles) == sorted([article.title, "读书分享会成功举办"])
    links = [item.findtext("link") for item in channel.findall("item")]
    assert all(link.endswith("/") and "/zh-hans/news/" in link for link in links)


class TestDraftsAreInvisible:
    def test_never_published_page_is_404(self, client, article_index):
        draft = ArticlePageFactory(parent=article_index, slug="draft", title="草稿报道", live=False)
        assert draft.has_unpublished_changes and not draft.live

        response = client.get(draft.url)

        assert response.status_code == 404
        assert "草稿报道" not in response.content.decode()

    def test_unpublished_page_is_404(self, client, article):
        assert client.get(article.url).status_code == 200
        article.unpublish()
        assert client.get(article.url).status_code == 404

    def test_draft_event_and_its_ics_are_404(self, client, event_index):
        draft = EventPageFactory(parent=event_index, slug="secret", live=False)
        assert client.get(draft.url).status_code == 404
        assert client.get(draft.url + "ics/").status_code == 404

    def test_newer_draft_revision_is_not_shown(self, client, article):
        article.title = "尚未审核的新标题"
        article.body = rich_body("尚未审核的新正文")
        article.save_revision()

        response = client.get(article.url)

        assert response.status_code == 200
        html = response.content.decode()
        assert "机关读书月活动启动" in html
        assert "尚未审核的新标题" not in html
        assert "尚未审核的新正文" not in html

    def test_drafts_are_not_listed(self, client, home_page, article_index, article):
        ArticlePageFactory(parent=article_index, title="未发布的报道", live=False)

        for url in (home_page.url, article_index.url):
            html = client.get(url).content.decode()
            assert article.title in html
            assert "未发布的报道" not in html


def test_404_page_is_styled(client, home_page):
    response = client.get("/zh-hans/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "书香机关" in html
    assert 'rel="stylesheet"' in html
    assert "<html" in html


class TestLanguageSwitcher:
    def test_links_to_the_translation(self, client, article, en_home, en_locale, translate):
        english = translate(article, en_locale)

        zh_html = client.get(article.url).content.decode()
        en_html = client.get(english.url).content.decode()

        assert re.search(rf'<a[^>]*href="{re.escape(english.url)}"[^>]*hreflang="en"', zh_html) or re.search(
            rf'<a[^>]*hreflang="en"[^>]*href="{re.escape(english.url)}"', zh_html
        )
        assert f'href="{article.url}"' in en_html

    def test_untranslated_page_links_to_the_other_home(self, client, article, en_home):
        # Issue 10: not silently to /en/, but through a notice (in both languages) that links it.
        html = client.get(article.url).content.decode()
        link = re.search(r'<a href="([^"]+)" hreflang="en"', html).group(1).replace("&amp;", "&")
        assert link.startswith("/untranslated/en/")
        assert 'href="/en/"' in client.get(link).content.decode()
