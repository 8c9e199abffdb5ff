"""The evaluator screen's item cards: one per checklist item (a fragment), with the whole step
text, its source on demand, the rating buttons (ui/components/tap: the tap is taken on the device
and kept there until stored) and the details popover. Details are stored only for a live session
(ui/live.py). Taps arrive through the screen's header (ui/evaluator_live.py); undo, free
observations, answers and amendments are in ui/evaluator_entries.py."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

import streamlit as st

import services.observations
from drills.model import Observation
from i18n import join_names, t
from i18n.errors import UserFacingError
from i18n.glossary import QUALITY_MARKS
from services.observations import MAX_PHOTO_BYTES, EvaluatorView
from ui import error_text, now
from ui.components import tap
from ui.live import live_callback, live_fragment
from ui.streamlit_texts import uploader_ceiling_mb
from ui.text import md

NEXT_COUNT = 6
PAGE_SIZE = 15  # cards per page of a phase: a phone screen or two, and a light page run
PHOTO_TYPES = ["jpg", "jpeg", "png", "webp", "heic"]
# Gloves and a moving vehicle: every button of the screen at least 48 px high (WCAG 2.5.5 asks
# 44). The screen, each card and each details popover (drawn outside the card) are containers
# keyed "ev_...", which Streamlit marks with the class st-key-<key>; the number input's own
# step buttons keep their size.
TAP_CSS = '[class*="st-key-ev_"] button:not([data-testid^="stNumberInput"]) { min-height: 48px; }'
# Taps go on without a connection: the tap sender's own notice replaces the page-wide one
# (ui/streamlit_texts.py), which says that nothing is saved while offline.
OFFLINE_CSS = ".plandrill-offline { display: none !important; }"


@dataclass(frozen=True)
class EvaluatorContext:
    """What the evaluator's screen names things by: plan role names, the evaluator's share, item
    names, step texts, and the device's queue of taps."""

    names: dict  # plan role id -> name
    share: tuple | None  # plan role ids the evaluator watches (None: all)
    items: dict  # item id -> name
    steps: dict = field(default_factory=dict)  # plan step id -> (step text, source block text)
    queue: str = ""  # the device's queue of this evaluator and drill (ui/components/tap)

    def item_name(self, item_id: str | None) -> str:
        return self.items.get(item_id or "", "")

    def entry_name(self, observation: Observation) -> str:
        """A short name of an entry for the undo button: the item, or the start of the note."""
        if observation.kind == "item":
            return short(self.item_name(observation.item_id), 40)
        note = short(observation.note, 24)
        return f"“{note}”" if note else t("evaluate.pending.photo")


def short(text: str, limit: int) -> str:
    """The text on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tap_targets() -> None:
    """Big enough buttons for a phone (see TAP_CSS)."""
    st.html(f"<style>{TAP_CSS}{OFFLINE_CSS}</style>")


def evaluator_context(actor, drill, view: EvaluatorView) -> EvaluatorContext:
    """Names, the evaluator's share from the drill design (whatever their account role) and the
    words of each step with its source paragraph (`view`: services.observations.evaluator_view)."""
    plan = view.plan
    steps = {s.id: (s.text, s.source.text if s.source else "") for s in plan.steps}
    return EvaluatorContext(
        {r.id: r.name for r in plan.roles},
        view.share,
        {i.id: i.name for i in view.watched.items},
        steps,
        tap.scope(actor.username, drill.id),
    )


def store_entry(conn, actor, observation: Observation, photo=None) -> str | None:
    """Store the entry with its photo (the photo first, so the entry can name it); None once
    committed, else the translated reason."""
    try:
        data = photo.getvalue() if photo is not None else None
        services.observations.record_entry(conn, actor, observation, data)
    except UserFacingError as exc:
        return t("evaluate.not_recorded", reason=error_text(exc))
    return None


@dataclass(frozen=True)
class Details:
    """What the evaluator set in a card's details popover and has not stored yet."""

    quality: str | None
    ago: int
    done_by: str | None
    note: str
    photo: object | None  # an UploadedFile

    @property
    def empty(self) -> bool:
        return not self.note and self.photo is None


def photo_input(key: str) -> None:
    """A photo (a phone offers its camera here), no larger than the store keeps."""
    st.file_uploader(
        t("evaluate.photo"),
        type=PHOTO_TYPES,
        key=key,
        max_upload_size=uploader_ceiling_mb(),  # the store refuses a bigger photo, in our words
        help=t("evaluate.photo_limit", mb=MAX_PHOTO_BYTES // 2**20),
    )


def photo_key(key: str) -> str:
    # An uploader cannot be emptied through session state: a stored photo moves it to a new key.
    return f"{key}_photo_{st.session_state.get(f'{key}_photo_n', 0)}"


def _details(key: str, item) -> Details:
    state = st.session_state
    return Details(
        quality=state.get(f"{key}_q"),
        ago=state.get(f"{key}_ago") or 0,
        done_by=state.get(f"{key}_by") or item.lead,
        note=(state.get(f"{key}_note") or "").strip(),
        photo=state.get(photo_key(key)),
    )


def forget(key: str, *fields: str) -> None:
    """Empty the given details of a card once they are stored (they must not go twice)."""
    state = st.session_state
    for name in fields:
        if name == "photo":
            state[f"{key}_photo_n"] = state.get(f"{key}_photo_n", 0) + 1
        else:
            state.pop(f"{key}_{name}", None)


def entry(drill_id: int, actor, kind: str, details: Details, **fields) -> Observation:
    moment = now()
    return Observation(
        id=uuid.uuid4().hex,
        drill_id=drill_id,
        kind=kind,
        evaluator=actor.username,
        entered_at=moment,
        happened_at=moment - timedelta(minutes=details.ago),
        done_by=details.done_by,
        note=details.note,
        **fields,
    )


@live_callback
def _save_details(actor, conn, drill_id: int, item, key: str) -> None:
    """Store the card's note and photo now, as a note on the item (a "free" entry naming it):
    the item's recorded result stays as it is."""
    state = st.session_state
    details = _details(key, item)
    if details.empty:
        state[f"{key}_problem"] = t("evaluate.details_empty")
        return
    observation = entry(drill_id, actor, "free", details, item_id=item.id)
    problem = store_entry(conn, actor, observation, details.photo)
    state[f"{key}_problem"] = problem
    if problem is None:
        state.setdefault("evaluate_notes", {}).setdefault(item.id, set()).add(observation.id)
        state[f"{key}_noted"] = True
        forget(key, "note", "photo")


@live_fragment
def item_card(actor, conn, drill, item, state, ctx: EvaluatorContext, section: str) -> None:
    """One item's card; `actor` comes from the session check (callers pass the rest)."""
    _card(conn, drill, item, state, ctx, section)


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


def limit_text(item) -> str:
    """The item's time limit in words: 立即 / at once for 0 (from what it counts)."""
    if item.time_limit_min is None:
        return ""
    if item.time_limit_min == 0:
        return t("evaluate.limit_now")
    return t("evaluate.limit", minutes=f"{item.time_limit_min:g}")


def _title(item, ctx: EvaluatorContext) -> None:
    """The item's whole name, wrapped; the step's words and its source paragraph on demand."""
    owners = join_names(ctx.names.get(r, r) for r in item.roles) or t("common.no_owner")
    limit = limit_text(item)
    st.markdown(f"**{md(item.name)}**  \n{md(owners)}{' · ' + limit if limit else ''}")
    text, source = ctx.steps.get(item.step_id or "", ("", ""))
    text = item.text or text
    same = " ".join(text.split()) == " ".join(item.name.split())
    if (text and not same) or source:
        with st.expander(t("evaluate.step_source")):
            if text and not same:
                st.markdown(md(text))
            if source:
                st.caption(t("evaluate.source_paragraph"))
                st.markdown(f"> {md(source)}")


def _notes_saved(item_id: str, state) -> int:
    stored = {e.id for e in state.free if e.item_id == item_id}
    return len(stored | st.session_state.get("evaluate_notes", {}).get(item_id, set()))


def _pending(details: Details, default_by: str | None, ctx: EvaluatorContext) -> str:
    """The details set but not stored yet, said on the card ("" when there are none)."""
    parts = []
    if details.quality:
        parts.append(t("evaluate.pending.quality", mark=details.quality))
    if details.ago:
        parts.append(t("evaluate.pending.ago", minutes=details.ago))
    if details.done_by and details.done_by != default_by:
        parts.append(t("evaluate.pending.by", role=ctx.names.get(details.done_by, details.done_by)))
    parts += [t("evaluate.pending.note")] if details.note else []
    parts += [t("evaluate.pending.photo")] if details.photo is not None else []
    if not parts:
        return ""
    text = "evaluate.pending" if details.empty else "evaluate.pending_note"
    return t(text, what=md(join_names(parts)))


def _popover(conn, drill, item, key: str, roles: list, ctx: EvaluatorContext) -> None:
    with st.popover(t("evaluate.details"), icon=":material/tune:"), st.container(key=f"{key}_more"):
        st.caption(t("evaluate.details_help"))
        st.segmented_control(
            t("evaluate.quality"),
            QUALITY_MARKS,
            key=f"{key}_q",
            format_func=QUALITY_MARKS.label,
        )
        st.number_input(t("evaluate.minutes_ago"), 0, 600, 0, key=f"{key}_ago")
        if roles:
            st.selectbox(
                t("evaluate.done_by"),
                roles,
                key=f"{key}_by",
                format_func=lambda r: ctx.names.get(r, r),
            )
        st.text_input(t("common.note"), key=f"{key}_note")
        photo_input(photo_key(key))
        st.button(
            t("evaluate.save_details"),
            key=f"{key}_save",
            icon=":material/save:",
            disabled=drill.status == "ended",
            on_click=_save_details,
            args=(conn, drill.id, item, key),
        )


def _card(conn, drill, item, state, ctx: EvaluatorContext, section: str) -> None:
    key = f"ev_{section}_{item.id}"
    confirmed = st.session_state.setdefault("evaluate_confirmed", {})
    rating = confirmed.get(item.id) or state.rating(item.id)
    with st.container(border=True, key=f"{key}_card"):
        _title(item, ctx)
        problem = st.session_state.get(f"{key}_problem")
        if st.session_state.pop(f"{key}_noted", False):
            st.toast(t("evaluate.details_saved"), icon=":material/check:")
        if problem:
            st.error(problem, icon=":material/error:")
        notes = _notes_saved(item.id, state)
        if notes:
            st.caption(t("evaluate.notes_saved", n=notes))
        roles = list(dict.fromkeys([*item.roles, *ctx.names]))
        _popover(conn, drill, item, key, roles, ctx)
        tap.pad(
            key,
            queue=ctx.queue,
            item_id=item.id,
            name=short(item.name, 60),
            rating=rating,
            disabled=drill.status == "ended",
        )
        # last in the card: appearing while the evaluator types must not move the popover
        # (a moved popover is drawn anew, closed)
        pending = _pending(_details(key, item), roles[0] if roles else None, ctx)
        if pending:
            st.caption(f":material/pending: {pending}")
