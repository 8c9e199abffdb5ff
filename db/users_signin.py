"""Signing in: password check with lock-out, session re-validation, own password change.

Lock-out: after 5 consecutive failed sign-ins a name is locked for 1 minute, doubling with each
further failure up to 1 hour; it is counted from the append-only login_attempts rows, a success
or an admin's password reset starts the count again, and attempts while locked do not count.
Unknown names are treated exactly like known ones, so neither the messages, the lock-out nor
the time taken tell whether an account exists.
"""

from __future__ import annotations

import math
import threading
from dataclasses import replace
from datetime import datetime, timedelta

import duckdb

from access import passwords, policy
from access.errors import AuthError
from access.policy import Actor
from db.connection import transaction
from db.errors import NotFoundError, VersionConflictError
from db.users_rows import (
    fetch_user,
    find_user_id,
    normalise_username,
    password_hash_of,
    record_attempt,
    set_password,
    username_key,
)

MAX_FAILURES = 5
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)
# Sign-ins of one name run one at a time (in this process, the only writer), so parallel
# guesses cannot all pass the lock-out check before any of them is counted.
_STRIPES = [threading.Lock() for _ in range(64)]
_DUMMY_HASH: list[str] = []


def authenticate(
    conn: duckdb.DuckDBPyConnection,
    username: str,
    password: str,
    *,
    now: datetime,
    ip: str | None = None,
) -> Actor:
    """Check a sign-in and return the actor it opens a session for.

    The returned actor may have must_change_password set: it may then only change its password.
    Raises: AuthError auth.bad_credentials (unknown name or wrong password: one message),
    auth.locked (params minutes, seconds), auth.disabled (right password, disabled account).
    """
    key = username_key(username)[:200]
    with _STRIPES[hash(key) % len(_STRIPES)]:
        with conn.cursor() as cur, transaction(cur):
            remaining = _lock_remaining(cur, key, now)
            if remaining is not None:
                record_attempt(cur, key, now, "locked", ip)
                raise _locked(remaining)
            row = cur.execute(
                "SELECT id, password_hash, disabled FROM users WHERE username_key = ?", [key]
            ).fetchone()
        if row is None:
            passwords.verify_password(_dummy_hash(), password)  # same time as a real check
            return _refuse(conn, key, now, ip)
        user_id, password_hash, disabled = row
        if not passwords.verify_password(password_hash, password):
            return _refuse(conn, key, now, ip)
        with conn.cursor() as cur, transaction(cur):
            record_attempt(cur, key, now, "disabled" if disabled else "ok", ip)
        if disabled:
            raise AuthError("auth.disabled")
        if passwords.needs_rehash(password_hash):
            _rehash(conn, user_id, password_hash, password)
        return load_actor(conn, user_id)


def load_actor(
    conn: duckdb.DuckDBPyConnection, user_id: int, *, signed_in_at: datetime | None = None
) -> Actor:
    """The actor of a signed-in session, read afresh: call it on every page load.

    Raises: AuthError auth.session_ended when the account is gone or its password was changed
    or reset after `signed_in_at`; auth.disabled when the account was disabled.
    """
    with conn.cursor() as cur, transaction(cur):
        row = cur.execute(
            "SELECT username, display_name, roles, unit, disabled, must_change_password,"
            " password_changed_at FROM users WHERE id = ?",
            [user_id],
        ).fetchone()
    if row is None:
        raise AuthError("auth.session_ended")
    username, display_name, roles, unit, disabled, must_change, changed_at = row
    if disabled:
        raise AuthError("auth.disabled")
    if signed_in_at is not None and changed_at > signed_in_at:
        raise AuthError("auth.session_ended")
    return Actor(
        username=username,
        display_name=display_name,
        roles=frozenset(roles),
        unit=unit,
        user_id=user_id,
        must_change_password=must_change,
    )


def act_as(conn: duckdb.DuckDBPyConnection, username: str) -> Actor:
    """The actor of an account for a command-line tool run by the machine's operator (who holds
    the database file): no password, and no must-change gate.

    Raises: NotFoundError users.not_found; AuthError auth.disabled.
    """
    with conn.cursor() as cur, transaction(cur):
        user_id = find_user_id(cur, normalise_username(username))
    if user_id is None:
        raise NotFoundError("users.not_found", username=normalise_username(username))
    return replace(load_actor(conn, user_id), must_change_password=False)


def change_password(
    conn: duckdb.DuckDBPyConnection, actor: Actor, old: str, new: str, *, now: datetime
) -> Actor:
    """Change the actor's own password (which clears must-change); return the actor afresh.

    A wrong old password counts as a failed sign-in.
    Raises: AuthError auth.bad_old_password, auth.locked or auth.disabled; PasswordRuleError;
    NotAllowedError.
    """
    policy.require(actor, "account.change_password", {"user_id": actor.user_id})
    with conn.cursor() as cur, transaction(cur):
        user = fetch_user(cur, actor.user_id)
    if user.disabled:
        raise AuthError("auth.disabled")
    key = username_key(user.username)
    with _STRIPES[hash(key) % len(_STRIPES)]:
        with conn.cursor() as cur, transaction(cur):
            remaining = _lock_remaining(cur, key, now)
            stored = password_hash_of(cur, user.id)
        if remaining is not None:
            raise _locked(remaining)
        if not passwords.verify_password(stored, old):
            with conn.cursor() as cur, transaction(cur):
                record_attempt(cur, key, now, "bad_credentials", None)
            raise AuthError("auth.bad_old_password")
        passwords.check_password_rules(new, user.username, old=old)
        set_password(
            conn, actor, user, new, must_change=False, action="user.change_password", now=now
        )
    return load_actor(conn, actor.user_id)


def lock_remaining(
    conn: duckdb.DuckDBPyConnection, username: str, *, now: datetime
) -> timedelta | None:
    """How long the name stays locked at `now`; None when it is not locked."""
    with conn.cursor() as cur, transaction(cur):
        return _lock_remaining(cur, username_key(username)[:200], now)


def lock_duration(failures: int) -> timedelta | None:
    """The lock-out after `failures` consecutive failures: none below 5, then 1 minute doubling
    up to 1 hour."""
    if failures < MAX_FAILURES:
        return None
    return min(FIRST_LOCK * 2 ** min(failures - MAX_FAILURES, 12), LONGEST_LOCK)


def _lock_remaining(cur, key: str, now: datetime) -> timedelta | None:
    failures, last = cur.execute(
        "SELECT count(*), max(attempted_at) FROM login_attempts WHERE username_key = ?"
        " AND reason = 'bad_credentials' AND id > coalesce((SELECT max(id) FROM login_attempts"
        " WHERE username_key = ? AND reason IN ('ok', 'reset')), 0)",
        [key, key],
    ).fetchone()
    duration = lock_duration(failures)
    if duration is None or last + duration <= now:
        return None
    return last + duration - now


def _locked(remaining: timedelta) -> AuthError:
    seconds = math.ceil(remaining.total_seconds())
    return AuthError("auth.locked", minutes=math.ceil(seconds / 60), seconds=seconds)


def _refuse(conn, key: str, now: datetime, ip: str | None) -> Actor:
    with conn.cursor() as cur, transaction(cur):
        record_attempt(cur, key, now, "bad_credentials", ip)
        remaining = _lock_remaining(cur, key, now)
    if remaining is not None:
        raise _locked(remaining)
    raise AuthError("auth.bad_credentials")


def _dummy_hash() -> str:
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(passwords.hash_password(passwords.generate_password()))
    return _DUMMY_HASH[0]


def _rehash(conn, user_id: int, old_hash: str, password: str) -> None:
    """Store the hash with today's parameters; skipped if someone changed the row meanwhile
    (the sign-in succeeds either way, and the next one tries again)."""
    new_hash = passwords.hash_password(password)
    try:
        with conn.cursor() as cur, transaction(cur):
            cur.execute(
                "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?",
                [new_hash, user_id, old_hash],
            )
    except VersionConflictError:
        pass


__all__ = [
    "act_as",
    "authenticate",
    "change_password",
    "load_actor",
    "lock_duration",
    "lock_remaining",
]
