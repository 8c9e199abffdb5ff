"""The analytics as one Excel workbook: a sheet per table of row dicts, with a bold frozen header,
columns as wide as their text, and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from drills.csv_export import FORMULA_STARTS, formula_safe

MAX_WIDTH = 60  # characters; longer text wraps in Excel's own way
MAX_TITLE = 31  # Excel's limit for a sheet name
TIME_FORMAT = "yyyy-mm-dd hh:mm"  # times to the minute, as in the CSV files
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")

Rows = Sequence[Mapping[str, object]]


def safe_text(text: str) -> str:
    """`text` with a leading quote when a spreadsheet would take it for a formula, and without
    the control characters a workbook may not hold."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return formula_safe(text)


def cell_value(value: object) -> object:
    """What to put in a cell: numbers, booleans and dates as such (times without their zone,
    which Excel cannot store; build_workbook shows them to the minute), everything else as
    formula-safe text; None stays empty."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return value
    return safe_text(str(value))


def build_workbook(
    sheets: Mapping[str, Rows], headers: Mapping[str, Sequence[str]] | None = None
) -> Workbook:
    """A workbook with one sheet per entry of `sheets` (name -> rows), in order. The header row
    holds the rows' keys in order of first appearance, or `headers[name]` (so that an empty
    table still shows its columns)."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for name, rows in sheets.items():
        sheet = book.create_sheet(sheet_title(name, taken))
        columns = list((headers or {}).get(name) or _columns(rows))
        sheet.append([cell_value(c) for c in columns])
        for row in rows:
            append_row(sheet, [cell_value(row.get(c)) for c in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            values = [column, *(row.get(column) for row in rows)]
            width = max(display_width(_shown(v)) for v in values)
            sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)
    if not book.sheetnames:
        book.create_sheet("Sheet1")
    return book


def append_row(sheet: Worksheet, values: Sequence[object]) -> None:
    """Add a row of cell values to `sheet`, its times shown to the minute."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, datetime):
            cell.number_format = TIME_FORMAT


def to_xlsx_bytes(
    sheets: Mapping[str, Rows], headers: Mapping[str, Sequence[str]] | None = None
) -> bytes:
    """The workbook of `build_workbook` as .xlsx bytes (for a download button)."""
    out = io.BytesIO()
    build_workbook(sheets, headers).save(out)
    return out.getvalue()


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unused sheet name for `name` (no []:*?/\\, at most 31 characters), added to
    `taken`."""
    base = _BAD_TITLE.sub("", name).strip().strip("'")[:MAX_TITLE] or "Sheet"
    title, n = base, 1
    while title.lower() in {t.lower() for t in taken}:
        n += 1
        suffix = f" ({n})"
        title = base[: MAX_TITLE - len(suffix)] + suffix
    taken.add(title)
    return title


def display_width(text: str) -> int:
    """Columns `text` takes in a spreadsheet: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _columns(rows: Rows) -> list[str]:
    return list(dict.fromkeys(key for row in rows for key in row))


__all__ = [
    "FORMULA_STARTS",
    "TIME_FORMAT",
    "append_row",
    "build_workbook",
    "cell_value",
    "display_width",
    "safe_text",
    "sheet_title",
    "to_xlsx_bytes",
]
