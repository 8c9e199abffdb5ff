"""Director console: start, pause, resume, end; release injects; live progress, overdue steps,
timeline and newest observations, refreshed every few seconds without reloading the page."""

from __future__ import annotations

import streamlit as st

import drills.state
import services.drill_design
import services.drills
import ui.review
from bootstrap import get_db
from i18n import t
from i18n.errors import UserFacingError
from ui import conflicts, drill_console, go, md, now, page_setup, show_error
from ui.live import live_fragment, refresh_button

REFRESH_SECONDS = 5

actor = page_setup("nav.drill_console")
conn = get_db()
drill_id = st.session_state.get("drill_id")
if drill_id is None:
    st.info(t("drillpage.choose_first"))
    st.stop()
try:
    summary = services.drills.drill_summary(conn, actor, drill_id, now=now())
except UserFacingError as exc:
    show_error(exc)
    st.stop()
st.title(md(summary.title))
director = summary.my_role == "director"


def act(action) -> None:
    try:
        action(conn, actor, drill_id, now=now())
    except UserFacingError as exc:
        show_error(exc)
    else:
        st.rerun()


if director:
    buttons = st.columns(4)
    status = summary.status
    if status == "sealed" and buttons[0].button(
        t("drills.clock.start"), key="console_start", type="primary"
    ):
        act(services.drills.start_drill)
    if status == "running" and buttons[1].button(t("drills.clock.pause"), key="console_pause"):
        act(services.drills.pause_drill)
    if status == "paused" and buttons[1].button(t("drills.clock.resume"), key="console_resume"):
        act(services.drills.resume_drill)
    if status in ("running", "paused"):
        st.session_state.setdefault("console_confirm_end", False)
        if buttons[3].button(t("drills.clock.end"), key="console_end"):
            st.session_state["console_confirm_end"] = True
        if st.session_state["console_confirm_end"]:
            st.warning(t("drillpage.confirm_end"))
            if st.button(t("drillpage.confirm_end_yes"), key="console_end_yes", type="primary"):
                st.session_state["console_confirm_end"] = False
                act(services.drills.end_drill)  # the results are kept with the end


if summary.status == "ended":
    with st.container(border=True):
        try:
            review = ui.review.load(conn, actor, drill_id, st.session_state.get("lang", "zh"))
            ui.review.documents(review)
        except UserFacingError as exc:
            show_error(exc)
        if st.button(t("nav.drill_review"), key="console_to_review", type="primary"):
            go("pages/drill_review.py")
if director and summary.status != "ended":
    try:
        opened = services.drill_design.open_design(conn, actor, drill_id, now=now())
        drill_console.participants(
            conn, actor, drill_id, opened.plan, opened.design.participating_roles
        )
    except UserFacingError as exc:
        show_error(exc)


@live_fragment(run_every=REFRESH_SECONDS)
def live(actor) -> None:
    """The live panels, every few seconds, for a session still live (`actor`: checked afresh)."""
    moment = now()
    try:
        view = services.drills.console_snapshot(conn, actor, drill_id, now=moment)
    except UserFacingError as exc:
        show_error(exc)
        return
    items, injects, plan = view.checklist, view.injects, view.plan
    state = drills.state.fold(items, view.observations)
    drill_console.header(view.summary)
    refresh_button("console_refresh")
    if view.summary.status in ("running", "paused"):
        conflicts.console_notice(conn, actor, drill_id)
    if director:
        drill_console.injects(conn, drill_id, injects, view.summary.status)
    left, right = st.columns(2)
    with left:
        drill_console.progress(items, state, plan)
    with right:
        drill_console.overdue(items, state, view.events, injects, moment, plan)
    drill_console.timeline(view.events, plan, items, injects)
    left, right = st.columns(2)
    with left:
        drill_console.newest(state, items, plan)
    with right:
        drill_console.evaluators(view.activity, moment)


live()
if summary.status in ("running", "paused"):
    conflicts.lead_panel(conn, drill_id, prefix="console_conflicts")
