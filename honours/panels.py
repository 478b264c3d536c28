"""Panels honours puts on other apps' pages (registered in wagtail_hooks.py).

Each returns a list of dicts with a "template" key, like portal_book_page_panels.
"""

from django.utils.translation import gettext as _

from portal.localization import localized_page

from .models import AwardKind, AwardRound, HonorWallPage, Honour
from .services import honours_for
from .views import board, essay_sections, localize_contests


def my_honours_panel(request, user):
    """我的荣誉: the employee's honours from published rounds (one query; two with a wall to link to)."""
    honours = list(honours_for(user)[:20])
    if not honours:
        return []
    wall = localized_page(HonorWallPage, request)  # in the reader's language, else the default language's
    return [{"template": "honours/panels/my_honours.html", "honours": honours, "wall": wall}]


def record_honours_section(user, year):
    """Honours received, on the employee's reading record (progress_record_sections, order 60):
    the honours of published rounds whose period starts in `year`. One query."""
    honours = list(
        Honour.objects.filter(user=user, round__live=True, round__start_date__year=year)
        .select_related("round", "round__campaign")
        .order_by("round__start_date", "round__kind", "pk")
    )
    return [
        {
            "order": 60,
            "key": "honours",
            "title": _("Honours received"),
            "template": "honours/record/honours.html",
            "columns": [_("Award"), _("Period"), _("Rank")],
            "rows": [
                [honour.round.get_kind_display(), honour.round.period_label(), honour.rank or ""] for honour in honours
            ],
        }
    ]


def campaign_awards_panel(request, campaign, timeline):
    """portal_campaign_page_panels: the campaign's published awards in its 成果展示 (order 20), once it
    reaches 总结评估 (CampaignPage.shows_outcomes). One query."""
    if not campaign.shows_outcomes(timeline):
        return []
    rounds = list(
        AwardRound.objects.published()
        .filter(campaign__translation_key=campaign.translation_key)
        .order_by("kind", "-start_date")
    )
    if not rounds:
        return []
    localize_contests(request, rounds)
    context = board(rounds)
    return [
        {"template": "honours/panels/campaign_awards.html", "position": "outcomes", "order": 20, "rounds": rounds}
        | context
    ]


def essay_results_panel(request, event):
    """campaigns_event_page_panels: an essay contest's published results, on its page (one query; two with results)."""
    if not event.is_essay_contest:
        return []
    rounds = list(
        AwardRound.objects.published()
        .filter(kind=AwardKind.ESSAY, event__translation_key=event.translation_key)
        .order_by("-end_date", "-pk")[:1]
    )
    if not rounds:
        return []
    wall = localized_page(HonorWallPage, request)
    return [{"template": "honours/panels/event_results.html", "sections": essay_sections(rounds), "wall": wall}]


HOME_STARS = 5


def home_stars(request):
    """This month's 阅读之星 for the home page: the latest published monthly round (two queries),
    and the honour wall in the reader's language for the link."""
    from .models import AwardKind, PeriodKind

    star_round = (
        AwardRound.objects.published()
        .filter(kind=AwardKind.STAR, period_kind=PeriodKind.MONTH)
        .order_by("-start_date")
        .first()
    )
    if star_round is None:
        return {"honour_stars": [], "honour_star_round": None, "honour_wall": None}
    wall = localized_page(HonorWallPage, request)
    stars = board([star_round])["stars"][:HOME_STARS]
    return {"honour_stars": stars, "honour_star_round": star_round, "honour_wall": wall}
