from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from .models import AwardKind, AwardRound, EssayPrize, PeriodKind
from .services import last_month, month_period, quarter_period


def _campaign_choices():
    from campaigns.models import CampaignPage

    return CampaignPage.objects.filter(locale__language_code="zh-hans").order_by("-start_date")


def _essay_contest_choices():
    from campaigns.choices import EventKind
    from campaigns.models import EventPage

    return EventPage.objects.filter(locale__language_code="zh-hans", kind=EventKind.ESSAY).order_by("-start_time")


class GenerateRoundForm(forms.Form):
    """生成候选名单: which award, for which period."""

    kind = forms.ChoiceField(label=gettext_lazy("award"), choices=AwardKind.choices)
    event = forms.ModelChoiceField(
        label=gettext_lazy("essay contest"),
        queryset=None,
        required=False,
        help_text=gettext_lazy("For an essay contest award: the contest. Its dates are the period."),
    )
    period_kind = forms.ChoiceField(
        label=gettext_lazy("period"),
        required=False,
        choices=[c for c in PeriodKind.choices if c[0] != PeriodKind.CONTEST],
    )
    month = forms.CharField(
        label=gettext_lazy("month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=gettext_lazy("For a month: e.g. 2026-11."),
    )
    year = forms.IntegerField(label=gettext_lazy("year"), required=False, min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("quarter"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), (1, "1"), (2, "2"), (3, "3"), (4, "4")],
    )
    campaign = forms.ModelChoiceField(label=gettext_lazy("campaign"), queryset=None, required=False)
    start_date = forms.DateField(
        label=gettext_lazy("from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(label=gettext_lazy("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = _campaign_choices()
        self.fields["event"].queryset = _essay_contest_choices()
        start, _end = last_month()
        self.fields["month"].initial = f"{start.year:04d}-{start.month:02d}"
        self.fields["year"].initial = start.year

    def clean(self):
        data = super().clean()
        if data.get("kind") == AwardKind.ESSAY:
            # The contest gives the period (honours.services.generate_contest_round).
            if data.get("event") is None:
                raise ValidationError({"event": _("Choose the essay contest.")})
            data["campaign"] = None
            return data
        data["event"] = None
        period_kind = data.get("period_kind")
        if not period_kind:
            raise ValidationError({"period_kind": _("Choose the period.")})
        if period_kind == PeriodKind.MONTH:
            try:
                year, month = (int(part) for part in (data.get("month") or "").split("-"))
                data["start"], data["end"] = month_period(year, month)
            except ValueError:
                raise ValidationError({"month": _("Enter a month as YYYY-MM, e.g. 2026-11.")}) from None
        elif period_kind == PeriodKind.QUARTER:
            if not data.get("year") or not data.get("quarter"):
                raise ValidationError({"quarter": _("Choose a year and a quarter.")})
            data["start"], data["end"] = quarter_period(data["year"], data["quarter"])
        elif period_kind == PeriodKind.CAMPAIGN:
            campaign = data.get("campaign")
            if campaign is None:
                raise ValidationError({"campaign": _("Choose the campaign.")})
            data["start"], data["end"] = campaign.start_date, campaign.end_date
        elif period_kind == PeriodKind.CUSTOM:
            start, end = data.get("start_date"), data.get("end_date")
            if not start or not end:
                raise ValidationError({"end_date": _("Give both dates.")})
            if end < start:
                raise ValidationError({"end_date": _("The period ends before it starts.")})
            if (end - start).days > 366 * 2:
                raise ValidationError({"end_date": _("A custom period is at most two years long.")})
            data["start"], data["end"] = start, end
        if data.get("start") and data["start"] > timezone.localdate():
            raise ValidationError(_("The period has not started yet."))
        if period_kind != PeriodKind.CAMPAIGN:
            data["campaign"] = None
        return data


class OverrideForm(forms.Form):
    """Add or remove one winner, with the reason (it goes into the audit log)."""

    candidate = forms.ChoiceField(label=gettext_lazy("candidate"))
    action = forms.ChoiceField(
        label=gettext_lazy("change"),
        choices=[("add", gettext_lazy("Add as a winner")), ("remove", gettext_lazy("Remove from the winners"))],
    )
    prize = forms.ChoiceField(
        label=gettext_lazy("prize"),
        required=False,
        choices=[("", "—"), *EssayPrize.choices],
        help_text=gettext_lazy("Essay contest awards: the prize of the entry you add."),
    )
    reason = forms.CharField(
        label=gettext_lazy("reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required. Kept in the round's history and the audit log."),
    )

    def __init__(self, *args, award_round, **kwargs):
        super().__init__(*args, **kwargs)
        winners = set(award_round.winner_keys())
        if award_round.kind == AwardKind.ESSAY:
            self.fields["candidate"].choices = [
                (c["key"], f"{c.get('position')}. {c['title']} · {c['name']}{' ★' if c['key'] in winners else ''}")
                for c in award_round.candidates
            ]
            self.fields["action"].choices = [
                ("add", gettext_lazy("Give a prize (or change it)")),
                ("remove", gettext_lazy("Remove from the winners")),
            ]
        else:
            del self.fields["prize"]
            self.fields["candidate"].choices = [
                (c["key"], f"{c.get('rank') or '—'}. {c['name']}{' ★' if c['key'] in winners else ''}")
                for c in award_round.candidates
            ]

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Give a reason for adding or removing a winner."))
        return reason


class AwardRoundForm(WagtailAdminModelForm):
    """The snippet editor: a change to a published round is a correction and needs its reason."""

    def clean(self):
        data = super().clean()
        instance = self.instance
        if instance.pk and instance.first_published_at is not None:
            reason = (data.get("correction_reason") or "").strip()
            published = AwardRound.objects.filter(pk=instance.pk).values_list("correction_reason", flat=True).first()
            if not reason or reason == (published or "").strip():
                self.add_error(
                    "correction_reason",
                    _(
                        "This round has been published. Say why you are correcting it "
                        "(the reason is kept in its history)."
                    ),
                )
        return data
