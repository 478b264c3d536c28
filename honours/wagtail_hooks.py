"""Registers the honours admin (award rounds, scoring rules), its audit-log actions and the
panels honours adds to pages of other apps: "my library" and the profile (loans_my_library_panels,
people_profile_panels), the awards in the campaign page's 成果展示 (portal_campaign_page_panels), the
honours section of the reading record (progress_record_sections) and an essay contest's results on
its event page (campaigns_event_page_panels)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from . import panels, services
from .admin_views import AwardRoundViewSet
from .models import AwardRound

register_snippet(AwardRoundViewSet)


@hooks.register("register_snippet_listing_buttons")
def round_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, AwardRound) and user.has_perm("honours.view_awardround"):
        yield Button(
            _("Candidates and winners"),
            url=reverse("wagtailsnippets_honours_awardround:winners", args=[snippet.pk]),
            icon_name="list-ol",
            priority=20,
        )


@hooks.register("register_log_actions")
def register_round_log_actions(actions):
    actions.register_action(services.GENERATE_ACTION, _("Generate candidate list"), _("Candidate list generated"))
    actions.register_action(services.OVERRIDE_ACTION, _("Change a winner"), _("Winner added or removed, with a reason"))
    actions.register_action(services.CORRECT_ACTION, _("Correct a published round"), _("Published round corrected"))


@hooks.register("after_edit_snippet")
def log_round_correction(request, instance):
    if isinstance(instance, AwardRound) and instance.first_published_at is not None and instance.correction_reason:
        services.log_correction(instance, request.user, instance.latest_revision, instance.correction_reason)


hooks.register("loans_my_library_panels", panels.my_honours_panel)
hooks.register("people_profile_panels", panels.my_honours_panel)
hooks.register("portal_campaign_page_panels", panels.campaign_awards_panel)
hooks.register("progress_record_sections", panels.record_honours_section)
hooks.register("campaigns_event_page_panels", panels.essay_results_panel)
