"""Panels reports puts on other apps' pages (registered in wagtail_hooks.py): the campaign's figures
in its page's 成果展示 (portal_campaign_page_panels)."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import outcomes


def _figure(value, label, unit=""):
    return {"value": value, "label": label, "unit": unit}


def campaign_figures_panel(request, campaign, timeline):
    """portal_campaign_page_panels: the campaign's figures from live data in its 成果展示 (order 10),
    once it reaches 总结评估 (CampaignPage.shows_outcomes). reports.outcomes: one query (the page
    lists the challenges anyway), none while cached. Event and challenge figures are left out when
    the campaign held none; the reading figures always show."""
    if not campaign.shows_outcomes(timeline):
        return []
    values = outcomes.current(campaign)
    rate = values["participation_rate"]
    figures = [
        _figure(f"{values['participants']:,}", _("took part"), pgettext("campaign figure unit", "readers")),
    ]
    if rate is not None:
        figures.append(_figure(f"{rate:.1f}".removesuffix(".0"), _("of the staff took part"), "%"))
    figures += [
        _figure(f"{values['loans']:,}", _("books lent"), pgettext("campaign figure unit", "loans")),
        _figure(f"{values['verified_reads']:,}", _("verified reads"), pgettext("campaign figure unit", "books")),
        _figure(
            f"{values['notes_submitted']:,}", _("reading notes submitted"), pgettext("campaign figure unit", "notes")
        ),
        _figure(
            f"{values['notes_approved']:,}", _("reading notes published"), pgettext("campaign figure unit", "notes")
        ),
        _figure(
            f"{values['notes_excellent']:,}", _("notes marked excellent"), pgettext("campaign figure unit", "notes")
        ),
    ]
    if values["events"]:
        figures += [
            _figure(f"{values['events']:,}", _("events held"), pgettext("campaign figure unit", "events")),
            _figure(
                f"{values['attendance']:,}", _("attendances checked in"), pgettext("campaign figure unit", "people")
            ),
        ]
    if values["challenge_completers"] is not None:
        figures.append(
            _figure(
                f"{values['challenge_completers']:,}",
                _("finished a themed reading challenge"),
                pgettext("campaign figure unit", "readers"),
            )
        )
    return [
        {"template": "reports/panels/campaign_figures.html", "position": "outcomes", "order": 10, "figures": figures}
    ]
