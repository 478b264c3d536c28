"""CSV/XLSX downloads never carry a live formula (audit issue 9, item 6)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from booklists.factories import BookFactory
from loans import services
from loans.models import Copy, ReadingRoom

FORMULA = '=HYPERLINK("http://x","a")'


@pytest.fixture
def room(db):
    return ReadingRoom.objects.create(name="机关职工书屋")


@pytest.fixture
def formula_copy(room):
    book = BookFactory(title=FORMULA, authors="@作者")
    return Copy.objects.create(barcode="T000001", book=book, home_room=room, current_room=room, note="+备注")


def test_history_csv_quotes_a_formula_title(client, employee, room, formula_copy):
    services.lend(employee, formula_copy.barcode, room)
    client.force_login(employee)
    response = client.get(reverse("loans:history_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'" + FORMULA
    assert rows[1][1] == "'@作者"


def test_copies_csv_export_quotes_formula_cells(client, superuser, formula_copy):
    client.force_login(superuser)
    response = client.get(reverse("loans_copies:index") + "?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    row = next(r for r in rows[1:] if r[0] == "T000001")
    assert "'" + FORMULA in row
    assert "'+备注" in row


def test_copies_xlsx_export_writes_strings(client, superuser, formula_copy):
    client.force_login(superuser)
    response = client.get(reverse("loans_copies:index") + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == FORMULA]
    assert cells and all(cell.data_type == "s" for cell in cells)
