"""Tables as CSV files for spreadsheets: UTF-8 with a byte-order mark (so that Excel shows
Chinese), CRLF line ends, and no cell that a spreadsheet would run as a formula.

`formula_safe` is the one guard against formula (CSV) injection; the Excel workbooks use it too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, fields
from datetime import date, datetime

# Text starting with these is read as a formula (or DDE) by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """`text` with a leading quote when a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    """A header and rows of cells as the bytes of a CSV file (cells are written as given)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_csv(rows: Iterable[object], columns: Sequence[str] | None = None) -> bytes:
    """Dataclass or mapping rows as CSV, in `columns` (default: every field, in order of first
    appearance); times to the minute, days as "2026-11-29", formula-like text quoted."""
    rows = [_as_mapping(row) for row in rows]
    if columns is None:
        columns = list(dict.fromkeys(name for row in rows for name in row))
    return csv_bytes(
        [_cell(name) for name in columns],
        ([_cell(row.get(name)) for name in columns] for row in rows),
    )


def _as_mapping(row: object) -> Mapping[str, object]:
    if isinstance(row, Mapping):
        return row
    return dict(zip([f.name for f in fields(row)], astuple(row), strict=True))


def _cell(value) -> str:
    """A CSV cell: times to the minute ("2026-11-29 19:50", in the server's zone when the time
    has one), days as "2026-11-29", formula-like text quoted."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        moment = value.astimezone() if value.tzinfo else value
        text = moment.strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = str(value)
    return formula_safe(text)


__all__ = ["FORMULA_STARTS", "csv_bytes", "formula_safe", "to_csv"]
