"""Conflicts between evaluators on screen: a notice on each evaluator's phone that refreshes every
few seconds, a notice in the director's console, and the lead's panel that settles a conflict
with a chosen outcome and a reason (the store behind services.review decides who may)."""

from __future__ import annotations

import streamlit as st

import services.review
from drills.state import Entry
from i18n import t
from i18n.errors import UserFacingError
from i18n.glossary import RATINGS
from services import evaluation
from ui import error_text, fmt_time, now, show_error
from ui.live import live_callback, live_fragment, refresh_button
from ui.text import md

REFRESH_SECONDS = 5


def _entry(board, entry: Entry, me: str | None = None) -> str:
    who = board.name(entry.evaluator)
    if entry.evaluator == me:
        who = t("conflicts.you", name=who)
    parts = [RATINGS.label(entry.rating)]
    if entry.quality:
        parts.append(entry.quality)
    parts.append(t("conflicts.at", time=fmt_time(entry.happened_at)))
    if entry.amended:
        parts.append(t("conflicts.amended"))
    line = f"{md(who)}：{' · '.join(parts)}"
    return f"{line} · {md(entry.note)}" if entry.note else line


def _settled_line(board, settled) -> str:
    return t(
        "conflicts.settled_line",
        item=md(board.items.get(settled.item_id, settled.item_id)),
        outcome=RATINGS.label(settled.outcome),
        who=md(board.name(settled.settled_by)),
        reason=md(settled.reason),
    )


@live_fragment(run_every=REFRESH_SECONDS)
def evaluator_notice(actor, conn, drill_id: int) -> None:
    """On the evaluator's phone: the open conflicts their entries are part of, and how the lead
    settled earlier ones."""
    try:
        board = services.review.conflict_board(conn, actor, drill_id)
    except UserFacingError as exc:
        show_error(exc)
        return
    mine = [c for c in board.open if c.involves(actor.username)]  # a lead settles elsewhere
    with st.container(key="ev_conflicts"):
        for conflict in mine:
            item = md(board.items.get(conflict.item_id, conflict.item_id))
            lines = "\n".join(f"- {_entry(board, e, actor.username)}" for e in conflict.entries)
            st.warning(
                f"**{t('conflicts.evaluator_open', item=item)}**\n\n{lines}\n\n"
                + t("conflicts.evaluator_hint"),
                icon=":material/warning:",
            )
        for settled in (s for s in board.settled if s.involves(actor.username)):
            st.caption(f":material/gavel: {_settled_line(board, settled)}")


def console_notice(conn, actor, drill_id: int) -> None:
    """In the console's live panel: the open conflicts, one line each (settled below it)."""
    try:
        board = services.review.conflict_board(conn, actor, drill_id)
    except UserFacingError as exc:
        show_error(exc)
        return
    if not board.open:
        return
    lines = []
    for conflict in board.open:
        item = md(board.items.get(conflict.item_id, conflict.item_id))
        said = "；".join(_entry(board, e) for e in conflict.entries)
        lines.append(f"- **{item}**：{said}")
    st.warning(
        t("conflicts.console_open", n=len(board.open)) + "\n\n" + "\n".join(lines),
        icon=":material/warning:",
    )


@live_callback
def _settle(actor, conn, drill_id: int, item_id: str, entry_ids: tuple, key: str) -> None:
    state = st.session_state
    outcome = state.get(f"{key}_outcome")
    if outcome is None:
        state[f"{key}_problem"] = t("conflicts.choose_outcome")
        return
    try:
        evaluation.settle_conflict(
            conn,
            actor,
            drill_id,
            item_id,
            entry_ids,
            outcome,
            state.get(f"{key}_reason") or "",
            now=now(),
        )
    except UserFacingError as exc:
        state[f"{key}_problem"] = error_text(exc)
        return
    state.pop(f"{key}_problem", None)
    state.pop(f"{key}_reason", None)
    state.pop(f"{key}_outcome", None)
    state["conflicts_toast"] = t("conflicts.settled")


@live_fragment
def lead_panel(actor, conn, drill_id: int, prefix: str = "conflicts") -> None:
    """The open conflicts, each with the outcome to choose and the reason to give (for those
    who may settle), and the settled ones."""
    try:
        board = services.review.conflict_board(conn, actor, drill_id)
    except UserFacingError as exc:
        show_error(exc)
        return
    if message := st.session_state.pop("conflicts_toast", None):
        st.toast(message, icon=":material/check:")
    st.subheader(t("conflicts.title", n=len(board.open)))
    refresh_button(f"{prefix}_refresh")
    if not board.open:
        st.caption(t("conflicts.none_open"))
    for conflict in board.open:
        key = f"{prefix}_{conflict.item_id}"
        with st.container(border=True, key=f"{key}_box"):
            st.markdown(f"**{md(board.items.get(conflict.item_id, conflict.item_id))}**")
            st.markdown("\n".join(f"- {_entry(board, e)}" for e in conflict.entries))
            if not board.may_settle:
                continue
            if problem := st.session_state.get(f"{key}_problem"):
                st.error(problem)
            st.segmented_control(
                t("conflicts.outcome"),
                RATINGS,
                key=f"{key}_outcome",
                format_func=RATINGS.label,
            )
            st.text_area(t("conflicts.reason"), key=f"{key}_reason", height=80)
            st.button(
                t("conflicts.settle"),
                key=f"{key}_settle",
                type="primary",
                icon=":material/gavel:",
                on_click=_settle,
                args=(conn, drill_id, conflict.item_id, conflict.entry_ids, key),
            )
    if board.settled:
        with st.expander(t("conflicts.settled_title", n=len(board.settled))):
            for settled in board.settled:
                st.markdown(f"- {_settled_line(board, settled)}")
                st.caption(
                    "；".join(_entry(board, e) for e in settled.entries)
                    + " · "
                    + fmt_time(settled.settled_at)
                )


__all__ = ["console_notice", "evaluator_notice", "lead_panel"]
