"""The evaluator screen's parts: one card per checklist item (a fragment: a tap reruns only
that card), undo, free observations. A tap is confirmed only after the store committed it."""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

import streamlit as st

from db import drills_store, plans_store
from drills.model import QUALITY_MARKS, RATINGS, Observation
from i18n import t
from plans.errors import PlanError
from ui import now
from ui.text import md

NEXT_COUNT = 6
PAGE_SIZE = 15  # cards per page of a phase: a phone screen or two, and a light page run
ICONS = {"done": ":material/check_circle:", "partly": ":material/timelapse:",
         "not_done": ":material/cancel:", "na": ":material/block:"}  # fmt: skip


@dataclass(frozen=True)
class Context:
    names: dict  # plan role id -> name
    share: tuple | None  # plan role ids the evaluator watches (None: all)
    items: dict  # item id -> name

    def item_name(self, item_id: str | None) -> str:
        return self.items.get(item_id or "", "")


def context(conn, actor, drill) -> Context:
    plan = plans_store.load_version(conn, actor, drill.version_id)
    items = drills_store.checklist_for(conn, actor, drill.id)
    # checklist_for already gives an evaluator only their share of the items
    return Context({r.id: r.name for r in plan.roles}, None, {i.id: i.name for i in items})


def _store(conn, actor, observation: Observation, photo=None) -> str | None:
    """Store the entry (and its photo); None once committed, else the translated reason."""
    try:
        drills_store.record_observation(conn, actor, observation)
        if photo is not None:
            drills_store.attach_photo(conn, actor, observation.drill_id, photo.getvalue(),
                                      photo_id=uuid.uuid4().hex, now=observation.entered_at,
                                      observation_id=observation.id)  # fmt: skip
    except PlanError as exc:
        return t("evaluate.not_recorded", reason=t(exc.key, **exc.params))
    return None


def _tap(conn, actor, drill_id: int, item, choice: str, key: str) -> None:
    """The button's callback: runs before the card reruns, so the card shows the stored result."""
    st.session_state["evaluate_tap_started"] = time.perf_counter()
    state = st.session_state
    moment = now()
    observation = Observation(
        id=uuid.uuid4().hex,
        drill_id=drill_id,
        kind="item",
        evaluator=actor.username,
        entered_at=moment,
        happened_at=moment - timedelta(minutes=state.get(f"{key}_ago") or 0),
        item_id=item.id,
        rating=choice,
        quality=state.get(f"{key}_q"),
        done_by=state.get(f"{key}_by") or (item.roles[0] if item.roles else None),
        note=(state.get(f"{key}_note") or "").strip(),
    )
    problem = _store(conn, actor, observation, state.get(f"{key}_photo"))
    state[f"{key}_problem"] = problem
    if problem is None:
        state.setdefault("evaluate_confirmed", {})[item.id] = choice
        state[f"{key}_recorded"] = True  # the card confirms it (no elements from a callback)


@st.fragment
def item_card(conn, actor, drill, item, state, ctx: Context, section: str) -> None:
    started = st.session_state.pop("evaluate_tap_started", None)
    _card(conn, actor, drill, item, state, ctx, section)
    if started is not None:
        log_tap(time.perf_counter() - started)


def log_tap(seconds: float) -> None:
    """Server time of one tap (callback, store, card rerun) for bench/tap_bench.py."""
    path = os.environ.get("PLANDRILL_TIMING_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"tap {seconds * 1000:.2f}\n")


def log_page(seconds: float) -> None:
    """Server time of a whole evaluator page run, the baseline a tap is compared with."""
    path = os.environ.get("PLANDRILL_TIMING_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"page {seconds * 1000:.2f}\n")


def _card(conn, actor, drill, item, state, ctx: Context, section: str) -> None:
    key = f"ev_{section}_{item.id}"
    confirmed = st.session_state.setdefault("evaluate_confirmed", {})
    rating = confirmed.get(item.id) or state.rating(item.id)
    with st.container(border=True):
        owners = "、".join(ctx.names.get(r, r) for r in item.roles) or t("drills.no_role")
        limit = (
            ""
            if item.time_limit_min is None
            else " · " + t("evaluate.limit", minutes=f"{item.time_limit_min:g}")
        )
        st.markdown(f"**{md(item.name)}**  \n{md(owners)}{limit}")
        problem = st.session_state.get(f"{key}_problem")
        if st.session_state.pop(f"{key}_recorded", False):
            st.toast(t("evaluate.recorded"), icon=":material/check:")
        if problem:
            st.error(problem, icon=":material/error:")
        elif rating:
            st.caption(t("evaluate.current", rating=t(f"drills.rating.{rating}")))
        with st.popover(t("evaluate.details"), icon=":material/tune:"):
            st.segmented_control(
                t("evaluate.quality"),
                QUALITY_MARKS,
                key=f"{key}_q",
                format_func=lambda q: t(f"drills.quality.{q}"),
            )
            st.number_input(t("evaluate.minutes_ago"), 0, 600, 0, key=f"{key}_ago")
            roles = list(dict.fromkeys([*item.roles, *ctx.names]))
            if roles:
                st.selectbox(
                    t("evaluate.done_by"),
                    roles,
                    key=f"{key}_by",
                    format_func=lambda r: ctx.names.get(r, r),
                )
            st.text_input(t("evaluate.note"), key=f"{key}_note")
            st.file_uploader(
                t("evaluate.photo"), type=["jpg", "jpeg", "png", "webp", "heic"], key=f"{key}_photo"
            )
        cols = st.columns(len(RATINGS))
        for col, choice in zip(cols, RATINGS, strict=True):
            col.button(
                t(f"drills.rating.{choice}"),
                key=f"{key}_{choice}",
                icon=ICONS[choice],
                type="primary" if rating == choice else "secondary",
                disabled=drill.status == "ended",
                width="stretch",
                on_click=_tap,
                args=(conn, actor, drill.id, item, choice, key),
            )


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
    problem = _store(conn, actor, withdrawal)
    if problem:
        st.error(problem)
        return
    st.session_state.get("evaluate_confirmed", {}).pop(last.item_id, None)
    st.toast(t("evaluate.recorded"), icon=":material/check:")
    st.rerun()


def free_observation(conn, actor, drill, ctx: Context) -> None:
    if drill.status == "ended":
        return
    with st.form("evaluate_free", clear_on_submit=True):
        note = st.text_area(t("evaluate.free_note"), height=80)
        roles = list(ctx.names)
        done_by = st.selectbox(
            t("evaluate.done_by"),
            [None, *roles],
            format_func=lambda r: "—" if r is None else ctx.names[r],
        )
        photo = st.file_uploader(t("evaluate.photo"), type=["jpg", "jpeg", "png", "webp", "heic"])
        sent = st.form_submit_button(t("evaluate.free_save"), key="evaluate_free_save")
    if sent and note.strip():
        moment = now()
        _store(
            conn,
            actor,
            Observation(
                id=uuid.uuid4().hex,
                drill_id=drill.id,
                kind="free",
                evaluator=actor.username,
                entered_at=moment,
                happened_at=moment,
                done_by=done_by,
                note=note.strip(),
            ),
            photo,
        )


def answers(conn, actor, drill) -> None:
    """Task cards and questions released so far, each with the answer the evaluator heard."""
    try:
        views = [
            v
            for v in drills_store.visible_injects(conn, actor, drill.id)
            if v.released_at and v.inject.kind in ("task_card", "question")
        ]
    except PlanError as exc:
        st.error(t(exc.key, **exc.params))
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
            entry = Observation(id=uuid.uuid4().hex, drill_id=drill.id, kind="answer",
                                evaluator=actor.username, entered_at=moment, happened_at=moment,
                                inject_id=view.inject.id, note=text.strip())  # fmt: skip
            problem = _store(conn, actor, entry)
            if problem:
                st.error(problem)
            else:
                st.toast(t("evaluate.recorded"))


def amendment(conn, actor, drill, state, ctx: Context) -> None:
    """After the end: correct one of one's entries with a reason; the original is kept."""
    mine = [e for e in state.items.values() if e.observation.evaluator == actor.username]
    if not mine:
        return
    st.subheader(t("evaluate.amend"))
    with st.form("evaluate_amend", clear_on_submit=True):
        entry = st.selectbox(
            t("evaluate.amend_which"),
            mine,
            format_func=lambda e: (
                f"{ctx.item_name(e.observation.item_id)} · "
                f"{t('drills.rating.' + e.rating) if e.rating else ''}"
            ),
        )
        rating = st.selectbox(
            t("drillpage.rating"), RATINGS, format_func=lambda r: t(f"drills.rating.{r}")
        )
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
        problem = _store(conn, actor, fix)
        if problem:
            st.error(problem)
        else:
            st.toast(t("evaluate.recorded"))
