"""Evaluator screen, built for a phone: the next expected items first (soonest due first), one
tap per item taken on the device and kept there until stored; the header follows the drill."""

from __future__ import annotations

import time

import streamlit as st

from bootstrap import get_db
from drills.checklist import group_by_phase
from drills.state import fold
from i18n import t
from plans.errors import PlanError
from services import observations as observation_cases
from ui import conflicts, page_setup, pick_drill, show_error
from ui import evaluator as ev
from ui import evaluator_entries as extra
from ui import evaluator_live as live

page_started = time.perf_counter()
live.take_handed_over(get_db())  # page tests only: the component's callback does it in a browser
actor = page_setup("nav.evaluate", layout="centered")
conn = get_db()
mine = live.my_drills(conn, actor)
if not mine:
    st.info(t("evaluate.none"))
    live.waiting(conn, live.seen(conn, actor))  # shows the drill within seconds of its start
    st.stop()
drill = pick_drill(mine, "evaluate_drill")
try:
    view = observation_cases.evaluator_view(conn, actor, drill.id, drill.version_id)
    drawn = live.seen(conn, actor, drill)
except PlanError as exc:
    show_error(exc)
    st.stop()
context = ev.context(actor, drill, view)
items = view.watched.items
state = fold(items, view.watched.observations)
groups = group_by_phase(items)
ev.tap_targets()
with st.container(key="ev_screen"):  # the big buttons of ev.TAP_CSS hold inside it
    live.header(conn, drill, context, drawn)
    conflicts.evaluator_notice(conn, drill.id)  # refreshes itself: a conflict shows at once

    st.subheader(t("evaluate.next"))
    upcoming = live.upcoming(items, state, drill)
    if not upcoming:
        st.caption(t("evaluate.all_recorded"))
    for item in upcoming:
        ev.item_card(conn, drill, item, state, context, section="next")

    st.subheader(t("evaluate.by_phase"))
    phase = st.segmented_control(
        t("col.phase"),
        list(groups),
        key="evaluate_phase",
        format_func=lambda p: f"{t('phase.' + p)} ({len(groups[p])})",
    )
    in_phase = groups.get(phase, [])
    pages = max(1, -(-len(in_phase) // ev.PAGE_SIZE))
    page = 1
    if pages > 1:
        page = st.number_input(t("evaluate.page", pages=pages), 1, pages, 1, key="evaluate_page")
    for item in in_phase[(page - 1) * ev.PAGE_SIZE : page * ev.PAGE_SIZE]:
        ev.item_card(conn, drill, item, state, context, section="phase")

    extra.answers(conn, actor, drill)
    if drill.status == "ended":
        extra.amendment(conn, actor, drill, state, context)
    else:
        st.subheader(t("evaluate.free"))
        extra.free_observation(conn, actor, drill, context)
ev.log_page(time.perf_counter() - page_started)
