"""成果展示 in a browser: a campaign in 总结评估 shows its figures, its 优秀 notes and a photo gallery whose
images load (responsive renditions, no script, nothing the Content-Security-Policy refuses), on a desktop
and on a phone. Screenshots: test-artifacts/screenshots/outcomes-*.png.

The live server does not serve media files (test settings keep them in memory), so the browser's
requests for /media/ are answered from default_storage by Playwright.
"""

import datetime
import io
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection

from campaigns.choices import PhaseKind
from campaigns.demo.builder import poster
from campaigns.models import CampaignPhase
from notes.factories import ReadingNoteFactory

from .conftest import PHONE

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium not installed at /usr/bin/chromium: apt-get install chromium", allow_module_level=True)

pytestmark = pytest.mark.browser

PHOTOS = [
    ("世界读书日读书分享会", "职工代表在职工书屋分享读过的好书", ("世界读书日", "读书分享会"), "#9e1b1b"),
    ("征文比赛颁奖", "征文比赛获奖职工上台领奖", ("书香润机关", "征文比赛颁奖"), "#1b2a41"),
    ("经典诵读朗诵比赛", "职工在朗诵比赛中诵读经典篇章", ("经典诵读", "朗诵比赛"), "#2f6b3a"),
    ("流动书箱进科室", "流动书箱把新书送到科室", ("流动书箱", "进科室"), "#b07d2b"),
]


def serve_media(page):
    def answer(route):
        name = unquote(urlsplit(route.request.url).path).removeprefix(settings.MEDIA_URL)
        if default_storage.exists(name):
            with default_storage.open(name) as file:
                route.fulfill(body=file.read(), content_type="image/jpeg")
        else:
            route.fulfill(status=404)

    page.route("**" + settings.MEDIA_URL + "**", answer)


@pytest.fixture
def evaluating(published_site):
    campaign = published_site["campaign"]
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    phases = CampaignPhase.objects.filter(page=campaign)
    phases.filter(kind=PhaseKind.PREPARE).update(start_date=today - 30 * day, end_date=today - 21 * day)
    phases.filter(kind=PhaseKind.IMPLEMENT).update(start_date=today - 20 * day, end_date=today - 10 * day)
    phases.filter(kind=PhaseKind.EVALUATE).update(start_date=today - 9 * day)
    gallery = Collection.get_first_root_node().add_child(name="活动剪影")
    for number, (title, description, lines, colour) in enumerate(PHOTOS, start=1):
        file = ImageFile(io.BytesIO(poster(lines, colour)), name=f"outcome-{number}.jpg")
        get_image_model().objects.create(title=title, description=description, file=file, collection=gallery)
    campaign.outcome_gallery = gallery
    campaign.outcome_summary = "本届活动圆满完成，全体干部职工踊跃参与，书香氛围日益浓厚。"
    campaign.save_revision().publish()
    ReadingNoteFactory(
        title="读《平凡的世界》有感", is_excellent=True, marked_excellent_at=timezone.now() - datetime.timedelta(days=2)
    )
    return campaign


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_results_showcase_draws_its_figures_notes_and_photos(new_page, screenshot, evaluating, viewport):
    page = new_page(viewport=PHONE) if viewport == "phone" else new_page()
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    serve_media(page)
    page.goto(evaluating.url)

    section = page.locator("#outcomes")
    section.scroll_into_view_if_needed()
    assert section.locator("h2").inner_text() == "成果展示"
    assert section.locator("#outcome-figures").is_visible()
    assert "读《平凡的世界》有感" in section.locator("section:has(#outcome-notes)").inner_text()
    photos = section.locator(".gallery img")
    assert photos.count() == len(PHOTOS)
    for index in range(photos.count()):
        photos.nth(index).scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.gallery img')].every(img => img.complete && img.naturalWidth > 0)"
    )
    assert photos.first.get_attribute("alt") == PHOTOS[0][1]
    assert photos.first.get_attribute("srcset")
    box = photos.first.bounding_box()
    assert box["width"] > 150 and abs(box["width"] / box["height"] - 1.5) < 0.05  # 3:2, not stretched
    if viewport == "phone":
        assert box["width"] <= PHONE["width"]
    link = section.locator(".gallery__link").first.get_attribute("href")
    assert "max-1600x1600" in link
    assert refused == []
    screenshot(page, f"outcomes-{viewport}")
