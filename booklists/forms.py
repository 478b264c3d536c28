from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

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


class ConfirmImportForm(forms.Form):
    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
    create_categories = forms.BooleanField(required=False, widget=forms.HiddenInput)
