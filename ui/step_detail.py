"""The editor's detail panel: the selected step whole (text, source paragraph, owners,
predecessors by name, levels, time limit, phase), with pickers that type ahead for the fixes."""

from __future__ import annotations

import streamlit as st

from i18n import t
from i18n.glossary import PHASES
from plans import edit
from plans.errors import PlanError
from plans.model import Plan, Step, plan_from_dict
from ui import may
from ui.editor_working_copy import push_edit
from ui.live import live_callback
from ui.text import md

PICK_KEY = "editor_step"


def _fmt_minutes(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


@live_callback
def _change(actor, step_id: str, field: str, key: str) -> None:
    """A detail widget changed: fold its value into the working plan (refused: say why)."""
    work = st.session_state.get("work")
    if work is None or not may(actor, "plan.edit"):
        return
    plan = plan_from_dict(work["plan"])
    try:
        result = edit.change_step(plan, step_id, **{field: st.session_state[key]})
    except PlanError as exc:
        work["grid_error"] = exc
        return
    work.pop("grid_error", None)
    if result.plan != plan:
        push_edit(work, result, remount=False)


@live_callback
def _structural(actor, action: str, step_id: str) -> None:
    work = st.session_state.get("work")
    if work is None or not may(actor, "plan.edit"):
        return
    plan = plan_from_dict(work["plan"])
    if action == "delete":
        result = edit.delete_step(plan, step_id)
        st.session_state[PICK_KEY] = None
    else:
        result = edit.add_step(plan, step_id, name=t("editor.new_step"))
        new = next(s.id for s in result.plan.steps if plan.step(s.id) is None)
        st.session_state[PICK_KEY] = new
    push_edit(work, result)


def _sync(key: str, value) -> None:
    """Show the plan's value in a keyed widget (changed elsewhere: the grid, an undo) without
    replacing the widget, so that keyboard focus stays where it is."""
    if st.session_state.get(key) != value:
        st.session_state[key] = value


def pick_step(plan: Plan, visible: list[str]) -> Step | None:
    """The step shown in the panel: a select box over every step (type a name or id)."""
    names = {s.id: f"{s.id} · {s.name}" for s in plan.steps}
    if st.session_state.get(PICK_KEY) not in names:
        st.session_state[PICK_KEY] = visible[0] if visible else None
    sid = st.selectbox(
        t("editor.detail_pick"),
        list(names),
        key=PICK_KEY,
        format_func=lambda s: names.get(s, s),
        placeholder=t("editor.detail_pick_hint"),
    )
    return plan.step(sid) if sid else None


def detail_panel(plan: Plan, visible: list[str], disabled: bool) -> None:
    """The detail panel for the selected step; its widgets edit the working plan."""
    step = pick_step(plan, visible)
    if step is None:
        st.caption(t("editor.detail_none"))
        return
    role_names = {r.id: r.name for r in plan.roles}
    level_names = {lv.id: lv.name for lv in plan.levels}
    step_names = {s.id: _step_name(s) for s in plan.steps if s.id != step.id}

    def widget(kind, field: str, label: str, current, **kw):
        key = f"detail_{field}_{step.id}"
        _sync(key, list(current) if isinstance(current, tuple) else current)
        return kind(
            label, key=key, on_change=_change, args=(step.id, field, key), disabled=disabled, **kw
        )

    widget(st.text_input, "name", t("col.name"), step.name)
    widget(st.text_area, "text", t("col.text"), step.text, height=110)
    if step.source:
        st.caption(t("editor.detail_source", block=step.source.block))
        st.markdown(f"> {md(step.source.text)}" if step.source.text else "")
    widget(
        st.multiselect,
        "roles",
        t("editor.detail_owners"),
        step.roles,
        options=list(role_names),
        format_func=lambda r: role_names.get(r, r),
        placeholder=t("editor.detail_type"),
    )
    widget(
        st.multiselect,
        "after",
        t("col.after"),
        step.after,
        options=list(step_names),
        format_func=lambda s: step_names.get(s, s),
        placeholder=t("editor.detail_type"),
    )
    left, right = st.columns(2)
    with left:
        widget(
            st.selectbox,
            "phase",
            t("col.phase"),
            step.phase,
            options=list(PHASES),
            format_func=PHASES.label,
        )
    with right:
        widget(
            st.multiselect,
            "levels",
            t("col.levels"),
            step.levels,
            options=list(level_names),
            format_func=lambda lv: level_names.get(lv, lv),
            placeholder=t("common.all_levels"),
        )
    _time_fields(plan, step, widget)
    if not disabled:
        add, delete = st.columns(2)
        add.button(
            t("editor.add_step"),
            key="detail_add",
            on_click=_structural,
            args=("add", step.id),
            icon=":material/add:",
        )
        delete.button(
            t("editor.delete_step"),
            key="detail_delete",
            on_click=_structural,
            args=("delete", step.id),
            icon=":material/delete:",
        )


def _time_fields(plan: Plan, step: Step, widget) -> None:
    origins = [*edit.STEP_TIME_FROM, *(s.id for s in plan.steps if s.id != step.id)]
    names = {s.id: _step_name(s) for s in plan.steps}
    limit, origin, every = st.columns(3)
    with limit:
        widget(
            st.number_input,
            "time_limit_min",
            t("col.minutes"),
            step.time_limit_min,
            value=None,
            min_value=0.0,
            step=1.0,
            format="%g",
        )
    with origin:
        widget(
            st.selectbox,
            "time_from",
            t("editor.detail_from"),
            step.time_from,
            options=origins,
            format_func=lambda o: names.get(o) or t(f"editor.from_{o}"),
        )
    with every:
        widget(
            st.number_input,
            "frequency_min",
            t("editor.detail_every"),
            step.frequency_min,
            value=None,
            min_value=0.0,
            step=1.0,
            format="%g",
        )
    facts = []
    if step.time_text:
        facts.append(t("editor.detail_time_text", text=md(step.time_text)))
    if step.time_parts:
        parts = "；".join(
            f"{_fmt_minutes(p.minutes)} {t('editor.minutes_unit')} {md(p.text)}".strip()
            for p in step.time_parts
        )
        facts.append(t("editor.detail_time_parts", parts=parts))
    if facts:
        st.caption(" · ".join(facts))


def _step_name(step: Step) -> str:
    """A step as a list of choices names it: its name with its id, in the reader's brackets."""
    return t("common.bracketed", text=step.name, aside=step.id)
