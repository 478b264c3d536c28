"""Public views of the honour wall: the wall itself (this period and the archive),
the reading-room kiosk and the printable certificate. Only published rounds show.

The wall runs two queries of its own whatever the data size: the list of
published rounds (for the archive) and the chosen period's rounds with their
stored candidates. Everything else is read from those stored lists.
"""

import datetime

from django.conf import settings
from django.db.models import Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from campaigns.models import EventPage
from portal.internals import content_language
from portal.models import visible

from .models import AwardKind, AwardRound, EssayPrize, Honour, PeriodKind


def _note_url(note_id):
    if not note_id:
        return ""
    try:
        return reverse("notes:detail", kwargs={"pk": note_id})
    except NoReverseMatch:
        return ""


def published_index():
    """Every published round, without the stored lists: ONE query."""
    return list(
        AwardRound.objects.published()
        .only(
            "pk", "kind", "period_kind", "start_date", "end_date", "title", "campaign_id", "event_id", "summary", "live"
        )
        .order_by("-start_date", "kind")
    )


ESSAY_ROUNDS_SHOWN = 3


def latest_essay_rounds(limit=ESSAY_ROUNDS_SHOWN):
    """The latest published essay contest results, with their stored lists: ONE query."""
    return list(AwardRound.objects.published().filter(kind=AwardKind.ESSAY).order_by("-end_date", "-pk")[:limit])


def localize_contests(request, rounds):
    """Give essay rounds their contest's title and link in the reader's language: ONE query (none without any).

    A round points at the contest's original page; its live translation in the active
    language is used when there is one, else the original.
    """
    contests = [r for r in rounds if r.kind == AwardKind.ESSAY and r.event_id]
    if not contests:
        return
    default = content_language(settings.LANGUAGE_CODE)
    active = content_language(get_language() or settings.LANGUAGE_CODE)
    keys = EventPage.objects.filter(pk__in={r.event_id for r in contests}).values("translation_key")
    pages = (
        visible(EventPage.objects)
        .filter(translation_key__in=Subquery(keys), locale__language_code__in={default, active})
        .select_related("locale")
        .only("pk", "title", "url_path", "path", "depth", "translation_key", "locale__language_code")
    )
    originals, localized = {}, {}
    for page in pages:
        if page.locale.language_code == default:
            originals[page.pk] = page
        if page.locale.language_code == active:
            localized[page.translation_key] = page
    for award_round in contests:
        original = originals.get(award_round.event_id)
        if original is None:
            continue
        page = localized.get(original.translation_key, original)
        award_round.contest_title = page.title
        award_round.contest_url = page.get_url(request)


def archive(rounds):
    """Months with a published round (newest first) and the other published rounds."""
    months = []
    seen = set()
    others = []
    for award_round in rounds:
        if award_round.period_kind == PeriodKind.MONTH:
            key = (award_round.start_date.year, award_round.start_date.month)
            if key not in seen:
                seen.add(key)
                months.append({"year": key[0], "month": key[1], "label": award_round.period_label()})
        else:
            others.append(award_round)
    return months, others


def board(rounds):
    """The stars, departments and notes of the chosen rounds, ready for the templates."""
    by_kind = {award_round.kind: award_round for award_round in rounds}
    stars = []
    star_round = by_kind.get(AwardKind.STAR)
    if star_round:
        for winner in star_round.winners():
            winner["note_url"] = _note_url(winner.get("best_note_id"))
            stars.append(winner)
    departments = []
    unranked = []
    department_round = by_kind.get(AwardKind.DEPARTMENT)
    if department_round:
        winners = set(department_round.winner_keys())
        ranked = [c for c in department_round.candidates if c.get("rank")]
        best = max((c["points_per_head"] or 0 for c in ranked), default=0)
        for candidate in department_round.candidates:
            row = dict(candidate)
            row["winner"] = candidate["key"] in winners
            if candidate.get("rank"):
                # Bars in steps of 5% (CSS classes bar--0 … bar--100: no inline styles under the CSP).
                row["bar"] = 5 * round(20 * (candidate["points_per_head"] or 0) / best) if best else 0
                row["participation_percent"] = round(100 * (candidate["participation"] or 0))
                departments.append(row)
            else:
                unranked.append(row)
    notes = []
    note_round = by_kind.get(AwardKind.NOTE)
    if note_round:
        for winner in note_round.winners():
            winner["url"] = _note_url(winner.get("note_id"))
            notes.append(winner)
    rules_round = star_round or department_round or note_round
    return {
        "essay_sections": essay_sections([r for r in rounds if r.kind == AwardKind.ESSAY]),
        "star_round": star_round,
        "department_round": department_round,
        "note_round": note_round,
        "stars": stars,
        "departments": departments,
        "unranked_departments": unranked,
        "excellent_notes": notes,
        "rules": rules_round.rules if rules_round else None,
        "rules_months": rules_round.months if rules_round else 1,
    }


def essay_sections(rounds):
    """征文获奖: each contest's winners, best prize first, grouped by prize (from the stored lists)."""
    sections = []
    for award_round in rounds:
        prizes = []
        for winner in award_round.winners():
            winner["url"] = _note_url(winner.get("note_id"))
            if not prizes or prizes[-1]["prize"] != winner["prize"]:
                prizes.append({"prize": winner["prize"], "label": winner["prize_label"], "winners": []})
            prizes[-1]["winners"].append(winner)
        sections.append({"round": award_round, "prizes": prizes})
    return sections


def chosen_rounds(index, year=None, month=None, round_pk=None):
    """The rounds the page shows, with their stored lists: ONE query (none when nothing is published)."""
    if round_pk is not None:
        if not any(r.pk == round_pk for r in index):
            raise Http404
        return list(AwardRound.objects.published().filter(pk=round_pk).select_related("campaign"))
    if year is None:
        latest = next((r for r in index if r.period_kind == PeriodKind.MONTH), None)
        if latest is None:
            return []
        start = latest.start_date
    else:
        start = datetime.date(year, month, 1)
        if not any(r.period_kind == PeriodKind.MONTH and r.start_date == start for r in index):
            raise Http404
    return list(AwardRound.objects.published().filter(period_kind=PeriodKind.MONTH, start_date=start))


def my_certificates(request, rounds):
    """The visitor's own honours in the shown rounds (one query, only when logged in)."""
    user = getattr(request, "user", None)
    if not rounds or user is None or not user.is_authenticated:
        return []
    return list(Honour.objects.filter(user=user, round__in=[r.pk for r in rounds]).select_related("round"))


def wall_context(page, request, year=None, month=None, round_pk=None):
    index = published_index()
    rounds = chosen_rounds(index, year, month, round_pk)
    months, others = archive(index)
    context = board(rounds)
    if year is None and round_pk is None:
        # This period's board, and beside it the latest essay contests' results.
        context["essay_sections"] = essay_sections(latest_essay_rounds())
    localize_contests(request, [*others, *rounds, *(section["round"] for section in context["essay_sections"])])
    period_label = rounds[0].period_label() if rounds else ""
    context.update(
        {
            "rounds": rounds,
            "period_label": period_label,
            "archive_months": months,
            "other_rounds": others,
            "selected_month": (rounds[0].start_date.year, rounds[0].start_date.month)
            if rounds and rounds[0].period_kind == PeriodKind.MONTH
            else None,
            "my_honours": my_certificates(request, rounds),
            "is_archive": year is not None or round_pk is not None,
        }
    )
    return context


KIOSK_STARS = 10
KIOSK_NOTES = 6
KIOSK_DEPARTMENTS = 10
KIOSK_SLIDE_SECONDS = 12


def kiosk_view(page, request):
    """The reading room's screen: the latest published month, full screen, no links, refreshed hourly."""
    index = published_index()
    rounds = chosen_rounds(index)
    context = board(rounds)
    context["stars"] = context["stars"][:KIOSK_STARS]
    context["excellent_notes"] = context["excellent_notes"][:KIOSK_NOTES]
    context["departments"] = context["departments"][:KIOSK_DEPARTMENTS]
    context.update(
        {
            "page": page,
            "rounds": rounds,
            "period_label": rounds[0].period_label() if rounds else "",
            "slide_seconds": KIOSK_SLIDE_SECONDS,
        }
    )
    return TemplateResponse(request, "honours/kiosk.html", context)


def can_see_certificate(user, honour):
    if not user.is_authenticated:
        return False
    return (honour.user_id is not None and honour.user_id == user.pk) or user.has_perm("honours.view_awardround")


def award_name(honour):
    """The award on the certificate: the prize for an essay contest (一等奖…), else the kind of award."""
    if honour.round.kind == AwardKind.ESSAY and honour.rank and honour.rank <= len(EssayPrize.values):
        return EssayPrize.labels[honour.rank - 1]
    return honour.round.get_kind_display()


def certificate_view(page, request, pk):
    """荣誉证书: a printable A4 landscape certificate, for the winner and for staff who run the rounds."""
    honour = get_object_or_404(
        Honour.objects.select_related("round", "department", "user__department"), pk=pk, round__live=True
    )
    if not can_see_certificate(request.user, honour):
        raise Http404
    department = honour.department.name if honour.department else ""
    if honour.user and honour.user.department and not department:
        department = honour.user.department.name
    return TemplateResponse(
        request,
        "honours/certificate.html",
        {
            "page": page,
            "honour": honour,
            "award_round": honour.round,
            "department": department,
            "award_name": award_name(honour),
            "title": _("Certificate of honour"),
        },
    )
