"""Catalogue import: booklists.importer and the import_books command.

A file with any bad row writes nothing and names every bad row and column;
re-importing the same file changes nothing.
"""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from booklists.factories import BookFactory, CategoryFactory, isbn13
from booklists.importer import ImportFileError, apply_import, plan_import, read_table
from booklists.models import Book, Category
from booklists.search import search_books

from .helpers import (
    ENGLISH_HEADER,
    GOOD_ROWS,
    MIS_ENCODED,
    PNG_BYTES,
    csv_bytes,
    with_cell,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def plan_for(data, filename="books.csv", create_categories=False):
    headers, rows = read_table(data, filename)
    return plan_import(headers, rows, create_categories=create_categories)


def import_file(data, filename="books.csv", create_categories=False):
    plan = plan_for(data, filename, create_categories)
    assert plan.is_valid, [(row.line, row.errors) for row in plan.errors]
    return apply_import(plan)


def titles():
    return set(Book.objects.values_list("title", flat=True))


# --- good files ---------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding_is_imported(encoding):
    data = csv_bytes(GOOD_ROWS, encoding=encoding)
    if encoding == "utf-8-sig":
        assert data.startswith(b"\xef\xbb\xbf")
    if encoding == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # really GB18030 bytes, not UTF-8 by accident

    summary = import_file(data)

    assert summary == {"create": 4, "update": 0, "unchanged": 0, "error": 0}
    book = Book.objects.get(title="平凡的世界")
    assert book.authors == "路遥"
    assert book.isbn == "9787020049295"  # hyphens dropped
    assert book.publisher == "人民文学出版社"
    assert book.year == 2005
    assert book.category.code == "literature"
    assert book.summary == "孙少安和孙少平兄弟的奋斗"
    assert book.locale.language_code == "zh-hans"
    assert Book.objects.get(title="中国共产党简史").category.name == "党建党史"


def test_xlsx_is_imported_with_numbers_as_spreadsheets_store_them():
    rows = [list(row) for row in GOOD_ROWS]
    rows[0][2] = 9787020049295.0  # Excel keeps a long ISBN as a float
    rows[0][4] = 2005  # and the year as a number
    rows[1][2] = int(rows[1][2])
    rows[2][7] = 2.0

    summary = import_file(xlsx_bytes(rows), "书目.xlsx")

    assert summary["create"] == 4
    book = Book.objects.get(title="平凡的世界")
    assert book.isbn == "9787020049295"
    assert book.year == 2005
    assert Book.objects.get(title="中国共产党简史").isbn == GOOD_ROWS[1][2]


def test_english_headers_and_category_codes():
    rows = [with_cell(GOOD_ROWS[0], "分类", "literature")]
    summary = import_file(csv_bytes(rows, header=ENGLISH_HEADER))
    assert summary["create"] == 1
    book = Book.objects.get()
    assert (book.title, book.authors, book.category.code) == ("平凡的世界", "路遥", "literature")


def test_headers_with_spaces_and_other_names_are_recognised():
    header = [" 题名 ", "著者", "书号", "出版者", "出版时间", "类别", "内容简介", "复本数"]
    import_file(csv_bytes(GOOD_ROWS[:1], header=header))
    assert Book.objects.get().isbn == "9787020049295"


def test_tab_separated_text_file():
    import_file(csv_bytes(GOOD_ROWS, delimiter="\t"), "books.txt")
    assert titles() == {row[0] for row in GOOD_ROWS}


def test_blank_lines_at_the_end_are_ignored():
    data = csv_bytes(GOOD_ROWS + [[""] * 8, [""] * 8])
    assert import_file(data)["create"] == 4


def test_reimport_changes_nothing():
    data = csv_bytes(GOOD_ROWS)
    import_file(data)
    before = dict(Book.objects.values_list("pk", "updated_at"))

    summary = import_file(data)

    assert summary == {"create": 0, "update": 0, "unchanged": 4, "error": 0}
    assert Book.objects.count() == 4
    assert dict(Book.objects.values_list("pk", "updated_at")) == before


def test_row_with_known_isbn_updates_that_book():
    book = BookFactory(
        isbn="9787020049295", title="平凡的世界", authors="路遥", publisher="北京十月文艺出版社", year=2012
    )
    row = with_cell(GOOD_ROWS[0], "ISBN", "7-02-004929-X")  # the same book by its ISBN-10

    plan = plan_for(csv_bytes([row]))

    assert plan.summary == {"create": 0, "update": 1, "unchanged": 0, "error": 0}
    assert plan.rows[0].book == book
    assert set(plan.rows[0].changes) == {"publisher", "year", "summary"}
    apply_import(plan)
    book.refresh_from_db()
    assert Book.objects.count() == 1
    assert (book.publisher, book.year, book.category.code) == ("人民文学出版社", 2005, "literature")


def test_empty_cells_do_not_erase_what_the_catalogue_has():
    book = BookFactory(
        isbn="9787020049295",
        title="平凡的世界",
        authors="路遥",
        summary="已有的简介",
        year=2005,
        publisher="人民文学出版社",
        category=CategoryFactory(code="literature"),
    )
    row = ["平凡的世界", "路遥", "9787020049295", "", "", "", "", ""]
    assert import_file(csv_bytes([row]))["unchanged"] == 1
    book.refresh_from_db()
    assert (book.summary, book.year, book.publisher) == ("已有的简介", 2005, "人民文学出版社")


def test_row_without_isbn_matches_title_authors_and_publisher():
    book = BookFactory(isbn="", title="机关工作手册", authors="办公室", publisher="内部资料", summary="")
    other = BookFactory(isbn="", title="机关工作手册", authors="办公室", publisher="另一出版社")
    row = ["机关工作手册", "办公室", "", "内部资料", "2019", "人生励志", "机关工作的基本要求", "5"]

    summary = import_file(csv_bytes([row]))

    assert summary == {"create": 0, "update": 1, "unchanged": 0, "error": 0}
    assert Book.objects.count() == 2
    book.refresh_from_db()
    other.refresh_from_db()
    assert (book.year, book.summary, book.category.code) == (2019, "机关工作的基本要求", "inspiration")
    assert other.summary == ""


def test_row_without_isbn_and_new_identity_creates_a_book():
    BookFactory(isbn="", title="机关工作手册", authors="办公室", publisher="内部资料")
    row = ["机关工作手册", "办公室", "", "另一出版社", "", "", "", ""]
    assert import_file(csv_bytes([row]))["create"] == 1
    assert Book.objects.filter(isbn="").count() == 2


def test_unknown_category_is_refused_and_lists_the_known_ones():
    row = with_cell(GOOD_ROWS[0], "分类", "军事国防")
    plan = plan_for(csv_bytes([GOOD_ROWS[1], row]))
    assert not plan.is_valid
    [bad] = plan.errors
    assert bad.line == 3
    assert "未知分类“军事国防”" in bad.errors[0]
    assert "中外文学" in bad.errors[0] and "党建党史" in bad.errors[0]
    assert not Category.objects.filter(name="军事国防").exists()


def test_unknown_category_is_created_when_asked():
    rows = [with_cell(GOOD_ROWS[0], "分类", "军事国防"), with_cell(GOOD_ROWS[1], "分类", "军事国防")]
    plan = plan_for(csv_bytes(rows), create_categories=True)
    assert plan.is_valid
    assert plan.new_categories == ["军事国防"]

    apply_import(plan)

    category = Category.objects.get(name="军事国防")
    assert category.locale.language_code == "zh-hans"
    assert category.code  # a unique code was made up
    assert set(category.books.values_list("title", flat=True)) == {"平凡的世界", "中国共产党简史"}


def test_imported_books_are_found_by_search(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_file(csv_bytes(GOOD_ROWS))
    assert [b.title for b in search_books("乡土")] == ["乡土中国"]
    assert [b.title for b in search_books("路遥")] == ["平凡的世界"]


# --- bad rows: every one is named, nothing is written --------------------------------

BAD_CELLS = [
    pytest.param("ISBN", "9787020049296", "ISBN", "校验位不正确", id="isbn-checksum"),
    pytest.param("ISBN", "97870200492", "ISBN", "有11位数字", id="isbn-length"),
    pytest.param("ISBN", "97870200ABC95", "ISBN", "含有字母或符号", id="isbn-letters"),
    pytest.param("出版年", "2999", "出版年", "2999晚于今天", id="future-year"),
    pytest.param("出版年", "1850", "出版年", "1850小于1900", id="too-old-year"),
    pytest.param("出版年", "二〇〇五", "出版年", "不是数字", id="year-not-number"),
    pytest.param("书名", "", "书名", "不能为空", id="empty-title"),
    pytest.param("册数", "三本", "册数", "“三本”不是数字", id="copies-not-number"),
    pytest.param("册数", "-1", "册数", "小于0", id="negative-copies"),
    pytest.param("书名", "长" * 201, "书名", "超过200个字符", id="title-too-long"),
    pytest.param("书名", '=HYPERLINK("http://x","a")', "书名", "以“=”开头，电子表格软件会把它当作公式", id="formula"),
    pytest.param("作者", "@路遥", "作者", "以“@”开头，电子表格软件会把它当作公式执行", id="formula-at"),
]


@pytest.mark.parametrize(("column", "value", "named", "message"), BAD_CELLS)
def test_bad_row_is_named_and_nothing_is_written(column, value, named, message):
    BookFactory(title="已有图书")
    rows = [GOOD_ROWS[0], with_cell(GOOD_ROWS[1], column, value), GOOD_ROWS[2]]

    plan = plan_for(csv_bytes(rows))

    assert not plan.is_valid
    [bad] = plan.errors
    assert bad.line == 3  # the header is line 1
    assert bad.action == "error"
    assert len(bad.errors) == 1
    assert named in bad.errors[0] and message in bad.errors[0], bad.errors[0]
    assert plan.summary == {"create": 2, "update": 0, "unchanged": 0, "error": 1}
    with pytest.raises(ValueError):
        apply_import(plan)
    assert titles() == {"已有图书"}


def test_every_bad_row_is_listed_at_once():
    rows = [
        with_cell(GOOD_ROWS[0], "ISBN", "9787020049296"),
        GOOD_ROWS[1],
        with_cell(with_cell(GOOD_ROWS[2], "出版年", "2999"), "册数", "两本"),
        with_cell(GOOD_ROWS[3], "ISBN", GOOD_ROWS[1][2]),  # the same ISBN twice in one file
    ]
    plan = plan_for(csv_bytes(rows))
    errors = {row.line: row.errors for row in plan.errors}
    assert set(errors) == {2, 4, 5}
    assert len(errors[4]) == 2
    assert "已在本文件第3行出现" in errors[5][0]


def test_command_imports_a_good_file(tmp_path):
    path = tmp_path / "书目.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS, encoding="gb18030"))
    out = io.StringIO()

    call_command("import_books", str(path), verbosity=0, stdout=out)

    assert "已新建4种图书" in out.getvalue()
    assert titles() == {row[0] for row in GOOD_ROWS}

    out = io.StringIO()
    call_command("import_books", str(path), verbosity=0, stdout=out)
    assert "已新建0种图书、更新0种，4种不变" in out.getvalue()
    assert Book.objects.count() == 4


def test_command_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "books.xlsx"
    path.write_bytes(xlsx_bytes(GOOD_ROWS))
    out = io.StringIO()
    call_command("import_books", str(path), "--dry-run", verbosity=0, stdout=out)
    assert "将新建4种图书" in out.getvalue()
    assert Book.objects.count() == 0


@pytest.mark.parametrize(("column", "value", "named", "message"), BAD_CELLS)
def test_command_lists_bad_rows_and_writes_nothing(tmp_path, column, value, named, message):
    path = tmp_path / "books.csv"
    path.write_bytes(csv_bytes([GOOD_ROWS[0], GOOD_ROWS[1], with_cell(GOOD_ROWS[2], column, value)]))
    err = io.StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("import_books", str(path), verbosity=0, stdout=io.StringIO(), stderr=err)

    assert "1行有错误，未导入任何图书" in str(caught.value)
    line = err.getvalue().strip()
    assert line.startswith("第4行：")
    assert named in line and message in line
    assert Book.objects.count() == 0


def test_command_unknown_category_needs_the_option(tmp_path):
    path = tmp_path / "books.csv"
    path.write_bytes(csv_bytes([with_cell(GOOD_ROWS[0], "分类", "军事国防")]))
    with pytest.raises(CommandError):
        call_command("import_books", str(path), verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
    assert Book.objects.count() == 0

    call_command("import_books", str(path), "--create-categories", verbosity=0, stdout=io.StringIO())
    assert Book.objects.get().category.name == "军事国防"


def test_command_missing_file(tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import_books", str(tmp_path / "nope.csv"), verbosity=0)


# --- files that cannot be read -------------------------------------------------------


def test_mis_encoded_bytes_really_are_neither_encoding():
    with pytest.raises(UnicodeDecodeError):
        MIS_ENCODED.decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        MIS_ENCODED.decode("gb18030")


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        pytest.param(PNG_BYTES, "books.csv", "“books.csv”不是电子表格", id="png-named-csv"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "books.pdf", "“books.pdf”不是电子表格", id="pdf"),
        pytest.param(b"PK\x03\x04not really a zip", "books.xlsx", "无法打开该 .xlsx 文件", id="broken-xlsx"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "books.xls", "不支持旧版 .xls 文件", id="old-xls"),
        pytest.param(MIS_ENCODED, "books.csv", "无法识别 CSV 文件的编码", id="mis-encoded"),
        pytest.param(b"", "books.csv", "文件是空的", id="empty"),
        pytest.param(csv_bytes([]), "books.csv", "文件只有表头，没有图书", id="header-only"),
        pytest.param(
            csv_bytes([["平凡的世界", "2005"]], header=["书名", "出版年"]),
            "books.csv",
            "缺少必需的列：作者。文件中的列：书名、出版年",
            id="missing-author-column",
        ),
        pytest.param(
            csv_bytes([["x", "y"]], header=["name", "writer"]),
            "books.csv",
            "缺少必需的列：书名、作者",
            id="missing-both-columns",
        ),
        pytest.param(xlsx_bytes([], header=[]), "books.xlsx", "文件是空的", id="empty-xlsx"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(data, filename, message, tmp_path):
    with pytest.raises(ImportFileError) as caught:
        plan_for(data, filename)
    assert message in str(caught.value), str(caught.value)

    path = tmp_path / filename
    path.write_bytes(data)
    with pytest.raises(CommandError) as caught:
        call_command("import_books", str(path), verbosity=0, stdout=io.StringIO())
    assert message in str(caught.value)
    assert Book.objects.count() == 0


# --- bulk operations -----------------------------------------------------------------


def generated_rows(count, start=0):
    categories = ["哲学法律", "人文历史", "书画艺术", "中外文学", "党建党史", "生活保健", "科普知识", "人生励志"]
    return [
        [f"图书{n}号", f"作者{n % 97}", isbn13(100000 + n), "出版社", str(1950 + n % 70), categories[n % 8], "", "1"]
        for n in range(start, start + count)
    ]


def test_two_thousand_rows_take_a_bounded_number_of_queries(django_capture_on_commit_callbacks):
    data = csv_bytes(generated_rows(2000))
    with CaptureQueriesContext(connection) as captured, django_capture_on_commit_callbacks(execute=True):
        summary = import_file(data)
    assert summary["create"] == 2000
    assert Book.objects.count() == 2000
    # Bulk inserts: SQLite's 999-parameter limit makes batches of ~70 books, PostgreSQL's 1,000.
    assert len(captured) < 100, f"{len(captured)} queries for 2,000 rows"

    # An update of them all is bulk too.
    rows = generated_rows(2000)
    for row in rows:
        row[6] = "新简介"
    with CaptureQueriesContext(connection) as captured, django_capture_on_commit_callbacks(execute=True):
        summary = import_file(csv_bytes(rows))
    assert summary["update"] == 2000
    assert Book.objects.filter(summary="新简介").count() == 2000
    assert len(captured) < 100, f"{len(captured)} queries to update 2,000 rows"
    # The index follows: the new summary is found, every book is indexed once.
    assert search_books("新简介").count() == 2000
    assert search_books("图书1999号").count() == 1


def test_update_stamps_updated_at_and_keeps_tags_and_category_searchable(django_capture_on_commit_callbacks):
    book = BookFactory(isbn="9787020049295", title="平凡的世界", authors="路遥", summary="旧的简介")
    book.tags.add("茅盾文学奖")
    book.save()
    before = book.updated_at

    with django_capture_on_commit_callbacks(execute=True):
        summary = import_file(csv_bytes([GOOD_ROWS[0], GOOD_ROWS[1]]))

    assert summary == {"create": 1, "update": 1, "unchanged": 0, "error": 0}
    book.refresh_from_db()
    assert book.updated_at > before
    assert book.summary == "孙少安和孙少平兄弟的奋斗"
    # Re-indexed with the new summary, its tags and its category, and only once.
    assert [b.pk for b in search_books("孙少平")] == [book.pk]
    assert [b.pk for b in search_books("茅盾")] == [book.pk]
    assert [b.pk for b in search_books("旧的简介")] == []
    assert [b.title for b in search_books("党史")] == ["中国共产党简史"]  # a new book's category
