"""An import that would change existing books shows the changes and needs an explicit yes (issue 9, item 15)."""

import io

import pytest
from django.core.management import CommandError, call_command

from booklists.factories import BookFactory
from booklists.importer import UpdatesNotConfirmed, apply_import, plan_import, read_table
from booklists.models import Book
from people import groups

from .helpers import GOOD_ROWS, csv_bytes, with_cell
from .test_admin_import import URL, confirm_fields, upload

pytestmark = pytest.mark.django_db

RENAMING = [with_cell(GOOD_ROWS[0], "书名", "另一个书名"), GOOD_ROWS[1]]


@pytest.fixture
def librarian_client(client, make_user):
    client.force_login(make_user(groups.LIBRARIANS, real_name="书屋管理员甲"))
    return client


@pytest.fixture
def hongloumeng():
    return BookFactory(isbn="9787020049295", title="红楼梦", authors="路遥", publisher="人民文学出版社", year=2005)


def test_preview_shows_each_change_old_to_new_with_chinese_labels(librarian_client, hongloumeng):
    response = upload(librarian_client, csv_bytes(RENAMING))
    [row] = response.context["plan"].updates
    assert ("书名", "红楼梦", "另一个书名") in row.diff
    html = response.content.decode()
    assert "<strong>书名</strong>：<del>红楼梦</del> → <ins>另一个书名</ins>" in html
    assert "更新上面列出的1种已有图书" in html
    assert "data-import-updates" in html


def test_confirm_without_ticking_writes_nothing_and_keeps_the_upload(librarian_client, hongloumeng):
    preview = upload(librarian_client, csv_bytes(RENAMING))
    fields = confirm_fields(preview, confirm_updates=False)

    response = librarian_client.post(URL, fields)

    assert response.status_code == 200
    html = response.content.decode()
    assert "未写入任何内容：如要更新上面列出的已有图书，请勾选确认框" in html
    assert fields["token"] in html, "the stored upload is kept for a second try"
    hongloumeng.refresh_from_db()
    assert hongloumeng.title == "红楼梦"
    assert Book.objects.count() == 1, "not even the new book is written"

    response = librarian_client.post(URL, {**fields, "confirm_updates": "on"})
    assert response.status_code == 302
    hongloumeng.refresh_from_db()
    assert hongloumeng.title == "另一个书名"
    assert Book.objects.count() == 2


def test_a_file_of_only_new_books_needs_no_tick(librarian_client):
    preview = upload(librarian_client, csv_bytes(GOOD_ROWS))
    assert "confirm_updates" not in preview.context["confirm_form"].fields
    assert librarian_client.post(URL, confirm_fields(preview, confirm_updates=False)).status_code == 302
    assert Book.objects.count() == 4


def test_the_service_refuses_unconfirmed_updates(hongloumeng):
    headers, rows = read_table(csv_bytes(RENAMING), "books.csv")
    plan = plan_import(headers, rows)
    with pytest.raises(UpdatesNotConfirmed):
        apply_import(plan, update_existing=False)
    assert Book.objects.count() == 1


def test_command_shows_the_diff_and_refuses_without_update(tmp_path, hongloumeng):
    path = tmp_path / "books.csv"
    path.write_bytes(csv_bytes(RENAMING))
    out = io.StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("import_books", str(path), verbosity=0, stdout=out, stderr=io.StringIO())

    assert "第2行将更新《红楼梦》：" in out.getvalue()
    assert "书名：红楼梦 → 另一个书名" in out.getvalue()
    assert "1种已有图书将按上面所列修改，未写入任何内容" in str(caught.value)
    assert "--update" in str(caught.value)
    hongloumeng.refresh_from_db()
    assert hongloumeng.title == "红楼梦" and Book.objects.count() == 1

    call_command("import_books", str(path), "--update", verbosity=0, stdout=io.StringIO())
    hongloumeng.refresh_from_db()
    assert hongloumeng.title == "另一个书名" and Book.objects.count() == 2
