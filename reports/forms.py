from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from campaigns.models import CampaignPage
from portal.internals import content_language

from . import dashboard
from .models import CampaignReport
from .periods import check_range


class DateRangeForm(forms.Form):
    """A period of publication (both days included): this year so far unless the user says otherwise."""

    start = forms.DateField(label=pgettext_lazy("date range", "from"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=pgettext_lazy("date range", "to"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None, **kwargs):
        if data is not None and not any(data.get(name) for name in ("start", "end")):
            data = None
        super().__init__(data, **kwargs)
        today = timezone.localdate()
        self.fields["start"].initial = today.replace(month=1, day=1)
        self.fields["end"].initial = today

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end"):
            try:
                check_range(data["start"], data["end"])
            except ValidationError as error:
                self.add_error("end", error)
        return data

    def period(self):
        """(start, end): what the user asked for, or the initial range when the form is unbound."""
        if self.is_bound:
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return self.fields["start"].initial, self.fields["end"].initial


class VisitRecordForm(WagtailAdminModelForm):
    """The recording librarian is the one who saves the form."""

    def save(self, commit=True):
        if self.for_user is not None:
            self.instance.recorded_by = self.for_user
        return super().save(commit=commit)


class DashboardRangeForm(forms.Form):
    """A campaign (its dates) or any date range; the current year when nothing is chosen."""

    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=CampaignPage.objects.none(), required=False, empty_label=_("— any dates —")
    )
    start = forms.DateField(label=_("From"), required=False, widget=AdminDateInput)
    end = forms.DateField(label=pgettext_lazy("date range", "To"), required=False, widget=AdminDateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Campaigns in the default language: a translation has the same dates.
        self.fields["campaign"].queryset = CampaignPage.objects.filter(
            locale__language_code=content_language(settings.LANGUAGE_CODE)
        ).order_by("-start_date")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("campaign"):
            cleaned["start"], cleaned["end"] = cleaned["campaign"].start_date, cleaned["campaign"].end_date
            return cleaned
        today = timezone.localdate()
        start = cleaned.get("start") or (today.replace(month=1, day=1) if not cleaned.get("end") else None)
        end = cleaned.get("end") or (today if start else None)
        try:
            dashboard.check_range(start, end)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        cleaned["start"], cleaned["end"] = start, end
        return cleaned


class CampaignReportForm(forms.ModelForm):
    class Meta:
        model = CampaignReport
        fields = CampaignReport.SECTIONS
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in CampaignReport.SECTIONS}
