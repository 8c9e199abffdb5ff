"""Sign-in, session re-validation and time-out, sign-out, forced password change.

A sign-in opens a session in the database (services/sessions.py), checked on every page load.
Under server_app.py, whose routes (session_cookie.py) set and clear an HttpOnly cookie holding
the session's token, the browser swaps the sign-in's one-time login code for that cookie at
once (a script posts it to /auth/session), and a new page load (a reload, a phone woken up,
another instance) finds the session again from the cookie. Without those routes (a plain
`streamlit run app.py`, AppTest) the session lives in this tab's session state only.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime

import streamlit as st

import bootstrap
import i18n
import services.clock
import services.sessions
from access.errors import AccessError, AuthError
from access.policy import Actor
from access.sessions import CODE_LIFETIME, COOKIE_NAME, secret_hash, session_expired
from i18n import t
from i18n.errors import UserFacingError
from i18n.glossary import ACCOUNT_ROLES
from services import accounts
from settings import load_settings
from ui.client import client_address
from ui.text import md

KEYS = ("user_id", "signed_in_at", "last_seen", "session_id")
SESSION_PATH = "/auth/session"  # POST code=…: sets the cookie (session_cookie.py)
SIGN_OUT_PATH = "/auth/signout"  # POST: ends the cookie's session and clears it
_cookie_routes = False
LOG = logging.getLogger("plandrill.session")


def serve_session_cookies() -> None:
    """Say that the web server has the routes that set and clear the session cookie (called
    by server_app.py); without them a session is kept in its tab only."""
    global _cookie_routes
    _cookie_routes = True


def _now() -> datetime:
    """The database's clock: every instance checks a session's idle time by the same clock."""
    return services.clock.now(bootstrap.get_db())


def sign_out(reason: str | None = None) -> None:
    """Forget the session (and anything the user was working on) in this tab."""
    for key in list(st.session_state.keys()):
        if key not in ("lang", "lang_picked"):
            del st.session_state[key]
    if reason:
        st.session_state["signed_out_reason"] = reason
    if _cookie_routes:
        st.session_state["clear_session_cookie"] = True


def current_actor(*, activity: bool = True) -> Actor | None:
    """The signed-in user, read afresh from the database on every page load (and by ui/live.py
    on every fragment run and callback): a disabled account, a reset password or an idle session
    ends the session at once. `activity`: whether this run is the user's own action, which
    keeps the session alive (an automatic refresh is not). With nobody signed in in this tab,
    a page load finds the session of the browser's cookie, if it is still alive."""
    user_id = st.session_state.get("user_id")
    if user_id is None:
        return _resume_from_cookie() if activity else None
    now = _now()
    session_id = st.session_state.get("session_id")
    try:
        if session_id is not None:
            actor = services.sessions.check_session(
                bootstrap.get_db(), session_id, now=now, activity=activity
            )
        elif session_expired(st.session_state.get("last_seen"), now):
            raise AuthError("auth.session_expired")
        else:  # a session of this tab only, not in the database (as page tests set one up)
            actor = accounts.session_actor(
                bootstrap.get_db(), user_id, signed_in_at=st.session_state.get("signed_in_at")
            )
    except AuthError as exc:
        sign_out(exc.key)
        return None
    if activity:
        st.session_state["last_seen"] = now
    return actor


def cookie_token() -> str | None:
    """The session token in the cookie the browser sent when this tab connected."""
    token = st.context.cookies.get(COOKIE_NAME)
    return token if isinstance(token, str) and token else None  # AppTest has no real cookies


def _resume_from_cookie() -> Actor | None:
    token = cookie_token()
    if token is None:
        return None
    tried = secret_hash(token)
    if st.session_state.get("cookie_tried") == tried:
        return None  # found ended on an earlier run of this tab
    now = _now()
    try:
        signed = services.sessions.resume_session(bootstrap.get_db(), token, now=now)
    except AuthError as exc:
        sign_out(exc.key)
        signed = None
    if signed is None:
        st.session_state["cookie_tried"] = tried
        st.session_state["clear_session_cookie"] = True
        return None
    st.session_state.update(
        user_id=signed.actor.user_id, session_id=signed.session_id, signed_in_at=now, last_seen=now
    )
    chosen = accounts.preferred_language(bootstrap.get_db(), signed.actor.user_id)
    if chosen is not None and chosen != st.session_state.get("lang"):
        _use_language(chosen)
        st.rerun()  # a reload in the account's language from its first line
    return signed.actor


def _end_session() -> None:
    session_id = st.session_state.get("session_id")
    if session_id is not None:
        services.sessions.end_session(bootstrap.get_db(), session_id, now=_now())


def _post_from_browser(path: str, fields: dict[str, str]) -> None:
    """Have the browser post `fields` to one of the cookie routes (session_cookie.py), which
    answers with a Set-Cookie; invisible. Only the browser can store an HttpOnly cookie: a script run cannot."""
    body = "&".join(f"{k}={v}" for k, v in fields.items())  # URL-safe values only
    st.html(
        "<script>fetch("
        + json.dumps(path)
        + ", {method: 'POST', credentials: 'same-origin', headers: {'Content-Type': "
        + "'application/x-www-form-urlencoded'}, body: "
        + json.dumps(body)
        + "});</script>",
        width="content",
        unsafe_allow_javascript=True,
    )


def _hand_cookie_over() -> None:
    """Right after a sign-in, until its login code expires: the browser swaps the code for its
    cookie (the same element on every rerun, so the post is made once)."""
    pending = st.session_state.get("login_code")
    if pending is None:
        return
    code, until = pending
    if _now() >= until:
        del st.session_state["login_code"]
        return
    _post_from_browser(SESSION_PATH, {"code": code})


def _user_agent() -> str:
    value = st.context.headers.get("User-Agent")
    return value if isinstance(value, str) else ""


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
            signed = services.sessions.sign_in_session(
                bootstrap.get_db(),
                username,
                password,
                now=_now(),
                ip=client_address(),
                user_agent=_user_agent(),
            )
        except AuthError as exc:
            st.error(t(exc.key, **exc.params), icon=":material/lock:")
        else:
            _signed_in(signed)
            st.rerun()
    elif _cookie_routes and st.session_state.get("clear_session_cookie"):
        _post_from_browser(SIGN_OUT_PATH, {})
    if load_settings().demo:
        _demo_accounts()


def keep_language(language: str) -> None:
    """Keep the language just chosen as the signed-in user's, for every device and reload
    (chosen before signing in, it is kept at the sign-in)."""
    st.session_state["lang_picked"] = True
    user_id = st.session_state.get("user_id")
    if user_id is None:
        return
    try:
        accounts.choose_language(bootstrap.get_db(), user_id, language, now=_now())
    except UserFacingError:  # the choice holds in this tab all the same
        LOG.exception("the language chosen was not kept")


def _use_language(language: str) -> None:
    st.session_state["lang"] = language
    i18n.set_language(language)


def _language_at_sign_in(user_id: int) -> None:
    """A language picked in this tab before signing in becomes the account's; else the
    account's own choice (made on any device) applies."""
    db = bootstrap.get_db()
    if st.session_state.get("lang_picked"):
        accounts.choose_language(db, user_id, st.session_state["lang"], now=_now())
    elif (chosen := accounts.preferred_language(db, user_id)) is not None:
        _use_language(chosen)


def _signed_in(signed: services.sessions.SignedIn) -> None:
    _language_at_sign_in(signed.actor.user_id)
    now = _now()
    st.session_state.update(
        user_id=signed.actor.user_id, session_id=signed.session_id, signed_in_at=now, last_seen=now
    )
    for key in ("sign_in_password", "clear_session_cookie", "cookie_tried"):
        st.session_state.pop(key, None)
    if _cookie_routes:
        st.session_state["login_code"] = (signed.login_code, now + CODE_LIFETIME)


def _demo_accounts() -> None:
    with st.expander(t("auth.demo_accounts"), expanded=True):
        st.caption(t("auth.demo_hint"))
        st.dataframe(
            [
                {
                    t("auth.username"): a.username,
                    t("auth.password"): a.password,
                    t("common.role"): ACCOUNT_ROLES.label(a.role),
                }
                for a in accounts.listed_demo_accounts()
            ],
            hide_index=True,
            width="stretch",
        )


def user_box(actor: Actor) -> None:
    st.caption(t("auth.signed_in_as", name=md(actor.label)))
    st.caption(" · ".join(ACCOUNT_ROLES.label(r) for r in sorted(actor.roles)))
    if actor.unit:
        st.caption(t("auth.unit", unit=md(actor.unit)))
    if st.button(t("auth.sign_out"), key="sign_out", icon=":material/logout:"):
        _end_session()
        sign_out("auth.signed_out")
        st.rerun()
    if _cookie_routes:
        _hand_cookie_over()


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
            bootstrap.get_db(),
            actor,
            old,
            new,
            now=_now(),
            ip=client_address(),
            session_id=st.session_state.get("session_id"),
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
