"""The librarians' import in the Wagtail admin: who may use it, preview, confirm, limits."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from booklists.factories import BookFactory
from booklists.models import Book
from people import groups

from .helpers import GOOD_ROWS, MIS_ENCODED, PNG_BYTES, csv_bytes, with_cell, xlsx_bytes

pytestmark = pytest.mark.django_db

URL = "/admin/books/import/"


@pytest.fixture
def librarian(make_user):
    return make_user(groups.LIBRARIANS, real_name="书屋管理员甲")


@pytest.fixture
def librarian_client(client, librarian):
    client.force_login(librarian)
    return client


def upload(client, data, name="books.csv", **extra):
    return client.post(URL, {"file": SimpleUploadedFile(name, data), **extra})


def confirm_fields(response, confirm_updates=True):
    """What the preview's confirm form posts; the librarian ticks the updates box when the preview offers it."""
    form = response.context["confirm_form"]
    fields = {"token": form.initial["token"], "create_categories": form.initial["create_categories"] or ""}
    if form.initial.get("room"):
        fields["room"] = form.initial["room"]
    if confirm_updates and "confirm_updates" in form.fields:
        fields["confirm_updates"] = "on"
    return fields


def test_url_name():
    assert reverse("booklists_import") == URL


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    response = upload(client, csv_bytes(GOOD_ROWS))
    assert response.status_code == 302
    assert Book.objects.count() == 0


def test_employee_without_groups_has_no_admin(client, employee):
    client.force_login(employee)
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    upload(client, csv_bytes(GOOD_ROWS))
    assert Book.objects.count() == 0


def test_editor_is_refused(client, editor):
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    response = upload(client, csv_bytes(GOOD_ROWS))
    assert response.status_code == 302
    assert Book.objects.count() == 0
    # The menu does not offer it either.
    assert URL not in client.get("/admin/").content.decode()


def test_librarian_sees_the_form_and_the_menu_item(librarian_client):
    response = librarian_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html and 'name="file"' in html
    assert "data-upload-import" in html
    assert "data-confirm-import" not in html
    assert URL in librarian_client.get("/admin/").content.decode()


def test_upload_previews_then_confirm_writes(librarian_client):
    existing = BookFactory(isbn="9787020049295", title="平凡的世界", authors="路遥", publisher="北京十月文艺出版社")
    rows = GOOD_ROWS[:3]

    response = upload(librarian_client, csv_bytes(rows, encoding="gb18030"), "新书.csv")

    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.summary == {"create": 2, "update": 1, "unchanged": 0, "error": 0}
    html = response.content.decode()
    assert "“新书.csv”预览" in html
    assert "data-confirm-import" in html
    assert html.count("import-row--create") == 2 and html.count("import-row--update") == 1
    assert "中国共产党简史" in html and "乡土中国" in html
    assert Book.objects.count() == 1, "the preview writes nothing"

    response = librarian_client.post(URL, confirm_fields(response), follow=True)

    assert response.redirect_chain[-1][0] == reverse("wagtailsnippets_booklists_book:list")
    assert "导入完成：新建2种图书，更新1种，0种不变。" in response.content.decode()
    assert Book.objects.count() == 3
    existing.refresh_from_db()
    assert existing.publisher == "人民文学出版社"


def test_xlsx_upload(librarian_client):
    response = upload(librarian_client, xlsx_bytes(GOOD_ROWS), "books.xlsx")
    assert response.context["plan"].summary["create"] == 4
    librarian_client.post(URL, confirm_fields(response))
    assert Book.objects.count() == 4


def test_unknown_category_created_only_when_ticked(librarian_client):
    data = csv_bytes([with_cell(GOOD_ROWS[0], "分类", "军事国防")])
    response = upload(librarian_client, data)
    assert "未知分类“军事国防”" in response.content.decode()
    assert "data-confirm-import" not in response.content.decode()

    response = upload(librarian_client, data, create_categories="on")
    assert "军事国防" in response.content.decode()
    fields = confirm_fields(response)
    assert fields["create_categories"] is True
    librarian_client.post(URL, fields)
    assert Book.objects.get().category.name == "军事国防"


def test_bad_row_preview_lists_it_offers_no_confirm_and_writes_nothing(librarian_client):
    rows = [GOOD_ROWS[0], with_cell(GOOD_ROWS[1], "ISBN", "9787020049296"), with_cell(GOOD_ROWS[2], "出版年", "2999")]

    response = upload(librarian_client, csv_bytes(rows))

    assert response.status_code == 200
    html = response.content.decode()
    assert "data-import-errors" in html
    assert "data-confirm-import" not in html
    assert response.context["plan"].summary == {"create": 1, "update": 0, "unchanged": 0, "error": 2}
    errors = {row.line: row.errors for row in response.context["plan"].errors}
    assert set(errors) == {3, 4}
    assert "ISBN“9787020049296”的校验位不正确。" in html
    assert "“出版年”：2999晚于今天。" in html
    assert "<td>3</td>" in html and "<td>4</td>" in html
    assert Book.objects.count() == 0


def test_confirm_rechecks_and_refuses_if_the_catalogue_changed(librarian_client):
    response = upload(librarian_client, csv_bytes([GOOD_ROWS[0], GOOD_ROWS[1]]))
    fields = confirm_fields(response)
    # Between preview and confirm, a librarian renames the category row 3 names.
    from booklists.models import Category

    Category.objects.filter(name="党建党史").update(name="党史党建")
    response = librarian_client.post(URL, fields)
    assert response.status_code == 200
    assert "未知分类“党建党史”" in response.content.decode()
    assert "data-confirm-import" not in response.content.decode()
    assert Book.objects.count() == 0


def test_confirm_with_an_unknown_token(librarian_client):
    response = librarian_client.post(URL, {"token": "0" * 32}, follow=True)
    assert response.redirect_chain[-1][0] == URL
    assert [str(m) for m in response.context["messages"]] == ["上传的文件已过期，请重新上传。"]
    assert Book.objects.count() == 0


def test_confirm_cannot_read_other_paths(librarian_client):
    response = librarian_client.post(URL, {"token": "../../settings"}, follow=True)
    assert response.redirect_chain[-1][0] == URL
    assert Book.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        pytest.param(PNG_BYTES, "books.csv", "“books.csv”不是电子表格", id="png-named-csv"),
        pytest.param(b"%PDF-1.7\n", "books.pdf", "“books.pdf”不是电子表格", id="pdf"),
        pytest.param(MIS_ENCODED, "books.csv", "无法识别 CSV 文件的编码", id="mis-encoded"),
        pytest.param(
            csv_bytes([["平凡的世界"]], header=["书名"]), "books.csv", "缺少必需的列：作者", id="missing-column"
        ),
        pytest.param(b"", "books.csv", "", id="empty"),
    ],
)
def test_unreadable_uploads_are_refused(librarian_client, data, name, message):
    response = upload(librarian_client, data, name)
    assert response.status_code == 200
    assert "plan" not in response.context
    errors = response.context["form"].errors["file"]
    assert errors
    if message:
        assert message in errors[0]
        assert message in response.content.decode()
    assert Book.objects.count() == 0


def test_file_over_the_limit_is_refused_before_it_is_read(librarian_client, settings):
    settings.BOOK_IMPORT_MAX_UPLOAD_SIZE = 1024
    data = csv_bytes(GOOD_ROWS * 800)  # far more than the limit plus the form's slack
    assert len(data) > 1024 + 64 * 1024

    with mock.patch("booklists.admin_views.read_table") as read_table:
        response = upload(librarian_client, data)

    read_table.assert_not_called()
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert "超过上限1.0\xa0KB" in error
    assert "超过上限1.0&nbsp;KB" in response.content.decode() or error in response.content.decode()
    assert Book.objects.count() == 0


def test_file_just_over_the_limit_is_refused_by_the_form(librarian_client, settings):
    settings.BOOK_IMPORT_MAX_UPLOAD_SIZE = 200
    data = csv_bytes(GOOD_ROWS)
    assert 200 < len(data) < 64 * 1024

    with mock.patch("booklists.admin_views.read_table") as read_table:
        response = upload(librarian_client, data)

    read_table.assert_not_called()
    [error] = response.context["form"].errors["file"]
    assert "超过上限200\xa0字节" in error
    assert "data-confirm-import" not in response.content.decode()
    assert Book.objects.count() == 0


def test_book_form_in_the_admin_takes_a_hyphenated_isbn(client, superuser):
    """Librarians type the ISBN as printed on the book; it is stored as 13 digits."""
    client.force_login(superuser)
    from booklists.factories import CategoryFactory

    category = CategoryFactory(code="literature")
    response = client.post(
        reverse("wagtailsnippets_booklists_book:add"),
        {
            "title": "平凡的世界",
            "authors": "路遥",
            "isbn": "978-7-02-004929-5",
            "publisher": "人民文学出版社",
            "year": "2005",
            "category": category.pk,
            "tags": "",
            "locale": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert Book.objects.get().isbn == "9787020049295"


def test_book_form_in_the_admin_refuses_a_duplicate_isbn(client, superuser):
    client.force_login(superuser)
    BookFactory(isbn="9787020049295", title="平凡的世界")
    response = client.post(
        reverse("wagtailsnippets_booklists_book:add"),
        {"title": "另一本书", "authors": "某人", "isbn": "7-02-004929-X", "tags": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["isbn"] == ["已有图书使用此 ISBN：《平凡的世界》。"]
    assert Book.objects.count() == 1
