"""The raw material of the reading record: loans and reading notes.

Every import of the reading-notes models by progress/ and honours/ goes through
this module, so that moving the notes to their own app changes one line here.
"""

from loans.models import Loan  # noqa: F401
from notes.models import ReadingNote  # noqa: F401

__all__ = ["Loan", "ReadingNote"]
