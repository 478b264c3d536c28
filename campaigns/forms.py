from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from notes.forms import NoteForm
from portal.forms import PortalPageForm

from .choices import PhaseKind


class CampaignPageForm(PortalPageForm):
    """Refuse phases whose dates are reversed, overlap, or fall outside the campaign."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The campaign cannot end before it starts."))

        # Read each phase's values once: add_error() removes a field from cleaned_data.
        phases = []  # (form, kind, start, end)
        phase_formset = self.formsets["phases"]
        # ClusterForm.is_valid() cleans the child formsets only after this clean() has run,
        # so without this the phase forms have no cleaned_data yet and every check is skipped.
        phase_formset.is_valid()
        for form in phase_formset.forms:
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            data = form.cleaned_data
            kind, phase_start, phase_end = data.get("kind"), data.get("start_date"), data.get("end_date")
            if not (kind and phase_start and phase_end):
                continue
            if phase_end < phase_start:
                form.add_error("end_date", _("A phase cannot end before it starts."))
                continue
            if (start and phase_start < start) or (end and phase_end > end):
                form.add_error("start_date", _("A phase must lie within the campaign's dates."))
            phases.append((form, kind, phase_start, phase_end))

        kinds = [kind for _form, kind, _start, _end in phases]
        for form, kind, _start, _end in phases:
            if kinds.count(kind) > 1:
                form.add_error("kind", _("Each phase may appear only once."))

        ordered = sorted(phases, key=lambda phase: phase[2])
        for previous, current in zip(ordered, ordered[1:], strict=False):
            _prev_form, previous_kind, _prev_start, previous_end = previous
            current_form, _kind, current_start, _end = current
            if current_start <= previous_end:
                current_form.add_error(
                    "start_date",
                    _("This phase overlaps the phase “%(other)s”: it must start after %(date)s.")
                    % {"other": PhaseKind(previous_kind).label, "date": previous_end.isoformat()},
                )
        order = list(PhaseKind.values)
        starts_in_kind_order = [phase[2] for phase in sorted(phases, key=lambda phase: order.index(phase[1]))]
        if starts_in_kind_order != sorted(starts_in_kind_order):
            self.add_error(None, _("Phases must run in order: preparation, then implementation, then evaluation."))
        return cleaned


class EventPageForm(PortalPageForm):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The event must end after it starts."))
        return cleaned


class AttendanceForm(forms.Form):
    """签到: one staff number per submission; a barcode scanner types it and presses Enter."""

    staff_number = forms.CharField(
        label=_lazy("Staff number"),
        max_length=30,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autofocus": "", "inputmode": "text", "enterkeyhint": "done"}
        ),
        error_messages={"required": _lazy("Scan or type the staff number.")},
    )


class EssayEntryForm(NoteForm):
    """征文: the note form without the campaign choice (an entry belongs to the contest's campaign)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["campaign"]
