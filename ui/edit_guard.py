"""Forms that edit stored data: opened on a revision, saved against it, never over someone else.

A form remembers (in session state, per form) the revision of the stored data it was opened
on, and its widgets' keys carry that revision (`widget_key`), so they show the stored values of
that revision. A save names the opened revision to the store, which refuses it when someone
saved since (VersionConflictError: nothing is overwritten). The session's own save moves the
opened revision on (`saved`), so a session never trips on its own write. While the stored
revision differs from the opened one, the form says so and offers to reload (`stale_notice`).
"""

from __future__ import annotations

from collections.abc import Hashable

import streamlit as st

from i18n import t
from ui.live import live_callback

_PREFIX = "opened_"


def _state_key(form: str) -> str:
    return f"{_PREFIX}{form}"


def opened(form: str, stored: Hashable) -> Hashable:
    """The revision the form `form` was opened on: the stored one (`stored`) the first time."""
    return st.session_state.setdefault(_state_key(form), stored)


def widget_key(form: str, name: str) -> str:
    """A widget key of the form, renewed with each revision it is opened on (call after
    `opened`): a reload shows the stored values, not what the widget held."""
    return f"{form}_{name}_{st.session_state.get(_state_key(form))}"


def saved(form: str, revision: Hashable) -> None:
    """This session saved the form: the new revision is what it now shows."""
    st.session_state[_state_key(form)] = revision


def reload(form: str) -> None:
    """Forget the opened revision: the next run opens the form on the stored values."""
    st.session_state.pop(_state_key(form), None)


@live_callback
def _reload(actor, form: str) -> None:
    reload(form)


def stale_notice(form: str, stored: Hashable) -> bool:
    """Open the form on `stored` if it is not open yet; when someone else saved since it was
    opened, say so with a reload button and return True (a save will be refused).

    The notice stands in a container drawn on every run, so the form below keeps its place on
    the page when the notice comes or goes: the browser then replaces the form's widgets in
    place instead of showing the old form under the new one until the run has finished."""
    box = st.container()
    if opened(form, stored) == stored:
        return False
    box.warning(t("guard.changed_meanwhile"), icon=":material/sync_problem:")
    box.button(
        t("guard.reload"),
        key=f"{_state_key(form)}_reload",
        on_click=_reload,
        args=(form,),
        icon=":material/refresh:",
    )
    return True


__all__ = ["opened", "reload", "saved", "stale_notice", "widget_key"]
