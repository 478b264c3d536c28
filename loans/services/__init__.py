"""The lending rules: everything that changes lending data goes through here.

* ``circulation`` — lend, return, renew, reserve, cancel, the holds shelf, due notices, and the
  per-loan figures the desk and 我的借阅 show;
* ``collection`` — transfers between rooms and book boxes, batch copies, the catalogue import's copies;
* ``common`` — ``Refused``, ``Outcome`` and the reading-room check both use.

Callers import from this package (``from loans import services``; ``services.lend(...)``).
"""

from .circulation import (
    borrower_refusal,
    cancel_reservation,
    close_reservation,
    current_loans,
    expire_holds,
    find_employee,
    lend,
    mark_due,
    queue_position,
    receive_copy,
    renew,
    renewal_refusal,
    reserve,
    return_copy,
    send_due_notices,
    with_queue_position,
)
from .collection import add_copies, add_copies_for_imported_books, barcode_range, transfer
from .common import Outcome, Refused, check_room

__all__ = [
    "Outcome",
    "Refused",
    "add_copies",
    "add_copies_for_imported_books",
    "barcode_range",
    "borrower_refusal",
    "cancel_reservation",
    "check_room",
    "close_reservation",
    "current_loans",
    "expire_holds",
    "find_employee",
    "lend",
    "mark_due",
    "queue_position",
    "receive_copy",
    "renew",
    "renewal_refusal",
    "reserve",
    "return_copy",
    "send_due_notices",
    "transfer",
    "with_queue_position",
]
