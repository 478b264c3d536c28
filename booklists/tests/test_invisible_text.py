"""Invisible characters, NUL and full-width identifiers in the catalogue (audit issue 9, item 12)."""

import pytest
from django.core.exceptions import ValidationError

from booklists.factories import BookFactory
from booklists.importer import plan_import, read_table
from booklists.isbn import normalize_isbn
from booklists.models import Book
from portal.text import clean_text, normalize_identifier

from .helpers import GOOD_ROWS, csv_bytes, with_cell, xlsx_bytes

pytestmark = pytest.mark.django_db

ZERO_WIDTH_TITLE = "\u200b\u200c\u200d\ufeff"
RLO_TITLE = "\u202e平凡的世界\u202c"


def plan_for(data, filename="books.csv"):
    headers, rows = read_table(data, filename)
    return plan_import(headers, rows)


def test_clean_text_and_identifiers():
    assert clean_text(RLO_TITLE) == "平凡的世界"
    assert clean_text("乡土\u200b中国\x00") == "乡土中国"
    assert clean_text("第一行\n第二行") == "第一行\n第二行"
    assert normalize_identifier("９７８７１０１０５２０３９") == "9787101052039"
    assert normalize_identifier("ＳＸ０００１") == "SX0001"


def test_full_width_isbn_is_accepted():
    assert normalize_isbn("９７８７１０１０５２０３９") == "9787101052039"
    assert normalize_isbn("ＩＳＢＮ９７８－７－１０１－０５２０３－９") == "9787101052039"


@pytest.mark.parametrize("filename", ["books.csv", "books.xlsx"])
def test_import_of_a_zero_width_title_says_why(filename):
    row = with_cell(GOOD_ROWS[0], "书名", ZERO_WIDTH_TITLE)
    data = xlsx_bytes([row]) if filename.endswith("xlsx") else csv_bytes([row])
    [bad] = plan_for(data, filename).errors
    assert bad.errors == ["“书名”只有不可见字符（零宽空格或文字方向控制符）。"]


def test_import_strips_direction_overrides_and_reads_full_width_isbn():
    row = with_cell(with_cell(GOOD_ROWS[0], "书名", RLO_TITLE), "ISBN", "９７８７１０１０５２０３９")
    plan = plan_for(csv_bytes([row]))
    assert plan.is_valid
    assert plan.rows[0].values["title"] == "平凡的世界"
    assert plan.rows[0].values["isbn"] == "9787101052039"


def test_a_nul_in_a_cell_does_not_make_the_file_unreadable():
    data = csv_bytes([with_cell(GOOD_ROWS[0], "简介", "孙少安\x00和孙少平"), GOOD_ROWS[1]])
    assert b"\x00" in data
    plan = plan_for(data)
    assert plan.is_valid
    assert plan.rows[0].values["summary"] == "孙少安和孙少平"


def test_book_model_cleans_text_on_save_and_explains_an_invisible_title():
    book = BookFactory(title=RLO_TITLE, authors="路\u200b遥")
    book.refresh_from_db()
    assert (book.title, book.authors) == ("平凡的世界", "路遥")

    empty = Book(title=ZERO_WIDTH_TITLE, locale=book.locale)
    with pytest.raises(ValidationError) as caught:
        empty.full_clean()
    assert caught.value.message_dict["title"] == ["书名只有不可见字符（零宽空格或文字方向控制符）。"]


def test_book_model_takes_a_full_width_isbn():
    book = Book(title="中华书局本", isbn="９７８７１０１０５２０３９", locale=BookFactory().locale)
    book.full_clean()
    assert book.isbn == "9787101052039"


def test_a_full_width_staff_number_is_the_same_account():
    from people.models import staff_number_key

    assert staff_number_key("Ｅ１００７\u200b") == "E1007"
