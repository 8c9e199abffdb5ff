"""CSV files for spreadsheets (drills/csv_export.py): one guard against formula injection."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

import pytest

from drills.analytics_xlsx import safe_text
from drills.csv_export import csv_bytes, formula_safe, to_csv


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+86 110", "'+86 110"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("a=b", "a=b"),
        ("", ""),
        ("报警", "报警"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_kept_as_text(text, safe):
    assert formula_safe(text) == safe
    assert safe_text(text) == safe  # the workbooks use the same guard


def test_a_csv_file_starts_with_a_byte_order_mark_and_ends_lines_with_crlf():
    data = csv_bytes(["a", "b"], [[1, "二"]])
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == [["a", "b"], ["1", "二"]]


@dataclass(frozen=True)
class Row:
    name: str
    day: date
    at: datetime
    note: str | None


def test_rows_are_written_with_days_minutes_and_guarded_text():
    rows = [Row("=cmd", date(2026, 11, 29), datetime(2026, 11, 29, 19, 50, 31), None)]
    table = list(csv.reader(io.StringIO(to_csv(rows).decode("utf-8-sig"))))
    assert table == [["name", "day", "at", "note"], ["'=cmd", "2026-11-29", "2026-11-29 19:50", ""]]
