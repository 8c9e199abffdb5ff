"""The evaluator screen's live parts: the header that follows the drill by itself (status, the
counts, undo and the tap sender, refreshed every few seconds and after each tap; a start, an end,
a pause or a release reruns the whole screen), the taps the device delivers, and the wait for a
drill to start."""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass

import streamlit as st

import services.drills
import services.observations
from access.secrecy import STARTED
from drills.model import ClockEvent, Observation
from drills.progress import due_minutes, next_expected
from drills.state import fold, last_entry_of
from drills.taps import minutes_before, parse_batch, tap_moment
from i18n import t
from i18n.errors import UserFacingError
from i18n.glossary import DRILL_STATUSES
from ui import error_text, evaluator, evaluator_entries, md, now
from ui.components import tap
from ui.live import live_callback, live_fragment

REFRESH_S = 3.0  # a start, an end or a release shows within this (plus a run)


def my_drills(conn, actor) -> list:
    """The drills the actor evaluates (or leads the evaluation of) that have started."""
    return [
        d
        for d in services.drills.list_drills(conn, actor)
        if d.my_role in ("evaluator", "evaluation_lead") and d.status in STARTED
    ]


@dataclass(frozen=True)
class Seen:
    """What the screen was drawn for: a change of any of it redraws the whole screen."""

    drill_ids: tuple
    status: str | None
    released: int


def seen(conn, actor, drill=None) -> Seen:
    drills = my_drills(conn, actor)
    current = next((d for d in drills if drill is not None and d.id == drill.id), None)
    released = 0
    if current is not None:
        released = sum(
            1
            for v in services.observations.visible_injects(conn, actor, current.id)
            if v.released_at
        )
    return Seen(tuple(d.id for d in drills), current.status if current else None, released)


@live_fragment(run_every=REFRESH_S)
def waiting(actor, conn, drawn: Seen) -> None:
    """No drill yet: look again every few seconds and show the screen once one has started."""
    if seen(conn, actor) != drawn:
        st.rerun(scope="app")


@live_fragment(run_every=REFRESH_S)
def header(actor, conn, drill, ctx: evaluator.EvaluatorContext, drawn: Seen) -> None:
    """Status, counts, undo and the tap sender; redraws the screen when the drill moved on."""
    started = st.session_state.pop("evaluate_tap_started", None)
    if started is None and seen(conn, actor, drill) != drawn:  # a tap's run: quick, no look
        st.rerun(scope="app")
    try:
        watched = services.observations.watched(conn, actor, drill.id, ctx.share)
    except UserFacingError as exc:
        st.error(error_text(exc))
        return
    items = watched.items
    state = fold(items, watched.observations)
    done = sum(state.rating(i.id) is not None for i in items)
    status = DRILL_STATUSES.label(drill.status)
    st.caption(t("evaluate.caption", status=status, done=done, total=len(items)))
    st.caption(t("evaluate.connection_hint"))
    if drill.status == "paused":
        st.warning(t("evaluate.paused"))
    if drill.status == "ended":
        st.info(t("evaluate.ended"))
    last = last_entry_of(state, actor.username)
    if (
        last is not None
        and drill.status != "ended"
        and st.button(
            t("evaluate.undo", name=md(ctx.entry_name(last))),
            key="evaluate_undo",
            icon=":material/undo:",
        )
    ):
        evaluator_entries.undo(conn, actor, drill.id, last)
    results = st.session_state.pop("evaluate_tap_results", {})
    echo = st.session_state.pop("evaluate_tap_echo", None)
    tap.sync(
        queue=ctx.queue,
        results=results,
        echo=echo,
        on_taps=functools.partial(_on_taps, conn, drill),
    )
    if started is not None:
        evaluator.log_tap(time.perf_counter() - started)


def upcoming(items, state, drill) -> list:
    """The items expected next, the soonest due first (the drill clock from its start)."""
    clock = [ClockEvent("start", drill.started_at)] if drill.started_at else []
    due = due_minutes(items, fold(items, state.observations, clock), clock)
    return next_expected(items, state, due=due)[: evaluator.NEXT_COUNT]


HANDED_OVER = "evaluate_taps_in"


@live_callback
def _on_taps(actor, conn, drill) -> None:
    """The sender's callback: store the batch, and hand the answer to the header's run."""
    _store(actor, conn, drill, tap.received())


def take_handed_over(conn) -> None:
    """Taps handed over in session state (a page test: AppTest runs no component), with the
    drill's id; stored as the sender's callback stores them, before anything else runs."""
    batch = st.session_state.pop(HANDED_OVER, None)
    if isinstance(batch, dict):
        _handed_over(conn, batch)


@live_callback
def _handed_over(actor, conn, batch: dict) -> None:
    drill = next((d for d in my_drills(conn, actor) if d.id == batch.get("drill")), None)
    if drill is not None:
        _store(actor, conn, drill, batch)


def _store(actor, conn, drill, batch) -> None:
    st.session_state["evaluate_tap_started"] = time.perf_counter()
    st.session_state["evaluate_tap_results"] = receive_taps(actor, conn, drill, batch)
    sent = batch.get("sent") if isinstance(batch, dict) else None
    st.session_state["evaluate_tap_echo"] = sent if isinstance(sent, int | float) else None


def receive_taps(actor, conn, drill, batch) -> dict[str, str]:
    """Store each tap of a batch once (a repeat is confirmed again, not stored again), at the
    moment it was made; the details set on its card go with it. tap id -> "ok" or why not."""
    results: dict[str, str] = {}
    taps = parse_batch(batch)
    if not taps:
        return results
    leads = {i.id: i.lead for i in services.observations.checklist_for(conn, actor, drill.id)}
    for one in taps:
        moment = now()
        details = _card_details(one)
        happened = tap_moment(one, now=moment, t0=drill.started_at)
        if details is not None and details.ago:
            happened = max(minutes_before(happened, details.ago), drill.started_at or happened)
        entry = Observation(
            id=one.id,
            drill_id=drill.id,
            kind="item",
            evaluator=actor.username,
            entered_at=moment,
            happened_at=happened,
            item_id=one.item_id,
            rating=one.rating,
            quality=details.quality if details else None,
            done_by=(details.done_by if details else None) or leads.get(one.item_id),
            note=details.note if details else "",
        )
        problem = evaluator.store_entry(conn, actor, entry, details.photo if details else None)
        results[one.id] = "ok" if problem is None else problem
        if problem is None:
            st.session_state.setdefault("evaluate_confirmed", {})[one.item_id] = one.rating
            if details is not None:
                evaluator.forget(one.card, "q", "ago", "by", "note", "photo")
    return results


def _card_details(one) -> evaluator.Details | None:
    """The details set on the card the tap was made on, while this session still has them."""
    if not one.card or not one.card.startswith("ev_"):
        return None
    state = st.session_state
    details = evaluator.Details(
        quality=state.get(f"{one.card}_q"),
        ago=state.get(f"{one.card}_ago") or 0,
        done_by=state.get(f"{one.card}_by"),
        note=(state.get(f"{one.card}_note") or "").strip(),
        photo=state.get(evaluator.photo_key(one.card)),
    )
    if not (details.quality or details.ago or details.done_by or details.note or details.photo):
        return None
    return details


__all__ = [
    "HANDED_OVER",
    "REFRESH_S",
    "header",
    "my_drills",
    "receive_taps",
    "seen",
    "take_handed_over",
    "upcoming",
    "waiting",
]
