"""Cells that spreadsheet programs would run as formulas are written as text (audit issue 9, item 6)."""

import io

import pytest

from portal.spreadsheets import SafeCSVWriter, safe_cell


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x","a")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_like_text_gets_a_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["平凡的世界", "", "a=b", 5, -3, None, 2.5])
def test_other_values_pass_unchanged(value):
    assert safe_cell(value) == value


def test_safe_csv_writer_quotes_every_formula_cell():
    out = io.StringIO()
    SafeCSVWriter(out, lineterminator="\n").writerow(["=1+1", "路遥", -1])
    assert out.getvalue() == "'=1+1,路遥,-1\n"
