"""Collection management (馆藏管理): moving copies between rooms and book boxes, adding copies in
batch, and the copies the catalogue import's 册数 column asks for."""

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.db.models.functions import Length
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from booklists.importer import MAX_IMPORTED_COPIES, ImportRowRefused
from booklists.models import Book
from portal.collation import pinyin_order

from ..models import Copy, CopyMovement, CopyStatus, ReadingRoom, RoomKind
from ..signal_handlers import copies_added
from .circulation import receive_copy
from .common import Refused, check_room

IMPORTED_BARCODE_PREFIX = "SX"


def transfer(barcodes, to_room, actor, reason=""):
    """Move copies on the shelf to another room or a mobile book box, recorded with who and when."""
    check_room(to_room)
    moved, refused = [], []
    with transaction.atomic():
        for barcode in barcodes:
            # The title first, then the copy (the circulation lock order): an arriving copy may
            # go on the holds shelf.
            book_id = Copy.objects.filter(barcode=barcode.strip()).values_list("book_id", flat=True).first()
            if book_id:
                Book.objects.select_for_update().filter(pk=book_id).first()
            copy = Copy.objects.select_for_update().filter(barcode=barcode.strip()).first()
            if copy is None:
                refused.append(_("No copy has the barcode “%(barcode)s”.") % {"barcode": barcode})
            elif copy.status not in (CopyStatus.ON_SHELF, CopyStatus.IN_TRANSIT):
                refused.append(
                    _("Copy %(barcode)s is %(status)s and cannot be moved.")
                    % {"barcode": copy.barcode, "status": copy.get_status_display()}
                )
            elif copy.current_room_id == to_room.pk:
                refused.append(
                    _("Copy %(barcode)s is already in %(room)s.") % {"barcode": copy.barcode, "room": to_room}
                )
            else:
                CopyMovement.objects.create(
                    copy=copy, from_room_id=copy.current_room_id, to_room=to_room, moved_by=actor, reason=reason
                )
                copy.current_room = to_room
                if copy.status == CopyStatus.IN_TRANSIT:
                    # Arrived: on the holds shelf if it was sent for a reservation collected here.
                    receive_copy(copy, to_room)
                else:
                    copy.save(update_fields=["current_room"])
                moved.append(copy)
        if refused:
            # A batch moves together or not at all: the librarian fixes the list and scans again.
            transaction.set_rollback(True)
            moved = []
    return moved, refused


def barcode_range(prefix, start, count):
    """Barcodes `prefix` + consecutive numbers from `start`, keeping its zero padding: SX + 000101 × 3 →
    SX000101, SX000102, SX000103."""
    prefix = (prefix or "").strip()
    start = str(start).strip()
    width = len(start)
    first = int(start)
    return [f"{prefix}{number:0{width}d}" for number in range(first, first + count)]


def add_copies(book, room, barcodes, acquired_on=None, note=""):
    """Create one copy per barcode in `room`, in one transaction: all of them, or none if any
    barcode is already taken (the message lists every one of them)."""
    check_room(room)
    barcodes = [barcode.strip() for barcode in barcodes if barcode and barcode.strip()]
    if not barcodes:
        raise Refused(_("Give at least one barcode."))
    repeated = sorted({barcode for barcode in barcodes if barcodes.count(barcode) > 1})
    if repeated:
        raise Refused(_("These barcodes are given more than once: %(barcodes)s.") % {"barcodes": ", ".join(repeated)})
    too_long = [barcode for barcode in barcodes if len(barcode) > Copy._meta.get_field("barcode").max_length]
    if too_long:
        raise Refused(_("These barcodes are too long: %(barcodes)s.") % {"barcodes": ", ".join(too_long)})
    extra = {"acquired_on": acquired_on} if acquired_on else {}
    try:
        with transaction.atomic():
            taken = list(
                Copy.objects.filter(barcode__in=barcodes).order_by("barcode").values_list("barcode", flat=True)
            )
            if taken:
                raise Refused(
                    ngettext(
                        "%(count)d barcode already exists, so no copy was added: %(barcodes)s.",
                        "%(count)d barcodes already exist, so no copy was added: %(barcodes)s.",
                        len(taken),
                    )
                    % {"count": len(taken), "barcodes": ", ".join(taken)}
                )
            created = Copy.objects.bulk_create(
                [
                    Copy(barcode=barcode, book=book, home_room=room, current_room=room, note=note, **extra)
                    for barcode in barcodes
                ]
            )
            copies_added([book.pk])
            return created
    except IntegrityError as error:
        # Another desk added one of these barcodes a moment ago.
        raise Refused(_("One of these barcodes was added meanwhile; please check the list and try again.")) from error


def import_rooms():
    """The rooms the catalogue import may put new copies in (the first is the default): (pk, name) pairs."""
    return [(str(room.pk), room.name) for room in _import_rooms()]


def _import_rooms():
    return (
        ReadingRoom.objects.filter(is_active=True)
        .exclude(kind=RoomKind.BOX)
        .order_by("sort_order", pinyin_order("name"))
    )


def imported_tables():
    """The models the catalogue import fills here (the 册数 copies), for its closing ANALYZE."""
    return [Copy]


def add_copies_for_imported_books(holdings, room=None):
    """The catalogue import's 册数 column: add copies until each book has that many.

    New copies go to `room` (a pk from `import_rooms`), by default the first
    active reading room (not a mobile box), with
    barcodes continuing the SX000001 series (past SX999999 the number simply
    grows: SX1000000). Re-importing the same file adds nothing. Returns the
    number of copies added. Runs inside the import's transaction; a count over
    MAX_IMPORTED_COPIES or a barcode clash refuses that book's row
    (ImportRowRefused), so the whole import writes nothing.
    """
    wanted, books = {}, {}
    for book, count in holdings:
        if count and count > MAX_IMPORTED_COPIES:
            raise ImportRowRefused(
                book,
                _("“%(column)s”: %(value)s is more than %(max)s.")
                % {"column": "册数", "value": count, "max": MAX_IMPORTED_COPIES},
            )
        if count:
            wanted[book.pk] = max(wanted.get(book.pk, 0), count)
            books[book.pk] = book
    if not wanted:
        return 0
    if room:
        chosen = _import_rooms().filter(pk=room).first() if str(room).isdigit() else None
        if chosen is None:
            raise Refused(_("The reading room “%(room)s” is not in service.") % {"room": room})
        room = chosen
    else:
        room = _import_rooms().first()
        if room is None:
            return 0  # no room yet: librarians add copies at the desk later
    have = dict(
        Copy.objects.filter(book_id__in=wanted)
        .order_by()
        .values("book_id")
        .annotate(n=Count("pk"))
        .values_list("book_id", "n")
    )
    missing = [
        (book_id, count - have.get(book_id, 0)) for book_id, count in wanted.items() if count > have.get(book_id, 0)
    ]
    barcodes = iter(imported_barcodes(sum(n for _book, n in missing)))
    new = [
        Copy(barcode=next(barcodes), book_id=book_id, home_room=room, current_room=room)
        for book_id, n in missing
        for _copy in range(n)
    ]
    try:
        with transaction.atomic():
            Copy.objects.bulk_create(new, batch_size=1000)
            copies_added(book_id for book_id, _n in missing)
    except IntegrityError as error:
        # Another import or desk took one of these barcodes a moment ago.
        taken = Copy.objects.filter(barcode__in=[copy.barcode for copy in new]).order_by("barcode").first()
        clash = next((copy for copy in new if taken and copy.barcode == taken.barcode), new[0])
        raise ImportRowRefused(
            books[clash.book_id],
            _("The barcode %(barcode)s was taken meanwhile; nothing was imported. Import the file again.")
            % {"barcode": clash.barcode},
        ) from error
    return len(new)


def imported_barcodes(count):
    """`count` unused barcodes after the highest SX number in use, whatever its width.

    Ordering the barcodes as text puts SX999999 after SX1000000, so the highest number is found by
    length first; numbers already taken (a copy added by hand with the same barcode) are skipped.
    """
    if count <= 0:
        return []
    # SX + six digits, or more digits without a leading zero: the numbers this series writes.
    pattern = rf"^{IMPORTED_BARCODE_PREFIX}([0-9]{{6}}|[1-9][0-9]{{6,}})$"
    last = (
        Copy.objects.filter(barcode__regex=pattern)
        .order_by(Length("barcode").desc(), "-barcode")
        .values_list("barcode", flat=True)
        .first()
    )
    number = int(last[len(IMPORTED_BARCODE_PREFIX) :]) if last else 0
    barcodes = []
    while len(barcodes) < count:
        batch = [f"{IMPORTED_BARCODE_PREFIX}{n:06d}" for n in range(number + 1, number + 1 + count - len(barcodes))]
        number += len(batch)
        taken = set(Copy.objects.filter(barcode__in=batch).values_list("barcode", flat=True))
        barcodes += [barcode for barcode in batch if barcode not in taken]
    return barcodes
