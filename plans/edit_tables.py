"""The editor's roles and levels tables as changes: a table's pending edits (edited cells, a
ticked delete column, added rows) applied to the rows it shows, and new rows added by button, so
that the table keeps a fixed number of rows and with it its place in the browser."""

from __future__ import annotations

from dataclasses import replace

from plans import edit
from plans.model import Level, Plan, Role


def apply_table_changes(
    plan: Plan,
    kind: str,
    visible: list[str],
    edited: dict | None = None,
    added: list[dict] | None = None,
    deleted: list[int] | None = None,
) -> edit.EditResult:
    """Apply a roles or levels table's changes (`kind` "roles" or "levels") to the rows shown in
    it (`visible` ids, in table order): `edited` maps a row position to its changed columns
    (a true "delete" column deletes the row), `added` lists new rows, `deleted` row positions.
    Raises: PlanValidationError."""
    rows = edit.role_rows(plan) if kind == "roles" else edit.level_rows(plan)
    by_id = {row["id"]: row for row in rows}
    shown = [dict(by_id[i]) for i in visible if i in by_id]
    for position, changes in (edited or {}).items():
        if int(position) < len(shown):
            shown[int(position)].update(changes)
    gone = {int(p) for p in (deleted or [])}
    kept = [row for i, row in enumerate(shown) if i not in gone and not row.get("delete")]
    new = [dict(row) for row in (added or [])]
    if kind == "roles":  # a role's id is given by the plan, a level's typed by the user
        return edit.apply_role_rows(plan, kept + [{**row, "id": None} for row in new], visible)
    # the levels table shows every level: rows not shown are kept as they are
    hidden = [row for row in rows if row["id"] not in set(visible)]
    return edit.apply_level_rows(plan, hidden + kept + new)


def add_role(plan: Plan, *, name: str) -> edit.EditResult:
    """A new role at the end of the roles, named `name` (the user renames it in the table)."""
    rid = edit.next_id("r", {r.id for r in plan.roles})
    return edit.EditResult(replace(plan, roles=(*plan.roles, Role(id=rid, name=name))))


def add_level(plan: Plan, *, name: str) -> edit.EditResult:
    """A new response level at the end of the levels, named `name`."""
    lid = edit.next_id("L", {lv.id for lv in plan.levels})
    return edit.EditResult(replace(plan, levels=(*plan.levels, Level(id=lid, name=name))))


__all__ = ["add_level", "add_role", "apply_table_changes"]
