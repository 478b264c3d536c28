from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from .choices import PhaseKind


class CampaignPageForm(WagtailAdminPageForm):
    """Refuse phases whose dates are reversed, overlap, or fall outside the campaign."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The campaign cannot end before it starts."))

        phases = []
        for form in self.formsets["phases"].forms:
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            data = form.cleaned_data
            if not (data.get("kind") and data.get("start_date") and data.get("end_date")):
                continue
            if data["end_date"] < data["start_date"]:
                form.add_error("end_date", _("A phase cannot end before it starts."))
                continue
            if start and data["start_date"] < start or end and data["end_date"] > end:
                form.add_error("start_date", _("A phase must lie within the campaign's dates."))
            phases.append(form)

        kinds = [form.cleaned_data["kind"] for form in phases]
        for form in phases:
            if kinds.count(form.cleaned_data["kind"]) > 1:
                form.add_error("kind", _("Each phase may appear only once."))

        ordered = sorted(phases, key=lambda f: f.cleaned_data["start_date"])
        for previous, current in zip(ordered, ordered[1:], strict=False):
            if current.cleaned_data["start_date"] <= previous.cleaned_data["end_date"]:
                current.add_error(
                    "start_date",
                    _("This phase overlaps the phase “%(other)s”: it must start after %(date)s.")
                    % {
                        "other": PhaseKind(previous.cleaned_data["kind"]).label,
                        "date": previous.cleaned_data["end_date"].isoformat(),
                    },
                )
        order = list(PhaseKind.values)
        by_kind = sorted(phases, key=lambda f: order.index(f.cleaned_data["kind"]))
        if [f.cleaned_data["start_date"] for f in by_kind] != sorted(f.cleaned_data["start_date"] for f in by_kind):
            self.add_error(None, _("Phases must run in order: preparation, then implementation, then evaluation."))
        return cleaned


class EventPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The event must end after it starts."))
        return cleaned
