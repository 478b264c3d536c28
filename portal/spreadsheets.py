"""Spreadsheets the portal writes: cells that a spreadsheet program cannot run as formulas.

A catalogue title such as ``=HYPERLINK("http://x","a")`` is data, but Excel and WPS run a CSV
cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab / carriage return followed by one) as
a formula. Every CSV the portal produces passes its cells through `safe_cell` (OWASP's rule:
prefix such a cell with a single quote). XLSX cells are written as typed strings, never as
formulas; Wagtail's `SpreadsheetExportMixin` already turns formula cells back into strings for
XLSX, but writes CSV cells unchanged, so `SafeSpreadsheetExportMixin` fixes the CSV side for
every admin listing export (snippets, model viewsets, questionnaire submissions).
"""

import csv
import datetime

from wagtail.admin.views.mixins import SpreadsheetExportMixin

# The first characters that make a spreadsheet program read a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def safe_cell(value):
    """A text cell that a spreadsheet program shows as text: ``=1+1`` becomes ``'=1+1``.

    Numbers, dates and None pass unchanged (a negative number is data, not a formula).
    """
    if starts_like_formula(value):
        return "'" + value
    return value


class SafeCSVWriter:
    """`csv.writer` whose rows go through `safe_cell`."""

    def __init__(self, stream, *args, **kwargs):
        self._writer = csv.writer(stream, *args, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV/XLSX export with CSV cells neutralised and XLSX cells kept as strings."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: safe_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if cell.data_type == "f":  # Wagtail does this already; kept so an upgrade cannot undo it
                cell.data_type = "s"
            yield cell


def append_xlsx_row(worksheet, values, *, bold=False):
    """Append a row to an openpyxl worksheet with every text cell typed as a string, never a formula.

    openpyxl stores a value starting with ``=`` as a formula; the cell is retyped as text, so the
    file holds exactly what was typed and a spreadsheet program shows it without running it.
    Dates get a date format; other values pass as they are.
    """
    from openpyxl.styles import Font

    worksheet.append(list(values))
    row = worksheet[worksheet.max_row]
    for cell in row:
        if cell.data_type == "f":
            cell.data_type = "s"
        if isinstance(cell.value, datetime.date):
            cell.number_format = "yyyy-mm-dd"
        if bold:
            cell.font = Font(bold=True)
    return row
