"""ISBN validation and normalisation; the ISBN rules of the Book model."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from booklists.factories import BookFactory
from booklists.isbn import format_isbn13, normalize_isbn, validate_isbn
from booklists.models import Book

# 《平凡的世界》, 人民文学出版社: ISBN-13 9787020049295; its ISBN-10 is 702004929X.
PINGFAN_13 = "9787020049295"
PINGFAN_10 = "702004929X"


@pytest.mark.parametrize(
    "value",
    [
        PINGFAN_13,
        "978-7-02-004929-5",
        "978 7 02 004929 5",
        " 978-7-02-004929-5 ",
        "ISBN 978-7-02-004929-5",
        "ISBN：9787020049295",
        PINGFAN_10,
        "7-02-004929-x",
        9787020049295.0,  # a spreadsheet cell holding the ISBN as a number
        "9787020049295.0",
        9787020049295,
    ],
)
def test_valid_forms_normalise_to_isbn13(value):
    assert normalize_isbn(value) == PINGFAN_13


def test_isbn10_with_x_check_digit():
    # 7-5040-0121-X: an ISBN-10 whose check digit is X (value 10).
    assert normalize_isbn("7-5040-0121-X") == "9787504001214"
    assert normalize_isbn("750400121x") == "9787504001214"  # lower-case x too


def test_979_prefix_is_accepted():
    assert normalize_isbn("979-10-90636-07-1") == "9791090636071"


@pytest.mark.parametrize("value", ["", None, "   ", "ISBN"])
def test_empty_means_no_isbn(value):
    assert normalize_isbn(value) == ""


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("9787020049296", "checksum"),  # last digit off by one
        ("7020049299", "checksum"),  # ISBN-10 with a wrong check digit
        ("7-5040-0121-1", "checksum"),  # should be X
        ("978702004929", "length"),  # 12 digits
        ("97870200492951", "length"),  # 14 digits
        ("12345", "length"),
        ("978702004929A", "chars"),
        ("70200X9299", "chars"),  # X only allowed as the last ISBN-10 digit
        ("abcdefghij", "chars"),
        ("978七020049295", "chars"),
        ("9777020049294", "prefix"),  # a 13-digit number that is not an ISBN (EAN 977 = serials)
    ],
)
def test_invalid_isbns_are_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as caught:
        normalize_isbn(value)
    assert caught.value.code == code
    assert value.strip() in caught.value.messages[0]
    with pytest.raises(ValidationError):
        validate_isbn(value)


def test_length_message_counts_the_digits():
    with pytest.raises(ValidationError) as caught:
        normalize_isbn("978-7-02-00492")
    assert "11" in caught.value.messages[0]


def test_format_isbn13():
    assert format_isbn13(PINGFAN_13) == "978-7-02-004929-5"
    assert format_isbn13("") == ""


@pytest.mark.parametrize(
    ("isbn", "printed"),
    [
        ("9787101052039", "978-7-101-05203-9"),  # 中华书局: a three-digit publisher prefix
        ("9787020049295", "978-7-02-004929-5"),  # 人民文学出版社: a two-digit one
        ("9787504001214", "978-7-5040-0121-4"),
        ("9791090636071", "979-10-90636-07-1"),  # a 979 group
    ],
)
def test_format_isbn13_hyphenates_by_the_isbn_ranges(isbn, printed):
    assert format_isbn13(isbn) == printed


@pytest.mark.django_db
class TestBookModel:
    def test_clean_normalises_the_isbn(self):
        book = BookFactory.build(isbn="7-02-004929-X")
        book.full_clean()
        assert book.isbn == PINGFAN_13
        assert book.isbn_display == "978-7-02-004929-5"

    def test_clean_reports_a_bad_isbn_on_the_field(self):
        book = BookFactory.build(isbn="9787020049296")
        with pytest.raises(ValidationError) as caught:
            book.full_clean()
        assert "isbn" in caught.value.message_dict
        assert "9787020049296" in caught.value.message_dict["isbn"][0]

    def test_duplicate_isbn_names_the_other_book(self):
        BookFactory(isbn=PINGFAN_13, title="平凡的世界")
        duplicate = BookFactory.build(isbn="978-7-02-004929-5", title="平凡的世界（第二版）")
        with pytest.raises(ValidationError) as caught:
            duplicate.full_clean()
        assert caught.value.message_dict["isbn"] == ["已有图书使用此 ISBN：《平凡的世界》。"]

    def test_saving_the_same_book_again_is_not_a_duplicate(self):
        book = BookFactory(isbn=PINGFAN_13)
        book.full_clean()  # its own ISBN does not clash with itself

    def test_books_without_isbn_are_allowed_and_may_be_many(self):
        first = BookFactory(isbn="", title="内部资料汇编")
        second = BookFactory.build(isbn="", title="职工书屋手册")
        second.full_clean()
        second.save()
        assert Book.objects.filter(isbn="").count() == 2
        assert first.isbn_display == ""

    def test_database_refuses_a_duplicate_isbn_in_one_locale(self):
        BookFactory(isbn=PINGFAN_13)
        with pytest.raises(IntegrityError), transaction.atomic():
            BookFactory(isbn=PINGFAN_13)

    def test_same_isbn_in_another_locale_is_allowed(self, en_locale):
        book = BookFactory(isbn=PINGFAN_13, title="平凡的世界")
        translation = book.copy_for_translation(en_locale)
        translation.title = "Ordinary World"
        translation.save()
        assert Book.objects.filter(isbn=PINGFAN_13).count() == 2
        translation.full_clean()  # the clash check is per locale

    def test_future_year_is_refused(self):
        book = BookFactory.build(year=3000)
        with pytest.raises(ValidationError) as caught:
            book.full_clean()
        assert "year" in caught.value.message_dict

    def test_year_before_1900_is_refused(self):
        book = BookFactory.build(year=1850)
        with pytest.raises(ValidationError) as caught:
            book.full_clean()
        assert "year" in caught.value.message_dict
