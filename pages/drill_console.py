"""Director console: start, pause, resume, end; release injects; live progress, overdue steps,
timeline and newest observations, refreshed every few seconds without reloading the page."""

from __future__ import annotations

import streamlit as st

from bootstrap import get_db
from drills import state as states
from i18n import t
from plans.errors import PlanError
from services import drill_design as design_cases
from services import drills as drill_cases
from ui import conflicts, go, md, now, page_setup, show_error
from ui import drill_console as panels
from ui import review as evaluation
from ui.live import live_fragment, refresh_button

REFRESH_SECONDS = 5

actor = page_setup("nav.drill_console")
conn = get_db()
drill_id = st.session_state.get("drill_id")
if drill_id is None:
    st.info(t("drillpage.choose_first"))
    st.stop()
try:
    summary = drill_cases.drill_summary(conn, actor, drill_id, now=now())
except PlanError as exc:
    show_error(exc)
    st.stop()
st.title(md(summary.title))
director = summary.my_role == "director"


def act(action) -> None:
    try:
        action(conn, actor, drill_id, now=now())
    except PlanError as exc:
        show_error(exc)
    else:
        st.rerun()


if director:
    buttons = st.columns(4)
    status = summary.status
    if status == "sealed" and buttons[0].button(
        t("console.button.start"), key="console_start", type="primary"
    ):
        act(drill_cases.start_drill)
    if status == "running" and buttons[1].button(t("console.button.pause"), key="console_pause"):
        act(drill_cases.pause_drill)
    if status == "paused" and buttons[1].button(t("console.button.resume"), key="console_resume"):
        act(drill_cases.resume_drill)
    if status in ("running", "paused"):
        st.session_state.setdefault("console_confirm_end", False)
        if buttons[3].button(t("console.button.end"), key="console_end"):
            st.session_state["console_confirm_end"] = True
        if st.session_state["console_confirm_end"]:
            st.warning(t("drillpage.confirm_end"))
            if st.button(t("drillpage.confirm_end_yes"), key="console_end_yes", type="primary"):
                st.session_state["console_confirm_end"] = False
                act(drill_cases.end_drill)  # the results are kept with the end


if summary.status == "ended":
    with st.container(border=True):
        try:
            review = evaluation.load(conn, actor, drill_id, st.session_state.get("lang", "zh"))
            evaluation.documents(review)
        except PlanError as exc:
            show_error(exc)
        if st.button(t("drillpage.to_review"), key="console_to_review", type="primary"):
            go("pages/drill_review.py")
if director and summary.status != "ended":
    try:
        opened = design_cases.open_design(conn, actor, drill_id, now=now())
        panels.participants(conn, actor, drill_id, opened.plan, opened.design.participating_roles)
    except PlanError as exc:
        show_error(exc)


@live_fragment(run_every=REFRESH_SECONDS)
def live(actor) -> None:
    """The live panels, every few seconds, for a session still live (`actor`: checked afresh)."""
    moment = now()
    try:
        view = drill_cases.console_snapshot(conn, actor, drill_id, now=moment)
    except PlanError as exc:
        show_error(exc)
        return
    items, injects, plan = view.checklist, view.injects, view.plan
    state = states.fold(items, view.observations)
    panels.header(view.summary)
    refresh_button("console_refresh")
    if view.summary.status in ("running", "paused"):
        conflicts.console_notice(conn, actor, drill_id)
    if director:
        panels.injects(conn, drill_id, injects, view.summary.status)
    left, right = st.columns(2)
    with left:
        panels.progress(items, state, plan)
    with right:
        panels.overdue(items, state, view.events, injects, moment, plan)
    panels.timeline(view.events, plan, items, injects)
    left, right = st.columns(2)
    with left:
        panels.newest(state, items, plan)
    with right:
        panels.evaluators(view.activity, moment)


live()
if summary.status in ("running", "paused"):
    conflicts.lead_panel(conn, drill_id, prefix="console_conflicts")
