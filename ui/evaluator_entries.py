"""The evaluator screen's entries beside the item cards: undo of the last entry, unexpected
actions (free observations), answers to task cards and questions, and amendments after the end."""

from __future__ import annotations

import uuid

import streamlit as st

import services.drills
import services.observations
from drills.model import Observation
from i18n import t
from i18n.errors import UserFacingError
from i18n.glossary import RATINGS
from ui import error_text, now
from ui.evaluator import (
    Details,
    EvaluatorContext,
    entry,
    forget,
    photo_input,
    photo_key,
    short,
    store_entry,
)
from ui.live import live_callback
from ui.text import md


def undo(conn, actor, drill_id: int, last: Observation) -> None:
    moment = now()
    withdrawal = Observation(
        id=uuid.uuid4().hex,
        drill_id=drill_id,
        kind="undo",
        evaluator=actor.username,
        entered_at=moment,
        happened_at=moment,
        item_id=last.item_id,
        ref=last.id,
    )
    problem = store_entry(conn, actor, withdrawal)
    if problem:
        st.error(problem)
        return
    if last.kind == "item":
        st.session_state.get("evaluate_confirmed", {}).pop(last.item_id, None)
    st.session_state.get("evaluate_notes", {}).get(last.item_id, set()).discard(last.id)
    st.toast(t("evaluate.recorded"), icon=":material/check:")
    st.rerun()


@live_callback
def _save_free(actor, conn, drill_id: int) -> None:
    """The free observation form's callback: stored, confirmed and emptied; or kept with why."""
    state = st.session_state
    note = (state.get("evaluate_free_note") or "").strip()
    details = Details(
        None, 0, state.get("evaluate_free_by"), note, state.get(photo_key("evaluate_free"))
    )
    if details.empty:
        state["evaluate_free_problem"] = t("evaluate.free_empty")
        return
    problem = store_entry(conn, actor, entry(drill_id, actor, "free", details), details.photo)
    state["evaluate_free_problem"] = problem
    if problem is None:
        state["evaluate_free_saved"] = True
        forget("evaluate_free", "note", "by", "photo")


def free_observation(conn, actor, drill, ctx: EvaluatorContext) -> None:
    """An unexpected action: confirmed once stored; an empty one is refused with a reason, and
    what was typed stays in the form until it is stored."""
    if drill.status == "ended":
        return
    if st.session_state.pop("evaluate_free_saved", False):
        st.toast(t("evaluate.free_recorded"), icon=":material/check:")
    with st.form("evaluate_free"):
        st.text_area(t("evaluate.free_note"), height=80, key="evaluate_free_note")
        st.selectbox(
            t("evaluate.done_by"),
            [None, *ctx.names],
            key="evaluate_free_by",
            format_func=lambda r: "—" if r is None else ctx.names[r],
        )
        photo_input(photo_key("evaluate_free"))
        st.form_submit_button(
            t("evaluate.free_save"),
            key="evaluate_free_save",
            on_click=_save_free,
            args=(conn, drill.id),
        )
    problem = st.session_state.get("evaluate_free_problem")
    if problem:
        st.error(problem, icon=":material/error:")


def answers(conn, actor, drill) -> None:
    """Task cards and questions released so far, each with the answer the evaluator heard."""
    try:
        views = [
            v
            for v in services.observations.visible_injects(conn, actor, drill.id)
            if v.released_at and v.inject.kind in ("task_card", "question")
        ]
    except UserFacingError as exc:
        st.error(error_text(exc))
        return
    if not views:
        return
    st.subheader(t("evaluate.answers"))
    for view in views:
        with st.form(f"answer_{view.inject.id}", clear_on_submit=True):
            st.markdown(
                f"**{md(view.inject.title)}** · {t('drills.inject_kind.' + view.inject.kind)}"
            )
            st.text(view.inject.content)
            text = st.text_area(t("evaluate.answer"), height=70)
            sent = st.form_submit_button(t("evaluate.free_save"), disabled=drill.status == "ended")
        if sent and text.strip():
            moment = now()
            entry = Observation(
                id=uuid.uuid4().hex,
                drill_id=drill.id,
                kind="answer",
                evaluator=actor.username,
                entered_at=moment,
                happened_at=moment,
                inject_id=view.inject.id,
                note=text.strip(),
            )
            problem = store_entry(conn, actor, entry)
            if problem:
                st.error(problem)
            else:
                st.toast(t("evaluate.recorded"))


def amendment(conn, actor, drill, state, ctx: EvaluatorContext) -> None:
    """After the end: correct one of one's entries with a reason; the original is kept and the
    drill rescored (services.drills.amend_entry)."""
    mine = [e for e in state.items.values() if e.observation.evaluator == actor.username]
    if not mine:
        return
    st.subheader(t("evaluate.amend"))
    with st.form("evaluate_amend", clear_on_submit=True):
        entry = st.selectbox(
            t("evaluate.amend_which"),
            mine,
            format_func=lambda e: (
                f"{short(ctx.item_name(e.observation.item_id), 60)} · "
                f"{t('outcome.' + e.rating) if e.rating else ''}"
            ),
        )
        rating = st.selectbox(t("common.result"), RATINGS, format_func=RATINGS.label)
        reason = st.text_input(t("evaluate.amend_reason"))
        sent = st.form_submit_button(t("evaluate.amend_save"))
    if sent:
        if not reason.strip():
            st.error(t("evaluate.amend_needs_reason"))
            return
        moment = now()
        original = entry.observation
        fix = Observation(
            id=uuid.uuid4().hex,
            drill_id=drill.id,
            kind="amendment",
            evaluator=actor.username,
            entered_at=moment,
            happened_at=original.happened_at,
            item_id=original.item_id,
            rating=rating,
            quality=original.quality,
            done_by=original.done_by,
            note=original.note,
            ref=original.id,
            reason=reason.strip(),
        )
        try:  # stored, and the drill's stored results rescored with it
            services.drills.amend_entry(conn, actor, fix, now=moment)
        except UserFacingError as exc:
            st.error(t("evaluate.not_recorded", reason=error_text(exc)))
        else:
            st.toast(t("evaluate.recorded"))
