"""Award rounds in the Wagtail admin: 生成候选名单 and adding or removing a winner with a reason.

Editing, submitting to 三审三校, approving, history and the audit log are
Wagtail's own snippet views (AwardRoundViewSet, registered in wagtail_hooks.py).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from portal.internals import admin_permission_denied

from . import services
from .forms import AwardRoundForm, GenerateRoundForm, OverrideForm
from .models import AwardKind, AwardRound, EssayPrize

GENERATE_PERMISSION = "honours.add_awardround"
OVERRIDE_PERMISSION = "honours.override_awardround"
URL_NAMESPACE = "wagtailsnippets_honours_awardround"


def edit_url(award_round):
    return reverse(f"{URL_NAMESPACE}:edit", args=[award_round.pk])


def _messages_of(error):
    if hasattr(error, "message_dict"):
        return [message for messages_ in error.message_dict.values() for message in messages_]
    return error.messages


def generate_view(request):
    """GET: the form (last month by default); POST: generate and open the round."""
    if not request.user.has_perm(GENERATE_PERMISSION):
        return admin_permission_denied(request)
    form = GenerateRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["kind"] == AwardKind.ESSAY:
                award_round, created = services.generate_contest_round(data["event"], user=request.user)
            else:
                award_round, created = services.generate_round(
                    data["kind"],
                    data["start"],
                    data["end"],
                    period_kind=data["period_kind"],
                    campaign=data.get("campaign"),
                    user=request.user,
                )
        except ValidationError as error:
            for message in _messages_of(error):
                form.add_error(None, message)
        else:
            if award_round.summary.get("empty") and award_round.kind == AwardKind.ESSAY:
                messages.warning(
                    request,
                    _("“%(round)s”: the contest has no approved entries yet. The round is empty.")
                    % {"round": award_round},
                )
            elif award_round.summary.get("empty"):
                messages.warning(
                    request,
                    _("“%(round)s”: nobody had a verified read or an approved note in this period. The round is empty.")
                    % {"round": award_round},
                )
            else:
                messages.success(
                    request,
                    _("Candidate list for “%(round)s” generated: %(count)d candidates.")
                    % {"round": award_round, "count": award_round.summary["candidates"]},
                )
            return redirect(edit_url(award_round))
    return TemplateResponse(
        request,
        "honours/admin/generate.html",
        {"form": form, "page_title": _("Generate a candidate list"), "header_icon": "pick"},
    )


def winners_view(request, pk):
    """The stored candidates with their figures; add or remove a winner with a reason."""
    if not request.user.has_perm("honours.view_awardround"):
        return admin_permission_denied(request)
    award_round = get_object_or_404(AwardRound, pk=pk)
    latest = award_round.get_latest_revision_as_object() if award_round.latest_revision_id else award_round
    can_override = request.user.has_perm(OVERRIDE_PERMISSION)
    form = OverrideForm(request.POST or None, award_round=latest)
    if request.method == "POST":
        if not can_override:
            return admin_permission_denied(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.override_winner(
                    award_round,
                    request.user,
                    data["candidate"],
                    data["action"],
                    data["reason"],
                    prize=data.get("prize", ""),
                )
            except PermissionDenied:
                return admin_permission_denied(request)
            except ValidationError as error:
                for message in _messages_of(error):
                    form.add_error(None, message)
            else:
                messages.success(request, _("The change and its reason are saved in the round's history."))
                return redirect(reverse(f"{URL_NAMESPACE}:winners", args=[award_round.pk]))
    winners = set(latest.winner_keys())
    prizes = {row["key"]: row.get("prize_label", "") for row in latest.winners()}
    rows = [dict(c, winner=c["key"] in winners, prize_label=prizes.get(c["key"], "")) for c in latest.candidates]
    return TemplateResponse(
        request,
        "honours/admin/winners.html",
        {
            "award_round": latest,
            "rows": rows,
            "form": form,
            "can_override": can_override,
            "prizes": EssayPrize.choices,
            "in_review": services.in_review(award_round),
            "edit_url": edit_url(award_round),
            "page_title": _("Candidates and winners"),
            "header_icon": "pick",
        },
    )


class GenerateInsteadOfCreateView(CreateView):
    """Rounds are made by generating their candidate list, not typed in: "Add" opens the generator."""

    def dispatch(self, request, *args, **kwargs):
        return redirect(reverse(f"{URL_NAMESPACE}:generate"))


class AwardRoundViewSet(SnippetViewSet):
    model = AwardRound
    icon = "pick"
    menu_label = gettext_lazy("Award rounds")
    menu_name = "award-rounds"
    menu_order = 270
    add_to_admin_menu = True
    copy_view_enabled = False
    add_view_class = GenerateInsteadOfCreateView
    list_display = [
        "title",
        Column("kind", label=gettext_lazy("award"), accessor="get_kind_display"),
        "start_date",
        "end_date",
        Column("winner_count", label=gettext_lazy("number of winners")),
        StatusTagColumn("status_string", label=gettext_lazy("status"), primary=lambda r: r.live),
    ]
    list_filter = ["kind", "period_kind", "live"]
    ordering = ["-start_date", "kind"]

    # A change to a published round is a correction: the form asks for its reason.
    edit_handler = ObjectList(
        [FieldPanel("winner_count"), FieldPanel("correction_reason")], base_form_class=AwardRoundForm
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("generate/", generate_view, name="generate"),
            path("winners/<int:pk>/", winners_view, name="winners"),
        ]
