"""The campaign page and the notes app meet only through a hook and a string foreign key.

campaigns does not import notes for the page's 读书心得 block: the page collects
panels from the portal_campaign_page_panels hook, which notes registers. notes
does not import campaigns: it reaches the campaign model through ReadingNote's
foreign key and names the 实施 phase by its value.
"""

import pytest

from campaigns.choices import PhaseKind
from campaigns.models import CampaignPage
from notes import forms as note_forms
from notes.factories import ReadingNoteFactory
from notes.models import campaign_model, filter_menus

pytestmark = pytest.mark.django_db


def test_notes_name_the_campaign_model_and_phase_without_importing_them():
    assert campaign_model() is CampaignPage
    assert note_forms.IMPLEMENTATION_PHASE == PhaseKind.IMPLEMENT


def test_campaign_page_shows_its_own_notes_through_the_hook(client, campaign, campaign_page_factory, campaign_index):
    other = campaign_page_factory(parent=campaign_index, slug="other", title="另一届活动")
    ReadingNoteFactory(title="为本届活动写的心得", campaign=campaign)
    ReadingNoteFactory(title="为另一届活动写的心得", campaign=other)
    ReadingNoteFactory(title="尚未发布的心得", campaign=campaign, live=False)

    response = client.get(campaign.url)
    page = response.content.decode()
    assert [panel["template"] for panel in response.context["campaign_panels"]] == ["notes/campaign_panel.html"]
    assert 'id="campaign-notes"' in page and "为本届活动写的心得" in page
    assert "为另一届活动写的心得" not in page and "尚未发布的心得" not in page

    ReadingNoteFactory(title="又一篇", campaign=other)
    response = client.get(other.url)
    assert "又一篇" in response.content.decode() and "为本届活动写的心得" not in response.content.decode()


def test_a_campaign_without_notes_has_no_notes_block(client, campaign):
    response = client.get(campaign.url)
    assert response.status_code == 200
    assert response.context["campaign_panels"] == []
    assert 'id="campaign-notes"' not in response.content.decode()


def test_the_notes_filter_lists_live_campaigns(campaign):
    assert [item["key"] for item in filter_menus()["filter_campaigns"]] == [campaign.slug]
