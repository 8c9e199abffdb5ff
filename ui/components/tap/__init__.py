"""The tap component (st.components.v2, plain HTML/JS/CSS, no build step): rating buttons that
take the moment of the tap on the device and keep each tap until the server stored it, and the
one sender per screen that delivers them and shows the connection (see tap.js)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from i18n import t
from i18n.glossary import RATINGS

HERE = Path(__file__).parent
SYNC_KEY = "ev_tap_sync"
_COMPONENT = st.components.v2.component(
    "plandrill_tap",
    js=(HERE / "tap.js").read_text(encoding="utf-8"),
    css=(HERE / "tap.css").read_text(encoding="utf-8"),
)


def scope(username: str, drill_id: int) -> str:
    """Whose queue on the device: one per evaluator and drill (a shared phone keeps them apart)."""
    return f"{username}.{drill_id}"


def pad(key: str, *, queue: str, item_id: str, name: str, rating: str | None, disabled: bool):
    """The four rating buttons of one checklist item (`key`: the card's key)."""
    _COMPONENT(
        key=f"{key}_pad",
        data={
            "mode": "pad",
            "scope": queue,
            "item": item_id,
            "card": key,
            "name": name,
            "rating": rating,
            "disabled": disabled,
            "group_label": t("evaluate.tap.group", name=name),
            "choices": [{"value": r, "label": RATINGS.label(r)} for r in RATINGS],
            "texts": {
                "recorded": t("evaluate.tap.recorded"),
                "waiting": t("evaluate.tap.waiting"),
            },
        },
    )


def sync(*, queue: str, results: dict, echo: float | None, on_taps: Callable[[], None]) -> None:
    """The sender: `results` (tap id -> "ok" or why it was refused) answer the batch the device
    sent at `echo` (its clock, ms); the server's time goes with every render."""
    _COMPONENT(
        key=SYNC_KEY,
        data={
            "mode": "sync",
            "scope": queue,
            "server_ms": time.time() * 1000,
            "echo": echo,
            "results": results,
            "texts": {
                "offline": t("evaluate.tap.offline"),
                "sending": t("evaluate.tap.sending"),
                "waiting_count": t("evaluate.tap.waiting_count"),
                "ratings": {r: RATINGS.label(r) for r in RATINGS},
            },
        },
        on_taps_change=on_taps,
    )


def received() -> object:
    """The batch the sender delivered in this run (None when there is none)."""
    value = st.session_state.get(SYNC_KEY)
    return getattr(value, "taps", None) if value is not None else None


__all__ = ["SYNC_KEY", "pad", "received", "scope", "sync"]
