"""Barcodes typed full-width or pasted with invisible characters are read as the same barcode (issue 9, item 12)."""

from loans.forms import split_barcodes


def test_full_width_and_zero_width_barcodes_are_normalised():
    assert split_barcodes("ＳＸ０００００１\u200b\nSX000002，ＳＸ０００００１") == ["SX000001", "SX000002"]
