"""The catalogue import's 册数 column adds copies through the loans app's hook."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from booklists.factories import BookFactory
from booklists.importer import (
    MAX_IMPORTED_COPIES,
    ImportRefused,
    ImportRowRefused,
    apply_import,
    plan_import,
    read_table,
)
from booklists.models import Book
from loans.models import Copy, ReadingRoom, RoomKind
from loans.services import collection
from loans.services.collection import add_copies_for_imported_books, imported_barcodes

CSV = "书名,作者,ISBN,册数\n平凡的世界,路遥,978-7-02-004929-5,3\n乡土中国,费孝通,,2\n无册数的书,某人,,\n".encode()


def import_csv(data=CSV):
    headers, rows = read_table(data, "books.csv")
    plan = plan_import(headers, rows)
    summary = apply_import(plan)
    return {**summary, "copies": plan.copies_added}


@pytest.mark.django_db
def test_copies_are_added_to_the_first_room_up_to_the_count():
    ReadingRoom.objects.create(name="流动书箱一号", kind=RoomKind.BOX, sort_order=0)
    room = ReadingRoom.objects.create(name="机关职工书屋", kind=RoomKind.ROOM, sort_order=1)

    summary = import_csv()

    assert summary["copies"] == 5
    copies = Copy.objects.order_by("barcode")
    assert [c.barcode for c in copies] == ["SX000001", "SX000002", "SX000003", "SX000004", "SX000005"]
    assert {c.current_room_id for c in copies} == {room.pk}
    assert Copy.objects.filter(book__title="平凡的世界").count() == 3


@pytest.mark.django_db
def test_reimporting_adds_nothing_and_a_larger_count_adds_the_difference():
    ReadingRoom.objects.create(name="机关职工书屋")
    import_csv()
    assert import_csv()["copies"] == 0
    assert Copy.objects.count() == 5

    more = CSV.replace(b"978-7-02-004929-5,3", b"978-7-02-004929-5,4")
    assert import_csv(more)["copies"] == 1
    assert Copy.objects.filter(book__title="平凡的世界").count() == 4


@pytest.mark.django_db
def test_without_a_reading_room_books_import_and_copies_wait_for_the_desk():
    summary = import_csv()
    assert summary["create"] == 3
    assert summary["copies"] == 0
    assert Copy.objects.count() == 0


@pytest.mark.django_db
def test_a_huge_copies_count_is_refused_in_the_preview():
    ReadingRoom.objects.create(name="机关职工书屋")
    headers, rows = read_table("书名,作者,册数\n平凡的世界,路遥,100000000\n".encode(), "books.csv")
    plan = plan_import(headers, rows)
    [bad] = plan.errors
    assert bad.errors == [f"“册数”：100000000超过上限{MAX_IMPORTED_COPIES}。"]
    assert (
        import_csv(f"书名,作者,册数\n平凡的世界,路遥,{MAX_IMPORTED_COPIES}\n".encode())["copies"] == MAX_IMPORTED_COPIES
    )


@pytest.mark.django_db
def test_the_service_refuses_a_count_over_the_limit_too():
    book = BookFactory()
    with pytest.raises(ImportRowRefused, match="超过上限"):
        add_copies_for_imported_books([(book, MAX_IMPORTED_COPIES + 1)])


@pytest.mark.django_db
def test_barcodes_continue_past_six_digits_and_the_next_import_does_not_clash():
    room = ReadingRoom.objects.create(name="机关职工书屋")
    Copy.objects.create(barcode="SX999999", book=BookFactory(), home_room=room, current_room=room)
    assert import_csv("书名,作者,册数\n平凡的世界,路遥,2\n".encode())["copies"] == 2
    assert import_csv("书名,作者,册数\n乡土中国,费孝通,2\n".encode())["copies"] == 2
    assert sorted(Copy.objects.values_list("barcode", flat=True), key=lambda b: (len(b), b)) == [
        "SX999999",
        "SX1000000",
        "SX1000001",
        "SX1000002",
        "SX1000003",
    ]


@pytest.mark.django_db
def test_a_barcode_added_by_hand_ahead_of_the_series_is_skipped():
    room = ReadingRoom.objects.create(name="机关职工书屋")
    Copy.objects.create(barcode="SX000001", book=BookFactory(), home_room=room, current_room=room)
    assert imported_barcodes(2) == ["SX000002", "SX000003"]
    Copy.objects.create(barcode="SX000003", book=BookFactory(), home_room=room, current_room=room)
    Copy.objects.create(barcode="SX0000009", book=BookFactory(), home_room=room, current_room=room)  # not the series
    assert imported_barcodes(1) == ["SX000004"]


@pytest.mark.django_db
def test_a_barcode_clash_is_a_row_error_and_nothing_is_written(monkeypatch):
    room = ReadingRoom.objects.create(name="机关职工书屋")
    other = Copy.objects.create(barcode="SX000500", book=BookFactory(title="已有"), home_room=room, current_room=room)
    # Another desk took the barcode between the check and the insert.
    monkeypatch.setattr(collection, "imported_barcodes", lambda count: [other.barcode] * count)
    headers, rows = read_table(CSV, "books.csv")
    plan = plan_import(headers, rows)

    with pytest.raises(ImportRefused):
        apply_import(plan)

    [bad] = plan.errors
    assert bad.line == 2
    assert "条码SX000500已被占用" in bad.errors[0]
    assert Book.objects.count() == 1 and Copy.objects.count() == 1


@pytest.mark.django_db
def test_the_admin_confirm_shows_a_barcode_clash_as_a_row_error(client, superuser, monkeypatch):
    room = ReadingRoom.objects.create(name="机关职工书屋")
    other = Copy.objects.create(barcode="SX000500", book=BookFactory(title="已有"), home_room=room, current_room=room)
    client.force_login(superuser)
    upload = SimpleUploadedFile("books.csv", CSV, content_type="text/csv")
    preview = client.post(reverse("booklists_import"), {"file": upload})
    token = preview.context["confirm_form"].initial["token"]
    monkeypatch.setattr(collection, "imported_barcodes", lambda count: [other.barcode] * count)

    response = client.post(reverse("booklists_import"), {"token": token})

    assert response.status_code == 200
    assert "条码SX000500已被占用" in response.content.decode()
    assert Book.objects.count() == 1


@pytest.fixture
def two_rooms(db):
    first = ReadingRoom.objects.create(name="机关职工书屋", sort_order=0)
    second = ReadingRoom.objects.create(name="二号楼阅览室", sort_order=1)
    ReadingRoom.objects.create(name="流动书箱一号", kind=RoomKind.BOX, sort_order=2)
    return first, second


def test_the_librarian_chooses_the_room_for_imported_copies(client, superuser, two_rooms):
    first, second = two_rooms
    client.force_login(superuser)
    form = client.get(reverse("booklists_import")).context["form"]
    assert form.fields["room"].choices == [(str(first.pk), first.name), (str(second.pk), second.name)]

    upload = SimpleUploadedFile("books.csv", CSV, content_type="text/csv")
    preview = client.post(reverse("booklists_import"), {"file": upload, "room": str(second.pk)})
    confirm = preview.context["confirm_form"]
    assert confirm.initial["room"] == str(second.pk)
    assert preview.context["form"]["room"].value() == str(second.pk), "the upload form keeps the choice"

    client.post(reverse("booklists_import"), {"token": confirm.initial["token"], "room": str(second.pk)})

    assert Copy.objects.count() == 5
    assert set(Copy.objects.values_list("home_room", flat=True)) == {second.pk}


def test_command_room_option(tmp_path, two_rooms):
    _first, second = two_rooms
    path = tmp_path / "books.csv"
    path.write_bytes(CSV)
    with pytest.raises(CommandError, match="未知阅览点“三号楼”。可用的阅览点：机关职工书屋、二号楼阅览室"):
        call_command("import_books", str(path), "--room", "三号楼", verbosity=0, stdout=io.StringIO())
    assert Book.objects.count() == 0

    call_command("import_books", str(path), "--room", "二号楼阅览室", verbosity=0, stdout=io.StringIO())
    assert set(Copy.objects.values_list("current_room", flat=True)) == {second.pk}
