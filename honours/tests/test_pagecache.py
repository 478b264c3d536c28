"""The honour wall in the page cache (portal/pagecache.py): publishing a round shows it at once."""

import pytest

from honours.models import AwardKind
from portal import pagecache

from .conftest import generate_all, publish

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_a_published_round_clears_the_wall_its_archive_and_the_kiosk(client, wall, readers, home_page):
    rounds = generate_all()
    for url in [wall.url, wall.url + "kiosk/"]:
        client.get(url)
        response = client.get(url)
        assert response[pagecache.HEADER] == "hit", url
        assert "李明" not in text(response)
    client.get("/zh-hans/")
    assert client.get("/zh-hans/")[pagecache.HEADER] == "hit"

    publish(rounds[AwardKind.STAR])

    for url in [wall.url, wall.url + "kiosk/", wall.url + "2026/11/"]:
        response = client.get(url)
        assert response.status_code == 200 and response[pagecache.HEADER] == "miss", url
        assert "李明" in text(response), url
    assert client.get(wall.url + "kiosk/")[pagecache.HEADER] == "hit"
    assert client.get("/zh-hans/")[pagecache.HEADER] == "miss"  # its 阅读之星


def test_the_kiosk_is_served_from_the_cache_without_a_query(client, wall, published_rounds, django_assert_num_queries):
    url = wall.url + "kiosk/"
    client.get(url)
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response[pagecache.HEADER] == "hit" and "李明" in text(response)
