from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

IMPORT_EXTENSIONS = (".csv", ".txt", ".xlsx", ".xlsm")


def max_import_size():
    return getattr(settings, "BOOK_IMPORT_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)


class BookImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "A .xlsx or .csv file (UTF-8 or GB18030) with columns 书名, 作者, ISBN, 出版社, 出版年, 分类, 简介, 册数."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(IMPORT_EXTENSIONS)}),
    )
    create_categories = forms.BooleanField(
        label=_("Create new categories"),
        required=False,
        help_text=_("Create the categories the file names that do not exist yet, instead of refusing those rows."),
    )
    room = forms.ChoiceField(
        label=_("Reading room for the copies"),
        required=False,
        help_text=_("The copies the 册数 column adds are shelved here."),
    )

    def __init__(self, *args, room_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        _offer_rooms(self, room_choices)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_import_size():
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_import_size())}
            )
        if not upload.name.lower().endswith(IMPORT_EXTENSIONS):
            raise forms.ValidationError(
                _("“%(name)s” is not a spreadsheet. Upload a .xlsx or .csv file.") % {"name": upload.name}
            )
        return upload


def _offer_rooms(form, room_choices):
    if room_choices:
        form.fields["room"].choices = list(room_choices)
        # Not required: a post without it (a script, an old tab) shelves the copies in the first room.
        form.fields["room"].initial = room_choices[0][0]
    else:
        del form.fields["room"]  # no reading room yet: copies are added at the desk later


class ConfirmImportForm(forms.Form):
    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
    create_categories = forms.BooleanField(required=False, widget=forms.HiddenInput)
    room = forms.ChoiceField(required=False, widget=forms.HiddenInput)
    confirm_updates = forms.BooleanField(required=False)

    def __init__(self, *args, room_choices=(), updates=0, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_rooms(self, room_choices)
        if updates:
            self.fields["confirm_updates"].label = ngettext_lazy(
                "Update the %(count)d existing book shown above",
                "Update the %(count)d existing books shown above",
                updates,
            ) % {"count": updates}
        else:
            del self.fields["confirm_updates"]


class BookAdminForm(WagtailAdminModelForm):
    """The book form in the admin: takes the ISBN as librarians type it.

    The model stores 13 digits, but "978-7-02-004929-5" or an ISBN-10 is what
    is printed on the book; Book.clean_fields() normalises it before the
    length check.
    """

    isbn = forms.CharField(
        label=_("ISBN"),
        max_length=32,
        required=False,
        help_text=_("ISBN-10 or ISBN-13, hyphens allowed; stored as ISBN-13. Leave empty if the book has none."),
    )
