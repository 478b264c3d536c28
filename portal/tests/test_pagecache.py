"""The page cache for anonymous visitors (portal/pagecache.py, issue 14).

Served from the shared cache without a query; cleared when a page is published,
unpublished, moved or deleted, or a setting changes; never stores anything
personal (logged-in users, cookies, CSRF forms, restricted pages); per language;
with ETag, Last-Modified and public Cache-Control for browsers.
Notes, loans and the honour wall have their own tests in their apps (test_pagecache.py).
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from conftest import live_url
from home.models import SiteSettings, SiteText
from portal import pagecache

pytestmark = pytest.mark.django_db

HIT = "hit"


def cached(response):
    return response.get(pagecache.HEADER)


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def text(response):
    return response.content.decode()


def entry_for(url, language="zh-hans"):
    """The cached entry of an anonymous GET of ``url`` (the test client's host), or None."""
    with translation.override(language):
        return cache.get(pagecache.cache_key(RequestFactory().get(url)))


def page_urls(site_tree):
    return {
        "home": "/zh-hans/",
        "campaign": live_url(site_tree.campaign),
        "event": live_url(site_tree.event),
        "article_index": live_url(site_tree.article_index),
        "article": live_url(site_tree.article),
        "article_tag": live_url(site_tree.article_index) + "?tag=%E8%AF%BB%E4%B9%A6%E6%9C%88",
        "standard": live_url(site_tree.standard),
        "search": "/zh-hans/search/?q=%E8%AF%BB%E4%B9%A6",
        "sitemap": "/sitemap.xml",
    }


# --- served from the cache -------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["home", "campaign", "event", "article_index", "article", "article_tag", "standard", "search", "sitemap"]
)
def test_second_anonymous_get_is_served_from_the_cache_without_a_query(
    client, site_tree, name, django_assert_num_queries
):
    url = page_urls(site_tree)[name]
    first = client.get(url)
    assert first.status_code == 200
    assert cached(first) == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert cached(second) == HIT
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_head_is_answered_from_the_cached_get(client, site_tree, django_assert_num_queries):
    url = live_url(site_tree.article)
    client.get(url)
    with django_assert_num_queries(0):
        response = client.head(url)
    assert response.status_code == 200 and cached(response) == HIT


def test_the_query_string_is_part_of_the_key(client, site_tree):
    url = live_url(site_tree.article_index)
    client.get(url)
    assert cached(client.get(url + "?tag=%E8%AF%BB%E4%B9%A6%E6%9C%88")) == "miss"
    assert cached(client.get(url + "?page=2")) == "miss"
    assert cached(client.get(url)) == HIT


def test_cache_keys_differ_by_language(client, home_page, en_home):
    factory = RequestFactory()
    request = factory.get("/")
    keys = set()
    for language in ("zh-hans", "en"):
        with translation.override(language):
            keys.add(pagecache.cache_key(request))
    assert len(keys) == 2

    chinese = client.get("/zh-hans/")
    english = client.get("/en/")
    assert cached(chinese) == "miss" and cached(english) == "miss"
    assert '<html lang="zh-Hans">' in text(chinese) and '<html lang="en">' in text(english)
    assert cached(client.get("/zh-hans/")) == HIT
    again = client.get("/en/")
    assert cached(again) == HIT and again.content == english.content


def test_a_disabled_cache_stores_nothing(client, home_page, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/zh-hans/")
    assert cached(client.get("/zh-hans/")) is None
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/zh-hans/")
    assert cached(client.get("/zh-hans/")) is None


# --- cleared when a page changes ---------------------------------------------------


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert cached(client.get(url)) == HIT, url


def test_a_published_title_shows_on_the_page_its_index_and_home(client, site_tree):
    article, index = site_tree.article, site_tree.article_index
    urls = [live_url(article), live_url(index), "/zh-hans/"]
    warm(client, *urls)
    assert all("机关读书月活动启动" in text(client.get(url)) for url in urls)

    article = Page.objects.get(pk=article.pk).specific
    article.title = "机关读书月活动圆满结束"
    article.save_revision().publish()

    for url in urls:
        response = client.get(url)
        assert cached(response) == "miss", url
        assert "机关读书月活动圆满结束" in text(response), url
        assert "机关读书月活动启动" not in text(response), url


def test_a_draft_changes_nothing_cached(client, site_tree):
    url = live_url(site_tree.article)
    warm(client, url)
    article = Page.objects.get(pk=site_tree.article.pk).specific
    article.title = "尚未发布的新标题"
    article.save_revision()
    response = client.get(url)
    assert cached(response) == HIT and "尚未发布的新标题" not in text(response)


def test_an_unpublished_page_is_gone_at_once(client, site_tree):
    article_url, index_url = live_url(site_tree.article), live_url(site_tree.article_index)
    warm(client, article_url, index_url, "/zh-hans/")
    Page.objects.get(pk=site_tree.article.pk).specific.unpublish()
    assert client.get(article_url).status_code == 404
    assert "机关读书月活动启动" not in text(client.get(index_url))
    assert "机关读书月活动启动" not in text(client.get("/zh-hans/"))


def test_a_moved_page_answers_at_its_new_address_only(client, site_tree):
    old_url = live_url(site_tree.standard)
    warm(client, old_url, "/zh-hans/")
    Page.objects.get(pk=site_tree.standard.pk).move(site_tree.campaign, pos="last-child")
    new_url = live_url(site_tree.standard)
    assert new_url != old_url
    old = client.get(old_url)
    assert old.status_code == 301 and old["Location"].endswith(new_url)  # Wagtail's automatic redirect
    assert cached(client.get(new_url)) == "miss"


def test_a_deleted_page_is_gone_from_its_index(client, site_tree):
    article_url, index_url = live_url(site_tree.article), live_url(site_tree.article_index)
    warm(client, article_url, index_url)
    Page.objects.get(pk=site_tree.article.pk).delete()
    assert client.get(article_url).status_code == 404
    assert "机关读书月活动启动" not in text(client.get(index_url))


def test_a_changed_setting_clears_every_page(client, site_tree, site):
    url = live_url(site_tree.article)
    warm(client, url, "/zh-hans/")
    settings_row = SiteSettings.for_site(site)
    settings_row.footer_note = "周一至周五 12:00–13:30 开放"
    settings_row.save()
    for page_url in (url, "/zh-hans/"):
        response = client.get(page_url)
        assert cached(response) == "miss"
        assert "周一至周五 12:00–13:30 开放" in text(response)


def test_changed_footer_text_clears_every_page(client, site_tree, zh_locale):
    url = live_url(site_tree.article)
    warm(client, url, "/zh-hans/")
    SiteText.objects.create(locale=zh_locale, organisation="市直机关工会", footer_note="每周三闭馆")
    for page_url in (url, "/zh-hans/"):
        assert "每周三闭馆" in text(client.get(page_url))


def test_a_log_in_elsewhere_clears_nothing(client, site_tree, employee):
    url = live_url(site_tree.article)
    warm(client, url)
    other = client.__class__()
    other.force_login(employee)  # saves last_login only
    assert cached(client.get(url)) == HIT


def test_a_bump_after_the_rendering_started_makes_the_entry_stale(client, site_tree):
    """A change committed while a page was being rendered from the old rows: that copy is not served."""
    url = live_url(site_tree.article)
    client.get(url)
    entry = entry_for(url)
    assert entry is not None
    # As if the rendering had started before the last bump of one of its tags.
    cache.set(pagecache.TAG_PREFIX + pagecache.page_tag(site_tree.article), entry["started"] + 0.001, None)
    assert cached(client.get(url)) == "miss"


# --- never stored: anything personal ---------------------------------------------


def test_a_logged_in_response_is_never_stored(client, site_tree, employee):
    url = live_url(site_tree.article)
    client.force_login(employee)
    first = client.get(url)
    assert cached(first) is None
    assert {"private", "no-store"} <= cache_control(first)
    client.logout()
    response = client.get(url)
    assert cached(response) == "miss"
    assert employee.real_name not in text(response)


def test_a_logged_in_user_never_gets_the_anonymous_copy(client, site_tree, employee):
    url = live_url(site_tree.article)
    warm(client, url)
    client.force_login(employee)
    response = client.get(url)
    assert cached(response) is None
    assert employee.real_name in text(response)  # the header greets them
    assert {"private", "no-store"} <= cache_control(response)


@pytest.mark.parametrize("url", ["/zh-hans/accounts/login/", "/admin/login/"])
def test_a_page_with_a_csrf_token_is_never_stored(client, home_page, url):
    first = client.get(url)
    assert first.status_code == 200 and "csrftoken" in first.cookies
    second = client.get(url)
    assert cached(second) is None
    assert "csrftoken" in second.cookies or {"private", "no-store"} <= cache_control(second)
    assert entry_for(url) is None


def test_a_questionnaire_form_is_never_stored(client, site_tree):
    url = live_url(site_tree.questionnaire)
    first = client.get(url)
    assert first.status_code == 200 and "csrfmiddlewaretoken" in text(first)
    assert cached(client.get(url)) is None


def test_a_response_that_sets_a_cookie_is_never_stored(client, site_tree):
    # The language switch's cookie is set by Django's set_language on a redirect; a page view
    # that sets any cookie (here a flash message) is not stored, and is not served while one waits.
    url = live_url(site_tree.article)
    client.cookies["messages"] = "pending"
    response = client.get(url)
    assert cached(response) is None
    del client.cookies["messages"]
    assert cached(client.get(url)) == "miss"


def test_the_admin_is_never_read_from_or_stored(client, home_page):
    client.get("/admin/login/")
    assert entry_for("/admin/login/") is None


def test_a_page_behind_a_password_is_never_stored(client, site_tree):
    page = Page.objects.get(pk=site_tree.standard.pk)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    url = live_url(page)
    assert "活动章程" not in text(client.get(url)) or client.get(url).status_code != 200
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": "secret", "return_url": url},
    )
    inside = client.get(url)
    assert inside.status_code == 200 and cached(inside) is None
    stranger = client.__class__()
    response = stranger.get(url)
    assert cached(response) is None
    assert 'name="password"' in text(response)


# --- HTTP caching -------------------------------------------------------------------


def test_anonymous_pages_are_public_with_etag_and_last_modified(client, site_tree):
    url = live_url(site_tree.article)
    for response in (client.get(url), client.get(url)):
        assert "public" in cache_control(response)
        assert "max-age=60" in cache_control(response)
        assert "private" not in cache_control(response)
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith("GMT")


def test_if_none_match_gets_304_without_a_query(client, site_tree, django_assert_num_queries):
    url = live_url(site_tree.article)
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_if_modified_since_gets_304(client, site_tree):
    url = live_url(site_tree.article)
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_the_first_rendering_answers_a_conditional_request_too(client, site_tree):
    url = live_url(site_tree.article)
    etag = client.get(url)["ETag"]
    cache.clear()  # the next request renders again: same content, same ETag
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_changed_page_gets_a_new_etag(client, site_tree):
    url = live_url(site_tree.article)
    etag = client.get(url)["ETag"]
    article = Page.objects.get(pk=site_tree.article.pk).specific
    article.title = "新的标题"
    article.save_revision().publish()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag


def test_personal_pages_stay_private(client, home_page, employee):
    client.force_login(employee)
    response = client.get(reverse("loans:my_library"))
    assert {"private", "no-store"} <= cache_control(response)
    assert "public" not in cache_control(response)
    assert "ETag" not in response


def test_anonymous_pages_still_vary_on_cookie(client, site_tree):
    """A browser or proxy must not give a visitor who has since logged in the anonymous copy it kept."""
    url = live_url(site_tree.article)
    for response in (client.get(url), client.get(url)):
        assert "Cookie" in response["Vary"]
        assert "Accept-Language" not in response["Vary"]  # the language is in the address


# --- the hit path: before sessions and the user -----------------------------------


def test_a_hit_costs_one_cache_round_trip_and_no_session(client, site_tree, django_assert_num_queries):
    """Served before SessionMiddleware: no session or user lookup, one MGET for the entry and its tags."""
    from portal.tests.cache_calls import count_cache_calls

    url = live_url(site_tree.article)
    warm(client, url)
    assert cached(client.get(url)) == HIT  # this process has now seen the entry's tags
    with django_assert_num_queries(0), count_cache_calls() as calls:
        response = client.get(url)
    assert cached(response) == HIT
    assert [operation for operation, _keys in calls] == ["get_many"], str(calls)
    # The headers the middleware inside it added when the page was rendered are kept.
    assert "Cookie" in response["Vary"]
    assert response["Content-Language"] == "zh-hans"
    assert response["X-Frame-Options"]
    assert response["Content-Security-Policy"]


def test_a_visitor_with_a_session_cookie_is_always_rendered(client, site_tree, employee):
    """A session cookie may belong to a logged-in user: the anonymous copy is never handed to it."""
    url = live_url(site_tree.article)
    warm(client, url)
    client.force_login(employee)
    client.logout()  # Django forgets the session, the cookie is deleted
    assert cached(client.get(url)) == HIT
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session-we-know"
    response = client.get(url)
    assert response.status_code == 200
    assert cached(response) is None


def test_a_tag_the_process_did_not_expect_is_still_checked(client, site_tree):
    """The guessed tag keys are only a guess: a tag added since is fetched, and its bump honoured."""
    url = live_url(site_tree.article)
    warm(client, url)
    assert cached(client.get(url)) == HIT
    key = pagecache.cache_key(RequestFactory().get(url))
    entry = cache.get(key)
    entry["tags"] = [*entry["tags"], "new-tag"]
    cache.set(key, entry, None)
    assert cached(client.get(url)) == "miss"  # never bumped, so a missing stamp: stale


def test_a_response_that_varies_on_something_else_is_not_stored(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    request = rf.get("/zh-hans/")
    request.user = AnonymousUser()
    pagecache.tag(request)
    for vary, stored in (("Cookie", True), ("Cookie, Accept-Language", True), ("Cookie, User-Agent", False)):
        response = HttpResponse("<p>页面</p>")
        response["Vary"] = vary
        assert pagecache.may_store(request, response) is stored, vary
