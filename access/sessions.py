"""Session rules: when a session ends (idle time-out, absolute lifetime, account disabled,
password changed), how often its activity is written down, and its secrets (the cookie's token
and the one-time login code), which are random and stored only as hashes.

A session ends after a spell without any real action of its user (a page load, a tap, a
button; an automatic refresh is none)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

COOKIE_NAME = "plandrill_session"
# However active, a session ends this long after its sign-in: a stolen cookie is not good forever,
# and a working day of drills (directing, evaluating) fits in it.
MAX_AGE = timedelta(hours=12)
# The browser swaps its login code for the cookie right after the sign-in (a script's fetch).
CODE_LIFETIME = timedelta(seconds=60)
# Writing last_seen on every rerun would make every tap a write: once a minute is enough
# for a time-out counted in tens of minutes (and a twentieth of a short one, in tests).
TOUCH_EVERY = timedelta(minutes=1)

# An ended session's row is kept this long (who was signed in from where, for a question about
# last month), then deleted, so the table holds weeks of sessions, not years.
KEEP_ENDED = timedelta(days=30)

REASON_MESSAGES = {
    "idle": "auth.session_expired",
    "lifetime": "auth.session_lifetime",
    "disabled": "auth.disabled",
    "password": "auth.session_ended",
    "signed_out": "auth.session_signed_out",
    "other_session": "auth.session_ended",
}


@dataclass(frozen=True)
class StoredSession:
    """What the database knows of one session and of its user's account."""

    id: int
    user_id: int
    created_at: datetime
    verified_at: datetime  # the user's password was last checked in this session
    last_seen: datetime
    revoked_at: datetime | None
    revoke_reason: str | None
    user_disabled: bool
    password_changed_at: datetime


def session_expired(
    last_seen: datetime | None, now: datetime, idle_minutes: float | None = None
) -> bool:
    """Whether a session whose user last acted at `last_seen` has been idle too long at `now`.

    `idle_minutes` defaults to PLANDRILL_SESSION_MINUTES (30; fractions allowed). A session
    never seen is expired.
    """
    if last_seen is None:
        return True
    return now - last_seen >= timedelta(minutes=_idle_minutes(idle_minutes))


def end_reason(
    session: StoredSession, now: datetime, idle_minutes: float | None = None
) -> str | None:
    """Why `session` can no longer be used at `now` (a key of REASON_MESSAGES), or None when it
    is alive. An ended session stays ended, whatever changed since."""
    if session.revoked_at is not None:
        return session.revoke_reason or "signed_out"
    if session.user_disabled:
        return "disabled"
    if session.password_changed_at > session.verified_at:
        return "password"  # reset by an admin, or changed in another session
    if now - session.created_at >= MAX_AGE:
        return "lifetime"
    if session_expired(session.last_seen, now, idle_minutes):
        return "idle"
    return None


def touch_due(last_seen: datetime, now: datetime, idle_minutes: float | None = None) -> bool:
    """Whether a user's action at `now` should be written down as the session's last_seen."""
    every = min(TOUCH_EVERY, timedelta(minutes=_idle_minutes(idle_minutes)) / 20)
    return now - last_seen >= every


def expires_at(created_at: datetime) -> datetime:
    """When a session created at `created_at` ends, however active (the cookie's lifetime)."""
    return created_at + MAX_AGE


def new_secret() -> str:
    """A fresh random token or login code (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """What is stored of a token or a login code. A fast hash suits random 256-bit secrets,
    which cannot be guessed from their hash the way a password can."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _idle_minutes(idle_minutes: float | None) -> float:
    if idle_minutes is not None:
        return idle_minutes
    from settings import load_settings

    return load_settings().session_minutes


def purge_before(now: datetime) -> tuple[datetime, datetime]:
    """(ended_before, created_before): a session revoked before the first, or created before the
    second (past its lifetime, noticed or not), ended more than KEEP_ENDED ago."""
    return now - KEEP_ENDED, now - MAX_AGE - KEEP_ENDED


__all__ = [
    "CODE_LIFETIME",
    "COOKIE_NAME",
    "KEEP_ENDED",
    "MAX_AGE",
    "REASON_MESSAGES",
    "StoredSession",
    "end_reason",
    "expires_at",
    "new_secret",
    "purge_before",
    "secret_hash",
    "session_expired",
    "touch_due",
]
