"""The demo's 2024 campaign shows a real 成果展示: figures, a gallery of drawn posters, in both languages,
and building the demo again adds no collection, image or page."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection

from campaigns.demo import content
from campaigns.models import CampaignPage


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_2024_campaign_shows_its_results_with_a_gallery(client, db, language):
    campaign = CampaignPage.objects.get(slug=content.CAMPAIGN_2024["slug"], locale__language_code=language)
    response = client.get(campaign.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="outcomes"' in page and 'id="outcome-figures"' in page and 'id="outcome-gallery"' in page
    assert len(response.context["gallery"]) == len(content.GALLERY_2024["photos"])
    assert campaign.outcome_summary


@pytest.mark.usefixtures("demo")
def test_building_the_demo_again_adds_no_gallery_or_photo(db):
    gallery = Collection.objects.get(name=content.GALLERY_2024["collection"])
    photos = get_image_model().objects.filter(collection=gallery)
    assert photos.count() == len(content.GALLERY_2024["photos"])
    assert all(photo.width == 1200 and photo.height == 800 for photo in photos)
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "演示站点已存在，没有新建任何内容。" in out.getvalue()
    assert Collection.objects.filter(name=content.GALLERY_2024["collection"]).count() == 1
    assert photos.count() == len(content.GALLERY_2024["photos"])
