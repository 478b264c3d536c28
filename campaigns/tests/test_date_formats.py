"""Pages write dates in their language's formats (portal/formats): 2024年3月8日 under /zh-hans/,
8 March 2024 under /en/."""

import datetime

import pytest

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 3, 8)


def test_an_english_article_shows_an_english_date(client, article, en_home, en_locale, translate):
    article.date = DAY
    article.save_revision().publish()
    english = translate(article, en_locale)

    zh_html = client.get(article.url).content.decode()
    en_html = client.get(english.url).content.decode()

    assert '<time datetime="2024-03-08">2024年3月8日</time>' in zh_html
    assert '<time datetime="2024-03-08">8 March 2024</time>' in en_html
    assert "2024年3月8日" not in en_html


def test_an_english_campaign_shows_english_dates(client, campaign, en_home, en_locale, translate):
    campaign.start_date, campaign.end_date = DAY, datetime.date(2024, 12, 20)
    campaign.save_revision().publish()
    english = translate(campaign, en_locale)

    en_html = client.get(english.url).content.decode()

    assert ">8 March 2024</time> – <time" in en_html
    assert ">20 December 2024</time>" in en_html
