"""成果展示: the campaign page's results showcase from its 总结评估 phase on.

campaigns shows the section, the editors' summary and the gallery collection's photos; higher
apps add their parts through portal_campaign_page_panels with "position": "outcomes" (reports: the
figures, honours: the awards, notes: the 优秀 notes). The figures themselves are tested in
reports/tests/test_outcomes.py.
"""

import datetime

import pytest
import wagtail_factories
from django.utils import timezone
from wagtail.models import Collection

from campaigns.factories import CampaignPageFactory
from campaigns.models import GALLERY_LIMIT, CampaignPage
from notes.factories import ReadingNoteFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def collection(name, photos=0):
    gallery = Collection.get_first_root_node().add_child(name=name)
    for i in range(photos):
        wagtail_factories.ImageFactory(
            collection=gallery, title=f"读书分享会现场{i}", description=f"职工在书屋分享读书心得{i}"
        )
    return gallery


@pytest.fixture
def evaluating(campaign_index):
    """A campaign whose 总结评估 phase started today."""
    today = timezone.localdate()
    return CampaignPageFactory(
        parent=campaign_index, slug="evaluating", start_date=today - 80 * DAY, end_date=today + 20 * DAY
    )


@pytest.fixture
def finished(campaign_index):
    return CampaignPageFactory(
        parent=campaign_index,
        slug="2024",
        title="2024年书香机关创建活动",
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2024, 12, 31),
    )


def html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response, response.content.decode()


def test_shows_outcomes_from_the_evaluation_phase_on(campaign, evaluating, finished):
    assert not CampaignPage.shows_outcomes(campaign.phase_timeline())
    assert CampaignPage.shows_outcomes(evaluating.phase_timeline())
    assert CampaignPage.shows_outcomes(finished.phase_timeline())
    # The day before 总结评估 starts it is still hidden.
    assert not CampaignPage.shows_outcomes(evaluating.phase_timeline(timezone.localdate() - DAY))
    assert not CampaignPage.shows_outcomes([])


def test_a_campaign_without_an_evaluation_phase_shows_outcomes_once_every_phase_is_over(finished):
    finished.phases.filter(kind="evaluate").delete()
    assert CampaignPage.shows_outcomes(finished.phase_timeline())


def test_the_section_is_hidden_before_the_evaluation_phase(client, campaign):
    campaign.outcome_summary = "本届活动圆满完成。"
    campaign.outcome_gallery = collection("活动照片", photos=2)
    campaign.save_revision().publish()
    response, page = html(client, campaign)
    assert response.context["shows_outcomes"] is False
    assert 'id="outcomes"' not in page and "本届活动圆满完成" not in page and "读书分享会现场" not in page


@pytest.mark.parametrize("which", ["evaluating", "finished"])
def test_the_section_is_shown_in_and_after_the_evaluation_phase(client, request, which):
    campaign = request.getfixturevalue(which)
    campaign.outcome_summary = "本届活动圆满完成。\n全体职工踊跃参与。"
    campaign.save_revision().publish()
    response, page = html(client, campaign)
    assert response.context["shows_outcomes"] is True
    assert 'id="outcomes"' in page and "成果展示" in page
    assert "本届活动圆满完成。<br>全体职工踊跃参与。" in page
    # The figures (reports) come first, before the photos.
    assert [panel["order"] for panel in response.context["outcome_panels"]] == sorted(
        panel["order"] for panel in response.context["outcome_panels"]
    )
    assert 'id="outcome-figures"' in page


def test_gallery_shows_the_collections_photos_as_responsive_linked_renditions(client, finished):
    finished.outcome_gallery = collection("2024年活动照片", photos=3)
    finished.save_revision().publish()
    collection("别的照片", photos=1)  # another collection's photos never show
    response, page = html(client, finished)
    assert len(response.context["gallery"]) == 3
    assert 'id="outcome-gallery"' in page
    for i in range(3):
        assert f'alt="职工在书屋分享读书心得{i}"' in page  # the description is the alt text
        assert f'<figcaption class="gallery__caption" lang="zh-hans">读书分享会现场{i}</figcaption>' in page
    assert page.count('srcset="') >= 3 and "fill-480x320" in page and "fill-960x640" in page
    assert page.count('class="gallery__link" href="/media/images/') == 3  # a link to the large rendition
    assert "max-1600x1600" in page
    assert "别的照片" not in page and "读书分享会现场0" in page
    assert "<script" not in page.split('id="outcomes"')[1].split("</section>")[0]


def test_no_gallery_without_a_collection_or_with_an_empty_one(client, finished):
    response, page = html(client, finished)
    assert response.context["gallery"] == [] and 'id="outcome-gallery"' not in page

    finished.outcome_gallery = collection("空相册")
    finished.save_revision().publish()
    response, page = html(client, finished)
    assert response.context["gallery"] == [] and 'id="outcome-gallery"' not in page


def test_a_large_collection_is_capped_with_a_count(client, finished):
    finished.outcome_gallery = collection("大相册", photos=GALLERY_LIMIT + 2)
    finished.save_revision().publish()
    response, page = html(client, finished)
    assert len(response.context["gallery"]) == GALLERY_LIMIT
    assert response.context["gallery_total"] == GALLERY_LIMIT + 2
    assert f"显示 {GALLERY_LIMIT} 张，共 {GALLERY_LIMIT + 2} 张" in page


def test_a_deleted_collection_leaves_the_page_without_a_gallery(client, finished):
    gallery = collection("将删除", photos=0)
    finished.outcome_gallery = gallery
    finished.save_revision().publish()
    gallery.delete()
    finished.refresh_from_db()
    assert finished.outcome_gallery_id is None
    assert html(client, finished)[0].status_code == 200


def test_excellent_notes_of_the_campaign_period_are_listed_and_linked(client, finished):
    def mark(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))

    excellent = ReadingNoteFactory(
        title="优秀心得：平凡的世界", is_excellent=True, marked_excellent_at=mark(datetime.date(2024, 5, 1))
    )
    ReadingNoteFactory(title="普通心得", marked_excellent_at=None)
    ReadingNoteFactory(
        title="优秀但未发布", live=False, is_excellent=True, marked_excellent_at=mark(datetime.date(2024, 5, 2))
    )
    ReadingNoteFactory(title="去年的优秀心得", is_excellent=True, marked_excellent_at=mark(datetime.date(2023, 12, 30)))
    response, page = html(client, finished)
    assert 'id="outcome-notes"' in page
    notes_part = page.split('id="outcome-notes"')[1].split("</section>")[0]
    assert "优秀心得：平凡的世界" in notes_part and excellent.get_absolute_url() in notes_part
    assert "普通心得" not in notes_part and "优秀但未发布" not in notes_part and "去年的优秀心得" not in notes_part


def test_no_excellent_notes_no_notes_part(client, finished):
    assert 'id="outcome-notes"' not in html(client, finished)[1]


def test_the_english_translation_shows_the_section_with_the_same_gallery(client, finished, en_locale, translate):
    finished.outcome_summary = "本届活动圆满完成。"
    finished.outcome_gallery = collection("2024年活动照片", photos=2)
    finished.save_revision().publish()
    english = translate(finished, en_locale)
    assert english.outcome_gallery_id == finished.outcome_gallery_id  # synchronised, not translated

    response, page = html(client, english)
    assert 'id="outcomes"' in page and "Results showcase" in page and "Photo gallery" in page
    assert "The campaign in figures" in page
    assert len(response.context["gallery"]) == 2


def test_the_editor_sees_the_showcase_fields(client, superuser, finished):
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{finished.pk}/edit/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="outcome_gallery"' in page and 'name="outcome_summary"' in page
