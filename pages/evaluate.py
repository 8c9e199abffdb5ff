"""Evaluator screen, built for a phone: the next expected items first (soonest due first), one
tap per item taken on the device and kept there until stored; the header follows the drill."""

from __future__ import annotations

import time

import streamlit as st

import services.observations
from bootstrap import get_db
from drills.checklist import group_by_phase
from drills.state import fold
from i18n import t
from i18n.errors import UserFacingError
from ui import (
    conflicts,
    evaluator,
    evaluator_entries,
    evaluator_live,
    page_setup,
    pick_drill,
    show_error,
)

page_started = time.perf_counter()
# page tests only: the component's callback does it in a browser
evaluator_live.take_handed_over(get_db())
actor = page_setup("nav.evaluate", layout="centered")
conn = get_db()
mine = evaluator_live.my_drills(conn, actor)
if not mine:
    st.info(t("evaluate.none"))
    # shows the drill within seconds of its start
    evaluator_live.waiting(conn, evaluator_live.seen(conn, actor))
    st.stop()
drill = pick_drill(mine, "evaluate_drill")
try:
    view = services.observations.evaluator_view(conn, actor, drill.id, drill.version_id)
    drawn = evaluator_live.seen(conn, actor, drill)
except UserFacingError as exc:
    show_error(exc)
    st.stop()
context = evaluator.evaluator_context(actor, drill, view)
items = view.watched.items
state = fold(items, view.watched.observations)
groups = group_by_phase(items)
evaluator.tap_targets()
with st.container(key="ev_screen"):  # the big buttons of ev.TAP_CSS hold inside it
    evaluator_live.header(conn, drill, context, drawn)
    conflicts.evaluator_notice(conn, drill.id)  # refreshes itself: a conflict shows at once

    st.subheader(t("evaluate.next"))
    upcoming = evaluator_live.upcoming(items, state, drill)
    if not upcoming:
        st.caption(t("evaluate.all_recorded"))
    for item in upcoming:
        evaluator.item_card(conn, drill, item, state, context, section="next")

    st.subheader(t("evaluate.by_phase"))
    phase = st.segmented_control(
        t("col.phase"),
        list(groups),
        key="evaluate_phase",
        format_func=lambda p: f"{t('phase.' + p)} ({len(groups[p])})",
    )
    in_phase = groups.get(phase, [])
    pages = max(1, -(-len(in_phase) // evaluator.PAGE_SIZE))
    page = 1
    if pages > 1:
        page = st.number_input(t("evaluate.page", pages=pages), 1, pages, 1, key="evaluate_page")
    for item in in_phase[(page - 1) * evaluator.PAGE_SIZE : page * evaluator.PAGE_SIZE]:
        evaluator.item_card(conn, drill, item, state, context, section="phase")

    evaluator_entries.answers(conn, actor, drill)
    if drill.status == "ended":
        evaluator_entries.amendment(conn, actor, drill, state, context)
    else:
        st.subheader(t("evaluate.free"))
        evaluator_entries.free_observation(conn, actor, drill, context)
evaluator.log_page(time.perf_counter() - page_started)
