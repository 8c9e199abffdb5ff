"""The editor's tables: a data_editor per kind of row, edits folded into the working plan."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from i18n import t
from plans import edit
from plans.model import Plan
from ui.revision import flag_marks


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


def _changed(key: str) -> bool:
    state = st.session_state.get(key) or {}
    return bool(state.get("edited_rows") or state.get("added_rows") or state.get("deleted_rows"))


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


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


def roles_table(
    plan: Plan, query: str, key: str, disabled: bool, flags: dict[str, bool] | None = None
) -> edit.EditResult | None:
    """Show the roles (with the revision column when `flags` is given); return the edit result
    when the user changed something."""
    rows = _visible(edit.role_rows(plan), query)
    role_names = {r.id: r.name for r in plan.roles}
    columns = ["id", "name", "aliases", "parent", "responsibilities", "source_block", "source_text"]
    config = {
        "id": st.column_config.TextColumn(t("col.id"), width="small"),
        "name": st.column_config.TextColumn(t("col.name"), width="medium", required=True),
        "aliases": st.column_config.TextColumn(t("col.aliases")),
        "parent": st.column_config.SelectboxColumn(
            t("col.parent"),
            options=list(role_names),
            format_func=lambda r: role_names.get(r, r),
        ),
        "responsibilities": st.column_config.TextColumn(t("col.duties"), width="large"),
        "source_block": st.column_config.NumberColumn(t("col.block"), width="small"),
        "source_text": st.column_config.TextColumn(t("col.source"), width="large"),
    }
    edited = st.data_editor(
        _flag_column(pd.DataFrame(rows, columns=columns), flags, config),
        key=key,
        hide_index=True,
        num_rows="fixed" if disabled else "dynamic",
        disabled=True if disabled else ["id", "source_block", "source_text"],
        width="stretch",
        column_config=config,
        placeholder="",  # an empty cell reads empty, not "None"
    )
    if disabled or not _changed(key):
        return None
    return edit.apply_role_rows(plan, _records(edited), [r["id"] for r in rows])


def levels_table(plan: Plan, key: str, disabled: bool) -> edit.EditResult | None:
    edited = st.data_editor(
        pd.DataFrame(edit.level_rows(plan), columns=["id", "name", "condition"]),
        key=key,
        hide_index=True,
        num_rows="fixed" if disabled else "dynamic",
        disabled=disabled,
        width="stretch",
        placeholder="",
        column_config={
            "id": st.column_config.TextColumn(t("col.id"), width="small"),
            "name": st.column_config.TextColumn(t("col.name")),
            "condition": st.column_config.TextColumn(t("col.condition"), width="large"),
        },
    )
    if disabled or not _changed(key):
        return None
    return edit.apply_level_rows(plan, _records(edited))
