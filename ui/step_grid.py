"""The editor's steps grid: a data_editor that keeps its place while edits are folded in.

The grid's key changes only when its rows change (a filter, an undo, a step added or deleted),
never on a cell edit, and it has a fixed number of rows: Streamlit then keeps the same widget, so
the browser keeps the scroll position and the cell cursor, and drops each pending edit once the
new data shows it. Edits are folded into the working plan at the top of the next run
(`fold_grid`), before anything is drawn from the plan, so one run shows them everywhere.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from i18n import t
from i18n.glossary import PHASES
from plans import edit
from plans.errors import PlanError
from plans.model import Plan, plan_from_dict
from ui.editor import _visible
from ui.editor_working_copy import push_edit
from ui.revision import flag_marks

ROW_PX = 35
GRID_ROWS = 18  # rows visible at once (the default editor shows 10)
DETAIL_PX = ROW_PX * (GRID_ROWS + 1) + 60  # beside the grid, scrolling on its own
# what fits beside the detail panel at 1400 px; the rest behind a toggle and in the panel
SHORT_COLUMNS = ["id", "name", "roles", "phase", "time_limit_min"]
ALL_COLUMNS = [
    "id",
    "name",
    "text",
    "roles",
    "phase",
    "levels",
    "time_limit_min",
    "after",
    "source_block",
]
_TEXT_COLUMNS = ("id", "name", "text", "phase", "source_text")


def grid_key(work: dict, query: str) -> str:
    """The grid's widget key: stable across cell edits (see the module docstring)."""
    return f"steps_{work['version_id']}_{work.setdefault('grid', 0)}_{query}"


def fold_grid(work: dict) -> None:
    """Fold the steps grid's pending changes into the working plan, once each; select the step
    edited last. Call before the plan is read for drawing."""
    shown = work.get("grid_shown")
    if not shown:
        return
    state = st.session_state.get(shown["key"]) or {}
    edited, added = state.get("edited_rows") or {}, state.get("added_rows") or []
    deleted = state.get("deleted_rows") or []
    seen = json.dumps([edited, added, deleted], sort_keys=True, default=str, ensure_ascii=False)
    if seen == shown.get("seen"):
        return
    shown["seen"] = seen
    if not (edited or added or deleted):
        return
    plan = plan_from_dict(work["plan"])
    try:
        result = edit.apply_step_changes(plan, shown["visible"], edited, added, deleted)
    except PlanError as exc:
        work["grid_error"] = exc
        return
    work.pop("grid_error", None)
    if result.plan == plan:
        return  # edits the plan already holds, resent by the browser
    push_edit(work, result, remount=bool(added or deleted))
    before = {s.id: s for s in plan.steps}
    changed = [s.id for s in result.plan.steps if before.get(s.id) != s]
    if changed and not (added or deleted):
        st.session_state["editor_step"] = changed[-1]


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """The grid's data with fixed column types, so that a value edit never changes its schema
    (which would remount the widget); empty texts are '' and empty numbers blank, never None."""
    frame = pd.DataFrame(rows, columns=columns)
    for column in _TEXT_COLUMNS:
        frame[column] = frame[column].fillna("").astype(str).astype(object)
    frame["time_limit_min"] = pd.to_numeric(frame["time_limit_min"]).astype("float64")
    frame["source_block"] = pd.to_numeric(frame["source_block"]).astype("Int64")
    return frame


def _config(plan: Plan) -> dict:
    role_names = {r.id: r.name for r in plan.roles}
    level_names = {lv.id: lv.name for lv in plan.levels}
    step_names = {s.id: f"{s.id} {s.name}" for s in plan.steps}
    col = st.column_config
    return {
        "id": col.TextColumn(t("col.id"), width=48),
        "name": col.TextColumn(t("col.name"), width=150, required=True),
        "text": col.TextColumn(t("col.text"), width="large"),
        "roles": col.MultiselectColumn(
            t("col.owners"),
            width=150,
            options=list(role_names),
            format_func=lambda r: role_names.get(r, r),
        ),
        "phase": col.SelectboxColumn(
            t("col.phase"),
            width=90,
            options=list(PHASES),
            format_func=PHASES.label,
            required=True,
            default="disposal",
        ),
        "levels": col.MultiselectColumn(
            t("col.levels"),
            width=130,
            options=list(level_names),
            format_func=lambda lv: level_names.get(lv, lv),
        ),
        "time_limit_min": col.NumberColumn(t("col.minutes"), width=60, min_value=0, step=1),
        "after": col.MultiselectColumn(
            t("col.after"),
            width="medium",
            options=list(step_names),
            format_func=lambda s: step_names.get(s, s),
        ),
        "source_block": col.NumberColumn(t("col.block"), width=70),
        "source_text": col.TextColumn(t("col.source"), width="large"),
    }


def steps_grid(
    plan: Plan,
    work: dict,
    query: str,
    disabled: bool,
    flags: dict[str, bool] | None = None,
    all_columns: bool = False,
) -> list[str]:
    """Show the steps matching `query` (with the revision column when `flags`, item id ->
    resolved, is given); return the ids shown, in grid order."""
    rows = _visible(edit.step_rows(plan), query)
    visible = [r["id"] for r in rows]
    key = grid_key(work, query)
    config = _config(plan)
    frame = _frame(rows, [*ALL_COLUMNS, "source_text"])
    order = list(ALL_COLUMNS if all_columns else SHORT_COLUMNS)
    marks = flag_marks(flags, visible)
    if marks is not None:
        frame.insert(0, "flag", marks)
        config["flag"] = st.column_config.TextColumn(
            t("revpage.col_flag"), help=t("revpage.col_flag_help"), width=40, disabled=True
        )
        order.insert(0, "flag")
    st.data_editor(
        frame,
        key=key,
        hide_index=True,
        num_rows="fixed",
        disabled=True if disabled else ["id", "source_block", "source_text"],
        width="stretch",
        height=ROW_PX * (min(GRID_ROWS, max(len(rows), 1)) + 1) + 3,
        placeholder="",  # an empty cell reads empty, not "None"
        column_order=order,
        column_config=config,
    )
    if not disabled:
        work["grid_shown"] = {"key": key, "visible": visible, "seen": _seen_now(key, work)}
    return visible


def _seen_now(key: str, work: dict) -> str | None:
    shown = work.get("grid_shown") or {}
    return shown.get("seen") if shown.get("key") == key else None


def steps_count(shown: int, total: int) -> str:
    """How many steps the grid shows, of how many."""
    if shown == total:
        return t("editor.steps_total", total=total)
    return t("editor.steps_shown", shown=shown, total=total)


def steps_view(
    plan: Plan, work: dict, query: str, disabled: bool, flags: dict[str, bool] | None
) -> None:
    """The steps grid with the detail panel of the selected step: beside the grid when the
    editing area has the page's width (chart below), else under it."""
    from ui import show_error
    from ui.step_detail import detail_panel

    error = work.get("grid_error")
    with st.empty():  # always there: a message that comes and goes moves nothing below it
        if error is not None:
            show_error(error)
    wide = st.session_state.get("editor_chart_below", True)
    grid, detail = st.columns([5, 3], gap="small") if wide else (st.container(), st.container())
    with grid:
        all_columns = st.toggle(t("editor.all_columns"), key="editor_all_columns")
        visible = steps_grid(plan, work, query, disabled, flags, all_columns)
        st.caption(f"{steps_count(len(visible), len(plan.steps))} · {t('editor.keys_hint')}")
    with detail, st.container(border=True, height=DETAIL_PX):
        st.markdown(f"**{t('editor.detail_title')}**")
        detail_panel(plan, visible, disabled)
