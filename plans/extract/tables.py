"""Procedure tables: a table whose header names what to do (an action column) beside who does it,
when, or in which order lists one step a row ("Step | Action | Owner | Timeframe",
"序号 | 处置措施 | 责任人 | 时限"). Tables without an action column (thresholds, contacts, levels)
are not procedures. Language-neutral: the header words of both packs are here, the packs turn
the rows into steps with their own role rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plans.extract.draft import Draft
from plans.model import Block
from plans.timelimits import find_time_limit, read_time

# the header of each kind of column, in English and Chinese plans (incident-response playbooks,
# enterprise on-site disposal cards, government procedure tables)
_HEADS = {
    "action": re.compile(
        r"^(?:actions?|tasks?|activit(?:y|ies)|steps? description|description|what to do|what|"
        r"measures?|procedures?|response actions?|处置措施|处置步骤|处置内容|处置程序|应急措施|应急处置|"
        r"工作内容|工作任务|主要任务|具体措施|行动|任务|措施|内容|操作步骤|操作内容|步骤内容|处置要点)$",
        re.IGNORECASE,
    ),
    "owner": re.compile(
        r"^(?:owners?|responsible(?: party| role| person| team)?|responsibility|who|roles?|"
        r"performed by|assigned to|action by|lead|责任人|责任单位|责任部门|责任岗位|负责人|负责单位|"
        r"负责部门|负责岗位|执行人|执行岗位|执行单位|实施主体|实施单位|牵头单位|岗位|主体)$",
        re.IGNORECASE,
    ),
    "time": re.compile(
        r"^(?:time(?:frame| ?limit)?|deadline|when|due|timing|target time|时限|时间|完成时限|"
        r"时间要求|时限要求|完成时间)$",
        re.IGNORECASE,
    ),
    "number": re.compile(r"^(?:steps?|#|no\.?|nr\.?|序号|步骤|顺序|编号)$", re.IGNORECASE),
}


@dataclass(frozen=True)
class ProcedureRow:
    """One row of a procedure table: its action, owner and time cells (as written), whether the
    table numbers its rows (then they follow one another), and the header row's block."""

    action: str
    owners: str
    time: str
    numbered: bool
    header: int


def _columns(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for k, cell in enumerate(cells):
        text = re.sub(r"[\s*_:：]", "", cell) if re.search(r"[\u4e00-\u9fff]", cell) else cell
        text = text.strip(" *_:：")
        for kind, pattern in _HEADS.items():
            if kind not in found and pattern.match(text):
                found[kind] = k
                break
    if "action" not in found and "number" in found and "owner" in found:
        # "Step | Owner": the step column holds the action itself
        found["action"] = found.pop("number")
    return found


def _cell(cells: list[str], columns: dict[str, int], kind: str) -> str:
    k = columns.get(kind)
    return cells[k] if k is not None and k < len(cells) else ""


def procedure_rows(blocks: list[Block]) -> dict[int, ProcedureRow]:
    """The rows of the procedure tables in `blocks`, by block index."""
    out: dict[int, ProcedureRow] = {}
    header: tuple[int, dict[str, int]] | None = None
    previous = -2
    for b in blocks:
        if b.kind != "table_row":
            continue
        cells = [c.strip() for c in (b.cells or ())]
        if b.index != previous + 1:
            header = None  # another table
        previous = b.index
        columns = _columns(cells)
        if "action" in columns and len(columns) >= 2:
            header = (b.index, columns)
            continue
        if header is None:
            continue
        columns = header[1]
        action = _cell(cells, columns, "action")
        if not action or len(action) < 2:
            continue
        out[b.index] = ProcedureRow(
            action=action,
            owners=_cell(cells, columns, "owner"),
            time=_cell(cells, columns, "time"),
            numbered="number" in columns,
            header=header[0],
        )
    return out


def row_draft(
    b: Block,
    row: ProcedureRow,
    owners: list[str],
    *,
    phase: str,
    levels: tuple[str, ...],
    section: int | None,
    part: str | None,
) -> Draft:
    """The step a procedure table's row gives: the action cell quoted, the time cell's limit
    (else one the action states), in the table's order when its rows are numbered; `owners`,
    `phase` and `levels` as the language pack reads them."""
    found = find_time_limit(row.time) or find_time_limit(row.action)
    return Draft(
        block=b.index,
        source=b.text,
        text=row.action,
        roles=list(owners),
        phase=phase,
        levels=levels,
        time=found.minutes if found else None,
        time_text=found.text if found else "",
        limit=found or read_time(row.time or row.action),
        section=section,
        item=b.index,
        list_key=("table", row.header),
        sequence=row.numbered,
        part=part,
    )


__all__ = ["ProcedureRow", "procedure_rows", "row_draft"]
