"""The catalogue import's 册数 column adds copies through the loans app's hook."""

import pytest

from booklists.importer import apply_import, plan_import, read_table
from loans.models import Copy, ReadingRoom, RoomKind

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
