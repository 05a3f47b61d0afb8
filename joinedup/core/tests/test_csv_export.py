"""CSV cells that a spreadsheet would run as formulas are written as text (issue 11, item 8)."""

from __future__ import annotations

import csv
import io

import pytest

from joinedup.core import csv_export


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "＝1+1"],
)
def test_a_cell_that_could_start_a_formula_gets_a_leading_quote(value: str) -> None:
    out = io.StringIO()
    csv_export.writer(out).writerow(["name", value, 7])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["name", "'" + value, "7"]


def test_ordinary_text_and_numbers_are_written_as_they_are() -> None:
    out = io.StringIO()
    csv_export.writer(out).writerows([["Pellbridge = Saltmere", -3, 0.5, "", None]])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["Pellbridge = Saltmere", "-3", "0.5", "", ""]
