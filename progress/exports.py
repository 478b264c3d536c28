"""The reading record as an XLSX workbook: a cover sheet (who, which year, when exported), then
one worksheet per section with its columns and rows (progress.archive), the same sections the
page shows. Every text cell is written as text (portal.spreadsheets), never as a formula."""

import io
import re

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.spreadsheets import append_xlsx_row

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel refuses these in a sheet name and allows 31 characters.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31


def sheet_name(title, taken):
    base = _SHEET_FORBIDDEN.sub(" ", str(title)).strip().strip("'")[:SHEET_NAME_MAX] or "Sheet"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[: SHEET_NAME_MAX - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def record_workbook(owner, year, sections, now=None):
    """The workbook's bytes."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    now = timezone.localtime(now)
    workbook = Workbook()
    cover = workbook.active
    taken = set()
    cover.title = sheet_name(_("Personal reading record"), taken)
    append_xlsx_row(cover, [_("Personal reading record")], bold=True)
    for label, value in (
        (pgettext("person", "Name"), owner.display_name),
        (_("Staff number"), owner.staff_number),
        (_("Department"), owner.department.name if owner.department else ""),
        (_("Year"), year),
        (_("Exported on"), formats.date_format(now, "DATETIME_FORMAT")),
    ):
        append_xlsx_row(cover, [label, value])
    cover.column_dimensions["A"].width = 16
    cover.column_dimensions["B"].width = 36

    for item in sections:
        sheet = workbook.create_sheet(sheet_name(item["title"], taken))
        append_xlsx_row(sheet, item["columns"], bold=True)
        for row in item["rows"]:
            append_xlsx_row(sheet, row)
        sheet.freeze_panes = "A2"
        for index in range(len(item["columns"])):
            sheet.column_dimensions[get_column_letter(index + 1)].width = 24

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
