"""Drill design (directors): scenario, blinding, checklist from the plan, injects, evaluators;
seal, export, copy as a template. Every change is saved at once, checked against the revision
the page was opened on (ui/edit_guard.py): someone else's save since is never overwritten."""

from __future__ import annotations

import json
from dataclasses import replace

import streamlit as st

import services.drill_design
from bootstrap import get_db
from drills.design_io import design_to_dict
from i18n import t
from i18n.errors import UserFacingError
from i18n.glossary import DRILL_SCOPES, DRILL_STATUSES, DRILL_TYPES, REVEAL_EVENTS
from ui import drill_forms, edit_guard, fmt_time, go, md, now, objectives, page_setup, show_error

actor = page_setup("nav.drill_design")
conn = get_db()
drill_id = st.session_state.get("drill_id")
if drill_id is None:
    st.info(t("drillpage.choose_first"))
    st.stop()
try:
    opened = services.drill_design.open_design(conn, actor, drill_id, now=now())
except UserFacingError as exc:
    show_error(exc)
    st.stop()
summary, design, plan = opened.summary, opened.design, opened.plan

st.title(md(design.title))
st.caption(
    t("drillpage.design_caption", plan=md(plan.title), status=DRILL_STATUSES.label(summary.status))
)
editable = summary.status == "designing"
FORM = f"design_{drill_id}"
if editable:
    edit_guard.stale_notice(FORM, summary.revision)


def save(new_design) -> None:
    try:
        revision = services.drill_design.update_design(
            conn,
            actor,
            drill_id,
            new_design,
            now=now(),
            expected_revision=edit_guard.opened(FORM, summary.revision),
        )
    except UserFacingError as exc:
        show_error(exc)
    else:
        edit_guard.saved(FORM, revision)
        st.toast(t("common.saved"))
        st.rerun()


role_names = {r.id: r.name for r in plan.roles}
level_names = {lv.id: lv.name for lv in plan.levels}
tabs = st.tabs(
    [
        t("drillpage.tab_basics"),
        t("drillpage.tab_checklist"),
        t("common.injects"),
        t("drillpage.tab_people"),
        t("objectives.tab"),
    ]
)
with tabs[0]:
    with st.form("design_basics"):
        title = st.text_input(t("drillpage.title"), design.title)
        cols = st.columns(3)
        kind = cols[0].selectbox(
            t("common.kind"),
            DRILL_TYPES,
            DRILL_TYPES.index(design.drill_type),
            format_func=DRILL_TYPES.label,
        )
        scope = cols[1].selectbox(
            t("drillpage.scope"),
            DRILL_SCOPES,
            DRILL_SCOPES.index(design.scope),
            format_func=DRILL_SCOPES.label,
        )
        levels = [None, *level_names]
        level = cols[2].selectbox(
            t("col.level"),
            levels,
            levels.index(design.level),
            format_func=lambda lv: level_names.get(lv, t("common.all_levels")),
        )
        scenario = drill_forms.scenario_fields(design.scenario, level_names)
        roles = st.multiselect(
            t("drillpage.roles"),
            list(role_names),
            list(design.participating_roles),
            format_func=lambda r: role_names.get(r, r),
            placeholder=t("editor.all_roles"),
        )
        start, end = drill_forms.window_fields(design.planned_start, design.planned_end)
        blinding = drill_forms.blinding_fields(design.blinding)
        saved = st.form_submit_button(
            t("common.save"), type="primary", disabled=not editable, key="design_basics_save"
        )
    if saved:
        if design.checklist and (level, tuple(roles)) != (
            design.level,
            tuple(design.participating_roles),
        ):
            st.session_state["checklist_stale"] = drill_id
        save(
            replace(
                design,
                title=title.strip() or design.title,
                drill_type=kind,
                scope=scope,
                level=level,
                scenario=scenario,
                participating_roles=tuple(roles),
                planned_start=start,
                planned_end=end,
                blinding=blinding,
            )
        )
with tabs[1]:
    drill_forms.checklist_panel(
        design, plan, editable, save, stale=st.session_state.get("checklist_stale") == drill_id
    )
with tabs[2]:
    drill_forms.injects_panel(design, plan, editable, save)
with tabs[3]:
    drill_forms.people_panel(design, plan, editable, save)
with tabs[4]:
    try:
        team = services.drill_design.evaluation_team(conn, actor, drill_id)
    except UserFacingError as exc:
        show_error(exc)
        team = []
    objectives.design_panel(design, editable, save, team)

st.divider()
actions = st.columns(3)
if editable and actions[0].button(t("drillpage.seal"), key="design_seal", type="primary"):
    try:
        services.drill_design.seal_drill(conn, actor, drill_id, now=now())
    except UserFacingError as exc:
        drill_forms.show_problems(exc)
    else:
        st.toast(t("drillpage.sealed"))
        st.rerun()
actions[1].download_button(
    t("drillpage.export"),
    json.dumps(design_to_dict(design), ensure_ascii=False, indent=2),
    file_name=f"drill-{drill_id}.json",
    mime="application/json",
    key="design_export",
)
if actions[2].button(t("drillpage.copy"), key="design_copy"):
    try:
        copy_id = services.drill_design.copy_drill_as_template(conn, actor, drill_id, now=now())
    except UserFacingError as exc:
        show_error(exc)
    else:
        st.session_state["drill_id"] = copy_id
        st.rerun()
with st.expander(t("drillpage.reveal_log")):
    st.caption(t("drillpage.reveal_help"))
    try:
        reveal = services.drill_design.reveal_log(conn, actor, drill_id)
    except UserFacingError as exc:
        show_error(exc)
        reveal = []
    st.dataframe(
        [
            {
                t("common.time"): fmt_time(e.at),
                t("audit.action"): REVEAL_EVENTS.label(e.kind),
                t("audit.user"): e.person or e.by,
                t("common.comment"): e.detail,
            }
            for e in reveal
        ],
        hide_index=True,
        width="stretch",
    )
if summary.status in ("sealed", "running", "paused") and st.button(t("nav.drill_console")):
    go("pages/drill_console.py")
