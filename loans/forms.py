"""Forms of the circulation desk and of copy management in the Wagtail admin."""

import re

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.widgets import AdminSnippetChooser

from booklists.models import Book
from portal.collation import pinyin_order
from portal.text import normalize_identifier

from .models import CopyStatus, ReadingRoom
from .services import Refused, check_room

MAX_BARCODES = 200


def split_barcodes(text):
    """Barcodes from a textarea: one per line (commas, spaces and tabs also separate them), in order, once each."""
    seen, barcodes = set(), []
    for barcode in re.split(r"[\s,，;；]+", normalize_identifier(text or "")):
        if barcode and barcode not in seen:
            seen.add(barcode)
            barcodes.append(barcode)
    return barcodes


class ActiveRoomIterator(ModelChoiceIterator):
    """Offer only the rooms in service; a room closed meanwhile is still recognised and refused in words."""

    def __init__(self, field):
        super().__init__(field)
        self.queryset = self.queryset.filter(is_active=True)


class RoomChoiceField(forms.ModelChoiceField):
    iterator = ActiveRoomIterator

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", ReadingRoom.objects.order_by("sort_order", pinyin_order("name")))
        kwargs.setdefault("empty_label", _("— choose a reading room —"))
        kwargs.setdefault("error_messages", {"required": _("Choose the reading room you are working in.")})
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None:
            try:
                check_room(value)
            except Refused as refusal:
                raise forms.ValidationError(refusal.message) from refusal

    def label_from_instance(self, room):
        if room.kind == "box":
            return _("%(room)s (mobile book box)") % {"room": room.name}
        return room.name


class BarcodesMixin(forms.Form):
    """A textarea of barcodes plus a single-line scan input (a scanner types a code and presses Enter)."""

    scan = forms.CharField(
        label=_("Scan a barcode"),
        required=False,
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "data-desk-scan": "", "placeholder": _("Scan or type, then press Enter")}
        ),
    )
    barcodes = forms.CharField(
        label=_("Barcodes"),
        required=False,
        help_text=_("One per line. Each scan is added here; press Enter in an empty scan box to submit."),
        widget=forms.Textarea(attrs={"rows": 5, "data-desk-barcodes": "", "autocomplete": "off"}),
    )
    barcodes_required = True

    def clean(self):
        cleaned = super().clean()
        barcodes = split_barcodes(cleaned.get("barcodes", ""))
        scanned = (cleaned.get("scan") or "").strip()
        if scanned and scanned not in barcodes:
            barcodes.append(scanned)
        if len(barcodes) > MAX_BARCODES:
            self.add_error("barcodes", _("At most %(limit)d barcodes at a time.") % {"limit": MAX_BARCODES})
        if self.barcodes_required and not barcodes:
            self.add_error("scan", _("Scan or type at least one barcode."))
        cleaned["barcode_list"] = barcodes
        return cleaned


class LendForm(BarcodesMixin):
    room = RoomChoiceField(label=_("Reading room you work in"))
    staff_number = forms.CharField(
        label=_("Staff number"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-desk-staff": ""}),
        error_messages={"required": _("Scan or type the borrower's staff number.")},
    )
    # Without barcodes the form just looks the employee up.
    barcodes_required = False

    field_order = ["room", "staff_number", "scan", "barcodes"]


class ReturnForm(BarcodesMixin):
    room = RoomChoiceField(label=_("Reading room you work in"))

    field_order = ["room", "scan", "barcodes"]


class TransferForm(BarcodesMixin):
    to_room = RoomChoiceField(
        label=_("Move to"),
        empty_label=_("— choose a room or book box —"),
        error_messages={"required": _("Choose where the copies go.")},
    )
    reason = forms.CharField(
        label=pgettext_lazy("portal", "Reason"),
        max_length=200,
        required=False,
        help_text=_("For example: book box rotation to the Finance Department."),
    )

    field_order = ["to_room", "reason", "scan", "barcodes"]


class EmployeeLookupForm(forms.Form):
    staff_number = forms.CharField(
        label=_("Staff number"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": ""}),
        error_messages={"required": _("Scan or type the staff number.")},
    )


class BatchCopyForm(forms.Form):
    """批量添加复本: SX + 000101 × 20 → SX000101 … SX000120."""

    book = forms.ModelChoiceField(
        label=pgettext_lazy("portal", "Book"),
        queryset=Book.objects.all(),
        widget=AdminSnippetChooser(Book),
        error_messages={"required": _("Choose the book.")},
    )
    room = RoomChoiceField(
        label=_("Reading room"),
        error_messages={"required": _("Choose the reading room the copies belong to.")},
    )
    prefix = forms.CharField(
        label=_("Barcode prefix"),
        max_length=20,
        required=False,
        help_text=_("Letters before the number, e.g. SX."),
    )
    start = forms.RegexField(
        label=_("First number"),
        regex=r"^\d{1,12}$",
        max_length=12,
        help_text=_("Leading zeros are kept: 000101 gives SX000101, SX000102, …"),
        error_messages={"invalid": _("Digits only, e.g. 000101."), "required": _("Give the first number.")},
    )
    count = forms.IntegerField(
        label=_("Number of copies"),
        min_value=1,
        max_value=500,
        initial=1,
        error_messages={
            "min_value": _("At least 1 copy."),
            "max_value": _("At most 500 copies at a time."),
        },
    )
    acquired_on = forms.DateField(
        label=_("Acquired on"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=pgettext_lazy("portal", "Note"), max_length=200, required=False)

    def clean_prefix(self):
        prefix = self.cleaned_data["prefix"].strip()
        if prefix and not re.fullmatch(r"[A-Za-z0-9_-]+", prefix):
            raise forms.ValidationError(_("Use letters, digits, hyphens or underscores only."))
        return prefix


DESK_STATUSES = (CopyStatus.ON_LOAN, CopyStatus.ON_HOLD)


class CopyAdminForm(WagtailAdminModelForm):
    """Lending and holding are the desk's business: the copy form may not set or undo them."""

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        before = self.instance.status if self.instance.pk else None
        if status and status != before:
            if before in DESK_STATUSES:
                self.add_error(
                    "status",
                    _("This copy is %(status)s; return it or cancel the reservation at the desk first.")
                    % {"status": self.instance.get_status_display()},
                )
            elif status in DESK_STATUSES:
                self.add_error("status", _("Only the circulation desk lends a copy or holds it for a reservation."))
        return cleaned
