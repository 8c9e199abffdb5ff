"""Sign-in, session re-validation and time-out, sign-out, forced password change."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

import bootstrap
from access.errors import AccessError, AuthError
from access.policy import Actor
from access.sessions import session_expired
from i18n import t
from services import accounts
from settings import load_settings
from ui.client import client_address
from ui.text import md

KEYS = ("user_id", "signed_in_at", "last_seen")


def _now() -> datetime:
    return datetime.now(UTC)


def sign_out(reason: str | None = None) -> None:
    """Forget the session (and anything the user was working on)."""
    for key in list(st.session_state.keys()):
        if key != "lang":
            del st.session_state[key]
    if reason:
        st.session_state["signed_out_reason"] = reason


def current_actor(*, activity: bool = True) -> Actor | None:
    """The signed-in user, read afresh from the database on every page load (and by ui/live.py
    on every fragment run and callback): a disabled account, a reset password or an idle session
    ends the session at once. `activity`: whether this run is the user's own action, which
    keeps the session alive (an automatic refresh is not)."""
    user_id = st.session_state.get("user_id")
    if user_id is None:
        return None
    now = _now()
    if session_expired(st.session_state.get("last_seen"), now):
        sign_out("auth.session_expired")
        return None
    try:
        actor = accounts.session_actor(
            bootstrap.get_db(), user_id, signed_in_at=st.session_state.get("signed_in_at")
        )
    except AuthError as exc:
        sign_out(exc.key)
        return None
    if activity:
        st.session_state["last_seen"] = now
    return actor


def sign_in_form() -> None:
    st.title(t("app.title"))
    reason = st.session_state.pop("signed_out_reason", None)
    if st.session_state.pop("signed_out_refused", False):  # an action met the ended session
        st.warning(t("auth.action_refused", reason=t(reason)), icon=":material/block:")
    elif reason:
        st.info(t(reason))
    with st.form("sign_in", border=True):
        st.subheader(t("auth.sign_in"))
        username = st.text_input(t("auth.username"), key="sign_in_user")
        password = st.text_input(t("auth.password"), type="password", key="sign_in_password")
        submitted = st.form_submit_button(t("auth.sign_in"), type="primary", key="sign_in_submit")
    if submitted:
        try:
            actor = accounts.sign_in(
                bootstrap.get_db(), username, password, now=_now(), ip=client_address()
            )
        except AuthError as exc:
            st.error(t(exc.key, **exc.params), icon=":material/lock:")
        else:
            now = _now()
            st.session_state.update(user_id=actor.user_id, signed_in_at=now, last_seen=now)
            st.session_state.pop("sign_in_password", None)
            st.rerun()
    if load_settings().demo:
        _demo_accounts()


def _demo_accounts() -> None:
    with st.expander(t("auth.demo_accounts"), expanded=True):
        st.caption(t("auth.demo_hint"))
        st.dataframe(
            [
                {
                    t("auth.username"): a.username,
                    t("auth.password"): a.password,
                    t("auth.role"): t(f"role.{a.role}"),
                }
                for a in accounts.listed_demo_accounts()
            ],
            hide_index=True,
            width="stretch",
        )


def user_box(actor: Actor) -> None:
    st.caption(t("auth.signed_in_as", name=md(actor.label)))
    st.caption(" · ".join(t(f"role.{r}") for r in sorted(actor.roles)))
    if actor.unit:
        st.caption(t("auth.unit", unit=md(actor.unit)))
    if st.button(t("auth.sign_out"), key="sign_out", icon=":material/logout:"):
        sign_out("auth.signed_out")
        st.rerun()


def password_form(actor: Actor, key: str) -> bool:
    """Old and new password (twice); True once changed."""
    with st.form(key):
        old = st.text_input(t("auth.old_password"), type="password", key=f"{key}_old")
        new = st.text_input(t("auth.new_password"), type="password", key=f"{key}_new")
        again = st.text_input(t("auth.repeat_password"), type="password", key=f"{key}_again")
        submitted = st.form_submit_button(
            t("auth.change_password"), type="primary", key=f"{key}_submit"
        )
    if not submitted:
        return False
    if new != again:
        st.error(t("auth.passwords_differ"))
        return False
    try:
        accounts.change_password(
            bootstrap.get_db(), actor, old, new, now=_now(), ip=client_address()
        )
    except AccessError as exc:
        st.error(t(exc.key, **exc.params))
        return False
    st.session_state["signed_in_at"] = _now()
    return True


def forced_password_change(actor: Actor) -> None:
    st.title(t("auth.change_password"))
    st.warning(t("auth.must_change"))
    if password_form(actor, "forced_password"):
        st.rerun()
