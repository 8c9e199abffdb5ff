"""The editor's working copy in session state, and its chart and checks panels."""

from __future__ import annotations

import streamlit as st

import services.plans
from i18n import t
from i18n.errors import UserFacingError
from plans import checks
from plans.edit import EditResult
from plans.model import Plan, plan_from_dict, plan_to_dict
from services.errors import VersionConflictError
from ui import now, show_error
from ui.chart import chart_panel  # noqa: F401  (the editor page takes it from here)
from ui.finding_details import finding_details
from ui.live import live_callback
from ui.text import md

UNDO_DEPTH = 30


def load_work(conn, actor, info) -> dict:
    """The working copy of a version, loaded once per version: its content with the revision
    it was read at (services.plans.working_copy)."""
    work = st.session_state.get("work")
    if not work or work["version_id"] != info.id:
        copy = services.plans.working_copy(conn, actor, info.id)
        plan = plan_to_dict(copy.plan)
        work = {
            "version_id": info.id,
            "revision": copy.info.revision,
            "plan": plan,
            "saved": plan,
            "undo": [],
            "nonce": 0,
            "grid": 0,
            "notes": [],
        }
        st.session_state["work"] = work
    return work


def push_edit(work: dict, result: EditResult, *, remount: bool = True) -> None:
    """Make `result` the working plan (undoable). `remount=False` keeps the steps grid's widget
    (and so its scroll position): for edits that change values only, not which rows it shows."""
    work["undo"] = (work["undo"] + [work["plan"]])[-UNDO_DEPTH:]
    work["plan"] = plan_to_dict(result.plan)
    work["notes"] = list(result.notes)
    work["nonce"] += 1
    if remount:
        work["grid"] = work.get("grid", 0) + 1


def undo(work: dict) -> None:
    work["plan"] = work["undo"].pop()
    work["nonce"] += 1
    work["grid"] = work.get("grid", 0) + 1  # the grid's pending edits must not come back


def save_bar(conn, actor, info, plan: Plan, work: dict, bar) -> None:
    """Save, undo and discard for a draft, in the columns `bar`."""
    for error in work.pop("save_errors", []):
        show_error(error)
    if work.pop("just_saved", False):
        st.toast(t("common.saved"))
    dirty = work["plan"] != work["saved"]
    # saved in the click's callback, before the run: one run shows the new revision
    bar[0].button(
        t("common.save"),
        key="editor_save",
        type="primary",
        disabled=not dirty,
        on_click=_save,
        args=(conn, info, work),
    )
    if bar[1].button(t("common.undo"), key="editor_undo", disabled=not work["undo"]):
        undo(work)
        st.rerun()
    if bar[2].button(t("editor.discard"), key="editor_discard", disabled=not dirty):
        work["undo"].append(work["plan"])
        work["plan"] = work["saved"]
        work["nonce"] += 1
        work["grid"] = work.get("grid", 0) + 1
        st.rerun()
    if dirty:
        bar[3].warning(t("editor.unsaved"), icon=":material/edit:")


@live_callback
def _save(actor, conn, info, work: dict) -> None:
    # a cell edited just before the click arrives with it: fold it in first, or it is not saved
    from ui.editor import fold_tables
    from ui.step_grid import fold_grid

    fold_grid(work)
    fold_tables(work)
    try:
        work["revision"] = services.plans.save_version(
            conn,
            actor,
            info.id,
            plan_from_dict(work["plan"]),
            expected_revision=work["revision"],
            now=now(),
        )
    except VersionConflictError as exc:
        work["save_errors"] = [exc]
        work["conflict"] = True
    except UserFacingError as exc:
        work["save_errors"] = [exc]
    else:
        work["saved"] = work["plan"]
        work["just_saved"] = True


def jump(view: str, target: str) -> None:
    st.session_state["editor_view"] = view
    st.session_state["editor_filter"] = target


def checks_panel(plan: Plan, findings: list) -> None:
    lang = st.session_state.get("lang", "zh")
    if not findings:
        st.success(t("editor.no_findings"))
    icons = {
        "error": ":red[:material/error:]",
        "warning": ":orange[:material/warning:]",
        "info": ":blue[:material/info:]",
    }
    for i, finding in enumerate(findings):
        text, button = st.columns([5, 1])
        text.markdown(f"{icons.get(finding.severity, '•')} {md(finding.message(lang))}")
        finding_details(text, finding, lang)
        if finding.target_kind in ("step", "role", "level") and finding.target_id:
            view = {"step": "steps", "role": "roles", "level": "levels"}[finding.target_kind]
            button.button(
                t("editor.jump"), key=f"jump_{i}", on_click=jump, args=(view, finding.target_id)
            )
    paths = checks.critical_path_by_level(plan)
    if paths:
        st.markdown(f"**{t('editor.critical_path')}**")
        names = {lv.id: lv.name for lv in plan.levels}
        st.dataframe(
            [
                {
                    t("col.level"): names.get(lv, t("common.all_levels")),
                    t("col.minutes"): minutes,
                    t("col.path"): " → ".join(path),
                }
                for lv, (minutes, path) in paths.items()
            ],
            hide_index=True,
            width="stretch",
        )
