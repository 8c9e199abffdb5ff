"""Fragments and widget callbacks check the session where the action happens.

Streamlit runs a fragment (st.fragment, timed ones included) and a widget callback without the
page's top-level code, so page_setup's checks (signed in, account enabled, password not reset
since the sign-in, not idle past PLANDRILL_SESSION_MINUTES) would not run for them. Every
fragment and every callback that reaches the database goes through this module instead: the
account is read afresh before anything is done and handed to the function as its first
argument; a user's action keeps the session alive, a timer does not. When the session has
ended, nothing is done, and the page reruns to the sign-in form, which says why (and, for an
action, that it was not carried out).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from access.policy import Actor
from i18n import t
from ui import session


def live_actor(*, activity: bool) -> Actor | None:
    """The signed-in user checked afresh now, or None when the session has ended (it is then
    signed out, the reason kept for the sign-in form) or waits for a password change.
    `activity`: this run is the user's own action (it counts as activity, and a refusal says
    that the action was not carried out)."""
    had_session = st.session_state.get("user_id") is not None
    actor = session.current_actor(activity=activity)
    if actor is None:
        if activity and had_session:
            st.session_state["signed_out_refused"] = True
        return None
    return None if actor.must_change_password else actor


def live_callback(func: Callable) -> Callable:
    """A widget callback run only for a live session, with the fresh actor as first argument;
    refused, it does nothing, and the run that follows shows the sign-in form."""

    @functools.wraps(func)
    def run(*args, **kwargs):
        actor = live_actor(activity=True)
        if actor is None:
            return None
        return func(actor, *args, **kwargs)

    return run


def live_fragment(func: Callable | None = None, *, run_every: float | None = None):
    """st.fragment whose every run first checks the session and passes the fresh actor as first
    argument. A run of a fragment without `run_every` is always a user's action (a widget in it
    changed); a timed one is not, so auto-refresh alone keeps nobody signed in (its widgets count
    through their live_callback). Once the session has ended the whole page reruns, showing the
    sign-in form, and the fragment is gone."""

    def wrap(body: Callable) -> Callable:
        @functools.wraps(body)
        def checked(*args, **kwargs):
            actor = live_actor(activity=run_every is None)
            if actor is None:
                st.rerun(scope="app")
            return body(actor, *args, **kwargs)

        return st.fragment(checked, run_every=run_every)

    return wrap if func is None else wrap(func)


@live_callback
def _touch(actor: Actor) -> None:
    """Nothing but the check: a press of "refresh" is the user's activity."""


def refresh_button(key: str) -> None:
    """A button that refreshes the (timed) fragment it is in and counts as activity."""
    st.button(
        t("live.refresh"),
        key=key,
        icon=":material/refresh:",
        type="tertiary",
        help=t("live.refresh_help"),
        on_click=_touch,
    )


__all__ = ["live_actor", "live_callback", "live_fragment", "refresh_button"]
