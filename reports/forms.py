from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

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
