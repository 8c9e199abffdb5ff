"""Evaluator screen, built for a phone: the next expected items first, one tap per item, each
tap stored before it is confirmed; only the tapped item reruns."""

from __future__ import annotations

import time

import streamlit as st

from bootstrap import get_db
from db import drills_store
from drills.checklist import group_by_phase
from drills.progress import next_expected
from drills.state import fold, last_entry_of
from i18n import t
from plans.errors import PlanError
from ui import conflicts, md, now, page_setup, pick_drill, show_error
from ui import evaluator as ev
from ui import evaluator_entries as extra

page_started = time.perf_counter()
actor = page_setup("nav.evaluate", layout="centered")
conn = get_db()
mine = [
    d
    for d in drills_store.list_drills(conn, actor)
    if d.my_role in ("evaluator", "evaluation_lead") and d.status in ("running", "paused", "ended")
]
if not mine:
    st.info(t("evaluate.none"))
    st.stop()
drill = pick_drill(mine, "evaluate_drill")
try:
    if drill.status == "running":  # timed injects fall due even when no console is open
        drills_store.release_due_injects(conn, drill.id, now=now())
    items = drills_store.checklist_for(conn, actor, drill.id)
    entries = drills_store.observations(conn, actor, drill.id)
    context = ev.context(conn, actor, drill)
except PlanError as exc:
    show_error(exc)
    st.stop()
state = fold(items, entries)
last = last_entry_of(state, actor.username)
upcoming = next_expected(items, state, context.share)[: ev.NEXT_COUNT]
groups = group_by_phase(items)
ev.tap_targets()
with st.container(key="ev_screen"):  # the big buttons of ev.TAP_CSS hold inside it
    st.caption(
        t(
            "evaluate.caption",
            status=t(f"console.status.{drill.status}"),
            done=sum(state.rating(i.id) is not None for i in items),
            total=len(items),
        )
    )
    st.caption(t("evaluate.connection_hint"))
    if drill.status == "paused":
        st.warning(t("evaluate.paused"))
    if drill.status == "ended":
        st.info(t("evaluate.ended"))
    conflicts.evaluator_notice(conn, drill.id)  # refreshes itself: a conflict shows at once
    if (
        last is not None
        and drill.status != "ended"
        and st.button(
            t("evaluate.undo", name=md(context.entry_name(last))),
            key="evaluate_undo",
            icon=":material/undo:",
        )
    ):
        extra.undo(conn, actor, drill.id, last)

    st.subheader(t("evaluate.next"))
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
