"""Injects (the MSEL) to and from CSV and Excel files.

Columns: id, title, content, kind, offset_min, to_roles, expected_steps (Chinese headers are
accepted too). to_roles holds plan role ids or names (aliases too), expected_steps checklist item
ids or plan step ids, several separated by ; or 、. An empty offset means "released by hand".
A file with any bad row is refused whole, with every problem and its row number (the header is
row 1). CSV is written as UTF-8 with a BOM so that Excel opens it; GB18030 is read as well.

An uploaded file passes drills/sheet_guard.py (size, zip bombs, encryption) before anything
parses it, and its content, not its name, says whether it is a workbook or CSV. A workbook's
rows are read to the end of its sheet, whatever size the sheet's header records (Excel and
other programs may leave a stale <dimension>), and reading stops once there are too many.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence

from drills.csv_export import FORMULA_STARTS, formula_safe
from drills.errors import DrillImportError, Problem, problem
from drills.model import ChecklistItem, Inject
from drills.sheet_guard import check_spreadsheet
from i18n.glossary import INJECT_KINDS
from plans.errors import PlanReadError
from plans.model import Plan

COLUMNS = ("id", "title", "content", "kind", "offset_min", "to_roles", "expected_steps")
HEADER_ALIASES = {
    "编号": "id",
    "标题": "title",
    "内容": "content",
    "类型": "kind",
    "注入类型": "kind",
    "时间": "offset_min",
    "偏移分钟": "offset_min",
    "注入时间（分钟）": "offset_min",
    "发送角色": "to_roles",
    "接收角色": "to_roles",
    "预期步骤": "expected_steps",
}
KIND_ALIASES = {
    "": "message",
    "消息": "message",
    "情景": "message",
    "情景注入": "message",
    "任务卡": "task_card",
    "task card": "task_card",
    "问题": "question",
    "提问": "question",
}
SEPARATORS = re.compile(r"[;；、,，\n]+")
MAX_ROWS = 5000
MAX_COLUMNS = 64  # cells further right are not read


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _role_label(plan: Plan | None, role_id: str) -> str:
    role = plan.role(role_id) if plan is not None else None
    return role.name if role is not None else role_id


def _rows(injects: Iterable[Inject], plan: Plan | None) -> list[list]:
    rows = []
    for inject in injects:
        rows.append(
            [
                inject.id,
                inject.title,
                inject.content,
                inject.kind,
                _number(inject.offset_min),
                ";".join(_role_label(plan, r) for r in inject.to_roles),
                ";".join(inject.expected_steps),
            ]
        )
    return rows


def _guard(text: str) -> str:
    """Quote a text cell a spreadsheet would run as a formula; _unguard takes the quote off."""
    return "'" + text if text.startswith("'") else formula_safe(text)


def _unguard(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:2] in (*FORMULA_STARTS, "'") else text


def injects_to_csv(injects: Iterable[Inject], plan: Plan | None = None) -> bytes:
    """The injects as CSV (UTF-8 with BOM); roles by name when the plan is given."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in _rows(injects, plan):
        writer.writerow([_guard(str(cell)) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def injects_to_xlsx(injects: Iterable[Inject], plan: Plan | None = None) -> bytes:
    """The injects as an Excel workbook, one sheet; every cell is text, never a formula."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "injects"
    sheet.append(COLUMNS)
    for row in _rows(injects, plan):
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.column != 5 and isinstance(cell.value, str):
                cell.data_type = "s"
        offset = cells[4]
        if offset.value not in (None, ""):
            offset.value = float(offset.value)
            offset.data_type = "n"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DrillImportError([problem("drills.injects.unreadable")])


def _csv_table(data: bytes) -> list[list]:
    try:
        return [[_unguard(cell) for cell in row] for row in csv.reader(io.StringIO(_decode(data)))]
    except csv.Error as exc:
        raise DrillImportError([problem("drills.injects.unreadable", detail=str(exc))]) from None


def _xlsx_table(data: bytes) -> list[list]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    damaged = (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except damaged as exc:
        raise DrillImportError([problem("drills.injects.unreadable", detail=str(exc))]) from None
    try:
        sheet = book.worksheets[0]
        # read-only mode stops at the size the sheet's header records, which may be stale
        sheet.reset_dimensions()
        return _filled_rows(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
    except damaged as exc:
        raise DrillImportError([problem("drills.injects.unreadable", detail=str(exc))]) from None
    finally:
        book.close()


def _filled_rows(rows: Iterable[Sequence]) -> list[list]:
    """The rows up to the last one with a value, empty ones in between kept (row numbers stay
    right); reading stops one row past the most a file may hold."""
    table: list[list] = []
    filled = 0
    for row in rows:
        if any(_text(cell) != "" for cell in row):
            filled += 1
            table.append(list(row))
            if filled > MAX_ROWS + 1:  # the header and one row too many: enough to refuse
                break
        else:
            table.append([])
    while table and not table[-1]:
        table.pop()
    return table


def _read_spreadsheet(data: bytes, max_bytes: int | None) -> list[list]:
    """The rows of an uploaded .xlsx or CSV file, after the upload checks.

    Raises: DrillImportError with one sheet.* problem from the checks, or unreadable.
    """
    try:
        kind = check_spreadsheet(data, max_bytes)
    except PlanReadError as exc:
        raise DrillImportError([problem(exc.key, **exc.params)]) from None
    return _xlsx_table(data) if kind == "xlsx" else _csv_table(data)


def injects_from_csv(
    data: bytes,
    plan: Plan,
    checklist: Sequence[ChecklistItem] | None = None,
    *,
    max_bytes: int | None = None,
) -> tuple[Inject, ...]:
    """The injects of an uploaded CSV file (or workbook: the content decides), role names
    resolved against the plan. The file is checked (size up to `max_bytes`, zip bombs,
    encryption) before it is parsed.

    Raises:
        DrillImportError: refused or unreadable file, missing columns or bad rows (`problems`:
        all of them).
    """
    return injects_from_table(_read_spreadsheet(data, max_bytes), plan, checklist)


def injects_from_xlsx(
    data: bytes,
    plan: Plan,
    checklist: Sequence[ChecklistItem] | None = None,
    *,
    max_bytes: int | None = None,
) -> tuple[Inject, ...]:
    """The injects of the first sheet of an uploaded Excel (.xlsx) workbook (or CSV file: the
    content decides); see injects_from_csv."""
    return injects_from_table(_read_spreadsheet(data, max_bytes), plan, checklist)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header(cells: Sequence) -> dict[str, int]:
    columns = {}
    for index, cell in enumerate(cells):
        name = _text(cell).lower().replace(" ", "_")
        name = HEADER_ALIASES.get(_text(cell), name)
        if name in COLUMNS and name not in columns:
            columns[name] = index
    return columns


def _role_index(plan: Plan) -> dict[str, str]:
    """Role id, name or alias -> role id (ids win over names, names over aliases)."""
    index: dict[str, str] = {}
    for layer in ("aliases", "name", "id"):
        for role in plan.roles:
            for label in role.aliases if layer == "aliases" else (getattr(role, layer),):
                index[label.strip()] = role.id
    return index


def _split(value: str) -> list[str]:
    return [part.strip() for part in SEPARATORS.split(value) if part.strip()]


class _Reader:
    """Reads rows into injects, collecting every problem instead of stopping at the first."""

    def __init__(self, plan: Plan, checklist: Sequence[ChecklistItem] | None, taken: set[str]):
        self.taken = set(taken)  # ids written in the file: generated ids keep clear of them
        self.roles = _role_index(plan)
        self.items = None
        if checklist is not None:
            self.items = {item.id: item.id for item in checklist}
            for item in checklist:
                if item.step_id:
                    self.items.setdefault(item.step_id, item.id)
        self.problems: list[Problem] = []
        self.ids: set[str] = set()

    def fail(self, key: str, **params) -> None:
        self.problems.append(problem(key, **params))

    def offset(self, raw, row: int) -> float | None:
        if raw is None or _text(raw) == "":
            return None
        try:
            value = float(raw if isinstance(raw, (int, float)) else _text(raw))
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            self.fail("drills.injects.bad_offset", row=row, value=_text(raw))
            return None
        return value

    def fresh_id(self) -> str:
        number = len(self.ids) + 1
        while f"i{number}" in self.taken or f"i{number}" in self.ids:
            number += 1
        return f"i{number}"

    def inject(self, cells: dict, row: int) -> Inject | None:
        before = len(self.problems)
        inject_id = cells["id"] or self.fresh_id()
        if inject_id in self.ids:
            self.fail("drills.injects.duplicate_id", row=row, id=inject_id)
        self.ids.add(inject_id)
        if not cells["title"]:
            self.fail("drills.injects.no_title", row=row)
        kind = KIND_ALIASES.get(cells["kind"].lower(), cells["kind"].lower())
        if kind not in INJECT_KINDS:
            self.fail("drills.injects.bad_kind", row=row, kind=cells["kind"])
        roles = _split(cells["to_roles"])
        unknown = [r for r in roles if r not in self.roles]
        if unknown:
            self.fail("drills.injects.unknown_roles", row=row, roles="、".join(unknown))
        steps = _split(cells["expected_steps"])
        missing = [s for s in steps if self.items is not None and s not in self.items]
        if missing:
            self.fail("drills.injects.unknown_steps", row=row, steps="、".join(missing))
        offset = self.offset(cells["raw_offset"], row)
        if len(self.problems) > before:
            return None
        return Inject(
            id=inject_id,
            title=cells["title"],
            content=cells["content"],
            kind=kind,
            offset_min=offset,
            to_roles=tuple(dict.fromkeys(self.roles[r] for r in roles)),
            expected_steps=tuple(dict.fromkeys(self.items[s] if self.items else s for s in steps)),
        )


def injects_from_table(
    table: Sequence[Sequence], plan: Plan, checklist: Sequence[ChecklistItem] | None = None
) -> tuple[Inject, ...]:
    """Injects from rows of cells, the first row the header; see injects_from_csv."""
    if not table:
        raise DrillImportError([problem("drills.injects.empty")])
    columns = _header(table[0])
    if "title" not in columns:
        raise DrillImportError([problem("drills.injects.missing_column", column="title")])
    if sum(1 for cells in table[1:] if any(_text(cell) != "" for cell in cells)) > MAX_ROWS:
        raise DrillImportError([problem("drills.injects.too_many", limit=MAX_ROWS)])
    rows = []
    for row, cells in enumerate(table[1:], start=2):
        if all(_text(cell) == "" for cell in cells):
            continue
        values = {name: _text(cells[i]) if i < len(cells) else "" for name, i in columns.items()}
        values = {name: values.get(name, "") for name in COLUMNS}
        index = columns.get("offset_min")
        values["raw_offset"] = cells[index] if index is not None and index < len(cells) else None
        rows.append((row, values))
    reader = _Reader(plan, checklist, {values["id"] for _, values in rows if values["id"]})
    injects = [inject for row, values in rows if (inject := reader.inject(values, row))]
    if reader.problems:
        raise DrillImportError(reader.problems)
    return tuple(injects)


__all__ = [
    "COLUMNS",
    "injects_from_csv",
    "injects_from_table",
    "injects_from_xlsx",
    "injects_to_csv",
    "injects_to_xlsx",
]
