"""Catalogue import in a real browser: a librarian's file with a bad row is refused, the fixed file is
previewed and imported, and a visitor finds a new book through the site search.

Screenshots: test-artifacts/screenshots/import-refused.png, import-preview.png, import-done.png,
search-found.png.
"""

import csv
import io
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium not installed at /usr/bin/chromium: apt-get install chromium", allow_module_level=True)

from booklists.models import Book, CataloguePage  # noqa: E402
from people import groups  # noqa: E402

from .conftest import make_staff, publish  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = ["书名", "作者", "ISBN", "出版社", "出版年", "分类", "简介", "册数"]
ROWS = [
    ["平凡的世界", "路遥", "978-7-02-004929-5", "人民文学出版社", "2005", "中外文学", "孙少安和孙少平兄弟的奋斗", "3"],
    ["红色家书选读", "本书编写组", "9787010000008", "人民出版社", "2021", "党建党史", "革命先辈写给亲人的书信", "5"],
    ["乡土中国", "费孝通", "9787301000007", "北京大学出版社", "2012", "人文历史", "中国基层社会的结构", "2"],
]
BAD_ISBN = "9787010000007"  # the check digit of 978701000000 is 8


def csv_file(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return {"name": "新书目录.csv", "mimeType": "text/csv", "buffer": out.getvalue().encode("utf-8-sig")}


def upload(page, file):
    page.goto("/admin/books/import/")
    page.set_input_files('input[type="file"][name="file"]', files=[file])
    with page.expect_navigation():
        page.locator("[data-upload-import]").click()


@pytest.fixture
def librarian(restore_migrated_data):
    return make_staff("bj-librarian", "书屋管理员甲", groups.LIBRARIANS)


@pytest.fixture
def catalogue(home_page):
    return publish(home_page, CataloguePage(title="图书目录", slug="catalogue"))


def test_import_refuses_a_bad_file_then_imports_the_fixed_one(new_page, admin_login, screenshot, librarian, catalogue):
    librarian_page = admin_login(new_page(), librarian)

    # --- a file with a wrong ISBN check digit on row 3 ----------------------------------
    bad_rows = [ROWS[0], [*ROWS[1][:2], BAD_ISBN, *ROWS[1][3:]], ROWS[2]]
    upload(librarian_page, csv_file(bad_rows))
    errors = librarian_page.locator("[data-import-errors]")
    errors.wait_for()
    screenshot(librarian_page, "import-refused")
    refused = errors.locator("tbody tr")
    assert refused.count() == 1
    cells = refused.first.locator("td")
    assert cells.nth(0).inner_text().strip() == "3"
    assert cells.nth(1).inner_text().strip() == "红色家书选读"
    assert f"ISBN“{BAD_ISBN}”的校验位不正确" in cells.nth(2).inner_text()
    assert librarian_page.locator("[data-confirm-import]").count() == 0
    assert Book.objects.count() == 0, "a file with a bad row must write nothing"

    # --- the fixed file: preview, then confirm ------------------------------------------
    upload(librarian_page, csv_file(ROWS))
    rows = librarian_page.locator("[data-import-rows] tbody tr")
    rows.first.wait_for()
    assert librarian_page.locator("[data-import-errors]").count() == 0
    assert rows.count() == 3
    assert [rows.nth(i).locator("td").first.inner_text().strip() for i in range(3)] == ["2", "3", "4"]
    assert librarian_page.locator(".import-row--create").count() == 3
    screenshot(librarian_page, "import-preview")
    assert Book.objects.count() == 0, "the preview writes nothing"

    with librarian_page.expect_navigation():
        librarian_page.locator("[data-confirm-import]").click()
    assert "/admin/snippets/booklists/book/" in librarian_page.url
    assert "导入完成：新建3种图书，更新0种，0种不变。" in librarian_page.content()
    assert "红色家书选读" in librarian_page.content()
    screenshot(librarian_page, "import-done")
    assert set(Book.objects.values_list("title", flat=True)) == {row[0] for row in ROWS}
    book = Book.objects.get(title="红色家书选读")
    assert (book.isbn, book.category.name, book.year) == ("9787010000008", "党建党史", 2021)

    # --- a visitor finds the new book through the header search box --------------------
    visitor = new_page()
    visitor.goto("/zh-hans/")
    visitor.fill("#site-search", "家书")
    with visitor.expect_navigation():
        visitor.press("#site-search", "Enter")
    assert "/zh-hans/search/" in visitor.url and "q=" in visitor.url
    results = visitor.locator(".book-result__title")
    assert results.count() == 1
    assert results.first.inner_text().strip() == "《红色家书选读》"
    screenshot(visitor, "search-found")

    # and the result leads to the book's page in the catalogue
    with visitor.expect_navigation():
        results.first.locator("a").click()
    assert visitor.url.endswith(f"/zh-hans/catalogue/{book.pk}/")
    assert "红色家书选读" in visitor.locator("h1").first.inner_text()
