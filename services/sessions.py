"""Use cases of signed-in sessions, kept in the database so that a reload, a phone that locked
its screen or another app instance keeps them: opened by signing in, swapped once for the
browser's cookie, checked and touched on every page load, ended by signing out, by the idle
time-out or the absolute lifetime, and by the account's changes (disabled, password changed or
reset; one's own change keeps the session it was made in: services/accounts.py). The rules are
access/sessions.py; the rows db/sessions_store.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from access import lockout, sessions
from access.errors import AuthError
from access.policy import Actor
from access.sessions import StoredSession
from db import sessions_store
from db.errors import VersionConflictError
from db.users_signin import load_actor
from services import accounts

_ATTEMPTS = 3


@dataclass(frozen=True)
class SignedIn:
    """A live session: its user, its id, and (only right after the sign-in) the one-time
    login code the browser swaps for its cookie."""

    actor: Actor
    session_id: int
    login_code: str | None = None


@dataclass(frozen=True)
class SessionCookie:
    """What the browser keeps: the session's token, until `expires_at`."""

    token: str
    expires_at: datetime


def sign_in_session(
    conn,
    username: str,
    password: str,
    *,
    now: datetime,
    ip: str | None = None,
    user_agent: str = "",
) -> SignedIn:
    """Sign in (see accounts.sign_in) and open a session in the database, with the one-time
    login code its browser may swap for a cookie within sessions.CODE_LIFETIME.

    Raises: AuthError as accounts.sign_in does.
    """
    actor = accounts.sign_in(conn, username, password, now=now, ip=ip)
    code = sessions.new_secret()
    session_id = sessions_store.create_session(
        conn,
        actor.user_id,
        code_hash=sessions.secret_hash(code),
        code_expires_at=now + sessions.CODE_LIFETIME,
        now=now,
        user_agent=user_agent,
        ip=lockout.clean_address(ip),
    )
    return SignedIn(actor, session_id, code)


def redeem_login_code(conn, code: str, *, now: datetime) -> SessionCookie | None:
    """The cookie for the session whose unexpired login code this is (the code is spent);
    None for a code spent, expired, unknown or of an ended session."""
    token = sessions.new_secret()
    session_id = _retried(
        sessions_store.redeem_code,
        conn,
        sessions.secret_hash(code),
        sessions.secret_hash(token),
        now=now,
    )
    if session_id is None:
        return None
    session = sessions_store.find_session(conn, session_id)
    return SessionCookie(token, sessions.expires_at(session.created_at))


def check_session(conn, session_id: int, *, now: datetime, activity: bool = True) -> Actor:
    """The actor of a live session, read afresh (on every page load, fragment run and
    callback); `activity` (the user's own action) keeps it alive. A session found ended (idle,
    too old, account disabled, password changed or reset) is revoked then.

    Raises: AuthError with the reason's message (sessions.REASON_MESSAGES).
    """
    return _live_actor(conn, sessions_store.find_session(conn, session_id), now, activity)


def resume_session(conn, token: str, *, now: datetime) -> SignedIn | None:
    """The live session whose token the browser's cookie holds (a reload, another instance),
    checked as check_session does; opening a page is the user's action. None when the cookie
    is stale: no such session, or one that had ended before (nothing new to tell the user).

    Raises: AuthError when the session is found ended now (idle, too old, account disabled,
    password changed or reset), with the reason's message.
    """
    session = sessions_store.find_by_token(conn, sessions.secret_hash(token))
    if session is None or session.revoked_at is not None:
        return None
    return SignedIn(_live_actor(conn, session, now, activity=True), session.id)


def end_session(conn, session_id: int, *, now: datetime) -> None:
    """Sign out: the session ends for every tab and instance that shares it."""
    _revoke(conn, session_id, "signed_out", now)


def end_session_by_token(conn, token: str, *, now: datetime) -> None:
    """Sign out the session whose token a browser's cookie holds (nothing when none)."""
    session = sessions_store.find_by_token(conn, sessions.secret_hash(token))
    if session is not None:
        _revoke(conn, session.id, "signed_out", now)


def purge_ended_sessions(conn, *, now: datetime) -> int:
    """Delete the sessions that ended more than sessions.KEEP_ENDED ago; how many."""
    ended_before, created_before = sessions.purge_before(now)
    return _retried(
        sessions_store.delete_ended, conn, ended_before=ended_before, created_before=created_before
    )


def _live_actor(conn, session: StoredSession | None, now: datetime, activity: bool) -> Actor:
    if session is None:
        raise AuthError("auth.session_ended")
    reason = sessions.end_reason(session, now)
    if reason is not None:
        if reason == "disabled":  # every session of the account, not only this one
            _retried(sessions_store.revoke_user_sessions, conn, session.user_id, reason, now)
        elif session.revoked_at is None:
            _revoke(conn, session.id, reason, now)
        raise AuthError(sessions.REASON_MESSAGES[reason])
    actor = load_actor(conn, session.user_id)
    if activity and sessions.touch_due(session.last_seen, now):
        try:
            sessions_store.touch(conn, session.id, now)
        except VersionConflictError:
            pass  # another instance touched it at the same moment: touched either way
    return actor


def _revoke(conn, session_id: int, reason: str, now: datetime) -> None:
    _retried(sessions_store.revoke, conn, session_id, reason, now)


def _retried(write, *args, **kwargs):
    """A session write, tried again when it met another instance's write of the same row
    (a touch): each attempt is a transaction of its own, so a retry repeats nothing done."""
    for attempt in range(_ATTEMPTS):
        try:
            return write(*args, **kwargs)
        except VersionConflictError:
            if attempt == _ATTEMPTS - 1:
                raise
    return None


__all__ = [
    "SessionCookie",
    "SignedIn",
    "check_session",
    "end_session",
    "end_session_by_token",
    "purge_ended_sessions",
    "redeem_login_code",
    "resume_session",
    "sign_in_session",
]
