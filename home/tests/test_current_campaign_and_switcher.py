"""Which campaign is current (by dates, the same in both languages) and the language switcher
(a translated page → the same page in the other language; no translation → a bilingual notice
that offers the other language's home page)."""

import datetime
import re

import pytest
from django.utils import timezone

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignPage

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def three_campaigns(campaign_index):
    def make(slug, start, end):
        return CampaignPageFactory(
            parent=campaign_index, slug=slug, title=f"{slug}年度活动", start_date=start, end_date=end
        )

    return {
        "past": make("2024", datetime.date(2024, 3, 1), datetime.date(2024, 12, 31)),
        "running": make("2026", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
        "next": make("2027", datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)),
    }


def test_the_running_campaign_is_current(three_campaigns):
    assert CampaignPage.objects.current(TODAY) == three_campaigns["running"]


def test_between_campaigns_the_next_one_is_current(three_campaigns):
    assert (
        CampaignPage.objects.current(datetime.date(2026, 12, 31) + datetime.timedelta(days=1))
        == (three_campaigns["next"])
    )


def test_a_finished_campaign_is_never_current(three_campaigns):
    assert CampaignPage.objects.current(datetime.date(2028, 1, 1)) is None


def test_overlapping_campaigns_the_latest_started_is_current(three_campaigns, campaign_index):
    later = CampaignPageFactory(
        parent=campaign_index, slug="spring", start_date=datetime.date(2026, 4, 1), end_date=datetime.date(2026, 6, 30)
    )
    assert CampaignPage.objects.current(TODAY) == later


def test_english_home_shows_the_campaign_running_today_not_the_finished_one(
    client, home_page, campaign_index, en_locale, translate
):
    today = timezone.localdate()
    finished = CampaignPageFactory(
        parent=campaign_index,
        slug="2024",
        title="2024年度活动",
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2024, 12, 31),
    )
    running = CampaignPageFactory(
        parent=campaign_index,
        slug="now",
        title="本年度活动",
        start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=30),
    )
    finished_en = translate(finished, en_locale)
    finished_en.title = "Campaign 2024"
    finished_en.save_revision().publish()
    running_en = translate(running, en_locale)
    running_en.title = "This year's campaign"
    running_en.save_revision().publish()

    for path, title in (("/zh-hans/", "本年度活动"), ("/en/", "This year&#x27;s campaign")):
        html = client.get(path).content.decode()
        section = html[html.index('id="current-campaign"') :][:1500]
        assert title in section, path
    english = client.get("/en/").content.decode()
    assert "Current campaign" in english
    assert "Campaign 2024" not in english[english.index('id="current-campaign"') :][:1500]


def test_only_finished_campaigns_are_shown_as_the_latest_not_as_current(client, home_page, campaign_index):
    CampaignPageFactory(
        parent=campaign_index,
        slug="2024",
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2024, 12, 31),
    )
    html = client.get("/en/").content.decode()
    heading = html[html.index('id="current-campaign"') :][:200]
    assert "Latest campaign" in heading and "Current campaign" not in heading


def switcher_link(html, code):
    nav = re.search(r'<nav class="lang-switch".*?</nav>', html, re.S).group(0)
    return re.search(rf'<a href="([^"]+)" hreflang="{code}"', nav).group(1).replace("&amp;", "&")


def test_switcher_leads_to_the_same_page_in_the_other_language(client, standard_page, en_locale, translate):
    english = translate(standard_page, en_locale)
    assert switcher_link(client.get("/zh-hans/rules/").content.decode(), "en") == "/en/rules/"
    assert switcher_link(client.get("/en/rules/").content.decode(), "zh-Hans") == "/zh-hans/rules/"
    assert english.url == "/en/rules/"


def test_switcher_on_an_untranslated_page_leads_to_a_bilingual_notice_with_the_other_home(
    client, standard_page, en_home
):
    link = switcher_link(client.get("/zh-hans/rules/").content.decode(), "en")
    assert not link.startswith("/en/"), "no silent move to the English home"
    response = client.get(link)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This page has no English version yet." in html
    assert "本页面暂无英语版本。" in html
    assert 'href="/en/"' in html  # the English home
    assert 'href="/zh-hans/rules/"' in html  # the way back


def test_sitemap_lists_pages_of_both_languages(client, standard_page, en_locale, translate):
    translate(standard_page, en_locale)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/zh-hans/rules/" in xml and "/en/rules/" in xml and "/en/</loc>" in xml
