"""The reading plan's forms: field checks only; the rules (bounds, duplicates, dates) are the models' and services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PlannedBook, ReadingGoal, SelfReportedRead


class GoalForm(forms.ModelForm):
    class Meta:
        model = ReadingGoal
        fields = ["books"]
        widgets = {"books": forms.NumberInput(attrs={"min": 1, "max": 365})}


class PlannedBookForm(forms.ModelForm):
    class Meta:
        model = PlannedBook
        fields = ["title", "author"]
        help_texts = {"title": _("A book outside the reading room; add catalogue books from their page.")}


class SelfReadForm(forms.ModelForm):
    class Meta:
        model = SelfReportedRead
        fields = ["title", "author", "finished_on", "note"]
        widgets = {"finished_on": forms.DateInput(attrs={"type": "date"}), "note": forms.Textarea(attrs={"rows": 3})}


class RecordLookupForm(forms.Form):
    """成长档案查阅: whose reading record to open."""

    staff_number = forms.CharField(
        label=_("Staff number"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": ""}),
        error_messages={"required": _("Type the staff number.")},
    )
