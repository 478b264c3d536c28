"""The books listing's CSV/XLSX export never carries a live formula (audit issue 9, item 6)."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from booklists.factories import BookFactory

FORMULA = '=HYPERLINK("http://x","a")'


def test_books_csv_export_quotes_formula_cells(client, superuser):
    BookFactory(title=FORMULA, authors="-路遥", summary="@摘要")
    client.force_login(superuser)
    response = client.get(reverse("wagtailsnippets_booklists_book:list") + "?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    row = next(r for r in rows[1:] if FORMULA in "".join(r))
    assert "'" + FORMULA in row and "'-路遥" in row and "'@摘要" in row
    assert FORMULA not in row


def test_books_xlsx_export_writes_strings(client, superuser):
    BookFactory(title=FORMULA)
    client.force_login(superuser)
    response = client.get(reverse("wagtailsnippets_booklists_book:list") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == FORMULA]
    assert cells and all(cell.data_type == "s" for cell in cells)
