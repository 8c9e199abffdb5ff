"""The editor's roles and levels tables: a data_editor each that keeps its place while edits are
folded into the working plan, the way the steps grid does (ui.step_grid): a fixed number of rows
and a key that changes only when the rows do (a filter, an undo, a row added or deleted), so a
cell edit neither rebuilds the table nor sends it back to its first row. Rows are added by a
button and deleted by ticking their delete box. Edits are folded at the top of the next run
(`fold_tables`), before anything is drawn from the plan."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from i18n import t
from plans import edit, edit_tables
from plans.errors import PlanError
from plans.model import Plan, plan_from_dict
from ui import show_error
from ui.editor_working_copy import push_edit
from ui.live import live_callback
from ui.revision import flag_marks

TABLES = ("roles", "levels")
ROLE_COLUMNS = [
    "id",
    "name",
    "aliases",
    "parent",
    "responsibilities",
    "phone",
    "duty_phone",
    "source_block",
    "source_text",
    "delete",
]
LEVEL_COLUMNS = ["id", "name", "condition", "delete"]


def _matches(row: dict, query: str) -> bool:
    if not query:
        return True
    if query == row.get("id"):
        return True
    return any(query.lower() in str(row.get(k) or "").lower() for k in ("id", "name", "text"))


def _visible(rows: list[dict], query: str) -> list[dict]:
    if query and any(r.get("id") == query for r in rows):
        return [r for r in rows if r.get("id") == query]
    return [r for r in rows if _matches(r, query)]


def _flag_column(frame: pd.DataFrame, flags: dict[str, bool] | None, config: dict) -> pd.DataFrame:
    """Put the revision column (⚑ open, ✓ resolved) first, read-only, when there are flags."""
    marks = flag_marks(flags, list(frame["id"]))
    if marks is None:
        return frame
    frame.insert(0, "flag", marks)
    config["flag"] = st.column_config.TextColumn(
        t("revpage.col_flag"), help=t("revpage.col_flag_help"), width="small", disabled=True
    )
    return frame


def table_key(work: dict, kind: str, query: str = "") -> str:
    """The widget key of the roles or levels table: stable across cell edits."""
    return f"{kind}_{work['version_id']}_{work.setdefault('grid', 0)}_{query}"


def fold_tables(work: dict) -> None:
    """Fold the roles and levels tables' pending changes into the working plan, once each.
    Call before the plan is read for drawing."""
    for kind in TABLES:
        shown = work.get(f"{kind}_shown")
        if not shown:
            continue
        state = st.session_state.get(shown["key"]) or {}
        edited, added = state.get("edited_rows") or {}, state.get("added_rows") or []
        deleted = state.get("deleted_rows") or []
        seen = json.dumps([edited, added, deleted], sort_keys=True, default=str, ensure_ascii=False)
        if seen == shown.get("seen"):
            continue
        shown["seen"] = seen
        if not (edited or added or deleted):
            continue
        plan = plan_from_dict(work["plan"])
        try:
            result = edit_tables.apply_table_changes(
                plan, kind, shown["visible"], edited, added, deleted
            )
        except PlanError as exc:
            work[f"{kind}_error"] = exc
            continue
        work.pop(f"{kind}_error", None)
        if result.plan != plan:
            rows_changed = bool(added or deleted) or any(
                (changes or {}).get("delete") for changes in edited.values()
            )
            push_edit(work, result, remount=rows_changed)


def _frame(rows: list[dict], columns: list[str], texts: tuple[str, ...]) -> pd.DataFrame:
    """The table's data with fixed column types, so that a value edit never changes its schema
    (which would rebuild the widget); empty texts are '' and never None."""
    frame = pd.DataFrame(rows, columns=columns)
    for column in texts:
        frame[column] = frame[column].fillna("").astype(str).astype(object)
    if "source_block" in frame:
        frame["source_block"] = pd.to_numeric(frame["source_block"]).astype("Int64")
    frame["delete"] = False
    return frame


def _show(work: dict, kind: str, key: str, visible: list[str], disabled: bool) -> None:
    """Remember what the table shows, for `fold_tables` of the next run."""
    if disabled:
        return
    old = work.get(f"{kind}_shown") or {}
    seen = old.get("seen") if old.get("key") == key else None
    work[f"{kind}_shown"] = {"key": key, "visible": visible, "seen": seen}


def _error_and_add(work: dict, kind: str, disabled: bool) -> None:
    """The table's last refused edit (in a slot that is always there, so nothing below moves)
    and its add button."""
    with st.empty():
        error = work.get(f"{kind}_error")
        if error is not None:
            show_error(error)
    if not disabled:
        st.button(
            t(f"editor.add_{kind[:-1]}"),
            key=f"editor_add_{kind[:-1]}",
            icon=":material/add:",
            on_click=_add_row,
            args=(work, kind),
        )


@live_callback
def _add_row(_actor, work: dict, kind: str) -> None:
    plan = plan_from_dict(work["plan"])
    if kind == "roles":
        result = edit_tables.add_role(plan, name=t("editor.new_role"))
        st.session_state["editor_filter"] = ""  # the new role must be in sight
    else:
        result = edit_tables.add_level(plan, name=t("editor.new_level"))
    push_edit(work, result)


def _delete_column() -> st.column_config.CheckboxColumn:
    return st.column_config.CheckboxColumn(
        t("common.delete"), help=t("editor.delete_row_help"), width="small", default=False
    )


def roles_table(
    plan: Plan, work: dict, query: str, disabled: bool, flags: dict[str, bool] | None = None
) -> None:
    """Show the roles matching `query` (with the revision column when `flags` is given), their
    contact numbers included; edits are folded in by `fold_tables`."""
    _error_and_add(work, "roles", disabled)
    rows = _visible(edit.role_rows(plan), query)
    visible = [r["id"] for r in rows]
    key = table_key(work, "roles", query)
    role_names = {r.id: r.name for r in plan.roles}
    col = st.column_config
    config = {
        "id": col.TextColumn(t("col.id"), width="small"),
        "name": col.TextColumn(t("col.name"), width="medium", required=True),
        "aliases": col.TextColumn(t("col.aliases")),
        "parent": col.SelectboxColumn(
            t("col.parent"), options=list(role_names), format_func=lambda r: role_names.get(r, r)
        ),
        "responsibilities": col.TextColumn(t("col.duties"), width="large"),
        "phone": col.TextColumn(t("col.phone"), help=t("col.phone_help"), width="medium"),
        "duty_phone": col.TextColumn(t("col.duty_phone"), help=t("col.phone_help"), width="medium"),
        "source_block": col.NumberColumn(t("col.block"), width="small"),
        "source_text": col.TextColumn(t("col.source"), width="large"),
        "delete": _delete_column(),
    }
    texts = (
        "id",
        "name",
        "aliases",
        "parent",
        "responsibilities",
        "phone",
        "duty_phone",
        "source_text",
    )
    frame = _flag_column(_frame(rows, ROLE_COLUMNS, texts), flags, config)
    if disabled:
        frame = frame.drop(columns="delete")
    st.data_editor(
        frame,
        key=key,
        hide_index=True,
        num_rows="fixed",
        disabled=True if disabled else ["id", "source_block", "source_text"],
        width="stretch",
        column_config=config,
        placeholder="",  # an empty cell reads empty, not "None"
    )
    _show(work, "roles", key, visible, disabled)


def levels_table(plan: Plan, work: dict, disabled: bool) -> None:
    """Show the response levels; edits are folded in by `fold_tables`."""
    _error_and_add(work, "levels", disabled)
    rows = edit.level_rows(plan)
    key = table_key(work, "levels")
    frame = _frame(rows, LEVEL_COLUMNS, ("id", "name", "condition"))
    if disabled:
        frame = frame.drop(columns="delete")
    st.data_editor(
        frame,
        key=key,
        hide_index=True,
        num_rows="fixed",
        disabled=disabled,
        width="stretch",
        placeholder="",
        column_config={
            "id": st.column_config.TextColumn(t("col.id"), width="small"),
            "name": st.column_config.TextColumn(t("col.name")),
            "condition": st.column_config.TextColumn(t("col.condition"), width="large"),
            "delete": _delete_column(),
        },
    )
    _show(work, "levels", key, [r["id"] for r in rows], disabled)
