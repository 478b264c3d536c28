"""Public pages run a fixed, small number of SQL queries whatever the data size (DESIGN.md §6)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.factories import ArticlePageFactory, EventPageFactory, rich_body

# Budgets are for the page as rendered: with the page cache the measured GET would be a hit.
pytestmark = [pytest.mark.django_db, pytest.mark.page_cache_off]

BUDGET = 15


def add_content(site_tree, count, start=0):
    """``count`` more articles (tagged, linked to the campaign) and events."""
    now = timezone.now().replace(microsecond=0)
    for i in range(start, start + count):
        ArticlePageFactory(
            parent=site_tree.article_index,
            title=f"读书活动报道{i}",
            campaign=site_tree.campaign,
            tags=["读书月", f"专题{i % 4}"],
            body=rich_body(f"第{i}篇读书报道。"),
        )
        EventPageFactory(
            parent=site_tree.event_index,
            title=f"读书分享会{i}",
            start_time=now + datetime.timedelta(days=i - count // 2),
            end_time=now + datetime.timedelta(days=i - count // 2, hours=2),
        )


def urls(site_tree):
    return {
        "home": site_tree.home.url,
        "campaign": site_tree.campaign.url,
        "event": site_tree.event.url,
        "event_index": site_tree.event_index.url,
        "article": site_tree.article.url,
        "article_index": site_tree.article_index.url,
        "article_index_tag": site_tree.article_index.url + "?tag=%E8%AF%BB%E4%B9%A6%E6%9C%88",
        "search": "/zh-hans/search/?q=%E8%AF%BB%E4%B9%A6",
    }


def count_queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, settings)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "name", ["home", "campaign", "event", "event_index", "article", "article_index", "article_index_tag", "search"]
)
def test_page_within_query_budget(client, site_tree, name, django_assert_max_num_queries):
    add_content(site_tree, 3)
    url = urls(site_tree)[name]
    client.get(url)

    with django_assert_max_num_queries(BUDGET):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("name", ["home", "campaign", "article_index", "article_index_tag", "event_index", "search"])
def test_query_count_does_not_grow_with_data(client, site_tree, name):
    add_content(site_tree, 3)
    url = urls(site_tree)[name]
    small = count_queries(client, url)

    add_content(site_tree, 30, start=3)
    large = count_queries(client, url)

    assert large == small, f"{url}: {small} queries with 3 items, {large} with 33"
    assert large <= BUDGET
