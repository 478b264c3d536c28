"""Page addresses (item 22 of the outside audit).

- `.ics` files and sitemap.xml carry the address the portal is reached at, not
  the data migration's `http://localhost/`;
- a page made from a Chinese title gets a short, readable ASCII slug (pinyin),
  not 200 characters of percent-encoding under its QR code.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Page

from home.factories import StandardPageFactory
from home.models import StandardPage
from portal.models import ascii_slug

pytestmark = pytest.mark.django_db

HOST = "reading.example.gov.cn"
LONG_TITLE = "2026年度“书香机关”创建活动实施方案暨全员阅读推进工作安排（第一阶段）"


def test_ics_carries_the_address_the_visitor_used(client, event):
    response = client.get(event.url + "ics/", HTTP_HOST=HOST)
    body = response.content.decode()
    assert f"URL:http://{HOST}{event.url}" in body.replace("\r\n ", "")
    assert "localhost" not in body


def test_ics_over_https_keeps_the_scheme(client, event, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get(event.url + "ics/", HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")
    assert f"URL:https://{HOST}{event.url}" in response.content.decode().replace("\r\n ", "")


def test_sitemap_carries_the_address_the_visitor_used(client, site_tree):
    response = client.get("/sitemap.xml", HTTP_HOST=HOST)
    body = response.content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", body)
    assert locations
    assert all(location.startswith(f"http://{HOST}/") for location in locations), locations
    assert "localhost" not in body


def test_without_a_request_pages_use_the_configured_address(site_tree):
    url = Page.objects.get(pk=site_tree.event.pk).specific.get_full_url()
    assert url == settings.WAGTAILADMIN_BASE_URL.rstrip("/") + site_tree.event.url


def test_unicode_slugs_are_off():
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False


def test_a_page_from_a_chinese_title_gets_a_short_ascii_slug(home_page):
    page = home_page.add_child(instance=StandardPage(title=LONG_TITLE))
    assert page.slug.isascii()
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", page.slug)
    assert len(page.slug) <= 50
    assert page.slug.startswith("2026-nian-du-shu-xiang-ji-guan")
    # The address under the QR code is as short and readable as the slug.
    assert page.url == f"/zh-hans/{page.slug}/"


def test_pages_with_the_same_title_get_different_slugs(home_page):
    first = home_page.add_child(instance=StandardPage(title="活动章程"))
    second = home_page.add_child(instance=StandardPage(title="活动章程"))
    assert first.slug == "huo-dong-zhang-cheng"
    assert second.slug == "huo-dong-zhang-cheng-2"


def test_an_explicit_ascii_slug_is_kept(home_page):
    assert StandardPageFactory(parent=home_page, slug="rules", title="活动章程").slug == "rules"


def test_ascii_slug_is_capped_at_a_word_boundary():
    assert ascii_slug("书香机关") == "shu-xiang-ji-guan"
    assert ascii_slug("Reading Month 读书月") == "reading-month-du-shu-yue"
    slug = ascii_slug(LONG_TITLE, max_length=20)
    assert len(slug) <= 20 and not slug.endswith("-")
    assert ascii_slug("“”（）") == ""


def test_the_admin_creates_a_chinese_titled_page_with_an_ascii_slug(client, superuser, home_page):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home_page.pk))
    response = client.post(url, {"title": LONG_TITLE, "slug": "", "intro": "", "body": "[]", "body-count": "0"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(title=LONG_TITLE)
    assert page.slug.startswith("2026-nian-du-shu-xiang-ji-guan")
    assert len(page.slug) <= 50
